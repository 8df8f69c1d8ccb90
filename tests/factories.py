"""factory_boy factories for the tests. Users get a confirmed authenticator with a known key."""

from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group
from faker import Faker

from casussen.models import Casus, Huishouden, Persoon, Status, Wet
from partners.models import Organisatie
from toegang.models import Gemeente, Rol, Team
from toegang.services import gebruiker_aanmaken
from wijkteam.demo import bsn_generator

WACHTWOORD = "Test-wachtwoord-2026!"
TOTP_SLEUTEL = "3132333435363738393031323334353637383930"  # RFC 6238 test key

_fake = Faker("nl_NL")
_bsns = bsn_generator(__import__("random").Random(7))


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["naam"]

    naam = "Testgemeente"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Wijkteam {n}")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Partner {n}")
    groep = factory.LazyAttribute(lambda o: Group.objects.create(name=f"Organisatie: {o.naam}"))
    diensten = factory.LazyFunction(lambda: ["schuldhulp"])


def maak_gebruiker(username: str, *rollen: str, team=None, organisatie=None, **velden):
    gebruiker = gebruiker_aanmaken(
        username=username,
        password=WACHTWOORD,
        rollen=list(rollen),
        team=team,
        totp_sleutel=TOTP_SLEUTEL,
        **velden,
    )
    if organisatie is not None:
        gebruiker.groups.add(organisatie.groep)
    return gebruiker


class HuishoudenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Huishouden

    straat = factory.LazyFunction(_fake.street_name)
    huisnummer = factory.Sequence(lambda n: n + 1)
    postcode = factory.LazyFunction(lambda: _fake.postcode().replace(" ", ""))
    plaats = "Testdam"
    wijk = "Centrum"
    team = factory.SubFactory(TeamFactory)


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    huishouden = factory.SubFactory(HuishoudenFactory)
    voornamen = factory.LazyFunction(_fake.first_name)
    achternaam = factory.LazyFunction(_fake.last_name)
    geboortedatum = factory.LazyFunction(lambda: date(1980, 5, 17))
    bsn = factory.LazyFunction(lambda: next(_bsns))


class CasusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Casus

    huishouden = factory.SubFactory(HuishoudenFactory)
    team = factory.SelfAttribute("huishouden.team")
    regisseur = factory.LazyAttribute(
        lambda o: maak_gebruiker(_fake.unique.user_name(), Rol.CONSULENT, team=o.team)
    )
    status = Status.AANMELDING
    wetten = factory.LazyFunction(lambda: [Wet.WMO])
    vraag = "Hulp bij de administratie"
    geopend_op = factory.LazyFunction(lambda: date.today() - timedelta(days=3))
