"""Acceptance 1 of issue 3, in a real browser as a consulent: melding → new household with two
members → triage to a case → keukentafelgesprek with ZRM for both → the case appears on Mijn
caseload with its clock. Every page passes axe-core (WCAG 2.1 A/AA)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from casussen.models import Casus, Domein, Status, ZrmScore
from tests.factories import TOTP_SLEUTEL, WACHTWOORD

pytestmark = pytest.mark.e2e

LEDEN = [
    # voornamen, geboortedatum, BSN (11-proef), rol
    ("Anna", "1950-03-01", "111222333", "Hoofdbewoner"),
    ("Bert", "1948-07-15", "123456782", "Partner"),
]
DOMEINEN = ["Financiën", "Huisvesting"]


def test_melding_tot_caseload(wereld, pagina):
    for volgorde, naam in enumerate(DOMEINEN, start=1):
        Domein.objects.get_or_create(naam=naam, defaults={"volgorde": volgorde})
    page = pagina.page
    pagina.inloggen("consulent", WACHTWOORD, TOTP_SLEUTEL)
    menu = page.get_by_role("navigation", name="Hoofdmenu")

    # 1. Melding, by the huisarts, by phone, for the Wmo.
    menu.get_by_role("link", name="Nieuwe melding").click()
    page.wait_for_url("**/meldingen/nieuw/")
    pagina.controleer()
    gemeld_op = timezone.localdate() - timedelta(days=3)
    page.get_by_label("Datum melding").fill(gemeld_op.isoformat())
    page.get_by_label("Wie meldt").select_option(label="Huisarts")
    page.get_by_label("Naam melder").fill("Dokter Jansen")
    page.get_by_label("Organisatie melder").fill("Huisartsenpraktijk Noord")
    page.get_by_label("Kanaal").select_option(label="Telefoon")
    page.get_by_label("Vraag", exact=False).first.fill("Anna en Bert redden het huishouden niet.")
    page.get_by_label("Wmo 2015").check()
    page.get_by_role("button", name="Melding registreren").click()
    page.wait_for_url(re.compile(r"/meldingen/\d+/$"))
    pagina.controleer()
    melding_url = page.url

    # 2. A new household.
    page.get_by_role("link", name="Nieuw huishouden").click()
    page.wait_for_url("**/huishouden/nieuw/")
    pagina.controleer()
    page.get_by_label("Postcode").fill("1234 AB")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Straat").fill("Dorpsstraat")
    page.get_by_label("Plaats").fill("Testdam")
    page.get_by_role("button", name="Huishouden aanmaken").click()
    page.wait_for_url(melding_url)
    pagina.controleer()

    # 3. Two members.
    for voornamen, geboren, bsn, rol in LEDEN:
        page.get_by_role("link", name="Gezinslid toevoegen").click()
        page.wait_for_url("**/leden/nieuw/**")
        pagina.controleer()
        page.get_by_label("Voornamen").fill(voornamen)
        page.get_by_label("Achternaam").fill("de Boer")
        page.get_by_label("Geboortedatum").fill(geboren)
        page.get_by_label("BSN").fill(bsn)
        page.get_by_label("Rol in het huishouden").select_option(label=rol)
        page.get_by_role("button", name="Gezinslid opslaan").click()
        page.wait_for_url(melding_url)
        pagina.controleer()
        assert page.get_by_role("link", name=f"{voornamen} de Boer").is_visible()

    # 4. Triage: taken on as a case, with the consulent as regisseur.
    page.get_by_role("link", name="Triage").click()
    page.wait_for_url("**/triage/")
    pagina.controleer()
    page.get_by_label("Opgepakt als casus").check()
    assert page.get_by_label("Regisseur (bij casus)").is_visible()
    page.get_by_role("button", name="Triage vastleggen").click()
    page.wait_for_url(re.compile(r"/casussen/\d+/$"))
    pagina.controleer()
    casus = Casus.objects.get(huishouden__postcode="1234AB")
    assert casus.regisseur == wereld.gebruikers["consulent"]
    assert casus.status == Status.AANMELDING
    assert casus.onderzoekstermijn_einde is not None
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Casus {casus.nummer}")

    # 5. Keukentafelgesprek: choose two domains, tell the story, score both members.
    page.get_by_role("link", name="Keukentafelgesprek vastleggen").click()
    page.wait_for_url("**/keukentafelgesprek/nieuw/")
    pagina.controleer()
    for naam in DOMEINEN:
        page.get_by_label(naam, exact=True).check()
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url("**/keukentafelgesprek/nieuw/?**")
    pagina.controleer()
    page.get_by_role("checkbox", name="Anna de Boer").check()
    page.get_by_role("checkbox", name="Bert de Boer").check()
    page.get_by_label("Het verhaal van de inwoner").fill("Bert is vergeetachtig; Anna zorgt.")
    page.get_by_label("Netwerk").fill("Dochter komt op zaterdag.")
    for naam, scores in zip(DOMEINEN, [("2", "3"), ("4", "n")], strict=True):
        groep = page.get_by_role("group", name=naam)
        groep.get_by_label("Zorgen").fill(f"Zorgen over {naam.lower()}")
        groep.get_by_label("Score Anna de Boer").select_option(scores[0])
        groep.get_by_label("Score Bert de Boer").select_option(scores[1])
        if scores[1] == "n":
            groep.get_by_label("Reden niet gescoord (Bert de Boer)").fill("Speelt niet voor Bert")
    page.get_by_role("button", name="Gesprek en ZRM opslaan").click()
    page.wait_for_url(re.compile(r"/keukentafelgesprekken/\d+/$"))
    pagina.controleer()
    assert page.get_by_text("Speelt niet voor Bert").is_visible()
    scores = ZrmScore.objects.filter(meting__casus=casus)
    assert scores.count() == 4
    assert set(scores.values_list("persoon__voornamen", flat=True)) == {"Anna", "Bert"}

    # 6. Mijn caseload shows the case with its clock (days left, in words and colour).
    menu.get_by_role("link", name="Mijn caseload").click()
    page.wait_for_url("**/caseload/")
    pagina.controleer()
    rij = page.get_by_role("row").filter(has=page.get_by_role("link", name=casus.nummer))
    assert rij.count() == 1
    klok = casus.onderzoeksklok
    assert rij.locator(f".klok-{klok.kleur}").inner_text().endswith(klok.tekst)
    assert klok.tekst.startswith("Nog ")
    assert rij.get_by_text("Aanmelding").is_visible()

    # 7. The person's ZRM history is a chart with a table.
    rij.get_by_role("link", name=casus.nummer).click()
    page.wait_for_url(re.compile(r"/casussen/\d+/$"))
    pagina.controleer()
    page.get_by_role("link", name="Anna de Boer").first.click()
    page.wait_for_url(re.compile(r"/personen/\d+/$"))
    pagina.controleer()
    assert page.get_by_role("img", name="ZRM Financiën").is_visible()
