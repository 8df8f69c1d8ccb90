"""Team scoping is a filter in the database: the same number of queries for 10 and for 200
cases, other teams' cases never among them (issue 5, acceptance 7)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casussen.models import Casus
from tests.factories import CasusFactory, HuishoudenFactory

pytestmark = pytest.mark.django_db


def _casussen(wereld, aantal):
    for _ in range(aantal):
        CasusFactory(
            huishouden=HuishoudenFactory(team=wereld.team), regisseur=wereld.gebruikers["consulent"]
        )
        CasusFactory(
            huishouden=HuishoudenFactory(team=wereld.ander_team),
            regisseur=wereld.gebruikers["consulent_ander_team"],
        )


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_caseload_en_zoeken_bij_10_en_200_casussen(wereld):
    client = wereld.client("consulent")
    urls = [reverse("casussen:caseload"), reverse("casussen:zoeken") + "?postcode=1234AB"]
    _casussen(wereld, 9)
    bij_10 = [_queries(client, url) for url in urls]
    _casussen(wereld, 190)
    bij_200 = [_queries(client, url) for url in urls]
    assert bij_10 == bij_200
    zichtbaar = Casus.objects.voor(wereld.gebruikers["consulent"])
    assert zichtbaar.count() == 200
    assert not zichtbaar.exclude(team=wereld.team).exists()
    assert "WHERE" in str(zichtbaar.query) and str(wereld.team.pk) in str(zichtbaar.query)
