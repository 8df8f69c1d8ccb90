"""Acceptance 3: a person whose BSN (or name and date of birth) exists already is offered; no
second record is created."""

from datetime import date

import pytest
from django.urls import reverse

from casussen import services
from casussen.models import Persoon
from tests.factories import HuishoudenFactory, PersoonFactory

from .conftest import BSN_A


def _gegevens(**extra):
    return {
        "voornamen": "Fatma",
        "achternaam": "Yilmaz",
        "geboortedatum": "1979-10-02",
        "rol": "hoofdbewoner",
        **extra,
    }


def test_dubbel_bsn_biedt_bestaande_persoon_aan(wereld):
    bestaand = PersoonFactory(huishouden=wereld.casus.huishouden, bsn=BSN_A, voornamen="Els")
    nieuw_huishouden = HuishoudenFactory(team=wereld.team)
    url = reverse("casussen:persoon_nieuw", args=[nieuw_huishouden.pk])
    response = wereld.client("consulent").post(url, _gegevens(bsn=BSN_A))
    assert response.status_code == 200
    assert Persoon.objects.filter(bsn=BSN_A).count() == 1
    assert Persoon.objects.count() == 1
    assert (
        "Er is al een persoon met dit BSN geregistreerd"
        in response.context["form"].errors["bsn"][0]
    )
    html = response.content.decode()
    assert reverse("casussen:persoon", args=[bestaand.pk]) in html
    assert "open de bestaande persoon" in html


def test_dubbel_bsn_met_spaties_en_punten_is_hetzelfde_bsn(wereld):
    PersoonFactory(huishouden=wereld.casus.huishouden, bsn=BSN_A)
    url = reverse("casussen:persoon_nieuw", args=[wereld.casus.huishouden_id])
    response = wereld.client("consulent").post(url, _gegevens(bsn="1112.22.333"))
    assert response.status_code == 200
    assert Persoon.objects.count() == 1


def test_dubbel_bsn_van_ander_team_verraadt_geen_gegevens(wereld):
    PersoonFactory(
        huishouden=HuishoudenFactory(team=wereld.ander_team), bsn=BSN_A, voornamen="Verborgen"
    )
    url = reverse("casussen:persoon_nieuw", args=[wereld.casus.huishouden_id])
    response = wereld.client("consulent").post(url, _gegevens(bsn=BSN_A))
    assert response.status_code == 200
    assert Persoon.objects.filter(bsn=BSN_A).count() == 1
    html = response.content.decode()
    assert "ander team" in html
    assert "Verborgen" not in html


def test_zelfde_naam_en_geboortedatum_wordt_aangeboden_en_kan_toch(wereld):
    bestaand = PersoonFactory(
        huishouden=wereld.casus.huishouden,
        bsn=None,
        voornamen="Fatma",
        achternaam="Yilmaz",
        geboortedatum=date(1979, 10, 2),
    )
    client = wereld.client("consulent")
    url = reverse("casussen:persoon_nieuw", args=[wereld.casus.huishouden_id])
    response = client.post(url, _gegevens(voornamen="fatma", achternaam="YILMAZ"))
    assert response.status_code == 200
    assert Persoon.objects.count() == 1
    assert reverse("casussen:persoon", args=[bestaand.pk]) in response.content.decode()
    assert 'type="checkbox" name="toch_nieuw"' in response.content.decode()
    # Confirmed as someone else: registered.
    response = client.post(url, _gegevens(toch_nieuw="on"))
    assert response.status_code == 302
    assert Persoon.objects.count() == 2


def test_dubbel_bsn_ook_met_toch_nieuw_nooit_tweede_record(wereld):
    PersoonFactory(huishouden=wereld.casus.huishouden, bsn=BSN_A)
    url = reverse("casussen:persoon_nieuw", args=[wereld.casus.huishouden_id])
    wereld.client("consulent").post(url, _gegevens(bsn=BSN_A, toch_nieuw="on"))
    assert Persoon.objects.count() == 1


def test_service_weigert_dubbel_bsn(wereld):
    PersoonFactory(huishouden=wereld.casus.huishouden, bsn=BSN_A)
    with pytest.raises(services.DubbelePersoon) as fout:
        services.persoon_registreren(
            door=wereld.gebruikers["consulent"],
            huishouden=wereld.casus.huishouden,
            toch_nieuw=True,
            voornamen="X",
            achternaam="Y",
            geboortedatum=date(2000, 1, 1),
            bsn=BSN_A,
        )
    assert fout.value.op_bsn
    assert Persoon.objects.count() == 1


def test_bsn_wijzigen_naar_bestaand_bsn_wordt_geweigerd(wereld):
    PersoonFactory(huishouden=wereld.casus.huishouden, bsn=BSN_A)
    ander = PersoonFactory(huishouden=wereld.casus.huishouden, bsn=None)
    url = reverse("casussen:persoon_bewerken", args=[ander.pk])
    response = wereld.client("consulent").post(
        url,
        _gegevens(
            voornamen=ander.voornamen,
            achternaam=ander.achternaam,
            geboortedatum=ander.geboortedatum.isoformat(),
            bsn=BSN_A,
        ),
    )
    assert response.status_code == 200
    assert "bsn" in response.context["form"].errors
    ander.refresh_from_db()
    assert ander.bsn is None


def test_persoon_zonder_bsn_mag(wereld):
    url = reverse("casussen:persoon_nieuw", args=[wereld.casus.huishouden_id])
    response = wereld.client("consulent").post(url, _gegevens(bsn=""))
    assert response.status_code == 302
    assert Persoon.objects.get().bsn is None
    # A second person without BSN (and another name) is fine: no uniqueness on empty.
    response = wereld.client("consulent").post(url, _gegevens(voornamen="Ayse", bsn=""))
    assert response.status_code == 302
    assert Persoon.objects.filter(bsn__isnull=True).count() == 2


def test_persoon_draagt_het_team_van_zijn_huishouden(wereld):
    """The database keeps Persoon.team (the name search and team scoping read it): on insert,
    whatever the application sends, on a move to another household and on a team change."""
    huishouden = wereld.casus.huishouden
    persoon = PersoonFactory(huishouden=huishouden)
    assert Persoon.objects.get(pk=persoon.pk).team_id == wereld.team.pk

    persoon.team_id = wereld.ander_team.pk
    persoon.save()
    assert Persoon.objects.get(pk=persoon.pk).team_id == wereld.team.pk

    elders = HuishoudenFactory(team=wereld.ander_team)
    persoon.huishouden = elders
    persoon.save()
    assert Persoon.objects.get(pk=persoon.pk).team_id == wereld.ander_team.pk

    elders.team = wereld.team
    elders.save()
    assert Persoon.objects.get(pk=persoon.pk).team_id == wereld.team.pk
    assert "team" not in {f.name for f in Persoon.history.model._meta.fields}


def test_zoeken_op_naam_binnen_team_en_na_doorbraak(wereld):
    """Search by name finds the team's residents, not another team's, until break-the-glass
    opens that household."""
    from casussen.selectors import zoeken
    from toegang.services import glas_breken

    eigen = PersoonFactory(huishouden=wereld.casus.huishouden, achternaam="Zoekmans")
    vreemd = PersoonFactory(
        huishouden=HuishoudenFactory(team=wereld.ander_team), achternaam="Zoekmans"
    )
    consulent = wereld.gebruikers["consulent"]
    assert {h.pk for h in zoeken(consulent, naam="zoekm")} == {eigen.huishouden_id}

    glas_breken(gebruiker=consulent, huishouden=vreemd.huishouden, reden="Crisis: dakloos gezin")
    consulent = type(consulent).objects.get(pk=consulent.pk)
    assert {h.pk for h in zoeken(consulent, naam="zoekm")} == {
        eigen.huishouden_id,
        vreemd.huishouden_id,
    }
