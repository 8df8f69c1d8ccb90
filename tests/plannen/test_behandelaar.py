"""The behandelaar of a request: a backoffice worker takes it or hands it to a colleague, the
queue shows and filters it, and the decision-term reminders follow it
(tests/plannen/test_herinneringen.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plannen import backoffice
from plannen.models import Aanvraag
from tests.conftest import maak_gebruiker
from toegang.models import Rol

from .helpers import maak_aanvraag

pytestmark = pytest.mark.django_db


def test_toewijzen_alleen_aan_backoffice_en_alleen_zolang_open(wereld):
    bo = wereld.gebruikers["backoffice"]
    aanvraag = maak_aanvraag(wereld)
    backoffice.behandelaar_toewijzen(aanvraag=aanvraag, door=bo, behandelaar=bo)
    aanvraag.refresh_from_db()
    assert aanvraag.behandelaar == bo
    assert aanvraag.history.first().history_user == bo

    for niet in (wereld.gebruikers["consulent"], maak_gebruiker("oud", Rol.BACKOFFICE)):
        niet.is_active = niet.username != "oud"
        niet.save()
        with pytest.raises(ValidationError) as fout:
            backoffice.behandelaar_toewijzen(aanvraag=aanvraag, door=bo, behandelaar=niet)
        assert fout.value.message_dict == {
            "behandelaar": ["Kies een medewerker van de backoffice."]
        }

    backoffice.behandelaar_toewijzen(aanvraag=aanvraag, door=bo, behandelaar=None)
    assert Aanvraag.objects.get(pk=aanvraag.pk).behandelaar is None

    backoffice.besluiten(
        aanvraag=aanvraag, door=bo, besluit="afwijzen", velden={"motivering": "Voorliggend."}
    )
    with pytest.raises(ValidationError, match="Besloten"):
        backoffice.behandelaar_toewijzen(aanvraag=aanvraag, door=bo, behandelaar=bo)


def test_ik_behandel_deze_en_overdragen_via_de_pagina(wereld):
    bo = wereld.gebruikers["backoffice"]
    collega = maak_gebruiker("backoffice2", Rol.BACKOFFICE, first_name="Bo", last_name="Collega")
    aanvraag = maak_aanvraag(wereld)
    client = wereld.client("backoffice")
    pagina = reverse("plannen:aanvraag", args=[aanvraag.pk])
    url = reverse("plannen:aanvraag_behandelaar", args=[aanvraag.pk])

    html = client.get(pagina).content.decode()
    assert "Nog niemand" in html and "Ik behandel deze aanvraag" in html

    response = client.post(url, {"behandelaar-behandelaar": bo.pk})
    assert response.status_code == 302 and response["Location"] == pagina
    assert Aanvraag.objects.get(pk=aanvraag.pk).behandelaar == bo
    assert "Ik behandel deze aanvraag" not in client.get(pagina).content.decode()

    client.post(url, {"behandelaar-behandelaar": collega.pk})
    assert Aanvraag.objects.get(pk=aanvraag.pk).behandelaar == collega
    assert "Bo Collega" in client.get(pagina).content.decode()

    # A consulent is no choice: the form says so (400), nothing changes.
    response = client.post(url, {"behandelaar-behandelaar": wereld.gebruikers["consulent"].pk})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert Aanvraag.objects.get(pk=aanvraag.pk).behandelaar == collega

    # Only the backoffice assigns; the consulent sees who handles it.
    consulent = wereld.client("consulent")
    assert consulent.post(url, {"behandelaar-behandelaar": ""}).status_code == 404
    html = consulent.get(pagina).content.decode()
    assert "Bo Collega" in html and "Behandelaar wijzigen" not in html


def test_wachtrij_toont_en_filtert_op_behandelaar(wereld):
    bo = wereld.gebruikers["backoffice"]
    bo.first_name, bo.last_name = "Bea", "Backoffice"
    bo.save()
    mijn = maak_aanvraag(wereld)
    backoffice.behandelaar_toewijzen(aanvraag=mijn, door=bo, behandelaar=bo)
    vrij = backoffice.aanvraag_starten(
        casus=wereld.casus,
        door=wereld.gebruikers["consulent"],
        velden={"soort": "Rolstoel", "wet": "wmo"},
        ontvangen_op=mijn.ontvangen_op,
    )
    client = wereld.client("backoffice")
    url = reverse("plannen:aanvragen")

    def ids(**filters):
        response = client.get(url, filters)
        return {r["aanvraag"].pk for r in response.context["rijen"]}, response.content.decode()

    alle, html = ids()
    assert alle == {mijn.pk, vrij.pk} and "Bea Backoffice" in html
    assert ids(behandelaar="mij")[0] == {mijn.pk}
    assert ids(behandelaar="niemand")[0] == {vrij.pk}
