"""Acceptance 1: in a real browser, a consulent writes a plan with three goals and five actions
(one for a partner organisation), signs it on the canvas and downloads the PDF, which a real
Celery worker renders. Every page passes axe-core (WCAG 2.1 A/AA)."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from plannen.models import Actie, Planversie, Versiestatus
from tests.factories import TOTP_SLEUTEL, WACHTWOORD
from tests.plannen.helpers import leden, zrm_domeinen

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

DOELEN = [
    ("Financiën", "Grip op de rekeningen en geen nieuwe schulden"),
    ("Werk & opleiding", "Fatima volgt een cursus Nederlands"),
    ("Sociaal netwerk", "Meer contact met de buurt"),
]
# (goal, kind of owner, owner, what)
ACTIES = [
    (1, "Partnerorganisatie", "MEE Test", "Intakegesprek schuldhulp plannen"),
    (1, "Iemand uit het netwerk", "Zus Samira", "Samen de post doornemen"),
    (2, "Inwoner", "Fatima", "Aanmelden bij het taalhuis"),
    (2, "Consulent", "", "Informatie over de cursus opzoeken"),
    (3, "Iemand uit het netwerk", "Buurvrouw Els", "Samen naar het buurtcafé"),
]


def test_plan_schrijven_tekenen_en_pdf_downloaden(
    wereld, celery_worker_proces, nieuwe_pagina, tmp_path
):
    zrm_domeinen()
    huishouden = wereld.casus.huishouden
    youssef, fatima, _ = leden(huishouden)
    pagina = nieuwe_pagina()
    page = pagina.page
    pagina.inloggen("consulent", WACHTWOORD, TOTP_SLEUTEL)

    # Start the household's plan.
    pagina.ga_naar(f"/huishoudens/{huishouden.pk}/plan/")
    page.get_by_role("button", name="Plan starten").click()
    page.wait_for_url(re.compile(r"/plannen/versies/\d+/$"))
    pagina.controleer()

    # The conversation, results and the evaluation date.
    evaluatie = date.today() + timedelta(days=90)
    page.get_by_role("link", name="Plan bewerken").click()
    page.wait_for_url("**/bewerken/")
    pagina.controleer()
    page.get_by_label("Aanwezig bij het gesprek").fill("Fatima, Youssef, consulent")
    page.get_by_label("Verslag van het gesprek").fill("Zorgen over geld; sterk netwerk.")
    page.get_by_label("Resultaten die de inwoner wil bereiken").fill("Rust in de financiën.")
    page.get_by_label("Evaluatiedatum").fill(evaluatie.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het plan is opgeslagen.").wait_for()
    pagina.controleer()

    # Three goals.
    for domein, omschrijving in DOELEN:
        page.get_by_role("link", name="Doel toevoegen").first.click()
        page.get_by_role("heading", name="Doel toevoegen").wait_for()
        pagina.controleer()
        page.get_by_label("Leefgebied").select_option(label=domein)
        page.get_by_label(re.compile(r"^Doel:?$")).fill(omschrijving)
        page.get_by_role("button", name="Doel toevoegen").click()
        page.get_by_text("Het doel is toegevoegd.").wait_for()
    pagina.controleer()

    # Five actions, one for the partner organisation.
    for doel, soort, wie, wat in ACTIES:
        page.get_by_role("link", name=f"Actie toevoegen bij doel {doel}").click()
        page.get_by_role("heading", name="Actie toevoegen").wait_for()
        page.get_by_role("radio", name=soort).check()
        if soort == "Partnerorganisatie":
            page.get_by_label(re.compile(r"^Partnerorganisatie:?$")).select_option(label=wie)
        elif soort == "Inwoner":
            page.get_by_label("Gezinslid").select_option(label=fatima.naam)
        elif wie:
            page.get_by_label(re.compile(r"^Naam:?$")).fill(wie)
        else:
            page.get_by_label(re.compile(r"^Consulent:?$")).select_option(index=1)
        page.get_by_label("Wat").fill(wat)
        page.get_by_label("Wanneer (uiterlijk)").fill((date.today() + timedelta(14)).isoformat())
        pagina.controleer()
        page.get_by_role("button", name="Actie toevoegen").click()
        page.get_by_text("De actie is toegevoegd.").wait_for()
    pagina.controleer()
    versie = Planversie.objects.get(plan__huishouden=huishouden)
    assert versie.doelen.count() == 3
    assert Actie.objects.filter(doel__planversie=versie).count() == 5
    assert page.get_by_role("cell", name="Partnerorganisatie: MEE Test").is_visible()

    # Sign on the canvas with the mouse.
    page.get_by_role("link", name="Ondertekenen").click()
    page.wait_for_url("**/ondertekenen/")
    pagina.controleer()
    page.get_by_label("Wie tekent (gezinslid)").select_option(label=fatima.naam)
    page.get_by_role("radio", name="Akkoord met het plan").check()
    page.get_by_role("radio", name="Op het scherm getekend").check()
    canvas = page.locator("canvas[data-handtekening-canvas]")
    canvas.scroll_into_view_if_needed()
    vak = canvas.bounding_box()
    page.mouse.move(vak["x"] + 30, vak["y"] + vak["height"] * 0.7)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(
            vak["x"] + 30 + i * 40, vak["y"] + vak["height"] * (0.3 + 0.4 * (i % 2)), steps=3
        )
    page.mouse.up()
    page.get_by_text("Handtekening gezet.").wait_for()
    assert (
        page.locator("input[name=handtekening]").input_value().startswith("data:image/png;base64,")
    )
    page.get_by_role("button", name="Ondertekening vastleggen").click()
    page.get_by_text("De ondertekening is vastgelegd.").wait_for()
    pagina.controleer()
    versie.refresh_from_db()
    assert versie.status == Versiestatus.ONDERTEKEND
    assert page.get_by_text(f"Nog niet getekend: {youssef.naam}").is_visible()
    assert page.get_by_role("img", name=f"Handtekening van {fatima.naam}").is_visible()

    # The PDF: being prepared by the worker, then the download (htmx polls the status).
    page.get_by_role("link", name=re.compile(r"^PDF")).click()
    page.wait_for_url("**/pdf/")
    pagina.controleer()
    download_link = page.get_by_role("link", name=re.compile("PDF downloaden"))
    download_link.wait_for(timeout=60_000)
    pagina.controleer()
    with page.expect_download() as info:
        download_link.click()
    pad = tmp_path / "plan.pdf"
    info.value.save_as(pad)

    reader = PdfReader(io.BytesIO(pad.read_bytes()))
    # Table cells wrap: compare with whitespace folded.
    tekst = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert fatima.naam in tekst and youssef.naam in tekst
    for _, omschrijving in DOELEN:
        assert omschrijving in tekst
    for *_, wat in ACTIES:
        assert wat in tekst
    assert "Partnerorganisatie: MEE Test" in tekst
    assert "Versie 1" in tekst
    assert f"Pagina 1 van {len(reader.pages)}" in tekst
