"""Break-the-glass: a reason is required, the opening is logged and the teamleider is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casussen.models import Huishouden
from toegang.models import Doorbraak, Toegangslog
from toegang.services import doorbraak_melden

pytestmark = pytest.mark.django_db


def geopend_door(user):
    """What the user sees of the other team's household, through the ordinary team scoping."""
    user = type(user).objects.get(pk=user.pk)  # a fresh object: no remembered openings
    return set(
        Huishouden.objects.voor(user)
        .filter(team__naam="Wijkteam Noord")
        .values_list("pk", flat=True)
    )


def test_zonder_reden_geen_toegang(wereld):
    huishouden = wereld.casus.huishouden
    client = wereld.client("consulent_ander_team")
    url = reverse("toegang:doorbreken", args=[huishouden.pk])
    for reden in ["", "te kort"]:
        response = client.post(url, {"reden": reden})
        assert response.status_code == 200
        assert "reden" in response.content.decode()
    assert not Doorbraak.objects.exists()
    assert geopend_door(wereld.gebruikers["consulent_ander_team"]) == set()


def test_doorbreken_wordt_gelogd_en_gemeld(wereld, django_capture_on_commit_callbacks):
    huishouden = wereld.casus.huishouden
    teamleider = wereld.gebruikers["teamleider"]
    teamleider.email = "teamleider@wijkteam.example"
    teamleider.save()
    buitenstaander = wereld.gebruikers["consulent_ander_team"]
    reden = "Inwoner belt in crisis, eigen regisseur afwezig"

    with django_capture_on_commit_callbacks() as callbacks:
        response = wereld.client("consulent_ander_team").post(
            reverse("toegang:doorbreken", args=[huishouden.pk]), {"reden": reden}
        )
    assert response.status_code == 302
    assert len(callbacks) == 1  # the notice is queued for the worker after commit
    doorbraak = Doorbraak.objects.get()
    assert doorbraak.reden == reden
    assert geopend_door(buitenstaander) == {huishouden.pk}
    client = wereld.client("consulent_ander_team")
    assert client.get(reverse("casussen:huishouden", args=[huishouden.pk])).status_code == 200
    assert client.get(reverse("casussen:casus", args=[wereld.casus.pk])).status_code == 200

    regel = Toegangslog.objects.get(doorbraak=True, huishouden_id=huishouden.pk)
    assert regel.gebruikersnaam == buitenstaander.username
    assert regel.reden == reden

    assert doorbraak_melden(doorbraak_id=doorbraak.pk) == 1
    (bericht,) = mail.outbox
    assert bericht.to == ["teamleider@wijkteam.example"]
    assert reden in bericht.body
    assert huishouden.straat not in bericht.body


def test_doorbraak_verloopt(wereld):
    buitenstaander = wereld.gebruikers["consulent_ander_team"]
    Doorbraak.objects.create(
        gebruiker=buitenstaander,
        huishouden=wereld.casus.huishouden,
        reden="Oude doorbraak van gisteren",
        geldig_tot=timezone.now() - timedelta(minutes=1),
    )
    assert geopend_door(buitenstaander) == set()


def test_eigen_team_hoeft_niet_te_doorbreken(wereld):
    response = wereld.client("consulent").get(
        reverse("toegang:doorbreken", args=[wereld.casus.huishouden_id])
    )
    assert response.status_code == 302
    assert not Doorbraak.objects.exists()
