"""The optional virus scan of uploaded scans (issue 11), against a real clamd.

clamd runs from Debian's clamav-daemon with a database of one test signature: the EICAR test
string anywhere in a file (freshclam's signatures cannot be fetched here, and are not needed).
"""

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest
from clamav_client.clamd import ClamdError, ClamdUnixSocket
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plannen.models import Ondertekening
from tests.plannen.helpers import leden, maak_plan

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
HANDTEKENING = "Wijkteam.Test.EICAR"
BESMET = b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n"  # passes the type check: a PDF by its first bytes
SCHOON = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
CLAMD = shutil.which("clamd", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def clamd(tmp_path_factory):
    """A clamd on a Unix socket and a loopback TCP port, for the whole run."""
    if CLAMD is None:
        pytest.skip("clamd ontbreekt: installeer clamav-daemon (scripts/install-system-packages)")
    map_ = tmp_path_factory.mktemp("clamd")
    (map_ / "db").mkdir()
    (map_ / "db" / "wijkteam-test.ndb").write_text(f"{HANDTEKENING}:0:*:{EICAR.hex()}\n")
    poort = _vrije_poort()
    instellingen = {
        "LocalSocket": map_ / "clamd.sock",
        "TCPSocket": poort,
        "TCPAddr": "127.0.0.1",
        "DatabaseDirectory": map_ / "db",
        "TemporaryDirectory": map_,
        "PidFile": map_ / "clamd.pid",
        "Foreground": "yes",
    }
    (map_ / "clamd.conf").write_text("".join(f"{k} {v}\n" for k, v in instellingen.items()))
    proces = subprocess.Popen([CLAMD, "-c", map_ / "clamd.conf"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            ClamdUnixSocket(str(map_ / "clamd.sock"), timeout=5).ping()
            break
        except ClamdError:
            assert proces.poll() is None, "clamd is gestopt tijdens het starten"
            assert time.monotonic() < deadline, "clamd antwoordt niet"
            time.sleep(0.2)
    yield {"socket": str(map_ / "clamd.sock"), "poort": poort}
    proces.terminate()
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proces.kill()


@pytest.fixture(params=["socket", "tcp"])
def scanner(request, clamd, settings):
    """The upload form talks to clamd over its Unix socket, or over TCP."""
    if request.param == "socket":
        settings.CLAMAV_SOCKET = clamd["socket"]
    else:
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = "127.0.0.1", clamd["poort"]


def _upload(wereld, inhoud: bytes):
    versie = maak_plan(wereld)
    return wereld.client("consulent").post(
        reverse("plannen:ondertekenen", kwargs={"pk": versie.pk}),
        {
            "persoon": leden(versie.plan.huishouden)[1].pk,
            "oordeel": "akkoord",
            "methode": "papier",
            "scan": SimpleUploadedFile("scan.pdf", inhoud, "application/pdf"),
        },
    )


def _opgeslagen(media) -> list:
    return [pad for pad in media.rglob("*") if pad.is_file()]


def test_besmet_bestand_geweigerd(wereld, scanner, media_in_tmp, caplog):
    with caplog.at_level(logging.WARNING, logger="wijkteam.virusscan"):
        response = _upload(wereld, BESMET)
    melding = f"Het bestand is geweigerd: de virusscanner vond {HANDTEKENING}.UNOFFICIAL."
    assert response.status_code == 200
    assert response.context["form"].errors["scan"] == [melding]
    assert melding in response.content.decode()
    assert not Ondertekening.objects.exists()
    assert not _opgeslagen(media_in_tmp)
    assert HANDTEKENING in caplog.text


def test_schone_pdf_geaccepteerd(wereld, scanner, media_in_tmp):
    response = _upload(wereld, SCHOON)
    assert response.status_code == 302
    ondertekening = Ondertekening.objects.get()
    assert ondertekening.bestand_type == "application/pdf"
    assert ondertekening.bestand.read() == SCHOON


def test_onbereikbare_scanner_weigert_en_logt(wereld, settings, tmp_path, media_in_tmp, caplog):
    """Fail closed: configured but not answering, the upload is refused, never let through."""
    settings.CLAMAV_SOCKET = str(tmp_path / "geen-clamd.sock")
    with caplog.at_level(logging.ERROR, logger="wijkteam.virusscan"):
        response = _upload(wereld, SCHOON)
    assert response.status_code == 200
    [fout] = response.context["form"].errors["scan"]
    assert fout.startswith("Het bestand kan nu niet op virussen worden gecontroleerd")
    assert not Ondertekening.objects.exists()
    assert not _opgeslagen(media_in_tmp)
    assert "geen-clamd.sock" in caplog.text


def test_zonder_scanner_geen_controle(wereld, settings):
    """Without clamd configured, the type check alone decides (the scan is optional)."""
    assert not settings.CLAMAV_SOCKET and not settings.CLAMAV_HOST
    assert _upload(wereld, BESMET).status_code == 302
