"""`make run` in miniature: the launcher starts its own PostgreSQL, Redis, web server, worker and
beat on a fresh data directory; the login page answers and /health/ reports everything up.
A second start on the same directory keeps the data."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.worker


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _start(data_dir, poort):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORT=str(poort), PYTHONUNBUFFERED="1")
    for sleutel in ("DEBUG", "DEMO_MODE"):
        env.pop(sleutel, None)
    return subprocess.Popen(
        [sys.executable, "-m", "wijkteam.launcher", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _wacht_op_gezond(proces, basis: str, seconden: int = 180) -> dict:
    deadline = time.monotonic() + seconden
    laatste = None
    while time.monotonic() < deadline:
        assert proces.poll() is None, proces.stdout.read()
        try:
            status, body = _get(basis + "/health/")
            laatste = json.loads(body)
            if status == 200:
                return laatste
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
            pass
        time.sleep(1)
    pytest.fail(f"niet gezond binnen {seconden} s: {laatste}")


def _stop(proces) -> str:
    proces.send_signal(signal.SIGINT)
    try:
        uitvoer, _ = proces.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)
        uitvoer, _ = proces.communicate()
        pytest.fail("de launcher stopte niet op Ctrl-C")
    return uitvoer


def test_startcommando_brengt_alles_op_en_bewaart_data(tmp_path):
    tmp_path.chmod(0o755)  # PostgreSQL runs as its own user when the tests run as root
    data_dir = tmp_path / "data"
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"

    proces = _start(data_dir, poort)
    try:
        health = _wacht_op_gezond(proces, basis)
        assert health == {"status": "ok", "database": "up", "redis": "up", "worker": "up"}
        status, body = _get(basis + "/inloggen/")
        assert status == 200
        assert "Inloggen" in body.decode()
    finally:
        uitvoer = _stop(proces)
    assert "Demodata geladen." in uitvoer
    assert f"http://localhost:{poort}/" in uitvoer
    assert "consulent" in uitvoer

    proces = _start(data_dir, poort)
    try:
        _wacht_op_gezond(proces, basis)
    finally:
        uitvoer = _stop(proces)
    assert "Demodata was al geladen." in uitvoer
