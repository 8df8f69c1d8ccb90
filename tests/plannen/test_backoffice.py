"""Issue 7: requests for maatwerkvoorzieningen, the legal clock, decisions with four eyes, the
final decision frozen in the database, the beschikking letter, the backoffice's
access and the queue's query count."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casussen.models import GelijkgesteldeDag
from plannen import backoffice
from plannen.models import (
    Aanvraag,
    Aanvraagstatus,
    Beschikking,
    Beschikkingstatus,
    PdfStatus,
    VierOgenInstelling,
)
from tests.factories import CasusFactory, HuishoudenFactory

from .helpers import MAATWERK, leden, maak_aanvraag, maak_plan, onderteken

pytestmark = pytest.mark.django_db

TOEKENNING = {
    "product": "Huishoudelijke ondersteuning HO2",
    "omvang_aantal": Decimal("3"),
    "omvang_eenheid": "uur",
    "omvang_frequentie": "week",
    "ingangsdatum": date(2026, 12, 1),
    "einddatum": date(2027, 11, 30),
    "leveringsvorm": "zin",
    "aanbieder": "Thuiszorg Noord",
    "motivering": "Eigen kracht en netwerk volstaan niet; de rugklachten zijn blijvend.",
}


def _bo(wereld):
    return wereld.gebruikers["backoffice"]


def _tweede_backoffice(wereld):
    from tests.conftest import maak_gebruiker
    from toegang.models import Rol

    return maak_gebruiker("backoffice2", Rol.BACKOFFICE)


def _starten(wereld, *, wet="wmo", ontvangen_op=None, casus=None, soort="Begeleiding"):
    return backoffice.aanvraag_starten(
        casus=casus or wereld.casus,
        door=wereld.gebruikers["consulent"],
        velden={"soort": soort, "wet": wet, "motivering": "Nodig."},
        ontvangen_op=ontvangen_op or timezone.localdate(),
    )


# --- Creation -----------------------------------------------------------------------------------


def test_aanvraag_bij_ondertekening_voorgevuld(wereld):
    aanvraag = maak_aanvraag(wereld)
    versie = aanvraag.planversie
    assert versie.is_ondertekend and versie.formele_aanvraag
    assert aanvraag.soort == MAATWERK["maatwerk_soort"]
    assert aanvraag.wet == "wmo"
    assert aanvraag.specificatie == MAATWERK["maatwerk_specificatie"]
    assert aanvraag.omvang == "3 uur per week" and aanvraag.duur == "12 maanden"
    assert aanvraag.motivering == MAATWERK["maatwerk_motivering"]
    assert aanvraag.leveringsvorm == "zin"
    assert aanvraag.gewenste_aanbieder == "Thuiszorg Noord"
    assert aanvraag.casus == wereld.casus
    assert aanvraag.persoon == leden(wereld.casus.huishouden)[1]
    assert aanvraag.ontvangen_op == timezone.localdate(versie.ondertekend_op)
    assert aanvraag.status == Aanvraagstatus.OPEN
    assert aanvraag.history.count() == 1


def test_geen_aanvraag_zonder_formele_aanvraag(wereld):
    versie = maak_plan(wereld, acties=1)
    from plannen import services

    versie = services.planversie_bijwerken(
        planversie=versie,
        door=wereld.gebruikers["consulent"],
        verwachte_versie=versie.versie,
        velden=MAATWERK,
    )
    onderteken(wereld, versie)
    assert not Aanvraag.objects.exists()


def test_medeondertekening_maakt_geen_tweede_aanvraag(wereld):
    aanvraag = maak_aanvraag(wereld)
    onderteken(wereld, aanvraag.planversie, persoon=leden(wereld.casus.huishouden)[2])
    assert Aanvraag.objects.count() == 1


def test_aanvraag_vanuit_casus_op_papier(wereld):
    client = wereld.client("consulent")
    url = reverse("plannen:aanvraag_nieuw", kwargs={"casus_id": wereld.casus.pk})
    assert client.get(url).status_code == 200
    fout = client.post(url, {"soort": "", "wet": "wmo", "ontvangen_op": "2026-11-02"})
    assert fout.status_code == 400
    assert "Dit veld is verplicht." in fout.content.decode()
    persoon = wereld.persoon
    response = client.post(
        url,
        {
            "persoon": persoon.pk,
            "ontvangen_op": timezone.localdate().isoformat(),
            "soort": "Woningaanpassing",
            "wet": "wmo",
            "motivering": "Traplift nodig.",
            "leveringsvorm": "pgb",
        },
    )
    assert response.status_code == 302
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.planversie is None and aanvraag.casus == wereld.casus
    assert aanvraag.persoon == persoon


def test_aanvraag_datum_in_de_toekomst_geweigerd(wereld):
    with pytest.raises(ValidationError) as fout:
        _starten(wereld, ontvangen_op=timezone.localdate() + timedelta(days=1))
    assert "toekomst" in str(fout.value)


# --- The clock (acceptance 4) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("wet", "ontvangen", "einde"),
    [
        ("wmo", date(2026, 3, 2), date(2026, 3, 16)),  # Monday + 2 weeks
        ("wmo", date(2026, 3, 7), date(2026, 3, 23)),  # Saturday + 2 weeks -> Monday
        ("wmo", date(2026, 4, 13), date(2026, 4, 28)),  # ends on Koningsdag (Mon) -> Tue
        ("wmo", date(2025, 12, 12), date(2025, 12, 29)),  # ends Fri 26 Dec -> Mon 29 Dec
        ("jeugdwet", date(2026, 3, 2), date(2026, 4, 27 + 1)),  # Mon 27 Apr Koningsdag -> Tue
        ("jeugdwet", date(2026, 3, 5), date(2026, 4, 30)),  # Thursday + 8 weeks
        ("participatiewet", date(2026, 3, 19), date(2026, 5, 15)),  # Hemelvaart -> Friday
    ],
)
def test_beslistermijn(wereld, wet, ontvangen, einde):
    aanvraag = _starten(wereld, wet=wet, ontvangen_op=ontvangen)
    assert aanvraag.termijn_einde == einde


def test_beslistermijn_met_gelijkgestelde_dag(wereld):
    GelijkgesteldeDag.objects.create(datum=date(2026, 5, 15), omschrijving="Vrijdag na Hemelvaart")
    aanvraag = _starten(wereld, wet="jeugdwet", ontvangen_op=date(2026, 3, 19))
    assert aanvraag.termijn_einde == date(2026, 5, 18)


def test_opschorting_en_verdaging_verschuiven_de_klok(wereld):
    aanvraag = _starten(wereld, wet="wmo", ontvangen_op=date(2026, 3, 2))
    assert aanvraag.termijn_einde == date(2026, 3, 16)
    opschorting = backoffice.opschorten(
        aanvraag=aanvraag, door=_bo(wereld), van=date(2026, 3, 4), reden="Medisch advies gevraagd"
    )
    opschorting = backoffice.opschorting_beeindigen(
        opschorting=opschorting, door=_bo(wereld), tot=date(2026, 3, 11)
    )
    aanvraag.refresh_from_db()
    assert aanvraag.termijn_einde == date(2026, 3, 23)  # 7 days suspended
    backoffice.verdagen(
        aanvraag=aanvraag, door=_bo(wereld), weken=2, op=date(2026, 3, 12), reden="Complex"
    )
    aanvraag.refresh_from_db()
    assert aanvraag.termijn_einde == date(2026, 4, 7)  # + 2 weeks: Mon 6 Apr is 2e Paasdag
    assert aanvraag.history.count() == 4


def test_verdagen_vereist_reden_en_kan_niet_na_de_termijn(wereld):
    aanvraag = _starten(wereld, ontvangen_op=date(2026, 3, 2))
    with pytest.raises(ValidationError) as fout:
        backoffice.verdagen(
            aanvraag=aanvraag, door=_bo(wereld), weken=9, op=date(2026, 3, 20), reden=""
        )
    assert set(fout.value.error_dict) == {"reden", "weken", "op"}


def test_meer_informatie_schort_op_tot_de_aanvulling(wereld):
    aanvraag = _starten(wereld, wet="jeugdwet")
    backoffice.meer_informatie_vragen(aanvraag=aanvraag, door=_bo(wereld), vraag="Verslag GGZ?")
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.MEER_INFORMATIE
    assert aanvraag.opschortingen.get().van == timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        backoffice.besluiten(
            aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
        )
    backoffice.informatie_aanvullen(
        aanvraag=aanvraag, door=wereld.gebruikers["consulent"], antwoord="Verslag bijgevoegd."
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.OPEN
    opschorting = aanvraag.opschortingen.get()
    assert opschorting.tot == opschorting.van and opschorting.antwoord == "Verslag bijgevoegd."


def test_wachtrij_sorteert_op_resterende_dagen(wereld):
    vandaag = timezone.localdate()
    jeugd = _starten(wereld, wet="jeugdwet", ontvangen_op=vandaag - timedelta(days=3))
    wmo_oud = _starten(wereld, wet="wmo", ontvangen_op=vandaag - timedelta(days=10))
    wmo_nieuw = _starten(wereld, wet="wmo", ontvangen_op=vandaag)
    response = wereld.client("backoffice").get(reverse("plannen:aanvragen"))
    assert response.status_code == 200
    volgorde = [rij["aanvraag"].pk for rij in response.context["rijen"]]
    assert volgorde == [wmo_oud.pk, wmo_nieuw.pk, jeugd.pk]
    tekst = response.content.decode()
    assert "Nog " in tekst and "Begeleiding" in tekst
    alleen_jeugd = wereld.client("backoffice").get(reverse("plannen:aanvragen") + "?wet=jeugdwet")
    assert [r["aanvraag"].pk for r in alleen_jeugd.context["rijen"]] == [jeugd.pk]
    dringend = wereld.client("backoffice").get(reverse("plannen:aanvragen") + "?dagen_over=7")
    assert jeugd.pk not in [r["aanvraag"].pk for r in dringend.context["rijen"]]


def test_wachtrij_vast_aantal_queries(wereld):
    """Acceptance 6: the queue runs the same number of queries with 2 requests as with 30."""
    client = wereld.client("backoffice")
    url = reverse("plannen:aanvragen")

    def aantal() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        _starten(wereld)
    aantal()  # the first request of a session also touches the session and device
    klein = aantal()
    for _ in range(28):
        huishouden = HuishoudenFactory(team=wereld.ander_team)
        _starten(wereld, casus=CasusFactory(huishouden=huishouden, team=wereld.ander_team))
    assert aantal() == klein


# --- Decisions and four eyes (acceptance 3) ---------------------------------------------------


def test_toekennen_zonder_vier_ogen_is_direct_definitief(
    wereld, django_capture_on_commit_callbacks
):
    aanvraag = maak_aanvraag(wereld)
    with django_capture_on_commit_callbacks() as callbacks:
        beschikking = backoffice.besluiten(
            aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
        )
    assert beschikking.status == Beschikkingstatus.DEFINITIEF
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.AFGEHANDELD
    assert aanvraag.afgehandeld_op == timezone.localdate()
    assert beschikking.pdf.status == PdfStatus.WACHTEN
    assert callbacks, "de brief wordt na de commit in de wachtrij gezet"


def test_besluit_controleert_velden_in_het_nederlands(wereld):
    aanvraag = maak_aanvraag(wereld)
    with pytest.raises(ValidationError) as fout:
        backoffice.besluiten(
            aanvraag=aanvraag,
            door=_bo(wereld),
            besluit="toekennen",
            velden={"motivering": "", "leveringsvorm": "zin"},
        )
    fouten = fout.value.error_dict
    assert {"motivering", "product", "omvang_aantal", "ingangsdatum", "aanbieder"} <= set(fouten)


def test_vier_ogen(wereld):
    VierOgenInstelling.objects.create(gemeente=wereld.team.gemeente, besluit="toekennen")
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    assert beschikking.status == Beschikkingstatus.VOORLOPIG
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.TER_CONTROLE
    assert not hasattr(beschikking, "pdf") or beschikking.pdf is None
    with pytest.raises(ValidationError, match="eigen besluit"):
        backoffice.bevestigen(beschikking=beschikking, door=_bo(wereld))
    beschikking.refresh_from_db()
    assert beschikking.status == Beschikkingstatus.VOORLOPIG
    # The proposer's page offers no confirm button.
    pagina = wereld.client("backoffice").get(reverse("plannen:aanvraag", args=[aanvraag.pk]))
    assert "Besluit bevestigen" not in pagina.content.decode()
    tweede = _tweede_backoffice(wereld)
    backoffice.bevestigen(beschikking=beschikking, door=tweede)
    beschikking.refresh_from_db()
    assert beschikking.status == Beschikkingstatus.DEFINITIEF
    assert beschikking.bevestigd_door == tweede
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.AFGEHANDELD


def test_vier_ogen_alleen_voor_de_ingestelde_soort(wereld):
    VierOgenInstelling.objects.create(
        gemeente=wereld.team.gemeente, besluit="toekennen", wet="jeugdwet"
    )
    aanvraag = maak_aanvraag(wereld)  # Wmo
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    assert beschikking.status == Beschikkingstatus.DEFINITIEF


def test_vier_ogen_dezelfde_persoon_ook_in_de_database_geweigerd(wereld):
    VierOgenInstelling.objects.create(gemeente=wereld.team.gemeente, besluit="afwijzen")
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="afwijzen", velden={"motivering": "Nee."}
    )
    beschikking.bevestigd_door = _bo(wereld)
    with pytest.raises(IntegrityError), transaction.atomic():
        beschikking.save()


def test_vier_ogen_terugsturen(wereld):
    VierOgenInstelling.objects.create(gemeente=wereld.team.gemeente, besluit="toekennen")
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    backoffice.terugsturen(beschikking=beschikking, door=_tweede_backoffice(wereld), reden="Omvang")
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.OPEN
    assert not Beschikking.objects.exists()
    assert Beschikking.history.filter(history_type="-").count() == 1


def test_bevestigen_via_de_pagina(wereld):
    VierOgenInstelling.objects.create(gemeente=wereld.team.gemeente, besluit="toekennen")
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    url = reverse("plannen:beschikking_bevestigen", args=[beschikking.pk])
    eigen = wereld.client("backoffice").post(url, follow=True)
    assert "niet bevestigen" in eigen.content.decode()
    from django.test import Client

    from tests.conftest import inloggen

    tweede = inloggen(Client(), _tweede_backoffice(wereld))
    assert tweede.post(url).status_code == 302
    beschikking.refresh_from_db()
    assert beschikking.is_definitief


# --- Frozen (acceptance 5) --------------------------------------------------------------------


def test_definitieve_beschikking_bevroren_in_de_database(wereld):
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    with pytest.raises(IntegrityError, match="definitief"), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).update(product="Iets anders")
    for sql in [
        "UPDATE plannen_beschikking SET motivering = 'x' WHERE id = %s",
        "DELETE FROM plannen_beschikking WHERE id = %s",
    ]:
        with (
            pytest.raises(IntegrityError, match="definitief"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [beschikking.pk])


def test_voorlopige_beschikking_nog_niet_bevroren(wereld):
    VierOgenInstelling.objects.create(gemeente=wereld.team.gemeente, besluit="toekennen")
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    Beschikking.objects.filter(pk=beschikking.pk).update(product="Gecorrigeerd")


def test_besluiten_twee_keer_geweigerd(wereld):
    aanvraag = maak_aanvraag(wereld)
    backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    with pytest.raises(ValidationError):
        backoffice.besluiten(
            aanvraag=aanvraag, door=_bo(wereld), besluit="afwijzen", velden={"motivering": "x"}
        )


# --- The letter -------------------------------------------------------------------------------


def _pdf_tekst(inhoud: bytes) -> str:
    reader = PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_beschikking_pdf_inhoud_en_idempotent(wereld):
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    pdf = backoffice.pdf_renderen(beschikking_id=beschikking.pk)
    assert pdf.status == PdfStatus.KLAAR
    naam = pdf.bestand.name
    tekst = _pdf_tekst(pdf.bestand.open("rb").read())
    assert "uw aanvraag is toegekend" in tekst
    assert TOEKENNING["product"] in tekst
    assert "3 uur per week" in tekst
    assert "Thuiszorg Noord" in tekst
    assert MAATWERK["maatwerk_specificatie"] in tekst
    assert "bezwaar maken" in tekst and "binnen 6 weken" in tekst
    assert "eigen bijdrage" in tekst.lower() and "CAK" in tekst
    assert backoffice.pdf_renderen(beschikking_id=beschikking.pk).bestand.name == naam


def test_afwijzing_pdf_noemt_redenen(wereld):
    aanvraag = maak_aanvraag(wereld)
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag,
        door=_bo(wereld),
        besluit="afwijzen",
        velden={"motivering": "Een algemene voorziening volstaat."},
    )
    tekst = _pdf_tekst(backoffice.pdf_renderen(beschikking_id=beschikking.pk).bestand.read())
    assert "afgewezen" in tekst and "Een algemene voorziening volstaat." in tekst
    assert "binnen 6 weken" in tekst


# --- Access (acceptance 2) ------------------------------------------------------------------


def test_backoffice_ziet_aanvraag_met_planonderdelen(wereld):
    aanvraag = maak_aanvraag(wereld)
    response = wereld.client("backoffice").get(reverse("plannen:aanvraag", args=[aanvraag.pk]))
    assert response.status_code == 200
    tekst = response.content.decode()
    persoon = aanvraag.persoon
    assert persoon.naam in tekst and persoon.geboortedatum.strftime("%d-%m-%Y") in tekst
    assert wereld.casus.huishouden.postcode in tekst
    assert MAATWERK["maatwerk_specificatie"] in tekst
    # Not the journal, the intake or the rest of the plan.
    assert aanvraag.planversie.verslag not in tekst
    assert "Actie nummer 1" not in tekst


def test_backoffice_komt_niet_bij_plan_journaal_en_gesprek(wereld):
    from tests.casussen.factories import KeukentafelgesprekFactory

    aanvraag = maak_aanvraag(wereld)
    client = wereld.client("backoffice")
    gesprek = KeukentafelgesprekFactory(casus=wereld.casus)
    for url in [
        reverse("plannen:versie", args=[aanvraag.planversie_id]),
        reverse("plannen:pdf_downloaden", args=[aanvraag.planversie_id]),
        reverse("casussen:contactmomenten", args=[wereld.casus.pk]),
        reverse("casussen:keukentafelgesprek", args=[gesprek.pk]),
        reverse("casussen:casus", args=[wereld.casus.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_ander_team_ziet_aanvraag_niet(wereld):
    aanvraag = maak_aanvraag(wereld)
    url = reverse("plannen:aanvraag", args=[aanvraag.pk])
    assert wereld.client("consulent_ander_team").get(url).status_code == 404
    assert wereld.client("consulent").get(url).status_code == 200
    assert Aanvraag.objects.voor(wereld.gebruikers["partner"]).count() == 0
    assert Aanvraag.objects.voor(wereld.gebruikers["beleid"]).count() == 0


# --- Pages ------------------------------------------------------------------------------------


def test_besluit_via_de_pagina_en_casusweergave(wereld):
    aanvraag = maak_aanvraag(wereld)
    client = wereld.client("backoffice")
    url = reverse("plannen:aanvraag_besluiten", args=[aanvraag.pk])
    fout = client.post(url, {"besluit": "toekennen", "motivering": ""})
    assert fout.status_code == 400
    assert "Dit veld is verplicht." in fout.content.decode()
    data = {k: str(v) for k, v in TOEKENNING.items()}
    response = client.post(url, {"besluit": "toekennen", **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = wereld.gebruikers["consulent"]
    html = Template("{% load plannen %}{% aanvragen_casus casus %}").render(
        Context({"casus": wereld.casus, "request": request})
    )
    assert "Toegekend" in html and TOEKENNING["product"] in html
    assert reverse("plannen:beschikking_pdf", args=[aanvraag.beschikking.pk]) in html


def test_opschorten_verdagen_via_de_pagina(wereld):
    aanvraag = _starten(wereld, wet="jeugdwet")
    client = wereld.client("backoffice")
    vandaag = timezone.localdate().isoformat()
    r = client.post(
        reverse("plannen:aanvraag_opschorten", args=[aanvraag.pk]),
        {"opschort-van": vandaag, "opschort-reden": ""},
    )
    assert r.status_code == 400 and "Dit veld is verplicht." in r.content.decode()
    r = client.post(
        reverse("plannen:aanvraag_opschorten", args=[aanvraag.pk]),
        {"opschort-van": vandaag, "opschort-reden": "Wacht op huisarts"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("plannen:aanvraag_verdagen", args=[aanvraag.pk]),
        {"verdaag-weken": "4", "verdaag-op": vandaag, "verdaag-reden": "Complex"},
    )
    assert r.status_code == 302
    pagina = wereld.client("consulent").get(reverse("plannen:aanvraag", args=[aanvraag.pk]))
    tekst = pagina.content.decode()
    assert "Wacht op huisarts" in tekst and "4 weken" in tekst


def test_plan_toont_waar_de_voorziening_op_rust(wereld):
    aanvraag = maak_aanvraag(wereld)
    url = reverse("plannen:versie", args=[aanvraag.planversie_id])
    client = wereld.client("consulent")
    assert "in behandeling" in client.get(url).content.decode()
    backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    tekst = client.get(url).content.decode()
    assert "rust op" in tekst and "toegekend" in tekst and TOEKENNING["product"] in tekst


def test_meer_informatie_en_aanvullen_via_de_pagina(wereld):
    aanvraag = _starten(wereld)
    bo = wereld.client("backoffice")
    r = bo.post(
        reverse("plannen:aanvraag_meer_informatie", args=[aanvraag.pk]),
        {"meer-vraag": "Graag het advies van de ergotherapeut."},
    )
    assert r.status_code == 302
    consulent = wereld.client("consulent")
    pagina = consulent.get(reverse("plannen:aanvraag", args=[aanvraag.pk])).content.decode()
    assert "Graag het advies van de ergotherapeut." in pagina and "Informatie aanvullen" in pagina
    url = reverse("plannen:aanvraag_aanvullen", args=[aanvraag.pk])
    assert consulent.post(url, {"aanvul-antwoord": ""}).status_code == 400
    assert consulent.post(url, {"aanvul-antwoord": "Advies bijgevoegd."}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == Aanvraagstatus.OPEN
    # A second answer is refused with a Dutch message, not a 500.
    tweede = consulent.post(url, {"aanvul-antwoord": "Nog een keer."}, follow=True)
    assert tweede.status_code == 200 and "Dit kan niet bij een aanvraag" in tweede.content.decode()


def test_aanvraag_en_besluit_op_de_tijdlijn_van_de_casus(wereld):
    aanvraag = _starten(wereld, soort="Huishoudelijke hulp")
    backoffice.besluiten(
        aanvraag=aanvraag, door=_bo(wereld), besluit="toekennen", velden=TOEKENNING
    )
    html = wereld.client("consulent").get(reverse("casussen:casus", args=[wereld.casus.pk]))
    tekst = html.content.decode()
    assert "Aanvraag maatwerk: Huishoudelijke hulp" in tekst
    assert "Besluit: toegekend" in tekst
