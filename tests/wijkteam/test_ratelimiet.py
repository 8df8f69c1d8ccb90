"""Rate limits (issue 11): login, second factor, search and every export answer 429 in Dutch
over the limit, per user (per IP address before login), and count afresh in the next window."""

from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.toegang.test_matrix import MATRIX

TEKST = "U heeft dit te vaak geprobeerd. Probeer het over een minuut opnieuw."
LIMIET = 2


@pytest.fixture
def klein(settings):
    """Every limit lowered to two requests a minute."""
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIETEN = {
        naam: (f"{LIMIET}/m", methode) for naam, (_, methode) in settings.RATELIMIETEN.items()
    }


@pytest.fixture
def klok(monkeypatch):
    """The limiter's clock, to be moved on by hand (its windows follow time.time())."""
    nu = SimpleNamespace(tijd=1_900_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: nu.tijd))
    return nu


def _verzoeken(wereld, naam):
    """Two callers (each a function making one request) and the URL: the matrix's roles that may
    reach the page; for the login steps two browsers (two IP addresses, two users)."""
    if naam == "toegang:inloggen":
        url = reverse(naam)

        def browser(ip):
            client = Client(REMOTE_ADDR=ip)
            return lambda: client.post(url, {"username": "niemand", "password": "fout"})

        return url, [browser("192.0.2.1"), browser("192.0.2.2")]
    if naam == "toegang:tweede_factor":
        url = reverse(naam)

        def na_wachtwoord(rol):
            client = Client()
            client.force_login(wereld.gebruikers[rol])  # password given, no second factor yet
            return lambda: client.post(url, {"code": "000000"})

        return url, [na_wachtwoord("consulent"), na_wachtwoord("teamleider")]
    regel = MATRIX[naam]
    url = reverse(naam, kwargs=regel.kwargs(wereld) if regel.kwargs else None)
    rollen = [r for r in wereld.gebruikers if regel.verwacht(r) != 404]
    return url, [
        (lambda client: lambda: getattr(client, regel.methode)(url))(wereld.client(rol))
        for rol in rollen[:2]
    ]


@pytest.mark.parametrize("naam", sorted(settings.RATELIMIETEN))
def test_boven_de_limiet_429_in_het_nederlands(wereld, klein, klok, naam):
    url, (eerste, *anderen) = _verzoeken(wereld, naam)
    for _ in range(LIMIET):
        assert eerste().status_code != 429, url
    response = eerste()
    assert response.status_code == 429, url
    assert TEKST in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60
    for ander in anderen:  # another user (another address) is not held up
        assert ander().status_code != 429, url
    klok.tijd += 61  # the next window
    assert eerste().status_code != 429, url


def test_de_pagina_staat_in_de_huisstijl(wereld, klein, klok):
    client = wereld.client("consulent")
    for _ in range(LIMIET + 1):
        response = client.get(reverse("casussen:zoeken"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Te vaak geprobeerd</h1>" in html and 'lang="nl"' in html
    assert "Uitloggen" in html  # the base layout, with the user's menu


def test_zoeken_onder_de_limiet_ongehinderd(wereld):
    client = wereld.client("consulent")
    for _ in range(20):
        assert client.get(reverse("casussen:zoeken")).status_code == 200


def test_alleen_inlogpogingen_tellen(wereld, klein, klok):
    """Opening the login page is no attempt; only the POST counts."""
    client = Client()
    for _ in range(LIMIET + 2):
        assert client.get(reverse("toegang:inloggen")).status_code == 200


def test_elke_limiet_hoort_bij_een_url():
    namen = set(MATRIX)
    assert not sorted(set(settings.RATELIMIETEN) - namen), "RATELIMIETEN noemt onbekende URL's"
