"""The beheerder's screen: who looked at this person's file, filterable and exportable."""

import pytest
from django.urls import reverse

from tests.factories import PersoonFactory
from toegang.models import LogResultaat
from toegang.services import log_toegang

pytestmark = pytest.mark.django_db


@pytest.fixture
def regels(wereld):
    persoon = PersoonFactory(huishouden=wereld.casus.huishouden)
    andere = PersoonFactory()
    log_toegang(gebruiker=wereld.gebruikers["consulent"], object=persoon)
    log_toegang(
        gebruiker=wereld.gebruikers["partner"],
        object=persoon,
        resultaat=LogResultaat.GEWEIGERD,
    )
    log_toegang(gebruiker=wereld.gebruikers["teamleider"], object=andere)
    return persoon


def test_wie_keek_in_dit_dossier(wereld, regels):
    response = wereld.client("beheerder").get(reverse("toegang:logboek"), {"persoon_id": regels.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "consulent" in html
    assert "Geweigerd" in html
    assert "teamleider" not in html


def test_export_als_csv(wereld, regels):
    response = wereld.client("beheerder").get(
        reverse("toegang:logboek"), {"persoon_id": regels.pk, "formaat": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    regels_csv = b"".join(response.streaming_content).decode().splitlines()
    assert regels_csv[0].startswith("Tijdstip;Gebruiker;Rol")
    assert len(regels_csv) == 3
    assert all(str(regels.pk) in regel for regel in regels_csv[1:])


def test_ongeldig_filter_geeft_melding_geen_fout(wereld):
    response = wereld.client("beheerder").get(reverse("toegang:logboek"), {"persoon_id": "abc"})
    assert response.status_code == 200
    assert "Geen logregels gevonden." in response.content.decode()
