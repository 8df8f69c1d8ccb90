"""Issue 5: every sharing of data records its ground, purpose, scope and end date."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from partners import services as partner_services
from toegang.models import Doel, Gegevensdeling, Grondslag, Methode, Onderdeel
from toegang.services import (
    gegevensdeling_vastleggen,
    partnertoegang_bijwerken,
    toestemming_intrekken,
    toestemming_vastleggen,
)

pytestmark = pytest.mark.django_db


def _toestemming(wereld, *, tot):
    return toestemming_vastleggen(
        door=wereld.gebruikers["consulent"],
        persoon=wereld.persoon,
        doel=Doel.DELEN,
        ontvanger=wereld.organisatie.groep,
        onderdelen=[Onderdeel.PERSONALIA, Onderdeel.ACTIES_PARTNER],
        methode=Methode.FORMULIER,
        geldig_van=date.today(),
        geldig_tot=tot,
        door_betrokkene=True,
    )


def test_verwijzing_met_toestemming_legt_deling_op_toestemming_vast(wereld):
    tot = date.today() + timedelta(days=180)
    toestemming = _toestemming(wereld, tot=tot)
    client = wereld.client("consulent")
    url = reverse("partners:verwijzing_nieuw", kwargs={"casus_id": wereld.casus.pk})
    response = client.post(
        url, {"organisatie": wereld.organisatie.pk, "vraag": "Hulp bij de administratie"}
    )
    assert response.status_code == 302

    deling = Gegevensdeling.objects.get()
    assert deling.grondslag == Grondslag.TOESTEMMING
    assert deling.toestemming == toestemming
    assert deling.huishouden == wereld.casus.huishouden
    assert deling.persoon == wereld.persoon
    assert deling.ontvanger == wereld.organisatie.groep
    assert deling.reikwijdte == [Onderdeel.PERSONALIA, Onderdeel.ACTIES_PARTNER]
    assert deling.einddatum == tot
    assert deling.wettelijk_artikel == ""
    assert deling.vastgelegd_door == wereld.gebruikers["consulent"]
    assert deling.history.count() == 1

    # The household's consent overview shows the ground.
    html = client.get(
        reverse("toegang:toestemmingen", kwargs={"huishouden_id": wereld.casus.huishouden_id})
    ).content.decode()
    assert "Gedeelde gegevens en hun grondslag" in html
    assert "Toestemming van de inwoner" in html
    assert "MEE Test" in html

    # Withdrawing the consent ends the share today.
    toestemming_intrekken(door=wereld.gebruikers["consulent"], toestemming=toestemming)
    deling.refresh_from_db()
    assert deling.einddatum == date.today()


def test_opnieuw_toegang_op_dezelfde_toestemming_geen_tweede_deling(wereld):
    _toestemming(wereld, tot=None)
    partner_services.verwijzen(
        door=wereld.gebruikers["consulent"],
        casus=wereld.casus,
        organisatie=wereld.organisatie,
        vraag="Hulp bij de post",
    )
    assert partnertoegang_bijwerken(
        huishouden=wereld.casus.huishouden, groep=wereld.organisatie.groep, verwijzing_open=True
    )
    deling = Gegevensdeling.objects.get()
    assert deling.vastgelegd_door == wereld.gebruikers["consulent"]  # who referred


def test_wettelijke_taak_zonder_artikel_geweigerd_met_nederlandse_fout(wereld):
    client = wereld.client("consulent")
    huishouden_id = wereld.casus.huishouden_id
    url = reverse("toegang:gegevensdeling_nieuw", kwargs={"huishouden_id": huishouden_id})
    gegevens = {
        "grondslag": Grondslag.WETTELIJKE_TAAK,
        "wettelijk_artikel": "",
        "ontvanger_naam": "Veilig Thuis",
        "doel": "Melding van zorgen over de veiligheid van de kinderen",
        "reikwijdte": [Onderdeel.PERSONALIA],
    }
    response = client.post(url, gegevens)
    assert response.status_code == 200
    assert "Noem het wetsartikel waarop het delen rust." in response.content.decode()
    assert not Gegevensdeling.objects.exists()

    response = client.post(url, {**gegevens, "wettelijk_artikel": "art. 5.2.6 Wmo 2015"})
    assert response.status_code == 302
    deling = Gegevensdeling.objects.get()
    assert deling.grondslag == Grondslag.WETTELIJKE_TAAK
    assert deling.wettelijk_artikel == "art. 5.2.6 Wmo 2015"
    assert deling.toestemming is None
    assert deling.vastgelegd_door == wereld.gebruikers["consulent"]
    overzicht = client.get(
        reverse("toegang:toestemmingen", kwargs={"huishouden_id": huishouden_id})
    ).content.decode()
    assert "art. 5.2.6 Wmo 2015" in overzicht and "Veilig Thuis" in overzicht


def test_service_en_database_weigeren_wettelijke_grondslag_zonder_artikel(wereld):
    huishouden = wereld.casus.huishouden
    with pytest.raises(ValidationError) as fout:
        gegevensdeling_vastleggen(
            door=wereld.gebruikers["consulent"],
            huishouden=huishouden,
            grondslag=Grondslag.WETTELIJKE_VERPLICHTING,
            wettelijk_artikel="  ",
            doel="Gegevens voor de rechter",
            reikwijdte=[Onderdeel.PERSONALIA],
            ontvanger_naam="Rechtbank",
        )
    assert fout.value.message_dict == {
        "wettelijk_artikel": ["Noem het wetsartikel waarop het delen rust."]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Gegevensdeling.objects.create(
            huishouden=huishouden,
            grondslag=Grondslag.WETTELIJKE_TAAK,
            ontvanger_naam="Rechtbank",
            doel="x",
            reikwijdte=[Onderdeel.PERSONALIA],
        )
