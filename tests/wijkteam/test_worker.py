"""A real Celery worker process behind a real Redis; /health/ reports what is up."""

import pytest
from django.urls import reverse

from wijkteam.tasks import ping

pytestmark = pytest.mark.worker


def test_taak_gaat_via_redis_naar_een_echte_worker(celery_worker_proces):
    resultaat = ping.delay("hallo")
    assert resultaat.get(timeout=30) == "pong: hallo"


def test_health_met_worker(celery_worker_proces, client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "redis": "up", "worker": "up"}


def test_health_zonder_worker_is_503(db, client):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["worker"] == "down"
    assert response.json()["database"] == "up"
    assert response.json()["redis"] == "up"


def test_health_zonder_redis_is_503(db, client, settings):
    settings.REDIS_URL = "unix:///nonexistent/redis.sock"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["redis"] == "down"
