"""Factories for the records of `casussen` (melding, keukentafelgesprek, ZRM, contactmoment)."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from casussen.models import (
    Bron,
    Contactmoment,
    Contactwijze,
    Domein,
    Kanaal,
    Keukentafelgesprek,
    Melding,
    Wet,
    ZrmMeting,
    ZrmScore,
    ZrmSoort,
)
from tests.factories import CasusFactory, HuishoudenFactory, PersoonFactory, TeamFactory

__all__ = ["CasusFactory", "HuishoudenFactory", "PersoonFactory", "TeamFactory"]


class MeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Melding

    datum = factory.LazyFunction(lambda: date.today() - timedelta(days=1))
    bron = Bron.HUISARTS
    melder_naam = "Dokter Jansen"
    kanaal = Kanaal.TELEFOON
    vraag = "Mevrouw redt het niet meer met het huishouden."
    wetten = factory.LazyFunction(lambda: [Wet.WMO])
    team = factory.SubFactory(TeamFactory)
    geregistreerd_door = factory.LazyAttribute(lambda o: o.team.leden.first())


class KeukentafelgesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Keukentafelgesprek

    casus = factory.SubFactory(CasusFactory)
    datum = factory.LazyFunction(date.today)
    plaats = "Bij de inwoner thuis"
    verslag = "Het verhaal van de inwoner."
    door = factory.SelfAttribute("casus.regisseur")


class ZrmMetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZrmMeting

    casus = factory.SubFactory(CasusFactory)
    datum = factory.LazyFunction(date.today)
    soort = ZrmSoort.TUSSENTIJDS
    door = factory.SelfAttribute("casus.regisseur")


class ZrmScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZrmScore

    meting = factory.SubFactory(ZrmMetingFactory)
    persoon = factory.SubFactory(
        PersoonFactory, huishouden=factory.SelfAttribute("..meting.casus.huishouden")
    )
    domein = factory.LazyFunction(
        lambda: Domein.objects.get_or_create(naam="Financiën", defaults={"volgorde": 1})[0]
    )
    score = 3


class ContactmomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactmoment

    casus = factory.SubFactory(CasusFactory)
    op = factory.LazyFunction(timezone.now)
    wijze = Contactwijze.TELEFOON
    met_wie = "de inwoner"
    samenvatting = "Afspraak gemaakt voor een huisbezoek."
    door = factory.SelfAttribute("casus.regisseur")
