"""Issue 9: steering figures. Known numbers computed by hand, small-cell suppression in page and
exports, scope per role, and a bounded number of queries."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casussen import stuurinformatie as si
from casussen.models import (
    Domein,
    Sluitreden,
    Status,
    Wet,
    ZrmSoort,
)
from tests.casussen.factories import (
    CasusFactory,
    HuishoudenFactory,
    KeukentafelgesprekFactory,
    PersoonFactory,
    ZrmMetingFactory,
    ZrmScoreFactory,
)

URL = reverse("casussen:stuurinformatie")
CSV = reverse("casussen:stuurinformatie_csv")
XLSX = reverse("casussen:stuurinformatie_xlsx")
PERIODE = {"van": "2025-01-01", "tot": "2025-12-31", "wijk": "Oost"}
GEMELD = date(2025, 3, 3)


def _tabel(secties, sleutel):
    for _, tabellen in secties:
        for tabel in tabellen:
            if tabel.sleutel == sleutel:
                return tabel
    raise KeyError(sleutel)


def _rij(tabel, label):
    return next(r for r in tabel.rijen if r[0].tekst == label)


def _kol(tabel, naam):
    return tabel.kolommen.index(naam)


@pytest.fixture
def bekend(wereld):
    """Six Wmo cases in wijk Oost of the teamleider's team, all reported on 3 March 2025.
    Kitchen-table talk after 5, 10, 15, 20, 25, 30 days; plan signed after 20..70 days; five
    closed after 40, 50, 60, 70, 80 days (three with goals reached); research term met 4 of 5.
    ZRM Financiën for five persons: intake 1,2,2,3,1; last follow-up 3,3,2,4,2."""
    consulent = wereld.gebruikers["consulent"]
    financien = Domein.objects.get(naam="Financiën")
    Plan = apps.get_model("plannen", "Plan")
    Planversie = apps.get_model("plannen", "Planversie")
    intake = [1, 2, 2, 3, 1]
    eind = [3, 3, 2, 4, 2]
    casussen = []
    for i in range(6):
        huishouden = HuishoudenFactory(team=wereld.team, wijk="Oost")
        gesloten = i < 5
        casus = CasusFactory(
            huishouden=huishouden,
            team=wereld.team,
            regisseur=consulent,
            wetten=[Wet.WMO],
            geopend_op=GEMELD,
            gemeld_op=GEMELD,
            status=Status.AFGESLOTEN if gesloten else Status.UITVOERING,
            gesloten_op=GEMELD + timedelta(days=40 + 10 * i) if gesloten else None,
            sluitreden=(Sluitreden.DOELEN_BEREIKT if i < 3 else Sluitreden.VERHUISD)
            if gesloten
            else "",
            onderzoek_op_tijd=[True, True, True, True, False, None][i],
        )
        casussen.append(casus)
        KeukentafelgesprekFactory(casus=casus, datum=GEMELD + timedelta(days=5 * (i + 1)))
        # A later talk does not change the first one.
        KeukentafelgesprekFactory(casus=casus, datum=GEMELD + timedelta(days=90))
        plan = Plan.objects.create(huishouden=huishouden, aangemaakt_door=consulent)
        Planversie.objects.create(
            plan=plan,
            nummer=1,
            status="ondertekend",
            ondertekend_op=timezone.make_aware(
                datetime.combine(GEMELD + timedelta(days=20 + 10 * i), datetime.min.time())
            )
            + timedelta(hours=12),
            aangemaakt_door=consulent,
            gewijzigd_door=consulent,
        )
        if i < 5:
            persoon = PersoonFactory(huishouden=huishouden)
            m0 = ZrmMetingFactory(casus=casus, soort=ZrmSoort.INTAKE, datum=GEMELD, door=consulent)
            ZrmScoreFactory(meting=m0, persoon=persoon, domein=financien, score=intake[i])
            if i == 0:  # an earlier evaluation: the later closing score counts
                m1 = ZrmMetingFactory(
                    casus=casus, soort=ZrmSoort.EVALUATIE, datum=date(2025, 6, 1), door=consulent
                )
                ZrmScoreFactory(meting=m1, persoon=persoon, domein=financien, score=5)
            m2 = ZrmMetingFactory(
                casus=casus, soort=ZrmSoort.AFSLUITING, datum=date(2025, 7, 1), door=consulent
            )
            ZrmScoreFactory(meting=m2, persoon=persoon, domein=financien, score=eind[i])
    return casussen


def _secties(wereld, rol="teamleider", **data):
    form = si.FilterForm({**PERIODE, **data}, user=wereld.gebruikers[rol])
    assert form.is_valid(), form.errors
    return si.alle_tabellen(si.Filter.uit_form(form), per_consulent=rol == "teamleider")


# --- acceptance 1: known numbers ---------------------------------------------------------


def test_doorlooptijden_mediaan_en_p90(wereld, bekend):
    tabel = _tabel(_secties(wereld), "doorlooptijden")
    rij = _rij(tabel, "Alle wetten")
    waarden = [c.waarde for c in rij[1:]]
    # KTG 5..30: median 17.5, p90 25 + 0.5*5; plan 20..70: 45, 65; closed 40..80: 60, 76.
    assert waarden == [17.5, 27.5, 45.0, 65.0, 60.0, 76.0]
    assert [c.tekst for c in _rij(tabel, "Wmo 2015")[1:3]] == ["17,5", "27,5"]
    # Jeugdwet: no cases, no figure.
    assert _rij(tabel, "Jeugdwet")[1].tekst == "–"


def test_onderzoekstermijn_gehaald_per_wet(wereld, bekend):
    def rij():
        tabel = _tabel(_secties(wereld), "termijnen")
        return next(
            r for r in tabel.rijen if r[0].tekst == "Wmo 2015" and "Onderzoek" in r[1].tekst
        )

    # 4 of 5 met: the one that missed would be recognisable, so the share is suppressed.
    assert rij()[2].waarde == 5 and rij()[3].tekst == "< 5"
    # Six more: 2 met, 4 missed; 6 of 11 met = 54.5%.
    for op_tijd in [True, True, False, False, False, False]:
        CasusFactory(
            huishouden=HuishoudenFactory(team=wereld.team, wijk="Oost"),
            regisseur=wereld.gebruikers["consulent"],
            geopend_op=GEMELD,
            gemeld_op=GEMELD,
            onderzoek_op_tijd=op_tijd,
        )
    assert rij()[2].waarde == 11
    assert rij()[3].waarde == 54.5 and rij()[3].tekst == "54,5%"


def test_beslistermijn_gehaald_per_wet(wereld, bekend):
    Aanvraag = apps.get_model("plannen", "Aanvraag")
    # 12 decided requests, 7 within the two weeks: 58.3%.
    for i in range(12):
        casus = bekend[i % 6]
        ontvangen = date(2025, 4, 1)
        Aanvraag.objects.create(
            huishouden=casus.huishouden,
            casus=casus,
            soort="Huishoudelijke ondersteuning",
            wet=Wet.WMO,
            ontvangen_op=ontvangen,
            termijn_einde=ontvangen + timedelta(days=14),
            status="afgehandeld",
            afgehandeld_op=ontvangen + timedelta(days=14 if i < 7 else 15),
            aangemaakt_door=wereld.gebruikers["consulent"],
        )
    tabel = _tabel(_secties(wereld), "termijnen")
    rij = next(r for r in tabel.rijen if r[0].tekst == "Wmo 2015" and "Beslissing" in r[1].tekst)
    assert rij[2].waarde == 12 and rij[3].waarde == 58.3
    maatwerk = _tabel(_secties(wereld), "maatwerk")
    assert [c.tekst for c in maatwerk.rijen[0]][:3] == [
        "Wmo 2015",
        "Huishoudelijke ondersteuning",
        "12",
    ]


def test_zrm_verandering_per_leefgebied_team_en_wet(wereld, bekend):
    secties = _secties(wereld)
    rij = _rij(_tabel(secties, "zrm_domein"), "Financiën")
    assert [c.waarde for c in rij[1:]] == [5, 1.8, 2.8, 1.0]
    assert [c.waarde for c in _rij(_tabel(secties, "zrm_team"), "Wijkteam Noord")[1:]] == [
        5,
        1.8,
        2.8,
        1.0,
    ]
    assert _rij(_tabel(secties, "zrm_wet"), "Wmo 2015")[4].waarde == 1.0


def test_casus_onder_twee_wetten_telt_per_wet_en_eenmaal_in_alle(wereld, bekend):
    def waarden(secties, sleutel, label):
        return [c.tekst for c in _rij(_tabel(secties, sleutel), label)[1:]]

    secties = _secties(wereld)
    # Participatiewet: no cases, so no ZRM pairs either.
    assert waarden(secties, "zrm_wet", "Participatiewet") == ["0", "–", "–", "–"]
    assert waarden(secties, "zrm_wet", "Jeugdwet") == ["0", "–", "–", "–"]
    voor = {s: waarden(secties, s, "Alle wetten") for s in ["doorlooptijden", "termijnen"]}
    for casus in bekend:
        casus.wetten = [Wet.WMO, Wet.JEUGDWET]
        casus.save(update_fields=["wetten"])
    secties = _secties(wereld)
    for sleutel in ["doorlooptijden", "termijnen", "zrm_wet"]:
        assert waarden(secties, sleutel, "Jeugdwet") == waarden(secties, sleutel, "Wmo 2015")
    assert waarden(secties, "zrm_wet", "Jeugdwet")[:2] == ["5", "1,80"]
    assert {s: waarden(secties, s, "Alle wetten") for s in voor} == voor


def test_afsluitingen_en_open_casussen(wereld, bekend):
    secties = _secties(wereld)
    afs = _tabel(secties, "afsluitingen")
    assert _rij(afs, "Totaal")[1].waarde == 5
    # 3 of 5 with goals reached: count and share are both suppressed.
    doelen = _rij(afs, "Doelen bereikt")
    assert doelen[1].tekst == "< 5" and doelen[2].tekst == "< 5"
    status = _tabel(secties, "open_status")
    assert [[c.tekst for c in r] for r in status.rijen] == [["Uitvoering", "< 5"]]


def test_clienten_uniek_geteld(wereld, bekend):
    # A second case in the same household counts the household and its person once.
    CasusFactory(
        huishouden=bekend[0].huishouden,
        team=wereld.team,
        regisseur=wereld.gebruikers["consulent"],
        geopend_op=date(2025, 9, 1),
    )
    tabel = _tabel(_secties(wereld), "clienten")
    assert _rij(tabel, "Huishoudens met een casus")[1].waarde == 6
    assert _rij(tabel, "Personen in die huishoudens")[1].waarde == 5
    assert _rij(tabel, "Casussen die liepen in de periode")[1].waarde == 7


def test_meldingen_per_week(wereld):
    from casussen.models import Kanaal, Triage
    from tests.casussen.factories import MeldingFactory

    maandag = date(2025, 3, 3)
    for i in range(7):
        MeldingFactory(
            team=wereld.team,
            datum=maandag + timedelta(days=i % 5),
            kanaal=Kanaal.TELEFOON if i < 5 else Kanaal.EMAIL,
            triage=Triage.ADVIES,
            geregistreerd_door=wereld.gebruikers["consulent"],
        )
    form = si.FilterForm(
        {"van": "2025-01-01", "tot": "2025-12-31"}, user=wereld.gebruikers["beleid"]
    )
    assert form.is_valid()
    secties = si.alle_tabellen(si.Filter.uit_form(form), per_consulent=False)
    triage = _tabel(secties, "meldingen_triage")
    assert [c.tekst for c in triage.rijen[0][:2]] == ["week 2025-10", "7"]
    assert triage.rijen[0][_kol(triage, Triage.ADVIES.label)].waarde == 7
    kanaal = _tabel(secties, "meldingen_kanaal")
    assert kanaal.rijen[0][_kol(kanaal, "Telefoon")].waarde == 5
    assert kanaal.rijen[0][_kol(kanaal, "E-mail")].tekst == "< 5"


def test_percentiel_aggregaat_rekent_in_de_database(wereld, bekend):
    from django.db.models import F

    from casussen.models import Casus

    dagen = si.dagen(F("gesloten_op"), F("gemeld_op"))
    r = Casus.objects.filter(pk__in=[c.pk for c in bekend]).aggregate(
        m=si.mediaan(dagen), p=si.p90(dagen)
    )
    assert (r["m"], r["p"]) == (60.0, 76.0)


# --- acceptance 2: small cells -------------------------------------------------------------


@pytest.fixture
def drie(wereld):
    """Three households with one person and one case each in wijk Klein."""
    for _ in range(3):
        huishouden = HuishoudenFactory(team=wereld.team, wijk="Klein")
        PersoonFactory(huishouden=huishouden)
        CasusFactory(
            huishouden=huishouden,
            team=wereld.team,
            regisseur=wereld.gebruikers["consulent"],
            geopend_op=date(2025, 5, 1),
            status=Status.UITVOERING,
        )


def test_helper_onderdrukt_onder_vijf():
    assert si.aantal(3).tekst == "< 5" and si.aantal(3).waarde == "< 5"
    assert si.aantal(0).tekst == "0" and si.aantal(5).tekst == "5"
    assert si.statistiek(12.0, 4).tekst == "< 5"
    assert si.percentage(3, 3).tekst == "< 5"
    assert si.percentage(8, 10).tekst == "< 5"  # the 2 who did not would be known
    assert si.percentage(5, 10).tekst == "50,0%" and si.percentage(0, 7).tekst == "0,0%"


def test_drie_personen_tonen_kleiner_dan_vijf_op_de_pagina(wereld, drie):
    params = {"van": "2025-01-01", "tot": "2025-12-31", "wijk": "Klein"}
    response = wereld.client("beleid").get(URL, params)
    assert response.status_code == 200
    tabel = _tabel(response.context["secties"], "clienten")
    assert [c.tekst for c in tabel.rijen[0]] == ["Huishoudens met een casus", "< 5"]
    assert [c.tekst for c in tabel.rijen[1]] == ["Personen in die huishoudens", "< 5"]
    html = response.content.decode()
    assert '<td class="onderdrukt">&lt; 5</td>' in html
    assert "<td>3</td>" not in html


def test_drie_personen_tonen_kleiner_dan_vijf_in_csv_en_xlsx(wereld, drie):
    params = {"van": "2025-01-01", "tot": "2025-12-31", "wijk": "Klein"}
    client = wereld.client("teamleider")
    response = client.get(CSV, params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Huishoudens met een casus", "< 5"] in rijen
    assert ["Personen in die huishoudens", "< 5"] in rijen
    assert ["Uitvoering", "< 5"] in rijen
    assert not any(r[1:] and "3" in r[1:] for r in rijen if r and r[0] != "Status")

    response = client.get(XLSX, params)
    assert response.status_code == 200
    boek = load_workbook(io.BytesIO(response.content))
    waarden = [list(r) for r in boek["clienten"].iter_rows(values_only=True)]
    assert ["Huishoudens met een casus", "< 5"] in waarden
    assert ["Personen in die huishoudens", "< 5"] in waarden
    for blad in boek.worksheets:
        for rij in blad.iter_rows(min_row=3, values_only=True):
            assert 3 not in rij[1:], (blad.title, rij)


# --- acceptance 3 (with the matrix): roles and scope ----------------------------------------


def test_beleid_ziet_cijfers_maar_geen_casus(wereld, bekend):
    client = wereld.client("beleid")
    assert client.get(URL).status_code == 200
    casus = bekend[0]
    for url in [
        reverse("casussen:casus", kwargs={"pk": casus.pk}),
        reverse("casussen:huishouden", kwargs={"pk": casus.huishouden_id}),
        reverse("casussen:caseload"),
        reverse("casussen:meldingen"),
    ]:
        assert client.get(url).status_code == 404, url
    html = client.get(URL, PERIODE).content.decode()
    assert casus.nummer not in html
    assert "Caseload per consulent" not in html  # names of staff: teamleider only


def test_teamleider_ziet_alleen_eigen_team(wereld, bekend):
    ander = HuishoudenFactory(team=wereld.ander_team, wijk="Oost")
    for _ in range(6):
        CasusFactory(
            huishouden=ander,
            team=wereld.ander_team,
            regisseur=wereld.gebruikers["consulent_ander_team"],
            status=Status.UITVOERING,
        )
    teams = _tabel(_secties(wereld), "open_team")
    assert [r[0].tekst for r in teams.rijen] == ["Wijkteam Noord"]
    teams = _tabel(_secties(wereld, rol="beleid"), "open_team")
    assert [r[0].tekst for r in teams.rijen] == ["Wijkteam Noord", "Wijkteam Zuid"]
    response = wereld.client("teamleider").get(URL, {"team": wereld.ander_team.pk})
    assert response.status_code == 200
    assert "Kies een team uit de lijst." in response.content.decode()
    assert response.context["secties"] is None


def test_filter_fouten_in_het_nederlands(wereld):
    client = wereld.client("beleid")
    response = client.get(URL, {"van": "2025-12-01", "tot": "2025-01-01"})
    assert "De begindatum ligt na de einddatum." in response.content.decode()
    response = client.get(URL, {"van": "gisteren"})
    assert "Voer een geldige datum in." in response.content.decode()
    assert client.get(CSV, {"wet": "onbekend"}).status_code == 400


# --- page quality: bounded queries, accessible charts ----------------------------------------


def _meer_data(wereld, n):
    """n more cases over both teams, other wijken and consulenten, each with a melding, a talk
    and an intake and closing ZRM score in 2025."""
    from tests.casussen.factories import MeldingFactory

    financien = Domein.objects.get(naam="Financiën")
    for i in range(n):
        team, consulent = (
            (wereld.team, wereld.gebruikers["consulent"])
            if i % 2
            else (wereld.ander_team, wereld.gebruikers["consulent_ander_team"])
        )
        huishouden = HuishoudenFactory(team=team, wijk=f"Wijk {i}")
        persoon = PersoonFactory(huishouden=huishouden)
        casus = CasusFactory(
            huishouden=huishouden,
            team=team,
            regisseur=consulent,
            wetten=[Wet.JEUGDWET],
            geopend_op=GEMELD,
            gemeld_op=GEMELD,
        )
        MeldingFactory(team=team, casus=casus, datum=GEMELD, geregistreerd_door=consulent)
        KeukentafelgesprekFactory(casus=casus, datum=GEMELD + timedelta(days=i))
        for soort, datum, score in [
            (ZrmSoort.INTAKE, GEMELD, 2),
            (ZrmSoort.AFSLUITING, date(2025, 8, 1), 4),
        ]:
            meting = ZrmMetingFactory(casus=casus, soort=soort, datum=datum, door=consulent)
            ZrmScoreFactory(meting=meting, persoon=persoon, domein=financien, score=score)


def _queries(client, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("rol", ["teamleider", "beleid"])
def test_queries_gelijk_bij_twee_datagroottes(wereld, bekend, rol):
    """The project rule: a page's query count does not grow with the data. The figures are
    computed afresh (a data change is a new cache key), so both counts are full renders."""
    client = wereld.client(rol)
    client.get(URL)  # warm up session and user
    klein, _ = _queries(client, PERIODE | {"wijk": ""})
    _meer_data(wereld, 12)
    client.get(URL)  # the filter's wijk list is read again once the households changed
    groot, response = _queries(client, PERIODE | {"wijk": ""})
    assert klein == groot <= 20
    # The larger data set is really counted: six Wmo cases plus twelve more.
    tabel = _tabel(response.context["secties"], "clienten")
    assert _rij(tabel, "Casussen die liepen in de periode")[1].waarde == (
        18 if rol == "beleid" else 12
    )


def test_cijfers_uit_de_cache_tot_de_data_verandert(wereld, bekend):
    client = wereld.client("beleid")
    client.get(URL)
    vers, eerste = _queries(client, PERIODE)
    uit_cache, tweede = _queries(client, PERIODE)
    assert uit_cache <= vers - 8  # only session, user, form and the data version
    assert tweede.context["secties"] == eerste.context["secties"]
    # A saved change anywhere in the sources is a new version: no stale figure.
    CasusFactory(
        huishouden=bekend[0].huishouden,
        team=wereld.team,
        regisseur=wereld.gebruikers["consulent"],
        geopend_op=date(2025, 9, 1),
    )
    _, derde = _queries(client, PERIODE)
    tabel = _tabel(derde.context["secties"], "clienten")
    assert _rij(tabel, "Casussen die liepen in de periode")[1].waarde == 7
    # The rendered tables are cached under the same key: the page shows the new figure too.
    rij = '<th scope="row">Casussen die liepen in de periode</th><td>{}</td>'
    assert rij.format(6) in eerste.content.decode()
    assert rij.format(6) in tweede.content.decode()
    assert rij.format(7) in derde.content.decode()


def test_grafieken_toegankelijk_en_zonder_inline_stijl(wereld, bekend):
    html = wereld.client("teamleider").get(URL, PERIODE).content.decode()
    assert '<svg class="stuur-grafiek" role="img"' in html
    assert "<title id=" in html and "<desc id=" in html
    assert "style=" not in html and "<script>" not in html
