"""Acceptance 5: the legal clock on a case. The term arithmetic itself is in test_termijnen.py;
here: the case gets the right end date (Atw and gelijkgestelde dagen included), shows days left
and the right colour with text, and records whether the term was met."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casussen import services
from casussen.models import (
    Casus,
    GelijkgesteldeDag,
    Klokstand,
    Sluitreden,
    Status,
    Wet,
    ZrmSoort,
)
from casussen.termijnen import WMO_ONDERZOEK_WEKEN, einde_termijn

from .factories import HuishoudenFactory, MeldingFactory, ZrmMetingFactory, ZrmScoreFactory

D = date


def _triage(wereld, *, datum, wetten=(Wet.WMO,)) -> Casus:
    consulent = wereld.gebruikers["consulent"]
    melding = MeldingFactory(
        team=wereld.team,
        geregistreerd_door=consulent,
        datum=datum,
        wetten=list(wetten),
        huishouden=HuishoudenFactory(team=wereld.team),
    )
    return services.triageren(
        door=consulent, melding=melding, uitkomst="casus", regisseur=consulent
    )


def test_wmo_melding_start_zes_weken(wereld):
    casus = _triage(wereld, datum=D(2026, 3, 2))
    assert casus.gemeld_op == D(2026, 3, 2)
    assert casus.onderzoekstermijn_einde == D(2026, 4, 13)  # Monday + 6 weeks, a workday


def test_termijn_schuift_over_feestdag_en_weekend(wereld):
    # 23 Feb 2026 + 6 weeks = Monday 6 April 2026 (tweede Paasdag): runs on to Tuesday 7 April.
    casus = _triage(wereld, datum=D(2026, 2, 23))
    assert casus.onderzoekstermijn_einde == D(2026, 4, 7)


def test_gelijkgestelde_dag_van_de_beheerder_telt_mee(wereld):
    GelijkgesteldeDag.objects.create(datum=D(2026, 4, 13), omschrijving="Bij besluit")
    casus = _triage(wereld, datum=D(2026, 3, 2))
    assert casus.onderzoekstermijn_einde == D(2026, 4, 14)


def test_herberekenen_na_nieuwe_gelijkgestelde_dag(wereld):
    casus = _triage(wereld, datum=D(2026, 3, 2))
    assert casus.onderzoekstermijn_einde == D(2026, 4, 13)
    GelijkgesteldeDag.objects.create(datum=D(2026, 4, 13), omschrijving="Bij besluit")
    beheerder = wereld.gebruikers["beheerder"]
    assert services.termijnen_herberekenen(door=beheerder, rond=D(2026, 4, 13)) == 1
    casus.refresh_from_db()
    assert casus.onderzoekstermijn_einde == D(2026, 4, 14)
    assert casus.history.first().history_user == beheerder


def test_zonder_wmo_geen_klok(wereld):
    casus = _triage(wereld, datum=D(2026, 3, 2), wetten=[Wet.JEUGDWET])
    assert casus.onderzoekstermijn_einde is None
    assert casus.onderzoeksklok is None
    pagina = wereld.client("consulent").get(reverse("casussen:casus", args=[casus.pk]))
    assert "Geen wettelijke termijn" in pagina.content.decode()


@pytest.mark.parametrize(
    "over, kleur, tekst",
    [
        (20, "groen", "Nog 20 dagen"),
        (7, "groen", "Nog 7 dagen"),
        (6, "amber", "Laatste week: nog 6 dagen"),
        (1, "amber", "Laatste week: nog 1 dag"),
        (0, "amber", "Laatste dag: de termijn eindigt vandaag"),
        (-1, "rood", "Termijn verstreken: 1 dag te laat"),
        (-9, "rood", "Termijn verstreken: 9 dagen te laat"),
    ],
)
def test_klokstand(over, kleur, tekst):
    vandaag = D(2026, 5, 11)
    stand = Klokstand.bereken(
        einde=vandaag + timedelta(days=over), afgerond_op=None, vandaag=vandaag
    )
    assert (stand.dagen_over, stand.kleur, stand.tekst, stand.gehaald) == (over, kleur, tekst, None)


def test_klokstand_afgerond():
    einde = D(2026, 4, 13)
    op_tijd = Klokstand.bereken(einde=einde, afgerond_op=einde, vandaag=D(2026, 6, 1))
    assert op_tijd.gehaald is True and op_tijd.kleur == "gehaald"
    assert op_tijd.tekst == "Termijn gehaald: afgerond op 13-04-2026"
    te_laat = Klokstand.bereken(einde=einde, afgerond_op=D(2026, 4, 16), vandaag=D(2026, 6, 1))
    assert te_laat.gehaald is False and te_laat.kleur == "niet_gehaald"
    assert te_laat.tekst == "Termijn niet gehaald: afgerond op 16-04-2026, 3 dagen te laat"


@pytest.mark.parametrize(
    "over, kleur, tekst",
    [(12, "groen", "Nog 12 dagen"), (3, "amber", "Laatste week"), (-2, "rood", "verstreken")],
)
def test_casuspagina_en_caseload_tonen_de_klok(wereld, over, kleur, tekst):
    casus = wereld.casus
    casus.gemeld_op = timezone.localdate() - timedelta(days=30)
    casus.onderzoekstermijn_einde = timezone.localdate() + timedelta(days=over)
    casus.save()
    client = wereld.client("consulent")
    for url in [reverse("casussen:casus", args=[casus.pk]), reverse("casussen:caseload")]:
        html = client.get(url).content.decode()
        assert f'class="klok klok-{kleur}"' in html, url
        assert tekst in html, url  # the text says it too, not only the colour
    # Filter on the clock: only the matching colour.
    response = client.get(reverse("casussen:caseload"), {"klok": kleur})
    assert list(response.context["pagina"]) == [casus]
    anders = "groen" if kleur != "groen" else "rood"
    response = client.get(reverse("casussen:caseload"), {"klok": anders})
    assert list(response.context["pagina"]) == []


def _naar_plan(casus, door):
    for naar in (Status.VRAAGVERHELDERING, Status.PLAN):
        services.status_wijzigen(door=door, casus=casus, naar=naar, reden="Volgende stap")
    casus.refresh_from_db()
    return casus


def test_onderzoek_op_tijd_afgerond_wordt_vastgelegd(wereld):
    door = wereld.gebruikers["consulent"]
    casus = _triage(wereld, datum=timezone.localdate() - timedelta(days=10))
    casus = _naar_plan(casus, door)
    assert casus.onderzoek_afgerond_op == timezone.localdate()
    assert casus.onderzoek_op_tijd is True
    html = wereld.client("consulent").get(reverse("casussen:casus", args=[casus.pk]))
    assert "Termijn gehaald" in html.content.decode()
    response = wereld.client("consulent").get(reverse("casussen:caseload"), {"klok": "gehaald"})
    assert casus in list(response.context["pagina"])


def test_onderzoek_te_laat_wordt_vastgelegd(wereld):
    door = wereld.gebruikers["consulent"]
    casus = _triage(wereld, datum=timezone.localdate() - timedelta(days=60))
    casus = _naar_plan(casus, door)
    assert casus.onderzoek_op_tijd is False
    html = wereld.client("consulent").get(reverse("casussen:casus", args=[casus.pk]))
    assert "Termijn niet gehaald" in html.content.decode()
    assert "klok-niet_gehaald" in html.content.decode()
    # Later steps do not change what was recorded.
    for naar in (Status.UITVOERING, Status.EVALUATIE):
        services.status_wijzigen(door=door, casus=casus, naar=naar, reden="Door")
    casus.refresh_from_db()
    assert casus.onderzoek_op_tijd is False


def test_afsluiten_zonder_plan_stopt_de_klok(wereld):
    door = wereld.gebruikers["consulent"]
    casus = _triage(wereld, datum=timezone.localdate() - timedelta(days=5))
    services.status_wijzigen(door=door, casus=casus, naar=Status.VRAAGVERHELDERING, reden="x")
    ZrmScoreFactory(meting=ZrmMetingFactory(casus=casus, soort=ZrmSoort.AFSLUITING))
    services.status_wijzigen(
        door=door, casus=casus, naar=Status.AFGESLOTEN, reden="Vraag opgelost",
        sluitreden=Sluitreden.DOELEN_BEREIKT,
    )  # fmt: skip
    casus.refresh_from_db()
    assert casus.onderzoek_afgerond_op == timezone.localdate()
    assert casus.onderzoek_op_tijd is True


def test_volgende_termijn_en_sortering(wereld):
    """The caseload's "eerstvolgende termijn" is the running clock or the evaluation date."""
    consulent = wereld.gebruikers["consulent"]
    vandaag = timezone.localdate()
    vroeg = _triage(wereld, datum=vandaag - timedelta(days=35))
    laat = _triage(wereld, datum=vandaag - timedelta(days=2))
    services.evaluatiedatum_zetten(door=consulent, casus=wereld.casus, datum=vandaag)
    response = wereld.client("consulent").get(reverse("casussen:caseload"))
    rijen = list(response.context["pagina"])
    assert rijen == [wereld.casus, vroeg, laat]
    assert rijen[1].volgende_termijn == einde_termijn(
        vandaag - timedelta(days=35), weken=WMO_ONDERZOEK_WEKEN
    )
    response = wereld.client("consulent").get(reverse("casussen:caseload"), {"sorteer": "-termijn"})
    assert list(response.context["pagina"]) == [laat, vroeg, wereld.casus]
