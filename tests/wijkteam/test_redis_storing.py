"""Redis away: pages still save (the Celery work is kept in the database), /health/ says 503;
Redis back: the kept work goes to the queue, nothing lost (issue 11, faults)."""

import pytest
import redis
from django.conf import settings
from django.urls import reverse

from toegang.models import Doorbraak
from wijkteam.celery import app, uitgestelde_versturen
from wijkteam.models import UitgesteldeTaak
from wijkteam.tasks import ping

WEG = "redis+socket:///nonexistent/redis.sock"


def _broker(url):
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_weg(settings):
    origineel = app.conf.broker_url
    redis.Redis.from_url(settings.REDIS_URL).delete("celery")
    _broker(WEG)
    goed = settings.REDIS_URL
    settings.REDIS_URL = "unix:///nonexistent/redis.sock"
    yield lambda: (_broker(origineel), setattr(settings, "REDIS_URL", goed))
    _broker(origineel)


def test_opslaan_werkt_en_werk_wacht_tot_redis_terug_is(
    wereld, client, redis_weg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = wereld.client("consulent_ander_team").post(
            reverse("toegang:doorbreken", args=[wereld.casus.huishouden_id]),
            {"reden": "Crisis, regisseur niet bereikbaar"},
        )
    assert response.status_code == 302
    assert Doorbraak.objects.count() == 1  # saved, whatever Redis does
    assert ping.delay("later") is None
    assert list(UitgesteldeTaak.objects.values_list("taak", flat=True)) == [
        "toegang.tasks.meld_doorbraak",
        "wijkteam.tasks.ping",
    ]
    assert client.get(reverse("health")).status_code == 503
    assert uitgestelde_versturen() == 0  # still away: kept, in order
    assert UitgesteldeTaak.objects.count() == 2

    redis_weg()  # Redis is back
    assert uitgestelde_versturen() == 2
    assert not UitgesteldeTaak.objects.exists()
    assert redis.Redis.from_url(settings.REDIS_URL).llen("celery") == 2
    redis.Redis.from_url(settings.REDIS_URL).delete("celery")
