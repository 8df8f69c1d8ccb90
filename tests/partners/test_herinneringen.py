"""Referrals unanswered after 5 working days remind the regisseur (and whoever sent it); after
10 the teamleider too. Working days skip weekends, Atw feestdagen and the equated days, counted
in SQL by the scan (casussen.herinneringen.werkdagen_terug)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casussen import herinneringen
from casussen.models import GelijkgesteldeDag, Herinnering
from casussen.models import HerinneringSoort as Soort
from casussen.tasks import herinneringen_scannen
from partners import selectors, services
from partners.models import Verwijzingstatus

# Monday 20 April 2026; Koningsdag is Monday 27 April 2026, Bevrijdingsdag Tuesday 5 May.
MAANDAG = date(2026, 4, 20)
SOORTEN = {Soort.VERWIJZING_ONBEANTWOORD, Soort.VERWIJZING_ESCALATIE}


def _verstuurd_op(verwijzing, dag: date):
    verwijzing.verstuurd_op = timezone.make_aware(datetime.combine(dag, time(10)))
    verwijzing.save()


def _scan(dag: date, soort: str) -> int:
    return herinneringen.scannen(vandaag=dag, soorten={soort})[soort]


def test_werkdagen_tellen_zonder_weekend_en_feestdag():
    """The count the 'betrokken' page shows."""
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 21)) == 0
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 25)) == 4  # di-vr
    # Tue-Fri, then Sat, Sun, Koningsdag (Mon 27) do not count: Tue 28 is the 5th.
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 28)) == 4
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 29)) == 5


def test_herinneringen_na_5_en_10_werkdagen(wereld, verwijzing):
    regisseur = wereld.casus.regisseur
    teamleider = wereld.gebruikers["teamleider"]
    _verstuurd_op(verwijzing, MAANDAG)

    assert _scan(date(2026, 4, 28), Soort.VERWIJZING_ONBEANTWOORD) == 0
    assert _scan(date(2026, 4, 29), Soort.VERWIJZING_ONBEANTWOORD) == 1
    herinnering = Herinnering.objects.get()
    assert (herinnering.gebruiker, herinnering.onderwerp_id) == (regisseur, verwijzing.pk)
    assert herinnering.peildatum == MAANDAG
    assert herinneringen.link(herinnering) == reverse("partners:verwijzing", args=[verwijzing.pk])
    # Once only.
    assert _scan(date(2026, 4, 30), Soort.VERWIJZING_ONBEANTWOORD) == 0
    # 10 working days: Tue 21 .. Mon 4 May, with 27 April and 5 May off → on Thu 7 May.
    assert _scan(date(2026, 5, 6), Soort.VERWIJZING_ESCALATIE) == 0
    assert _scan(date(2026, 5, 7), Soort.VERWIJZING_ESCALATIE) == 1
    assert Herinnering.objects.get(soort=Soort.VERWIJZING_ESCALATIE).gebruiker == teamleider
    assert _scan(date(2026, 5, 8), Soort.VERWIJZING_ESCALATIE) == 0


def test_gelijkgestelde_dag_telt_niet_mee(wereld, verwijzing):
    GelijkgesteldeDag.objects.create(datum=date(2026, 4, 24), omschrijving="Test")
    _verstuurd_op(verwijzing, MAANDAG)
    assert _scan(date(2026, 4, 29), Soort.VERWIJZING_ONBEANTWOORD) == 0
    assert _scan(date(2026, 4, 30), Soort.VERWIJZING_ONBEANTWOORD) == 1


def test_wie_verwees_hoort_het_ook(wereld, verwijzing):
    """Sent by a colleague of the team: both the regisseur and the sender are reminded."""
    teamleider = wereld.gebruikers["teamleider"]
    verwijzing.verstuurd_door = teamleider
    _verstuurd_op(verwijzing, MAANDAG)
    assert _scan(date(2026, 4, 29), Soort.VERWIJZING_ONBEANTWOORD) == 2
    assert set(Herinnering.objects.values_list("gebruiker", flat=True)) == {
        wereld.casus.regisseur_id,
        teamleider.pk,
    }


def test_beantwoorde_verwijzing_geen_herinnering(wereld, partner, verwijzing):
    _verstuurd_op(verwijzing, MAANDAG)
    services.status_wijzigen(
        door=partner, verwijzing=verwijzing, naar=Verwijzingstatus.GEACCEPTEERD
    )
    assert herinneringen.scannen(vandaag=date(2026, 6, 1), soorten=SOORTEN) == dict.fromkeys(
        SOORTEN, 0
    )


def test_dagoverzicht_noemt_de_verwijzing_zonder_inwonergegevens(wereld, verwijzing):
    regisseur = wereld.casus.regisseur
    regisseur.email = "regisseur@gemeente.example"
    regisseur.save()
    _verstuurd_op(verwijzing, MAANDAG)
    _scan(date(2026, 4, 29), Soort.VERWIJZING_ONBEANTWOORD)
    assert herinneringen.dagoverzicht_versturen(gebruiker_id=regisseur.pk)
    (bericht,) = mail.outbox
    assert bericht.to == ["regisseur@gemeente.example"]
    assert "Verwijzing 5 werkdagen onbeantwoord" in bericht.body
    assert wereld.casus.nummer in bericht.body
    assert wereld.persoon.achternaam not in bericht.body


@pytest.mark.worker
def test_elke_soort_precies_een_keer_via_de_worker(wereld, verwijzing, celery_worker_proces):
    _verstuurd_op(verwijzing, timezone.localdate() - timedelta(days=30))
    nieuw = herinneringen_scannen.delay().get(timeout=60)
    assert {soort: nieuw[soort] for soort in SOORTEN} == dict.fromkeys(SOORTEN, 1), nieuw
    assert Herinnering.objects.get(soort=Soort.VERWIJZING_ONBEANTWOORD).gebruiker_id == (
        wereld.casus.regisseur_id
    )
    assert (
        Herinnering.objects.get(soort=Soort.VERWIJZING_ESCALATIE).gebruiker
        == (wereld.gebruikers["teamleider"])
    )

    nieuw = herinneringen_scannen.delay().get(timeout=60)
    assert {soort: nieuw[soort] for soort in SOORTEN} == dict.fromkeys(SOORTEN, 0)
    assert Herinnering.objects.filter(soort__in=SOORTEN).count() == len(SOORTEN)
