"""Fixtures for the tests of `partners`, on top of tests/conftest.py (`wereld`)."""

from datetime import date

import pytest

from toegang.models import Doel, Methode, Onderdeel, Rol
from toegang.services import toestemming_vastleggen

from ..factories import OrganisatieFactory, maak_gebruiker


@pytest.fixture(autouse=True)
def _mail_in_geheugen(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def consulent(wereld):
    return wereld.gebruikers["consulent"]


@pytest.fixture
def partner(wereld):
    return wereld.gebruikers["partner"]


@pytest.fixture
def organisatie_b(db):
    return OrganisatieFactory(naam="Humanitas Test", diensten=["thuisadministratie"])


@pytest.fixture
def partner_b(organisatie_b):
    return maak_gebruiker("partner_b", Rol.PARTNER, organisatie=organisatie_b)


def toestemming(wereld, *, organisatie=None, onderdelen=(Onderdeel.PERSONALIA,), persoon=None):
    return toestemming_vastleggen(
        door=wereld.gebruikers["consulent"],
        persoon=persoon or wereld.persoon,
        doel=Doel.DELEN,
        ontvanger=(organisatie or wereld.organisatie).groep,
        onderdelen=list(onderdelen),
        methode=Methode.FORMULIER,
        geldig_van=date.today(),
        door_betrokkene=True,
    )


def verwijs(wereld, *, organisatie=None, casus=None, vraag="Hulp bij de post en de rekeningen"):
    from partners import services

    return services.verwijzen(
        door=wereld.gebruikers["consulent"],
        casus=casus or wereld.casus,
        organisatie=organisatie or wereld.organisatie,
        vraag=vraag,
    )


@pytest.fixture
def verwijzing(wereld):
    """A referral of the world's case to the world's organisation, with consent (personalia)."""
    wereld.toestemming  # noqa: B018 - the consent of wereld.persoon, personalia
    return verwijs(wereld)
