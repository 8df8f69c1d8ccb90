"""Benchmark of the key pages over real HTTP, with logged-in sessions.

    .venv/bin/python -m wijkteam.embedded DATA_DIR -- .venv/bin/python -m bench --grootte small
    DATABASE_URL=postgresql://... .venv/bin/python -m bench --grootte city

The database must hold data made by `manage.py schaaldata` (bench users with known credentials).
Starts gunicorn on 127.0.0.1 (production settings with bench.urls, plain HTTP), logs in the bench
users through /inloggen/ and the TOTP step, then drives each key page
alone with one client for --seconden seconds: requests/s, p50/p95 latency, SQL queries (counted
in-process on one request); then the mix of all pages with --clients concurrent users for three
times --seconden (throughput). The load comes from wrk (Debian package, installed by
scripts/install-system-packages) with a generated Lua script, see drijf(). Two references per page,
measured in the same run:
  * "admin": Django's admin changelist of the same model, driven over HTTP like the pages: a
    bench-only AdminSite (bench/admin.py, on /bench-admin/ through bench.settings and bench.urls)
    as a quick build would have it, logged in as bench-beheer (staff, both factors), because the
    project's own admin does not register these models;
  * "SQL": the page's own read queries (as captured in-process) replayed alone over psycopg.
Plus PDF render time (bench/bench_pdf.py) and the reminder scans (bench/bench_herinneringen.py).
Prints one table and writes bench/results/<grootte>.json.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from binascii import unhexlify
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results"


def productie_omgeving():
    """Production settings over plain HTTP on loopback, for this process and for gunicorn. Set by
    main(), not at import, so that importing this module (tests/bench) leaves the environment."""
    os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_hex(24))
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    # Not setdefault: the bench needs its own URLs (the admin reference), whatever the shell says.
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("STATIC_ROOT", str(Path(tempfile.gettempdir()) / "wijkteam-bench-static"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    os.environ.setdefault("RATELIMIT_ENABLE", "0")  # a load test is far above a person's limits
    os.environ.pop("DEBUG", None)


WACHTWOORD = "Wijkteam-bench-2026"
BEHEERDER = "bench-beheer"  # staff superuser for the admin reference, made by beheerder_klaarzetten


def totp_sleutel(username: str) -> str:
    return username.encode().hex().ljust(40, "0")[:40]


def totp_code(sleutel_hex: str) -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(unhexlify(sleutel_hex)).token():06d}"


# --- HTTP ---------------------------------------------------------------------------------------


class Sessie:
    """Cookies by hand: the session cookie is Secure (production settings), we talk plain HTTP."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}

    def verbinding(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=60)

    def headers(self, extra=None) -> dict:
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        h.update(extra or {})
        return h

    def verzoek(self, conn, methode, pad, body=None, extra=None):
        conn.request(methode, pad, body=body, headers=self.headers(extra))
        resp = conn.getresponse()
        data = resp.read()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                naam, _, rest = v.partition("=")
                self.cookies[naam.strip()] = rest.split(";", 1)[0]
        return resp.status, resp.getheader("Location"), data

    def formulier(self, conn, pad, velden: dict):
        status, _, html = self.verzoek(conn, "GET", pad)
        m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not m:
            raise RuntimeError(f"geen CSRF-token op {pad} (status {status})")
        velden = {"csrfmiddlewaretoken": m.group(1).decode(), **velden}
        return self.verzoek(
            conn,
            "POST",
            pad,
            body=urlencode(velden),
            extra={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}{pad}",
            },
        )


def inloggen(host, port, username) -> Sessie:
    s = Sessie(host, port)
    conn = s.verbinding()
    status, loc, _ = s.formulier(
        conn, "/inloggen/", {"username": username, "password": WACHTWOORD, "next": ""}
    )
    if status != 302 or "tweede-factor" not in (loc or ""):
        raise RuntimeError(f"inloggen {username}: status {status} naar {loc}")
    status, loc, _ = s.formulier(
        conn, "/inloggen/tweede-factor/", {"code": totp_code(totp_sleutel(username))}
    )
    if status != 302:
        raise RuntimeError(f"tweede factor {username}: status {status}")
    conn.close()
    return s


def opwarmen(sessie: Sessie, pad: str, keer: int):
    """GET `pad` `keer` times, each on a new connection so that they spread over the gunicorn
    workers, each waited for. Not with wrk: it drops what is in flight when its time is up, and
    those requests would still be running when the measurement starts."""
    for _ in range(keer):
        conn = sessie.verbinding()
        sessie.verzoek(conn, "GET", pad)
        conn.close()


# --- load: wrk with a generated Lua script ------------------------------------------------------

WRK_ONTBREEKT = (
    "wrk ontbreekt: installeer het met scripts/install-system-packages (als root) of met "
    "apt-get install wrk"
)
WRK_FOUTEN = ("connect", "read", "write", "status", "timeout")

# Each wrk thread has its own Lua state running this script; setup() runs in the main state once
# per thread and gives it its start offset in the list, so the threads spread over the pages. The
# requests are formatted once per thread in init(); request() only cycles through them.
#
# done() reports the latencies as measured. wrk 4 "corrects" its histogram for coordinated
# omission before done() (stats_correct in wrk.c: for every response slower than twice the mean
# interval per connection it adds synthetic samples at latency - interval, - 2 x interval, ...).
# That models clients sending at a fixed rate; ours are users who wait for the page, as the
# previous driver measured. So done() takes the histogram apart (latency(i) is the i-th distinct
# value and its count), removes those samples again, from the top down, and takes the
# percentiles the way wrk does (rank = round(p/100 x count + 0.5)).
WRK_LUA = """\
local doelen = {@DOELEN@}
local wrk_threads, verbindingen = @THREADS@, @CLIENTS@
local volgende_offset = 0

function setup(thread)
  thread:set("offset", math.floor(volgende_offset * #doelen / wrk_threads))
  volgende_offset = volgende_offset + 1
end

local verzoeken, i = {}, 0

function init(args)
  for k, d in ipairs(doelen) do
    verzoeken[k] = wrk.format("GET", d[1], {Cookie = d[2]})
  end
  i = offset
end

function request()
  i = i % #verzoeken + 1
  return verzoeken[i]
end

function done(summary, latency, requests)
  local telling, waarden = {}, {}
  for k = 1, #latency do
    local waarde, aantal = latency(k)
    telling[waarde] = aantal
    waarden[#waarden + 1] = waarde
  end
  table.sort(waarden)
  local per_verbinding = math.floor(summary.requests / verbindingen)
  if per_verbinding > 0 then
    local interval = math.floor(summary.duration / per_verbinding)
    for k = #waarden, 1, -1 do
      local n = waarden[k]
      if n < 2 * interval then break end
      local aantal, m = telling[n], n - interval
      while aantal > 0 and m > interval do
        telling[m] = telling[m] - aantal
        m = m - interval
      end
    end
  end
  local totaal = 0
  for _, waarde in ipairs(waarden) do totaal = totaal + telling[waarde] end
  local function percentiel(p)
    local rang, som = math.floor(p / 100 * totaal + 1), 0
    for _, waarde in ipairs(waarden) do
      som = som + telling[waarde]
      if som >= rang then return waarde end
    end
    return 0
  end
  local e = summary.errors
  io.write(string.format(
    '\\n{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    percentiel(50), percentiel(95), percentiel(99)))
end
"""


def lua_tekst(tekst: str) -> str:
    """A Lua string literal: printable ASCII as is, everything else as a decimal escape."""
    return (
        '"'
        + "".join(
            chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\{b:03d}" for b in tekst.encode()
        )
        + '"'
    )


def drijf(
    host: str, poort: int, doelen: list[tuple[str, str]], *, clients: int, seconden: int
) -> dict:
    """Drive `doelen` (path, Cookie header) with wrk: `clients` keep-alive connections for
    `seconden` seconds, each wrk thread cycling through the list from its own offset. A 3xx is a
    success, a 4xx/5xx an error (wrk's errors.status), as are socket errors and timeouts."""
    wrk = shutil.which("wrk")
    if not wrk:
        raise RuntimeError(WRK_ONTBREEKT)
    # wrk gives each thread connections // threads connections: 2 threads only for an even count.
    threads = 2 if clients % 2 == 0 else 1
    script = (
        WRK_LUA.replace(
            "@DOELEN@",
            ", ".join(f"{{{lua_tekst(pad)}, {lua_tekst(cookie)}}}" for pad, cookie in doelen),
        )
        .replace("@THREADS@", str(threads))
        .replace("@CLIENTS@", str(clients))
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="bench-wrk-") as bestand:
        bestand.write(script)
        bestand.flush()
        proces = subprocess.run(
            [
                wrk,
                "--threads", str(threads),
                "--connections", str(clients),
                "--duration", f"{seconden}s",
                "--timeout", "10s",
                "--script", bestand.name,
                f"http://{host}:{poort}/",
            ],
            capture_output=True,
            text=True,
            timeout=seconden + 60,
        )  # fmt: skip
    regels = [r for r in proces.stdout.splitlines() if r.startswith('{"requests"')]
    if proces.returncode or not regels:
        raise RuntimeError(f"wrk faalde ({proces.returncode}): {proces.stderr or proces.stdout}")
    w = json.loads(regels[-1])
    foutcodes = {soort: w[soort] for soort in WRK_FOUTEN if w[soort]}
    gemeten = w["requests"] > 0

    def ms(us):
        return round(us / 1000, 1) if gemeten else float("nan")

    return {
        "verzoeken": w["requests"],
        "fouten": sum(foutcodes.values()),
        "foutcodes": foutcodes,
        "rps": round(w["requests"] / (w["duration_us"] / 1e6), 1) if w["duration_us"] else 0,
        "p50_ms": ms(w["p50_us"]),
        "p95_ms": ms(w["p95_us"]),
        "p99_ms": ms(w["p99_us"]),
    }


def alleen(sessie: Sessie, pad: str, *, poort: int, workers: int, seconden: int) -> dict:
    """`pad` alone with one client, as a user clicking through sees it: warmed up first, then
    driven by wrk for `seconden`."""
    opwarmen(sessie, pad, keer=2 * workers)
    doel = [(pad, sessie.headers()["Cookie"])]
    return drijf("127.0.0.1", poort, doel, clients=1, seconden=seconden)


# --- gunicorn -----------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int, threads: int):
    poort = vrije_poort()
    proces = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "wijkteam.wsgi",
            "--bind", f"127.0.0.1:{poort}",
            "--workers", str(workers),
            "--threads", str(threads),
            "--log-level", "warning",
        ],
        cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
                c.request("GET", "/inloggen/")
                c.getresponse().read()
                break
            except OSError:
                if proces.poll() is not None:
                    raise RuntimeError("gunicorn is gestopt tijdens het starten") from None
                time.sleep(0.1)
        yield poort
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)


# --- in-process: targets, query counts, references ---------------------------------------------


def doelen_kiezen():
    """Ids and URLs of the records the bench users open (from the bench consulent's caseload)."""
    from django.urls import NoReverseMatch, reverse

    from casussen.models import Casus, Persoon
    from partners.models import Verwijzing
    from plannen.models import Planversie
    from toegang.models import Gebruiker

    consulent = Gebruiker.objects.get(username="bench-consulent")
    casus = (
        Casus.objects.filter(regisseur=consulent, huishouden__plan__isnull=False)
        .exclude(status="afgesloten")
        .order_by("id")
        .first()
    ) or Casus.objects.filter(regisseur=consulent).order_by("id").first()
    hh = casus.huishouden_id
    versie = Planversie.objects.filter(plan__huishouden_id=hh).order_by("-nummer").first()
    naam = Persoon.objects.filter(huishouden_id=hh).order_by("id").first().achternaam
    partner = Gebruiker.objects.get(username="bench-partner")
    verwijzing = (
        Verwijzing.objects.filter(organisatie__groep__in=partner.groups.all())
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )

    paginas = [
        ("caseload", "bench-consulent", "casussen:caseload", [], ""),
        ("team", "bench-teamleider", "casussen:team", [], ""),
        ("huishouden", "bench-consulent", "casussen:huishouden", [hh], ""),
        ("casus", "bench-consulent", "casussen:casus", [casus.pk], ""),
        ("plan", "bench-consulent", "plannen:plan", [hh], ""),
        ("planversie", "bench-consulent", "plannen:versie", [versie.pk] if versie else None, ""),
        ("zoeken", "bench-consulent", "casussen:zoeken", [], "?" + urlencode({"naam": naam})),
        ("partner-inbox", "bench-partner", "partners:inbox", [], ""),
        (
            "partner-verw",
            "bench-partner",
            "partners:inbox_verwijzing",
            [verwijzing] if verwijzing else None,
            "",
        ),
        ("backoffice", "bench-backoffice", "plannen:aanvragen", [], ""),
        ("dashboard", "bench-beleid", "casussen:stuurinformatie", [], ""),
    ]
    uit, overgeslagen = [], []
    for naam_, user, route, args, query in paginas:
        if args is None:
            overgeslagen.append((naam_, "geen record"))
            continue
        try:
            uit.append((naam_, user, reverse(route, args=args) + query))
        except NoReverseMatch:
            overgeslagen.append((naam_, f"URL {route} bestaat niet"))
    return uit, overgeslagen


# The model behind each page, as "<app_label>_<model_name>": its changelist on the bench admin site
# (bench/admin.py) is the page's admin reference.
ADMIN_MODEL = {
    "caseload": "casussen_casus",
    "team": "casussen_casus",
    "huishouden": "casussen_huishouden",
    "casus": "casussen_casus",
    "plan": "plannen_planversie",
    "planversie": "plannen_actie",
    "zoeken": "casussen_huishouden",
    "partner-inbox": "partners_verwijzing",
    "partner-verw": "partners_verwijzing",
    "backoffice": "plannen_aanvraag",
    "dashboard": "casussen_casus",
}


# Bench-only pages (bench/urls.py) that show what a page costs before its own work: every
# middleware with an empty answer, and the shared layout without content.
VLOER = {"leeg antwoord": "/bench-vloer/leeg/", "lege pagina": "/bench-vloer/pagina/"}


def beheerder_klaarzetten() -> None:
    """Get or create bench-beheer (staff superuser, the bench password and TOTP key) the way
    manage.py schaaldata makes the other bench users."""
    from toegang.models import Gebruiker, Rol
    from toegang.services import gebruiker_aanmaken

    if not Gebruiker.objects.filter(username=BEHEERDER).exists():
        gebruiker_aanmaken(
            username=BEHEERDER,
            password=WACHTWOORD,
            rollen=[Rol.BEHEERDER],
            totp_sleutel=totp_sleutel(BEHEERDER),
            first_name="Beheer",
            last_name="Bench",
            email=f"{BEHEERDER}@schaalstad.example",
            is_staff=True,
            is_superuser=True,
        )


def admin_paden() -> dict[str, str | None]:
    """Changelist path per ADMIN_MODEL value on the bench admin site (None: not registered)."""
    from django.urls import NoReverseMatch, reverse

    paden = {}
    for model in dict.fromkeys(ADMIN_MODEL.values()):
        try:
            paden[model] = reverse(f"benchadmin:{model}_changelist")
        except NoReverseMatch:
            paden[model] = None
    return paden


def admin_referentie(
    changelists: dict[str, str | None], *, poort: int, workers: int, seconden: int
) -> dict[str, dict]:
    """Each changelist alone with one client, as a page, in one bench-beheer session (one login:
    a TOTP code is accepted once). A failure is reported (status, fout), not raised."""
    try:
        sessie = inloggen("127.0.0.1", poort, BEHEERDER)
    except (OSError, RuntimeError) as e:
        fout = f"{type(e).__name__}: {e}"
        return {
            model: {"url": pad, "status": None, "p50_ms": None, "fout": fout}
            for model, pad in changelists.items()
        }
    return {
        model: _changelist_meten(sessie, pad, poort=poort, workers=workers, seconden=seconden)
        for model, pad in changelists.items()
    }


def _changelist_meten(sessie, pad: str | None, *, poort: int, workers: int, seconden: int):
    if pad is None:
        return {"url": None, "status": None, "p50_ms": None, "fout": "niet geregistreerd"}
    uit = {"url": pad, "status": None}
    try:
        conn = sessie.verbinding()
        uit["status"] = sessie.verzoek(conn, "GET", pad)[0]
        conn.close()
        if uit["status"] != 200:
            return {**uit, "p50_ms": None, "fout": f"status {uit['status']}"}
        uit.update(alleen(sessie, pad, poort=poort, workers=workers, seconden=seconden))
    except (OSError, RuntimeError) as e:
        return {**uit, "p50_ms": None, "fout": f"{type(e).__name__}: {e}"}
    return uit


OVERHEAD = re.compile(r'FROM "(django_session|otp_totp_totpdevice|toegang_gebruiker|axes_\w+)"')


def queries_van_pagina(username: str, pad: str) -> tuple[int, list[str], int]:
    """Run the page once in-process; return query count, the page's own read queries, status."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from toegang.models import Gebruiker

    user = Gebruiker.objects.get(username=username)
    client = Client()
    client.force_login(user)
    sessie = client.session
    sessie["otp_device_id"] = TOTPDevice.objects.get(user=user).persistent_id
    sessie.save()
    client.get(pad)  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(pad)
    eigen = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and not OVERHEAD.search(q["sql"])
    ]
    return len(ctx.captured_queries), eigen, resp.status_code


def psycopg_tijd(dsn: str, sqls: list[str], herhalingen: int = 15) -> float:
    """Median seconds to execute these statements back to back over one psycopg connection."""
    import psycopg

    if not sqls:
        return float("nan")
    tijden = []
    begin = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cur:
        for i in range(herhalingen + 2):
            if len(tijden) >= 3 and time.perf_counter() - begin > 5:
                break  # a slow page: three timed runs are enough
            t0 = time.perf_counter()
            for sql in sqls:
                cur.execute(sql)
                if cur.description:
                    cur.fetchall()
            if i >= 2:
                tijden.append(time.perf_counter() - t0)
    return statistics.median(tijden)


def _bench_script(*args: str) -> subprocess.CompletedProcess:
    """Run one of the bench/ scripts with this Python, with DEBUG on as when run on its own."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
    )


def pdf_tijd() -> dict:
    proces = _bench_script("bench/bench_pdf.py", "--herhalingen", "3")
    getallen = re.findall(r"mediaan (\d+[.,]\d+)", proces.stdout)
    return {
        "uitvoer": proces.stdout.strip().splitlines()[-3:],
        "mediaan_s": float(getallen[0].replace(",", ".")) if getallen else None,
        "exit": proces.returncode,
    }


def herinneringen_tijd() -> dict:
    """All reminder scans, timed and explained by bench/bench_herinneringen.py (rolled back)."""
    proces = _bench_script("bench/bench_herinneringen.py")
    totaal = re.findall(r"totaal +(\d+\.\d+) s", proces.stdout)
    return {
        "totaal_s": float(totaal[0]) if totaal else None,
        "exit": proces.returncode,
        "uitvoer": proces.stdout.strip().splitlines()[-3:],
    }


# --- main ---------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grootte", default="small", help="label for the results file")
    parser.add_argument("--clients", type=int, default=16, help="concurrent users in the mix")
    parser.add_argument("--seconden", type=int, default=10, help="per page (wrk: whole seconds)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--geen-pdf", action="store_true")
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        parser.error(WRK_ONTBREEKT)
    ijking = [ijking_ms()]
    productie_omgeving()
    dsn = os.environ.get("DATABASE_URL")
    if not dsn:
        parser.error("DATABASE_URL ontbreekt (of start via python -m wijkteam.embedded DIR --)")
    sys.path.insert(0, str(ROOT))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    import django

    django.setup()

    beheerder_klaarzetten()
    paginas, overgeslagen = doelen_kiezen()
    changelists = admin_paden()
    resultaten = {}
    for naam, user, pad in paginas:
        n, eigen, status = queries_van_pagina(user, pad)
        resultaten[naam] = {
            "url": pad,
            "gebruiker": user,
            "status": status,
            "sql_queries": n,
            "sql_ondergrens_ms": round(psycopg_tijd(dsn, eigen) * 1000, 2),
            "admin_model": ADMIN_MODEL[naam],
        }
    from django.db import connection

    connection.close()

    with gunicorn(args.workers, args.threads) as poort:
        sessies = {u: inloggen("127.0.0.1", poort, u) for u in {u for _, u, _ in paginas}}
        eenzaam = {"poort": poort, "workers": args.workers, "seconden": args.seconden}
        for naam, user, pad in paginas:
            resultaten[naam].update(alleen(sessies[user], pad, **eenzaam))
        # The admin reference: each distinct changelist once, alone, like a page.
        admin = admin_referentie(changelists, **eenzaam)
        for r in resultaten.values():
            r["admin_status"] = admin[r["admin_model"]]["status"]
            r["admin_ms"] = admin[r["admin_model"]]["p50_ms"]
            r["x_ondergrens"] = _ratio(r["p50_ms"], r["sql_ondergrens_ms"])
            r["x_admin"] = _ratio(r["p50_ms"], r["admin_ms"])
        # The floor: what any page costs before its own work (bench/urls.py), as a consulent.
        vloer = {
            naam: alleen(sessies["bench-consulent"], pad, **eenzaam) for naam, pad in VLOER.items()
        }
        # Throughput: `clients` concurrent users over the mix of every page.
        mix = drijf(
            "127.0.0.1",
            poort,
            [(pad, sessies[user].headers()["Cookie"]) for _, user, pad in paginas],
            clients=args.clients,
            seconden=args.seconden * 3,
        )

    ijking.append(ijking_ms())
    extra = {"herinneringen": herinneringen_tijd()}
    if not args.geen_pdf:
        extra["pdf"] = pdf_tijd()
    uitkomst = {
        "grootte": args.grootte,
        "clients": args.clients,
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "tijd": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "ijking_ms": ijking,
        "paginas": resultaten,
        "admin": admin,
        "vloer": vloer,
        "mix": mix,
        "overgeslagen": dict(overgeslagen),
        **extra,
    }
    print(tabel_tekst(uitkomst))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.grootte}.json").write_text(json.dumps(uitkomst, indent=2) + "\n")
    print(f"\nGeschreven: {RESULTS / (args.grootte + '.json')}")
    return 0


def ijking_ms() -> float:
    """The machine's speed at this moment: the best of five runs of a fixed pure-Python loop, in
    ms. This virtual machine's speed drifts by tens of percent over a day; taken at the start
    and the end of a run, it tells whether two runs' latencies can be compared."""

    def lus():
        totaal = 0
        for i in range(300_000):
            totaal += i * i % 7
        return totaal

    return round(min(timeit.repeat(lus, number=1, repeat=5)) * 1000, 1)


def _ratio(a, b):
    if not a or not b or b != b:
        return None
    return round(a / b, 1)


def tabel_tekst(u: dict) -> str:
    kop = (
        f"{'pagina':<14}{'status':>6}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'SQL#':>6}"
        f"{'SQL ms':>9}{'×SQL':>7}{'admin ms':>10}{'×admin':>8}"
    )
    regels = [
        f"grootte={u['grootte']} clients={u['clients']} gunicorn={u['gunicorn']} "
        f"ijking={u['ijking_ms'][0]}/{u['ijking_ms'][1]} ms (begin/eind)",
        kop,
    ]
    for naam, r in u["paginas"].items():
        regels.append(
            f"{naam:<14}{r['status']:>6}{r['rps']:>8}{r['p50_ms']:>9}{r['p95_ms']:>9}"
            f"{r['sql_queries']:>6}{r['sql_ondergrens_ms']:>9}{str(r['x_ondergrens']):>7}"
            f"{str(r['admin_ms']):>10}{str(r['x_admin']):>8}"
            + (f"  ({r['fouten']} fouten)" if r.get("fouten") else "")
        )
    regels.append(
        "vloer (bench-consulent, p50): "
        + ", ".join(f"{naam} {v['p50_ms']} ms" for naam, v in u["vloer"].items())
    )
    m = u["mix"]
    regels.append(
        f"mix van alle pagina's, {u['clients']} gelijktijdige gebruikers: {m['rps']} verzoeken/s, "
        f"p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms, {m['fouten']} fouten {m['foutcodes'] or ''}"
    )
    for model, a in u["admin"].items():
        if a.get("fout") or a.get("fouten"):
            regels.append(
                f"admin {model} ({a['url']}): {a.get('fout') or str(a['fouten']) + ' fouten'}"
            )
    for naam, reden in u["overgeslagen"].items():
        regels.append(f"{naam:<14} overgeslagen: {reden}")
    if "pdf" in u:
        regels.append(f"PDF (bench_pdf.py): mediaan {u['pdf']['mediaan_s']} s")
    regels.append(f"Herinneringen: {u['herinneringen']}")
    return "\n".join(regels)


if __name__ == "__main__":
    sys.exit(main())
