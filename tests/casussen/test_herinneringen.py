"""Reminders: every kind found by its scan through a real worker, exactly once; a failed scan
loses nothing and duplicates nothing; the digest mail carries no sensitive content."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from casussen import herinneringen
from casussen.models import Herinnering, HerinneringSoort
from casussen.tasks import herinneringen_scannen
from plannen.models import Actie, Planversie
from tests.factories import CasusFactory, HuishoudenFactory, PersoonFactory
from tests.plannen.helpers import maak_plan
from toegang.models import Doel, Methode, Onderdeel
from toegang.services import toestemming_vastleggen

VANDAAG = date.today()
# The kinds of cases and plans; referrals and the backoffice have their own tests.
SOORTEN = [
    HerinneringSoort.EVALUATIE_BINNENKORT,
    HerinneringSoort.EVALUATIE_VERLOPEN,
    HerinneringSoort.ONDERZOEK_BINNENKORT,
    HerinneringSoort.ONDERZOEK_VERLOPEN,
    HerinneringSoort.ACTIE_BINNENKORT,
    HerinneringSoort.ACTIE_VERLOPEN,
    HerinneringSoort.TOESTEMMING_VERLOOPT,
    HerinneringSoort.PLAN_NIET_ONDERTEKEND,
]


def _situaties(wereld) -> dict:
    """One of each: what is due, and the user who must hear of it."""
    consulent = wereld.gebruikers["consulent"]

    def casus(**velden):
        return CasusFactory(
            huishouden=HuishoudenFactory(team=wereld.team), regisseur=consulent, **velden
        )

    casus(evaluatie_op=VANDAAG + timedelta(days=7))
    casus(evaluatie_op=VANDAAG - timedelta(days=2))
    casus(
        onderzoekstermijn_einde=VANDAAG + timedelta(days=5), gemeld_op=VANDAAG - timedelta(days=37)
    )
    casus(
        onderzoekstermijn_einde=VANDAAG - timedelta(days=1), gemeld_op=VANDAAG - timedelta(days=43)
    )
    # Not due: far away, finished, or passed longer ago than a scan catches up.
    casus(evaluatie_op=VANDAAG + timedelta(days=30))
    casus(evaluatie_op=VANDAAG - timedelta(days=herinneringen.INHAAL_DAGEN + 1))
    casus(onderzoekstermijn_einde=VANDAAG - timedelta(days=1), onderzoek_afgerond_op=VANDAAG)

    toestemming_vastleggen(
        door=consulent,
        persoon=wereld.persoon,
        doel=Doel.DELEN,
        ontvanger=wereld.organisatie.groep,
        onderdelen=[Onderdeel.PERSONALIA],
        methode=Methode.FORMULIER,
        geldig_van=VANDAAG - timedelta(days=100),
        geldig_tot=VANDAAG + timedelta(days=14),
        door_betrokkene=True,
    )
    versie = maak_plan(wereld, acties=3)
    acties = list(Actie.objects.filter(doel__planversie=versie).order_by("volgorde"))
    acties[0].wanneer = VANDAAG + timedelta(days=3)
    acties[1].wanneer = VANDAAG - timedelta(days=1)
    for actie in acties[:2]:
        actie.save()
    Planversie.objects.filter(pk=versie.pk).update(
        aangemaakt_op=timezone.now() - timedelta(days=15)
    )
    return dict.fromkeys(SOORTEN, consulent)


@pytest.mark.worker
def test_elke_soort_precies_een_keer_via_de_worker(wereld, celery_worker_proces):
    verwacht = _situaties(wereld)
    nieuw = herinneringen_scannen.delay().get(timeout=60)
    assert nieuw == {soort: int(soort in verwacht) for soort in HerinneringSoort.values}, nieuw
    for soort, gebruiker in verwacht.items():
        assert Herinnering.objects.filter(soort=soort, gebruiker=gebruiker).count() == 1, soort

    # Again, and from "another beat process": nothing new.
    assert set(herinneringen_scannen.delay().get(timeout=60).values()) == {0}
    assert set(herinneringen.scannen().values()) == {0}
    assert Herinnering.objects.count() == len(verwacht)


def test_mislukte_scan_verliest_niets_en_verdubbelt_niets(wereld, monkeypatch):
    verwacht = _situaties(wereld)
    herinneringen.scannen(soorten={HerinneringSoort.EVALUATIE_VERLOPEN})  # an earlier run
    origineel = herinneringen._SCANS.copy()
    kapot = dict(origineel)
    kapot[HerinneringSoort.ONDERZOEK_VERLOPEN] = "SELECT kapot FROM bestaat_niet"
    monkeypatch.setattr(herinneringen, "_SCANS", kapot)
    with pytest.raises(Exception, match="bestaat_niet"):
        herinneringen.scannen()
    assert Herinnering.objects.count() == 1  # the failed run left nothing half-done
    monkeypatch.setattr(herinneringen, "_SCANS", origineel)
    herinneringen.scannen()  # the retry
    assert Herinnering.objects.count() == len(verwacht)
    assert not herinneringen.scannen() or set(herinneringen.scannen().values()) == {0}


def test_dagoverzicht_zonder_gevoelige_inhoud(wereld):
    consulent = wereld.gebruikers["consulent"]
    consulent.email = "sanne@wijkteam.example"
    consulent.save()
    huishouden = HuishoudenFactory(team=wereld.team, straat="Lindelaan", huisnummer=12)
    inwoner = PersoonFactory(huishouden=huishouden, voornamen="Johanna", achternaam="Verbeek")
    CasusFactory(
        huishouden=huishouden, regisseur=consulent, evaluatie_op=VANDAAG - timedelta(days=1)
    )
    herinneringen.scannen()
    assert herinneringen.dagoverzicht_versturen(gebruiker_id=consulent.pk)
    (bericht,) = mail.outbox
    assert "J.V." in bericht.body
    assert "C-" in bericht.body
    for gevoelig in [inwoner.bsn, "Lindelaan", "Johanna", "Verbeek", huishouden.postcode]:
        assert gevoelig not in bericht.body
    # Once a day.
    assert not herinneringen.dagoverzicht_versturen(gebruiker_id=consulent.pk)
    assert len(mail.outbox) == 1
