"""Acceptance 5: the inbox and Betrokken pages run a fixed number of queries, whatever the
number of referrals, organisations, consents and actions (asserted at two sizes)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casussen.models import Domein
from partners.models import Verwijzing

from ..factories import CasusFactory, OrganisatieFactory, PersoonFactory
from .conftest import toestemming


def _aantal(client, url) -> int:
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _voeg_toe(wereld, n: int, *, eigen_organisatie: bool):
    """n more referrals: to the world's organisation (other households) for the inbox, or to
    new organisations (this household) for Betrokken, each with consent and a plan action."""
    from plannen import services as plan_services
    from plannen.models import Eigenaar

    consulent = wereld.gebruikers["consulent"]
    for i in range(n):
        if eigen_organisatie:
            casus = CasusFactory(huishouden__team=wereld.team, regisseur=consulent)
            persoon = PersoonFactory(huishouden=casus.huishouden)
            organisatie = wereld.organisatie
        else:
            casus, persoon = wereld.casus, wereld.persoon
            organisatie = OrganisatieFactory()
        toestemming(wereld, organisatie=organisatie, persoon=persoon)
        from partners import services

        services.verwijzen(door=consulent, casus=casus, organisatie=organisatie, vraag=f"Vraag {i}")
        if not eigen_organisatie:
            versie = plan_services.plan_starten(huishouden=casus.huishouden, door=consulent)
            doel = versie.doelen.first() or plan_services.doel_toevoegen(
                planversie=versie,
                door=consulent,
                domein=Domein.objects.first(),
                omschrijving="Doel",
            )
            plan_services.actie_toevoegen(
                doel=doel,
                door=consulent,
                velden={
                    "eigenaar_soort": Eigenaar.PARTNER,
                    "organisatie": organisatie,
                    "wat": f"Actie {i}",
                    "wanneer": "2030-01-01",
                },
            )


def test_inbox_vast_aantal_queries(wereld, verwijzing):
    client = wereld.client("partner")
    url = reverse("partners:inbox")
    klein = _aantal(client, url)
    _voeg_toe(wereld, 8, eigen_organisatie=True)
    assert Verwijzing.objects.count() == 9
    groot = _aantal(client, url)
    assert klein == groot, (klein, groot)
    assert len(client.get(url).context["pagina"]) == 9


def test_betrokken_vast_aantal_queries(wereld, verwijzing):
    client = wereld.client("consulent")
    url = reverse("partners:betrokken", args=[wereld.casus.huishouden_id])
    _voeg_toe(wereld, 1, eigen_organisatie=False)
    klein = _aantal(client, url)
    _voeg_toe(wereld, 7, eigen_organisatie=False)
    PersoonFactory.create_batch(3, huishouden=wereld.casus.huishouden)
    groot = _aantal(client, url)
    assert klein == groot, (klein, groot)
    assert len(client.get(url).context["organisaties"]) == 9


def test_partner_pagina_vast_aantal_queries(wereld, verwijzing):
    from toegang.models import Onderdeel

    toestemming(wereld, onderdelen=list(Onderdeel.values))
    client = wereld.client("partner")
    url = reverse("partners:inbox_verwijzing", args=[verwijzing.pk])
    klein = _aantal(client, url)
    from partners import services

    for i in range(5):
        services.notitie_plaatsen(
            door=wereld.gebruikers["partner"], verwijzing=verwijzing, tekst=f"n{i}"
        )
    groot = _aantal(client, url)
    assert klein == groot, (klein, groot)


def test_inbox_pagineert_zonder_te_tellen(wereld, verwijzing, monkeypatch):
    """Issue #10: the inbox reads a page and one row ahead, never COUNT(*) over every referral
    the partner may see; "Vorige" and "Volgende", the status filter kept in the links."""
    monkeypatch.setattr("wijkteam.paginering.PER_PAGINA", 4)
    _voeg_toe(wereld, 8, eigen_organisatie=True)
    client = wereld.client("partner")
    url = reverse("partners:inbox")
    client.get(url)  # warm up
    telling = 'COUNT(*) AS "__count" FROM "partners_verwijzing"'
    with CaptureQueriesContext(connection) as queries:
        eerste = client.get(url + "?status=verstuurd")
    assert not [q for q in queries if telling in q["sql"]]
    assert len(eerste.context["pagina"]) == 4
    html = eerste.content.decode()
    assert "?status=verstuurd&amp;pagina=2" in html and "Volgende" in html
    assert "Vorige" not in html and " van " not in html.split('class="paginering"')[1]
    with CaptureQueriesContext(connection) as queries:
        laatste = client.get(url + "?status=verstuurd&pagina=3")
    assert len(queries) == _aantal(client, url + "?status=verstuurd")
    assert [v.pk for v in laatste.context["pagina"]] == [verwijzing.pk]  # the oldest
    assert "Vorige" in laatste.content.decode() and "Volgende" not in laatste.content.decode()
    voorbij = client.get(url + "?status=verstuurd&pagina=9").content.decode()
    assert "Er zijn geen verwijzingen meer met deze status." in voorbij and "Vorige" in voorbij
