"""The printed plan: rendered by WeasyPrint in a real Celery worker, stored, downloadable."""

import io
import time

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from pypdf import PdfReader

from plannen import services
from plannen.models import Actie, PdfStatus, PlanPdf

from .helpers import leden, maak_getekend_plan, maak_plan


def pdf_tekst(inhoud: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(inhoud))
    # Table cells wrap: whitespace is folded so that a wrapped text still matches.
    tekst = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return tekst, len(reader.pages)


def nl(datum, formaat="j F Y") -> str:
    with translation.override("nl"):
        return dateformat.format(
            timezone.localtime(datum) if hasattr(datum, "tzinfo") and datum.tzinfo else datum,
            formaat,
        )


def controleer_inhoud(tekst: str, pagina_s: int, versie) -> None:
    for lid in leden(versie.plan.huishouden):
        assert lid.naam in tekst
    for doel in versie.doelen.all():
        assert doel.omschrijving in tekst
    for actie in Actie.objects.filter(doel__planversie=versie):
        assert actie.wat in tekst
        assert actie.wanneer.strftime("%d-%m-%Y") in tekst
    assert "Partnerorganisatie: MEE Test" in tekst
    assert nl(versie.evaluatiedatum) in tekst
    ondertekening = versie.ondertekeningen.get()
    assert nl(ondertekening.getekend_op) in tekst
    assert f"Versie {versie.nummer}" in tekst
    assert "versie 1" in tekst.lower()
    for nummer in range(1, pagina_s + 1):
        assert f"Pagina {nummer} van {pagina_s}" in tekst


@pytest.mark.django_db
def test_pdf_inhoud_en_herhaalbaar(wereld):
    """Acceptance 2 (in-process): name, goals, actions, dates, version, page x of y; rendering the
    frozen version again gives the same content, and an unchanged PDF is not rendered again."""
    versie = maak_getekend_plan(wereld, acties=5, doelen=3, organisatie=wereld.organisatie)
    pdf = services.pdf_renderen(planversie_id=versie.pk)
    assert pdf.status == PdfStatus.KLAAR
    eerste = pdf.bestand.read()
    tekst, pagina_s = pdf_tekst(eerste)
    controleer_inhoud(tekst, pagina_s, versie)

    # Idempotent: the same content is not rendered again.
    gereed = pdf.gereed_op
    assert services.pdf_renderen(planversie_id=versie.pk).gereed_op == gereed

    # Forced re-render of the frozen version: the same text.
    PlanPdf.objects.filter(pk=pdf.pk).update(status=PdfStatus.WACHTEN, inhoud_hash="")
    opnieuw = services.pdf_renderen(planversie_id=versie.pk)
    assert opnieuw.gereed_op > gereed
    assert pdf_tekst(opnieuw.bestand.read())[0] == tekst


@pytest.mark.django_db
def test_pdf_met_veel_acties_heeft_meer_paginas(wereld):
    versie = maak_plan(wereld, acties=40, doelen=5)
    services.pdf_aanvragen(planversie=versie, door=wereld.gebruikers["consulent"])
    pdf = services.pdf_renderen(planversie_id=versie.pk)
    tekst, pagina_s = pdf_tekst(pdf.bestand.read())
    assert pagina_s > 1
    assert f"Pagina {pagina_s} van {pagina_s}" in tekst
    assert "Dit is een concept" in tekst


@pytest.mark.worker
def test_pdf_door_echte_worker(wereld, celery_worker_proces):
    """Acceptance 5 and 2: a real worker renders the PDF; the page says it is being prepared,
    then offers the download, and the downloaded PDF holds the plan."""
    versie = maak_plan(wereld, acties=5, doelen=3, organisatie=wereld.organisatie)
    client = wereld.client("consulent")
    url = reverse("plannen:pdf", kwargs={"pk": versie.pk})
    assert "nog geen PDF" in client.get(url).content.decode()
    # Signing commits and queues the PDF of the signed version.
    from .helpers import onderteken

    onderteken(wereld, versie)
    versie.refresh_from_db()
    pagina = client.get(url).content.decode()
    assert "De PDF wordt voorbereid" in pagina or "PDF downloaden" in pagina
    if "wordt voorbereid" in pagina:
        assert 'hx-trigger="every 2s"' in pagina and "Vernieuw de pagina" in pagina

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pdf = PlanPdf.objects.get(planversie=versie)
        if pdf.status != PdfStatus.WACHTEN:
            break
        time.sleep(0.25)
    assert pdf.status == PdfStatus.KLAAR, pdf.fout
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "PDF downloaden" in partial and "hx-trigger" not in partial

    response = client.get(reverse("plannen:pdf_downloaden", kwargs={"pk": versie.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    inhoud = b"".join(response.streaming_content)
    tekst, pagina_s = pdf_tekst(inhoud)
    controleer_inhoud(tekst, pagina_s, versie)

    # Asking again for the unchanged version queues nothing new: the same file stays.
    client.post(url)
    assert PlanPdf.objects.get(planversie=versie).bestand.name == pdf.bestand.name


@pytest.mark.django_db
def test_pdf_downloaden_voordat_hij_klaar_is(wereld):
    versie = maak_plan(wereld)
    client = wereld.client("consulent")
    response = client.get(reverse("plannen:pdf_downloaden", kwargs={"pk": versie.pk}), follow=True)
    assert "De PDF is nog niet klaar." in response.content.decode()
