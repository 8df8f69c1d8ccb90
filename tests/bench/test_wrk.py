"""The bench's load driver (bench.run.drijf: wrk with a generated Lua script) against a tiny HTTP
server: counts requests and errors, treats a 302 as a success, reports the latencies as measured."""

import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.run import drijf

pytestmark = pytest.mark.skipif(
    shutil.which("wrk") is None,
    reason="wrk ontbreekt (scripts/install-system-packages installeert het; make test draait dat)",
)

COOKIE = "sessionid=abc123; csrftoken=xyz"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn
    disable_nagle_algorithm = True  # headers and body go out in two writes
    teller = 0
    slot = threading.Lock()

    def do_GET(self):
        if self.path == "/terug/":
            self.antwoord(302, b"", {"Location": "/pagina/"})
        elif self.headers.get("Cookie") != COOKIE:
            self.antwoord(403, b"verboden")
        elif self.path == "/wisselend/":
            with Handler.slot:
                Handler.teller += 1
                traag = Handler.teller % 5 < 2
            time.sleep(0.2 if traag else 0)
            self.antwoord(200, b"ok")
        else:
            self.antwoord(200, b"<html>pagina</html>")

    def antwoord(self, status, body, headers=None):
        self.send_response(status)
        for naam, waarde in (headers or {}).items():
            self.send_header(naam, waarde)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # wrk resets its connections when it stops


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_pagina_en_redirect_zonder_fouten(server):
    r = drijf(
        "127.0.0.1", server, [("/pagina/", COOKIE), ("/terug/", COOKIE)], clients=2, seconden=1
    )
    assert r["verzoeken"] > 0
    assert r["rps"] > 0
    assert r["fouten"] == 0, r
    assert r["foutcodes"] == {}
    assert 0 < r["p50_ms"] <= r["p95_ms"]


def test_verkeerde_cookie_telt_als_fout(server):
    r = drijf("127.0.0.1", server, [("/pagina/", "sessionid=fout")], clients=1, seconden=1)
    assert r["verzoeken"] > 0
    assert r["fouten"] == r["verzoeken"]
    assert r["foutcodes"] == {"status": r["verzoeken"]}


def test_latenties_zoals_gemeten(server):
    """Two in five responses take 200 ms, the rest ~0 ms. wrk's coordinated-omission correction
    would add a synthetic sample between them for every slow one and move the median into the
    slow range; the driver removes those samples again."""
    r = drijf("127.0.0.1", server, [("/wisselend/", COOKIE)], clients=1, seconden=2)
    assert r["fouten"] == 0, r
    assert r["p50_ms"] < 50, r
    assert r["p95_ms"] >= 190, r
