"""SIGKILL of the worker during a PDF render: exactly one PDF afterwards (issue 11, acceptance 5).

The task is acknowledged late (CELERY_TASK_ACKS_LATE): a worker killed mid-render leaves it
unacknowledged in Redis, which hands it to the next worker after the visibility timeout
(CELERY_VISIBILITY_TIMEOUT, a few seconds here). The render runs under a row lock on the PlanPdf
(plannen.services.pdf_renderen); the test sees that lock to know the render has started.
"""

import json
import os
import signal
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import DatabaseError, transaction
from django.urls import reverse

from plannen import services
from plannen.models import PdfStatus, PlanPdf
from tests.conftest import worker_starten, worker_stoppen

from .helpers import maak_getekend_plan, maak_plan, onderteken

ZICHTBAARHEID = 5  # seconds before Redis hands an unacknowledged task to another worker


def _wordt_gerenderd(pdf_id: int) -> bool:
    """The worker holds the PDF's row lock from the start of the render until its commit."""
    try:
        with transaction.atomic():
            list(PlanPdf.objects.select_for_update(nowait=True).filter(pk=pdf_id).values("pk"))
    except DatabaseError:
        return True
    return False


def _wacht(voorwaarde, seconden: float, wat: str):
    deadline = time.monotonic() + seconden
    while time.monotonic() < deadline:
        if voorwaarde():
            return
        time.sleep(0.05)
    pytest.fail(f"na {seconden} s nog niet: {wat}")


def _bestanden(media: Path) -> list[Path]:
    return sorted(p for p in (media / "plannen" / "pdf").rglob("*") if p.is_file())


def _pdf_taken_in_redis(planversie_id: int) -> list[str]:
    """pdf_maken messages for this version still waiting or taken but not acknowledged."""
    r = redis.Redis.from_url(settings.REDIS_URL)
    berichten = [*r.lrange("celery", 0, -1), *(json.loads(w)[0] for w in r.hvals("unacked"))]
    uit = []
    for bericht in berichten:
        kop = (json.loads(bericht) if isinstance(bericht, bytes) else bericht)["headers"]
        if kop["task"] == "plannen.tasks.pdf_maken" and kop["argsrepr"] == f"({planversie_id},)":
            uit.append(kop["id"])
    return uit


@pytest.mark.worker
def test_sigkill_tijdens_pdf_geeft_precies_een_pdf(transactional_db, wereld, media_in_tmp):
    from wijkteam.celery import app

    # Enough actions to keep WeasyPrint busy for a few seconds.
    versie = maak_plan(wereld, acties=150, doelen=8, organisatie=wereld.organisatie)
    app.control.purge()
    env = {"CELERY_VISIBILITY_TIMEOUT": str(ZICHTBAARHEID)}
    eerste = worker_starten(pool="prefork", naam="gedood", **env)
    try:
        onderteken(wereld, versie)  # commits, then queues the PDF of the signed version
        pdf = PlanPdf.objects.get(planversie=versie)
        _wacht(lambda: _wordt_gerenderd(pdf.pk), 60, "de worker rendert de PDF")
        begonnen = time.monotonic()
        os.killpg(eerste.pid, signal.SIGKILL)  # the worker and its pool child, mid-render
        eerste.wait(timeout=10)
    finally:
        if eerste.poll() is None:
            worker_stoppen(eerste)

    # PostgreSQL rolled the killed render back: no PDF yet, the task is not acknowledged.
    _wacht(lambda: not _wordt_gerenderd(pdf.pk), 30, "PostgreSQL geeft de rij vrij")
    pdf.refresh_from_db()
    assert pdf.status == PdfStatus.WACHTEN and not pdf.bestand
    assert len(_pdf_taken_in_redis(versie.pk)) == 1

    time.sleep(max(0.0, begonnen + ZICHTBAARHEID + 1 - time.monotonic()))
    tweede = worker_starten(pool="prefork", naam="opvolger", **env)
    try:
        _wacht(
            lambda: PlanPdf.objects.get(pk=pdf.pk).status != PdfStatus.WACHTEN,
            120,
            "de tweede worker maakt de PDF",
        )
        pdf.refresh_from_db()
        assert pdf.status == PdfStatus.KLAAR, pdf.fout
        gereed_op = pdf.gereed_op
        # Acknowledged once: nothing left in Redis to render it again.
        _wacht(lambda: not _pdf_taken_in_redis(versie.pk), 30, "de taak is bevestigd")
        time.sleep(ZICHTBAARHEID + 1)
    finally:
        worker_stoppen(tweede)

    assert PlanPdf.objects.filter(planversie=versie).count() == 1
    pdf.refresh_from_db()
    assert pdf.status == PdfStatus.KLAAR and pdf.gereed_op == gereed_op
    assert _bestanden(media_in_tmp) == [media_in_tmp / pdf.bestand.name]
    client = wereld.client("consulent")
    response = client.get(reverse("plannen:pdf_downloaden", kwargs={"pk": versie.pk}))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_bestand_van_een_gedode_render_wordt_opgeruimd(
    wereld, media_in_tmp, django_capture_on_commit_callbacks
):
    """A worker killed after writing its file but before its commit leaves a file no row points
    to; the render that runs again keeps exactly one file."""
    versie = maak_getekend_plan(wereld, acties=1)
    wees = media_in_tmp / "plannen" / "pdf" / str(versie.pk) / f"plan-versie-{versie.nummer}.pdf"
    wees.parent.mkdir(parents=True)
    wees.write_bytes(b"%PDF-1.7 half geschreven")
    with django_capture_on_commit_callbacks(execute=True):
        pdf = services.pdf_renderen(planversie_id=versie.pk)
    assert pdf.status == PdfStatus.KLAAR
    assert _bestanden(media_in_tmp) == [media_in_tmp / pdf.bestand.name]
    assert (media_in_tmp / pdf.bestand.name).read_bytes().startswith(b"%PDF")
    assert (media_in_tmp / pdf.bestand.name).read_bytes() != b"%PDF-1.7 half geschreven"
