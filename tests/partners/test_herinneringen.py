"""Referrals unanswered after 5 working days remind the regisseur; after 10 the teamleider too.
Working days skip weekends and Atw feestdagen (casussen.termijnen)."""

from datetime import date, datetime, time

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from partners import selectors, services
from partners.models import Verwijzingstatus

# Monday 20 April 2026; Koningsdag is Monday 27 April 2026.
MAANDAG = date(2026, 4, 20)


def _verstuurd_op(verwijzing, dag: date):
    verwijzing.verstuurd_op = timezone.make_aware(datetime.combine(dag, time(10)))
    verwijzing.save()


def test_werkdagen_tellen_zonder_weekend_en_feestdag():
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 21)) == 0
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 25)) == 4  # di-vr
    # Tue-Fri, then Sat, Sun, Koningsdag (Mon 27) do not count: Tue 28 is the 5th.
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 28)) == 4
    assert selectors.werkdagen_verstreken(MAANDAG, date(2026, 4, 29)) == 5
    assert selectors.werkdagen_terug(date(2026, 4, 29), 5) == date(2026, 4, 21)


def test_herinneringen(wereld, verwijzing):
    regisseur = wereld.casus.regisseur
    regisseur.email = "regisseur@gemeente.example"
    regisseur.save()
    teamleider = wereld.gebruikers["teamleider"]
    teamleider.email = "teamleider@gemeente.example"
    teamleider.save()
    _verstuurd_op(verwijzing, MAANDAG)

    assert services.herinneringen_versturen(op=date(2026, 4, 28)) == {
        "regisseur": 0,
        "teamleider": 0,
    }
    assert services.herinneringen_versturen(op=date(2026, 4, 29)) == {
        "regisseur": 1,
        "teamleider": 0,
    }
    (bericht,) = mail.outbox
    assert bericht.to == ["regisseur@gemeente.example"]
    assert verwijzing.nummer in bericht.body and "5 werkdagen" in bericht.body
    assert wereld.persoon.achternaam not in bericht.body
    # Once only.
    assert services.herinneringen_versturen(op=date(2026, 4, 30))["regisseur"] == 0
    # 10 working days: Tue 21 .. Mon 4 May, with 27 April and 5 May off → on Thu 7 May.
    assert services.herinneringen_versturen(op=date(2026, 5, 6))["teamleider"] == 0
    assert services.herinneringen_versturen(op=date(2026, 5, 7))["teamleider"] == 1
    assert sorted(mail.outbox[-1].to) == [
        "regisseur@gemeente.example",
        "teamleider@gemeente.example",
    ]
    assert len(mail.outbox) == 2
    verwijzing.refresh_from_db()
    assert verwijzing.herinnerd_regisseur_op and verwijzing.herinnerd_teamleider_op


def test_beantwoorde_verwijzing_geen_herinnering(wereld, partner, verwijzing):
    _verstuurd_op(verwijzing, MAANDAG)
    services.status_wijzigen(
        door=partner, verwijzing=verwijzing, naar=Verwijzingstatus.GEACCEPTEERD
    )
    assert services.herinneringen_versturen(op=date(2026, 6, 1)) == {
        "regisseur": 0,
        "teamleider": 0,
    }


def test_taak_staat_ingepland(db):
    taak = PeriodicTask.objects.get(task="partners.tasks.herinneringen_versturen")
    assert taak.enabled and taak.crontab.hour == "7"


@pytest.mark.django_db
def test_taak_roept_de_service(monkeypatch):
    from partners import tasks

    monkeypatch.setattr(services, "herinneringen_versturen", lambda: {"regisseur": 3})
    assert tasks.herinneringen_versturen() == {"regisseur": 3}
