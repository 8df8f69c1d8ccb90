"""Fixtures for the tests of `casussen`, on top of tests/conftest.py (`wereld`)."""

from datetime import date

import pytest

from casussen.models import Domein

# Valid BSNs (11-proef) for the tests.
BSN_A = "111222333"
BSN_B = "123456782"
BSN_ONGELDIG = "123456789"


@pytest.fixture
def consulent(wereld):
    return wereld.gebruikers["consulent"]


@pytest.fixture
def domeinen(db):
    """Three ZRM domains. Migration 0004 loads them, but a transactional test (the browser
    tests) flushes the tables, so make sure they are there."""
    namen = ["Financiën", "Werk & opleiding", "Tijdsbesteding"]
    return [
        Domein.objects.get_or_create(naam=naam, defaults={"volgorde": i})[0]
        for i, naam in enumerate(namen, start=1)
    ]


@pytest.fixture
def geboren():
    return date(1975, 4, 12)
