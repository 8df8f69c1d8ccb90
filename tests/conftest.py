"""Shared fixtures: a user per role of the authorization matrix, logged in with both factors."""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from toegang.models import Rol

from .factories import (
    CasusFactory,
    OrganisatieFactory,
    PersoonFactory,
    TeamFactory,
    maak_gebruiker,
)

ROOT = Path(__file__).resolve().parent.parent
ROLLEN = [
    "anoniem",
    "consulent",
    "consulent_ander_team",
    "teamleider",
    "backoffice",
    "partner",
    "beheerder",
    "beleid",
]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path, monkeypatch):
    """Uploaded files go to a throwaway directory, shared with a worker process started later
    in the test (it reads MEDIA_ROOT from the environment)."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    return media


def _zrm_domeinen_laden():
    """The data migration's life domains, back after a transactional test emptied the tables."""
    from casussen.models import Domein

    if not Domein.objects.exists():
        namen = import_module("casussen.migrations.0004_zrm_2017_domeinen").ZRM_2017
        Domein.objects.bulk_create(
            Domein(naam=naam, volgorde=volgorde) for volgorde, naam in enumerate(namen, start=1)
        )


@pytest.fixture
def db(db):
    _zrm_domeinen_laden()


@pytest.fixture
def transactional_db(transactional_db):
    _zrm_domeinen_laden()


@pytest.fixture(autouse=True)
def _testinstellingen(settings):
    """Production settings, but a fast password hash and static files without a collectstatic
    manifest (plain HTTP comes from wijkteam.pytest_plugin)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _eigen_ratelimieten(settings):
    """Each test counts its rate limits afresh: its own keys in the shared Redis (the suite logs
    in and exports far more often than one person could)."""
    settings.RATELIMIT_CACHE_PREFIX = f"rl:{uuid.uuid4().hex}:"


def inloggen(client: Client, gebruiker) -> Client:
    """Log a test client in with both factors (password and a verified TOTP device)."""
    client.force_login(gebruiker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=gebruiker).persistent_id
    session.save()
    return client


@dataclass
class Wereld:
    """One team with a case, another team, a partner organisation, and a user per role."""

    team: object
    ander_team: object
    organisatie: object
    gebruikers: dict
    casus: object

    @cached_property
    def persoon(self):
        """An adult member of the case's household."""
        return PersoonFactory(huishouden=self.casus.huishouden, geboortedatum=date(1980, 5, 17))

    @cached_property
    def toestemming(self):
        """A valid consent of that member to share personalia with the partner organisation."""
        from toegang.models import Doel, Methode, Onderdeel
        from toegang.services import toestemming_vastleggen

        return toestemming_vastleggen(
            door=self.gebruikers["consulent"],
            persoon=self.persoon,
            doel=Doel.DELEN,
            ontvanger=self.organisatie.groep,
            onderdelen=[Onderdeel.PERSONALIA],
            methode=Methode.FORMULIER,
            geldig_van=date.today(),
            door_betrokkene=True,
        )

    def client(self, rol: str) -> Client:
        client = Client()
        if rol != "anoniem":
            inloggen(client, self.gebruikers[rol])
        return client


@pytest.fixture
def wereld(db) -> Wereld:
    team = TeamFactory(naam="Wijkteam Noord")
    ander_team = TeamFactory(naam="Wijkteam Zuid")
    organisatie = OrganisatieFactory(naam="MEE Test")
    gebruikers = {
        "consulent": maak_gebruiker("consulent", Rol.CONSULENT, team=team),
        "consulent_ander_team": maak_gebruiker("consulent2", Rol.CONSULENT, team=ander_team),
        "teamleider": maak_gebruiker("teamleider", Rol.TEAMLEIDER, Rol.CONSULENT, team=team),
        "backoffice": maak_gebruiker("backoffice", Rol.BACKOFFICE),
        "partner": maak_gebruiker("partner", Rol.PARTNER, organisatie=organisatie),
        "beheerder": maak_gebruiker("beheerder", Rol.BEHEERDER, is_staff=True),
        "beleid": maak_gebruiker("beleid", Rol.BELEID),
    }
    casus = CasusFactory(huishouden__team=team, team=team, regisseur=gebruikers["consulent"])
    return Wereld(team, ander_team, organisatie, gebruikers, casus)


@pytest.fixture
def consulent_client(wereld) -> Client:
    return wereld.client("consulent")


def _worker_env() -> dict:
    """The environment for a worker process that uses the test database."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    host = db["HOST"]
    env["DATABASE_URL"] = (
        f"postgresql://{db['USER']}:{db['PASSWORD']}@/{db['NAME']}?host={host}"
        if host.startswith("/")
        else f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT']}/{db['NAME']}"
    )
    return env


def worker_starten(*, pool: str = "solo", naam: str = "test", **env) -> subprocess.Popen:
    """Start a real Celery worker process (its own process group, so that a test can kill it
    with its pool children) and wait until it answers. `env`: extra environment variables."""
    from wijkteam.celery import app

    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "wijkteam", "worker", "--pool", pool,
            "--concurrency", "1", "--loglevel", "WARNING", "--hostname", f"{naam}-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env={**_worker_env(), **env},
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if app.control.ping(timeout=0.5):
            return process
        assert process.poll() is None, "de Celery-worker is gestopt tijdens het starten"
    process.kill()
    pytest.fail("de Celery-worker antwoordt niet")


def worker_stoppen(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def celery_worker_proces(transactional_db):
    """A real Celery worker process, talking to the real Redis and the test database."""
    from wijkteam.celery import app

    app.control.purge()
    process = worker_starten()
    yield process
    worker_stoppen(process)
