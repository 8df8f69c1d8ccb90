"""Acceptance 7: plan pages run a fixed number of queries, with 3 actions as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .helpers import leden, maak_getekend_plan, maak_plan, onderteken

pytestmark = pytest.mark.django_db

PAGINAS = {
    "versie": lambda v: reverse("plannen:versie", kwargs={"pk": v.pk}),
    "bewerken": lambda v: reverse("plannen:versie_bewerken", kwargs={"pk": v.pk}),
    "ondertekenen": lambda v: reverse("plannen:ondertekenen", kwargs={"pk": v.pk}),
    "pdf": lambda v: reverse("plannen:pdf", kwargs={"pk": v.pk}),
    "plan": lambda v: reverse("plannen:plan", kwargs={"huishouden_id": v.plan.huishouden_id}),
    "doel_toevoegen": lambda v: reverse("plannen:doel_toevoegen", kwargs={"pk": v.pk}),
    "actie_toevoegen": lambda v: reverse(
        "plannen:actie_toevoegen", kwargs={"pk": v.doelen.first().pk}
    ),
}

# Upper bounds (issue 10: every query costs CPU on each request). The plan page only looks up
# the current version's id to redirect to it; the version page reads the version, its goals,
# actions, signatures, members and the list of versions.
MAX_QUERIES = {"plan": 8, "versie": 13}


def _aantal(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in {200, 302}
    return len(queries)


@pytest.mark.parametrize("pagina", sorted(PAGINAS))
def test_conceptpaginas_vast_aantal_queries(wereld, pagina):
    versie = maak_plan(wereld, acties=3, doelen=3, organisatie=wereld.organisatie)
    client = wereld.client("consulent")
    url = PAGINAS[pagina](versie)
    client.get(url)  # warm up session and caches
    weinig = _aantal(client, url)
    # 27 more actions spread over the same goals.
    from plannen import services
    from plannen.models import Eigenaar

    doelen = list(versie.doelen.all())
    for i in range(27):
        services.actie_toevoegen(
            doel=doelen[i % 3],
            door=wereld.gebruikers["consulent"],
            velden={
                "eigenaar_soort": [Eigenaar.INWONER, Eigenaar.CONSULENT, Eigenaar.PARTNER][i % 3],
                "persoon": leden(versie.plan.huishouden)[0] if i % 3 == 0 else None,
                "medewerker": wereld.gebruikers["consulent"] if i % 3 == 1 else None,
                "organisatie": wereld.organisatie if i % 3 == 2 else None,
                "wat": f"Extra actie {i}",
                "wanneer": versie.evaluatiedatum,
            },
        )
    assert weinig <= MAX_QUERIES.get(pagina, weinig), f"{pagina}: {weinig} queries"
    assert _aantal(client, url) == weinig


def test_ondertekende_versie_en_vergelijking_vast_aantal_queries(wereld):
    versie = maak_getekend_plan(wereld, acties=3, doelen=3, organisatie=wereld.organisatie)
    client = wereld.client("consulent")
    urls = [
        reverse("plannen:versie", kwargs={"pk": versie.pk}),
        reverse("plannen:vergelijken", kwargs={"pk": versie.pk}),
    ]
    from plannen import services

    # Version 2 with 3 actions: compare; then 27 more actions in it: compare again.
    concept = services.nieuwe_versie(planversie=versie, door=wereld.gebruikers["consulent"])
    urls.append(reverse("plannen:vergelijken", kwargs={"pk": concept.pk}))
    for url in urls:
        client.get(url)
    weinig = [_aantal(client, url) for url in urls]
    doel = concept.doelen.first()
    for i in range(27):
        services.actie_toevoegen(
            doel=doel,
            door=wereld.gebruikers["consulent"],
            velden={
                "eigenaar_soort": "netwerk",
                "eigenaar_naam": f"Vriend {i}",
                "wat": f"Extra {i}",
                "wanneer": concept.evaluatiedatum,
            },
        )
    onderteken(wereld, versie, persoon=leden(versie.plan.huishouden)[0])
    assert [_aantal(client, url) for url in urls] == weinig
