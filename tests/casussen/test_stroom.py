"""The consulent's flow through the pages, with Django's test client: melding → household →
members → triage → case → keukentafelgesprek with ZRM → contactmoment → caseload."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casussen.models import (
    Casus,
    Huishouden,
    Keukentafelgesprek,
    Melding,
    Persoon,
    Status,
    Statusovergang,
    Triage,
    ZrmScore,
)
from casussen.termijnen import WMO_ONDERZOEK_WEKEN, einde_termijn

from .conftest import BSN_A, BSN_B
from .factories import MeldingFactory


def _melding_gegevens(**extra):
    return {
        "datum": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "bron": "huisarts",
        "melder_naam": "Dokter Jansen",
        "melder_organisatie": "Huisartsenpraktijk Noord",
        "melder_email": "jansen@huisarts.example",
        "kanaal": "telefoon",
        "vraag": "Mevrouw kan haar huishouden niet meer aan.",
        "wetten": ["wmo"],
        **extra,
    }


def test_volledige_stroom(wereld, domeinen):
    client = wereld.client("consulent")
    consulent = wereld.gebruikers["consulent"]

    # 1. Melding
    response = client.post(reverse("casussen:melding_nieuw"), _melding_gegevens())
    melding = Melding.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("casussen:melding", args=[melding.pk])
    assert melding.team == wereld.team
    assert melding.geregistreerd_door == consulent
    assert melding.triage == Triage.OPEN
    assert client.get(response.url).status_code == 200

    # 2. New household, linked to the melding
    response = client.post(
        reverse("casussen:melding_huishouden_nieuw", args=[melding.pk]),
        {
            "postcode": "1234 ab",
            "huisnummer": "12",
            "toevoeging": "A",
            "straat": "Dorpsstraat",
            "plaats": "Testdam",
            "wijk": "Noorderpark",
        },
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    huishouden = melding.huishouden
    assert huishouden.postcode == "1234AB"
    assert huishouden.team == wereld.team

    # 3. Two members
    url = reverse("casussen:persoon_nieuw", args=[huishouden.pk])
    terug = reverse("casussen:melding", args=[melding.pk])
    for voornaam, bsn, geboren, rol in [
        ("Anna", BSN_A, "1950-03-01", "hoofdbewoner"),
        ("Bert", BSN_B, "1948-07-15", "partner"),
    ]:
        response = client.post(
            url,
            {
                "voornamen": voornaam,
                "achternaam": "de Boer",
                "geboortedatum": geboren,
                "bsn": bsn,
                "rol": rol,
                "volgende": terug,
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        assert response.url == terug
    assert huishouden.leden.count() == 2
    pagina = client.get(terug).content.decode()
    assert "Anna de Boer" in pagina and "Bert de Boer" in pagina

    # 4. Triage: taken on as a case
    response = client.post(
        reverse("casussen:melding_triage", args=[melding.pk]),
        {"uitkomst": "casus", "regisseur": consulent.pk, "toelichting": "Wmo-onderzoek nodig"},
    )
    casus = Casus.objects.get(huishouden=huishouden)
    assert response.status_code == 302
    assert response.url == reverse("casussen:casus", args=[casus.pk])
    assert casus.status == Status.AANMELDING
    assert casus.regisseur == consulent
    assert casus.gemeld_op == melding.datum
    assert casus.onderzoekstermijn_einde == einde_termijn(melding.datum, weken=WMO_ONDERZOEK_WEKEN)
    assert Statusovergang.objects.filter(casus=casus, naar=Status.AANMELDING).exists()
    melding.refresh_from_db()
    assert melding.triage == Triage.CASUS and melding.casus == casus

    # 5. Keukentafelgesprek: choose two domains, then the conversation and the ZRM for both
    url = reverse("casussen:keukentafelgesprek_nieuw", args=[casus.pk])
    stap1 = client.get(url)
    assert "Welke leefgebieden raakt de vraag?" in stap1.content.decode()
    gekozen = domeinen[:2]
    stap2 = client.get(url, {"domeinen": [d.pk for d in gekozen]})
    assert stap2.status_code == 200
    anna, bert = huishouden.leden.order_by("voornamen")
    gegevens = {
        "domeinen": [d.pk for d in gekozen],
        "datum": timezone.localdate().isoformat(),
        "plaats": "Bij de inwoner thuis",
        "aanwezige_leden": [anna.pk, bert.pk],
        "overige_aanwezigen": "dochter",
        "verslag": "Anna vertelt over de zorg voor Bert.",
        "netwerk": "Dochter komt wekelijks.",
        "eigen_kracht": "Veerkrachtig.",
    }
    for d in gekozen:
        gegevens[f"zorgen_{d.pk}"] = f"Zorgen over {d.naam}"
        gegevens[f"score_{d.pk}_{anna.pk}"] = "2"
        gegevens[f"score_{d.pk}_{bert.pk}"] = "n"
        gegevens[f"reden_{d.pk}_{bert.pk}"] = "Bert was te moe"
    response = client.post(url, gegevens)
    assert response.status_code == 302, response.context["form"].errors
    gesprek = Keukentafelgesprek.objects.get(casus=casus)
    assert set(gesprek.aanwezige_leden.all()) == {anna, bert}
    assert gesprek.leefgebieden.count() == 2
    scores = ZrmScore.objects.filter(meting__keukentafelgesprek=gesprek)
    assert scores.count() == 4
    assert scores.filter(persoon=anna, score=2).count() == 2
    assert scores.filter(persoon=bert, score__isnull=True).count() == 2
    detail = client.get(response.url).content.decode()
    assert "Bert was te moe" in detail

    # 6. Contactmoment
    response = client.post(
        reverse("casussen:contactmoment_nieuw", args=[casus.pk]),
        {
            "op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "wijze": "telefoon",
            "met_wie": "Anna",
            "samenvatting": "Afspraak bevestigd.",
        },
    )
    assert response.status_code == 302
    assert casus.contactmomenten.count() == 1

    # 7. The case page and Mijn caseload show the case with its clock
    pagina = client.get(reverse("casussen:casus", args=[casus.pk])).content.decode()
    assert "Keukentafelgesprek van" in pagina
    assert "Afspraak bevestigd." in pagina
    assert "Casus geopend" in pagina  # timeline
    caseload = client.get(reverse("casussen:caseload")).content.decode()
    assert casus.nummer in caseload
    klok = casus.onderzoeksklok
    assert klok.tekst in caseload
    assert f"klok-{klok.kleur}" in caseload

    # 8. Person page with the ZRM history
    pagina = client.get(reverse("casussen:persoon", args=[anna.pk])).content.decode()
    assert 'role="img"' in pagina and "<desc" in pagina


def test_triage_advies_en_voorliggend_veld(wereld):
    client = wereld.client("consulent")
    consulent = wereld.gebruikers["consulent"]
    advies = MeldingFactory(team=wereld.team, geregistreerd_door=consulent)
    voorliggend = MeldingFactory(team=wereld.team, geregistreerd_door=consulent)
    response = client.post(
        reverse("casussen:melding_triage", args=[advies.pk]),
        {"uitkomst": "advies", "toelichting": "Verwezen naar de folder over de Wmo."},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("casussen:melding_triage", args=[voorliggend.pk]),
        {"uitkomst": "voorliggend_veld", "doorverwezen_naar": "Humanitas Thuisadministratie"},
    )
    assert response.status_code == 302
    advies.refresh_from_db()
    voorliggend.refresh_from_db()
    assert advies.triage == Triage.ADVIES and advies.casus is None
    assert voorliggend.doorverwezen_naar == "Humanitas Thuisadministratie"
    assert not Casus.objects.exclude(pk=wereld.casus.pk).exists()
    # Once settled, the triage page sends back to the melding.
    response = client.get(reverse("casussen:melding_triage", args=[advies.pk]))
    assert response.status_code == 302


def test_tweede_melding_komt_bij_lopende_casus(wereld):
    """One household, one case: a new melding for a household with an open case joins it."""
    consulent = wereld.gebruikers["consulent"]
    melding = MeldingFactory(
        team=wereld.team, geregistreerd_door=consulent, huishouden=wereld.casus.huishouden
    )
    response = wereld.client("consulent").post(
        reverse("casussen:melding_triage", args=[melding.pk]),
        {"uitkomst": "casus", "regisseur": consulent.pk},
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.casus == wereld.casus
    assert Casus.objects.count() == 1


def test_bestaand_huishouden_koppelen(wereld):
    consulent = wereld.gebruikers["consulent"]
    client = wereld.client("consulent")
    melding = MeldingFactory(team=wereld.team, geregistreerd_door=consulent)
    h = wereld.casus.huishouden
    url = reverse("casussen:melding_huishouden", args=[melding.pk])
    response = client.get(url, {"postcode": h.postcode, "huisnummer": h.huisnummer})
    assert response.status_code == 200
    assert response.context["resultaten"] == [h]
    # A household of another team is never found nor linked.
    anders = Huishouden.objects.create(
        postcode=h.postcode, huisnummer=h.huisnummer, plaats="X", team=wereld.ander_team
    )
    response = client.get(url, {"postcode": h.postcode, "huisnummer": h.huisnummer})
    assert anders not in response.context["resultaten"]
    client.post(url, {"huishouden": anders.pk})
    melding.refresh_from_db()
    assert melding.huishouden is None
    client.post(url, {"huishouden": h.pk})
    melding.refresh_from_db()
    assert melding.huishouden == h


def test_nieuw_huishouden_op_bestaand_adres_biedt_bestaand_aan(wereld):
    consulent = wereld.gebruikers["consulent"]
    client = wereld.client("consulent")
    melding = MeldingFactory(team=wereld.team, geregistreerd_door=consulent)
    h = wereld.casus.huishouden
    gegevens = {"postcode": h.postcode, "huisnummer": h.huisnummer, "plaats": "Testdam"}
    url = reverse("casussen:melding_huishouden_nieuw", args=[melding.pk])
    response = client.post(url, gegevens)
    assert response.status_code == 200
    assert response.context["bestaande"] == [h]
    assert Huishouden.objects.count() == 1
    response = client.post(url, {**gegevens, "toch_nieuw": "1"})
    assert response.status_code == 302
    assert Huishouden.objects.count() == 2


def test_regie_wijzigen_door_teamleider(wereld):
    from tests.factories import maak_gebruiker
    from toegang.models import Rol

    nieuwe = maak_gebruiker("nieuwe", Rol.CONSULENT, team=wereld.team)
    backup = wereld.gebruikers["consulent"]
    client = wereld.client("teamleider")
    url = reverse("casussen:casus_regie", args=[wereld.casus.pk])
    response = client.post(
        url, {"regisseur": nieuwe.pk, "backup": backup.pk, "reden": "Verlof van de regisseur"}
    )
    assert response.status_code == 302
    wereld.casus.refresh_from_db()
    assert wereld.casus.regisseur == nieuwe and wereld.casus.backup == backup
    laatste = wereld.casus.history.first()
    assert laatste.history_user == wereld.gebruikers["teamleider"]
    assert "Verlof" in laatste.history_change_reason
    # The timeline shows the change.
    pagina = wereld.client("consulent").get(reverse("casussen:casus", args=[wereld.casus.pk]))
    assert "Regie gewijzigd" in pagina.content.decode()
    # A consulent of another team is no choice.
    ander = maak_gebruiker("ander", Rol.CONSULENT, team=wereld.ander_team)
    response = client.post(url, {"regisseur": ander.pk, "reden": "x"})
    assert response.status_code == 200
    assert "regisseur" in response.context["form"].errors
    # The team view lists the case with its regisseur.
    team = client.get(reverse("casussen:team")).content.decode()
    assert wereld.casus.nummer in team


def test_zoeken(wereld):
    from tests.factories import PersoonFactory

    client = wereld.client("consulent")
    h = wereld.casus.huishouden
    p = PersoonFactory(
        huishouden=h, voornamen="Karin", achternaam="Zoekbaar", geboortedatum=date(1981, 2, 3)
    )
    ander = PersoonFactory(
        huishouden__team=wereld.ander_team, voornamen="Karin", achternaam="Zoekbaar"
    )
    url = reverse("casussen:zoeken")
    for criteria in [
        {"naam": "zoek"},
        {"naam": "karin zoekb"},
        {"bsn": p.bsn},
        {"geboortedatum": "1981-02-03"},
        {"postcode": h.postcode, "huisnummer": h.huisnummer},
    ]:
        response = client.get(url, criteria)
        assert response.status_code == 200
        gevonden = list(response.context["pagina"])
        assert gevonden == [h], criteria
        assert ander.huishouden not in gevonden
    # Case number: straight to the case.
    response = client.get(url, {"casusnummer": wereld.casus.nummer})
    assert response.status_code == 302
    assert response.url == reverse("casussen:casus", args=[wereld.casus.pk])
    # Another team's BSN finds nothing.
    response = client.get(url, {"bsn": ander.bsn})
    assert list(response.context["pagina"]) == []
    andere_casus = Casus.objects.create(
        huishouden=ander.huishouden,
        team=wereld.ander_team,
        regisseur=wereld.gebruikers["consulent_ander_team"],
        vraag="x",
        geopend_op=date.today(),
    )
    response = client.get(url, {"casusnummer": andere_casus.nummer})
    assert response.status_code == 200
    assert list(response.context["pagina"]) == []


@pytest.mark.parametrize("rol", ["consulent_ander_team", "partner", "backoffice", "beleid"])
def test_andere_rollen_zien_niets_van_het_team(wereld, rol):
    p = Persoon.objects.create(
        huishouden=wereld.casus.huishouden,
        voornamen="Geheim",
        achternaam="Persoon",
        geboortedatum=date(1990, 1, 1),
    )
    client = wereld.client(rol)
    for url in [
        reverse("casussen:casus", args=[wereld.casus.pk]),
        reverse("casussen:persoon", args=[p.pk]),
        reverse("casussen:huishouden", args=[wereld.casus.huishouden_id]),
    ]:
        assert client.get(url).status_code == 404
    if rol == "consulent_ander_team":
        response = client.get(reverse("casussen:zoeken"), {"naam": "Geheim"})
        assert list(response.context["pagina"]) == []
        caseload = client.get(reverse("casussen:caseload"))
        assert wereld.casus.nummer not in caseload.content.decode()
