"""Issue 7, acceptance 1: a signed plan with a maatwerk block and a formal request becomes a
request in the backoffice queue, pre-filled; the backoffice grants it in the browser; a real
Celery worker renders the beschikking; the consulent sees the decision and downloads the letter,
whose text holds the decision, the specification and the bezwaar paragraph. Every page passes
axe-core (WCAG 2.1 A/AA)."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from plannen import services
from plannen.models import Aanvraag
from tests.factories import TOTP_SLEUTEL, WACHTWOORD
from tests.plannen.helpers import MAATWERK, leden, maak_plan, zrm_domeinen

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


def _pdf_tekst(pad) -> str:
    reader = PdfReader(io.BytesIO(pad.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_aanvraag_toekennen_en_beschikking(wereld, celery_worker_proces, nieuwe_pagina, tmp_path):
    zrm_domeinen()
    # A draft plan with a maatwerk block; the consulent has the resident sign it on the screen
    # and ticks the formal request.
    versie = maak_plan(wereld, acties=1)
    versie = services.planversie_bijwerken(
        planversie=versie,
        door=wereld.gebruikers["consulent"],
        verwachte_versie=versie.versie,
        velden=MAATWERK,
    )
    fatima = leden(wereld.casus.huishouden)[1]
    consulent = nieuwe_pagina()
    cpage = consulent.page
    consulent.inloggen("consulent", WACHTWOORD, TOTP_SLEUTEL)
    consulent.ga_naar(f"/plannen/versies/{versie.pk}/ondertekenen/")
    cpage.get_by_label("Wie tekent (gezinslid)").select_option(label=fatima.naam)
    cpage.get_by_role("radio", name="Akkoord met het plan").check()
    cpage.get_by_role("radio", name="Op het scherm getekend").check()
    cpage.get_by_label(re.compile("formele aanvraag")).check()
    canvas = cpage.locator("canvas[data-handtekening-canvas]")
    canvas.scroll_into_view_if_needed()
    vak = canvas.bounding_box()
    cpage.mouse.move(vak["x"] + 30, vak["y"] + vak["height"] * 0.7)
    cpage.mouse.down()
    for i in range(1, 12):
        cpage.mouse.move(
            vak["x"] + 30 + i * 40, vak["y"] + vak["height"] * (0.3 + 0.4 * (i % 2)), steps=3
        )
    cpage.mouse.up()
    cpage.get_by_text("Handtekening gezet.").wait_for()
    cpage.get_by_role("button", name="Ondertekening vastleggen").click()
    cpage.get_by_text("De ondertekening is vastgelegd.").wait_for()
    consulent.controleer()
    aanvraag = Aanvraag.objects.get(planversie=versie)
    assert aanvraag.persoon == fatima

    # The backoffice finds it in the queue, pre-filled from the plan.
    bo = nieuwe_pagina()
    page = bo.page
    bo.inloggen("backoffice", WACHTWOORD, TOTP_SLEUTEL)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanvragen").click()
    page.wait_for_url("**/aanvragen/")
    bo.controleer()
    rij = page.get_by_role("row").filter(has_text=MAATWERK["maatwerk_soort"])
    assert "Wmo 2015" in rij.inner_text() and "Nog " in rij.inner_text()
    rij.get_by_role("link", name=MAATWERK["maatwerk_soort"]).click()
    page.wait_for_url(f"**/aanvragen/{aanvraag.pk}/")
    bo.controleer()
    inhoud = page.locator("main").inner_text()
    assert MAATWERK["maatwerk_specificatie"] in inhoud
    assert MAATWERK["maatwerk_motivering"] in inhoud
    assert "Thuiszorg Noord" in inhoud

    # Grant it: product and provider come pre-filled from the request.
    assert page.get_by_label("Product / categorie").input_value() == MAATWERK["maatwerk_soort"]
    page.get_by_role("radio", name="Toekennen").check()
    page.get_by_label(re.compile(r"^Omvang:?$")).fill("3")
    page.get_by_label("Eenheid").select_option(label="uur")
    page.get_by_label("Frequentie").select_option(label="per week")
    begin = date.today() + timedelta(days=7)
    page.get_by_label("Ingangsdatum").fill(begin.isoformat())
    page.get_by_label("Einddatum").fill((begin + timedelta(days=364)).isoformat())
    page.get_by_label("Motivering / redenen").fill("Eigen kracht en netwerk volstaan niet.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd.").wait_for()
    bo.controleer()
    assert "Toegekend" in page.locator("main").inner_text()

    # The consulent sees the decision at once and downloads the letter the worker rendered.
    consulent.ga_naar(f"/aanvragen/{aanvraag.pk}/")
    tekst = cpage.locator("main").inner_text()
    assert "Toegekend" in tekst and "3 uur per week" in tekst
    cpage.get_by_role("link", name="Beschikking (PDF)").click()
    cpage.wait_for_url("**/pdf/")
    consulent.controleer()
    link = cpage.get_by_role("link", name=re.compile("Beschikking downloaden"))
    link.wait_for(timeout=60_000)
    consulent.controleer()
    with cpage.expect_download() as info:
        link.click()
    pad = tmp_path / "beschikking.pdf"
    info.value.save_as(pad)
    pdf = _pdf_tekst(pad)
    assert "uw aanvraag is toegekend" in pdf
    assert MAATWERK["maatwerk_soort"] in pdf and "3 uur per week" in pdf
    assert MAATWERK["maatwerk_specificatie"] in pdf
    assert "bezwaar maken" in pdf and "binnen 6 weken" in pdf
