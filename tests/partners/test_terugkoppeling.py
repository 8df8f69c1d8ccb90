"""Acceptance 4: the referrer (a professional) hears that the case was taken on and closed, in
a message without BSN, address, names or plan content; by e-mail through Celery."""

import time
from datetime import date

import pytest
from django.core import mail

from casussen import services as casus_services
from casussen.models import Bron, Status, Triage, ZrmSoort
from partners import tasks
from partners.models import Gebeurtenis, Terugkoppeling

from ..casussen.factories import MeldingFactory, ZrmMetingFactory, ZrmScoreFactory


@pytest.fixture
def direct(monkeypatch):
    """Run queued tasks at once, in this process (the real worker has its own test below)."""
    monkeypatch.setattr(
        tasks.terugkoppeling_versturen, "delay", lambda *args: tasks.terugkoppeling_versturen(*args)
    )


def _melding(wereld, **kw):
    velden = {
        "team": wereld.team,
        "huishouden": wereld.casus.huishouden,
        "bron": Bron.HUISARTS,
        "melder_naam": "Dokter Jansen",
        "melder_email": "huisarts@praktijk.example",
        "geregistreerd_door": wereld.gebruikers["consulent"],
        "vraag": "Mevrouw De Groot redt het niet met de schulden.",
        "datum": date(2026, 3, 2),
    }
    return MeldingFactory(**{**velden, **kw})


def _triage(wereld, melding):
    return casus_services.triageren(
        door=wereld.gebruikers["consulent"], melding=melding, uitkomst=Triage.CASUS
    )


def _afsluiten(wereld):
    door = wereld.gebruikers["consulent"]
    casus = wereld.casus
    casus_services.status_wijzigen(
        door=door, casus=casus, naar=Status.VRAAGVERHELDERING, reden="Start"
    )
    meting = ZrmMetingFactory(casus=casus, soort=ZrmSoort.AFSLUITING)
    ZrmScoreFactory(meting=meting, persoon=wereld.persoon)
    casus_services.status_wijzigen(
        door=door, casus=casus, naar=Status.AFGESLOTEN, reden="Klaar", sluitreden="doelen_bereikt"
    )


def test_berichten_zonder_gevoelige_inhoud(wereld, direct, django_capture_on_commit_callbacks):
    from tests.plannen.helpers import maak_plan

    maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    persoon = wereld.persoon
    huishouden = wereld.casus.huishouden
    melding = _melding(wereld)
    with django_capture_on_commit_callbacks(execute=True):
        _triage(wereld, melding)
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        _afsluiten(wereld)
    assert len(mail.outbox) == 2
    genomen, afgesloten = mail.outbox
    assert genomen.to == ["huisarts@praktijk.example"]
    assert "02-03-2026" in genomen.body and melding.nummer in genomen.body
    assert "in behandeling genomen" in genomen.body
    assert "afgesloten" in afgesloten.body
    verboden = [
        persoon.bsn,
        persoon.achternaam,
        persoon.voornamen,
        huishouden.straat,
        huishouden.postcode,
        f"{huishouden.straat} {huishouden.huisnummer}",
        "Dokter Jansen",
        "De Groot",
        "schulden",
        "Gesprek aan de keukentafel",  # plan content
        "Rust in de financiën",
        "Actie nummer",
        "Doel nummer",
        wereld.organisatie.naam,
    ]
    for bericht in (genomen, afgesloten):
        tekst = bericht.subject + "\n" + bericht.body
        for woord in verboden:
            assert woord not in tekst, woord
    assert set(Terugkoppeling.objects.values_list("gebeurtenis", flat=True)) == {
        Gebeurtenis.IN_BEHANDELING,
        Gebeurtenis.AFGESLOTEN,
    }


@pytest.mark.parametrize(
    "velden", [{"bron": Bron.INWONER}, {"bron": Bron.FAMILIE}, {"melder_email": ""}]
)
def test_geen_bericht_aan_inwoner_familie_of_zonder_email(
    wereld, direct, django_capture_on_commit_callbacks, velden
):
    with django_capture_on_commit_callbacks(execute=True):
        _triage(wereld, _melding(wereld, **velden))
    assert mail.outbox == []


def test_eenmaal_per_gebeurtenis(wereld, direct, django_capture_on_commit_callbacks):
    melding = _melding(wereld)
    with django_capture_on_commit_callbacks(execute=True):
        _triage(wereld, melding)
    assert tasks.terugkoppeling_versturen(melding.pk, Gebeurtenis.IN_BEHANDELING) is False
    melding.triage_toelichting = "aangevuld"
    with django_capture_on_commit_callbacks(execute=True):
        melding.save()
    assert len(mail.outbox) == 1


def test_advies_is_geen_casus(wereld, direct, django_capture_on_commit_callbacks):
    melding = _melding(wereld)
    with django_capture_on_commit_callbacks(execute=True):
        casus_services.triageren(
            door=wereld.gebruikers["consulent"],
            melding=melding,
            uitkomst=Triage.ADVIES,
            toelichting="Informatie gegeven",
        )
    assert mail.outbox == []


def test_verwijzer_informeren_expliciet(wereld, direct, django_capture_on_commit_callbacks):
    from partners.services import verwijzer_informeren

    melding = _melding(wereld)
    melding.casus = wereld.casus
    melding.save()  # triage still open: no message from the signal
    with django_capture_on_commit_callbacks(execute=True):
        assert verwijzer_informeren(casus=wereld.casus, gebeurtenis=Gebeurtenis.AFGESLOTEN) == 1
    assert len(mail.outbox) == 1


@pytest.mark.worker
def test_door_echte_worker(wereld, celery_worker_proces):
    """The task goes through Redis to a real worker, after commit."""
    melding = _melding(wereld)
    _triage(wereld, melding)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if Terugkoppeling.objects.filter(melding=melding, verstuurd_op__isnull=False).exists():
            break
        time.sleep(0.3)
    else:
        pytest.fail("de worker heeft de terugkoppeling niet verstuurd")
