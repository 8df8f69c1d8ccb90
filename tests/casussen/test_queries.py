"""Acceptance 6: Mijn caseload, the team view, the case page and search run a fixed number of
queries, whatever the amount of data: measured with 5 and with 50 cases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casussen import services
from casussen.models import Status, Statusovergang, Wet
from tests.factories import CasusFactory, HuishoudenFactory, PersoonFactory

from .factories import ContactmomentFactory, KeukentafelgesprekFactory, ZrmScoreFactory

# Upper bounds per page (session, user, second factor, the page's own reads). The exact count
# must not depend on the amount of data; the bound catches a page that grows new queries.
# The case page also shows the plan summary and the requests resting on it, and every page
# writes its access-log row and counts the reminder bell.
MAX_QUERIES = 20
# Pages of one record get their own, tighter bound (issue 10: every query costs CPU on each
# request): the case and household pages read the plan summary in two queries.
MAX_QUERIES_PER_PAGINA = {"casuspagina": 18, "huishouden": 12}


def _vul(wereld, aantal: int, eerste=None):
    """`aantal` more cases of the consulent (half as backup), each with a household of two
    members and a running clock; the first case (`eerste`, or the first new one) gets `aantal`
    more contacts, transitions, changes of regie and a conversation with a ZRM."""
    consulent = wereld.gebruikers["consulent"]
    teamleider = wereld.gebruikers["teamleider"]
    vandaag = timezone.localdate()
    casussen = []
    for i in range(aantal):
        huishouden = HuishoudenFactory(team=wereld.team, postcode="1234AB", huisnummer=i + 1)
        PersoonFactory(huishouden=huishouden, achternaam="Querytest")
        PersoonFactory(huishouden=huishouden, achternaam="Querytest")
        casus = CasusFactory(
            huishouden=huishouden,
            regisseur=consulent if i % 2 == 0 else teamleider,
            backup=teamleider if i % 2 == 0 else consulent,
            status=Status.VRAAGVERHELDERING,
            wetten=[Wet.WMO],
            gemeld_op=vandaag - timedelta(days=i),
            onderzoekstermijn_einde=vandaag + timedelta(days=42 - i),
        )
        casussen.append(casus)
    eerste = eerste or casussen[0]
    for i in range(aantal):
        ContactmomentFactory(casus=eerste, door=consulent)
        Statusovergang.objects.create(
            casus=eerste, van=Status.AANMELDING, naar=Status.VRAAGVERHELDERING, door=consulent,
            op=timezone.now() - timedelta(hours=i), reden=f"Stap {i}",
        )  # fmt: skip
        services.regie_toewijzen(
            door=teamleider, casus=eerste,
            regisseur=consulent if i % 2 else teamleider, backup=None, reden=f"Wissel {i}",
        )  # fmt: skip
    gesprek = KeukentafelgesprekFactory(casus=eerste, door=consulent)
    for lid in eerste.huishouden.leden.all():
        ZrmScoreFactory(meting__casus=eerste, meting__door=consulent, persoon=lid)
    return eerste, gesprek


def _tel(client, url, params=None) -> int:
    client.get(url, params)  # warm up: the session's first request writes it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


PAGINAS = {
    "caseload": ("consulent", lambda casus: reverse("casussen:caseload"), None),
    "caseload gefilterd": (
        "consulent",
        lambda casus: reverse("casussen:caseload"),
        {"status": ["vraagverheldering", "plan"], "wet": "wmo", "klok": "groen",
         "sorteer": "-geopend"},
    ),
    "team": ("teamleider", lambda casus: reverse("casussen:team"), None),
    "casuspagina": ("consulent", lambda casus: reverse("casussen:casus", args=[casus.pk]), None),
    "zoeken op naam": ("consulent", lambda casus: reverse("casussen:zoeken"), {"naam": "query"}),
    "zoeken op adres": (
        "consulent",
        lambda casus: reverse("casussen:zoeken"),
        {"postcode": "1234 AB", "huisnummer": "1"},
    ),
    "contactmomenten": (
        "consulent", lambda casus: reverse("casussen:contactmomenten", args=[casus.pk]), None,
    ),
    "huishouden": (
        "consulent", lambda casus: reverse("casussen:huishouden", args=[casus.huishouden_id]),
        None,
    ),
    "persoon met ZRM": (
        "consulent",
        lambda casus: reverse("casussen:persoon", args=[casus.huishouden.leden.first().pk]),
        None,
    ),
    "meldingen": ("consulent", lambda casus: reverse("casussen:meldingen"), None),
}  # fmt: skip


@pytest.mark.parametrize("pagina", sorted(PAGINAS))
def test_vast_aantal_queries_bij_5_en_50_casussen(wereld, pagina):
    rol, url, params = PAGINAS[pagina]
    client = wereld.client(rol)
    eerste, _ = _vul(wereld, 5)
    bij_5 = _tel(client, url(eerste), params)
    _vul(wereld, 45, eerste=eerste)
    bij_50 = _tel(client, url(eerste), params)
    assert bij_5 == bij_50, f"{pagina}: {bij_5} queries bij 5 casussen, {bij_50} bij 50"
    assert bij_5 <= MAX_QUERIES_PER_PAGINA.get(pagina, MAX_QUERIES), f"{pagina}: {bij_5} queries"
