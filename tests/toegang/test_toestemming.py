"""Consent: who must give it by age, validity, withdrawal, and the partner access built on it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casussen.models import Huishouden
from tests.factories import HuishoudenFactory, PersoonFactory
from toegang.models import Doel, Gebruiker, Methode, Onderdeel, Toestemming
from toegang.selectors import gedekte_onderdelen, partner_huishoudens
from toegang.services import (
    partnertoegang_bijwerken,
    toestemming_intrekken,
    toestemming_vastleggen,
)

pytestmark = pytest.mark.django_db

VANDAAG = date.today()


def geboren(jaren: int) -> date:
    return VANDAAG.replace(year=VANDAAG.year - jaren) - timedelta(days=30)


@pytest.fixture
def gezin(wereld):
    huishouden = wereld.casus.huishouden
    ouder = PersoonFactory(huishouden=huishouden, geboortedatum=geboren(40))
    return huishouden, ouder


def vastleggen(wereld, persoon, **kwargs):
    velden = {
        "door": wereld.gebruikers["consulent"],
        "persoon": persoon,
        "doel": Doel.DELEN,
        "ontvanger": wereld.organisatie.groep,
        "onderdelen": [Onderdeel.PERSONALIA, Onderdeel.ACTIES_PARTNER],
        "methode": Methode.SCHERM,
        "geldig_van": VANDAAG,
    }
    velden.update(kwargs)
    return toestemming_vastleggen(**velden)


def test_kind_van_10_heeft_een_ouder_nodig(wereld, gezin):
    huishouden, ouder = gezin
    kind = PersoonFactory(huishouden=huishouden, geboortedatum=geboren(10))
    with pytest.raises(ValidationError, match="Onder de 12 jaar"):
        vastleggen(wereld, kind, door_betrokkene=True)
    assert vastleggen(wereld, kind, gezaghebbenden=[ouder]).pk


def test_kind_van_14_en_een_ouder_samen(wereld, gezin):
    huishouden, ouder = gezin
    kind = PersoonFactory(huishouden=huishouden, geboortedatum=geboren(14))
    with pytest.raises(ValidationError, match="kind én een ouder"):
        vastleggen(wereld, kind, gezaghebbenden=[ouder])
    with pytest.raises(ValidationError, match="kind én een ouder"):
        vastleggen(wereld, kind, door_betrokkene=True)
    assert vastleggen(wereld, kind, door_betrokkene=True, gezaghebbenden=[ouder]).pk


def test_jongere_van_17_alleen(wereld, gezin):
    huishouden, ouder = gezin
    jongere = PersoonFactory(huishouden=huishouden, geboortedatum=geboren(17))
    with pytest.raises(ValidationError, match="Vanaf 16 jaar"):
        vastleggen(wereld, jongere, gezaghebbenden=[ouder])
    assert vastleggen(wereld, jongere, door_betrokkene=True).pk


def test_delen_zonder_organisatie_geweigerd(wereld, gezin):
    _, ouder = gezin
    with pytest.raises(ValidationError, match="organisatie"):
        vastleggen(wereld, ouder, door_betrokkene=True, ontvanger=None)


def zichtbaar_voor_partner(wereld):
    """As at a new request: the user's groups are remembered on the user object per request."""
    partner = Gebruiker.objects.get(pk=wereld.gebruikers["partner"].pk)
    return set(Huishouden.objects.filter(partner_huishoudens(partner)).values_list("pk", flat=True))


def test_partner_ziet_huishouden_alleen_met_verwijzing_en_toestemming(wereld, gezin):
    huishouden, ouder = gezin
    groep = wereld.organisatie.groep
    # An open referral without consent grants nothing.
    assert not partnertoegang_bijwerken(huishouden=huishouden, groep=groep, verwijzing_open=True)
    assert zichtbaar_voor_partner(wereld) == set()

    toestemming = vastleggen(wereld, ouder, door_betrokkene=True)
    assert zichtbaar_voor_partner(wereld) == set()  # consent without a referral: nothing
    assert partnertoegang_bijwerken(huishouden=huishouden, groep=groep, verwijzing_open=True)
    assert zichtbaar_voor_partner(wereld) == {huishouden.pk}
    assert gedekte_onderdelen(groep_ids=[groep.pk], huishouden_id=huishouden.pk) == {
        Onderdeel.PERSONALIA,
        Onderdeel.ACTIES_PARTNER,
    }

    # Withdrawal closes access at once.
    toestemming_intrekken(door=wereld.gebruikers["consulent"], toestemming=toestemming)
    assert zichtbaar_voor_partner(wereld) == set()
    assert Toestemming.objects.geldig().count() == 0


def test_verlopen_toestemming_geeft_niets(wereld, gezin):
    huishouden, ouder = gezin
    vastleggen(
        wereld,
        ouder,
        door_betrokkene=True,
        geldig_van=VANDAAG - timedelta(days=60),
        geldig_tot=VANDAAG - timedelta(days=1),
    )
    assert not partnertoegang_bijwerken(
        huishouden=huishouden, groep=wereld.organisatie.groep, verwijzing_open=True
    )
    assert zichtbaar_voor_partner(wereld) == set()


def test_afgesloten_verwijzing_trekt_toegang_in(wereld, gezin):
    huishouden, ouder = gezin
    groep = wereld.organisatie.groep
    vastleggen(wereld, ouder, door_betrokkene=True)
    partnertoegang_bijwerken(huishouden=huishouden, groep=groep, verwijzing_open=True)
    assert zichtbaar_voor_partner(wereld) == {huishouden.pk}
    partnertoegang_bijwerken(huishouden=huishouden, groep=groep, verwijzing_open=False)
    assert zichtbaar_voor_partner(wereld) == set()


def test_andere_organisatie_ziet_niets(wereld, gezin):
    huishouden, ouder = gezin
    vastleggen(wereld, ouder, door_betrokkene=True)
    partnertoegang_bijwerken(
        huishouden=huishouden, groep=wereld.organisatie.groep, verwijzing_open=True
    )
    ander = HuishoudenFactory(team=wereld.team)
    zichtbaar = zichtbaar_voor_partner(wereld)
    assert ander.pk not in zichtbaar
    wereld.gebruikers["partner"].groups.clear()
    assert zichtbaar_voor_partner(wereld) == set()
