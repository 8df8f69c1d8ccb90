"""The consent pages: record with Dutch errors, overview, withdraw at once, printable form."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import PersoonFactory
from toegang.models import Toestemming

pytestmark = pytest.mark.django_db


def formulier(wereld, **velden):
    data = {
        "persoon": wereld.persoon.pk,
        "doel": "delen",
        "ontvanger": wereld.organisatie.groep_id,
        "onderdelen": ["personalia", "acties_partner"],
        "methode": "scherm",
        "door_betrokkene": "on",
        "geldig_van": date.today().isoformat(),
    }
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}


def test_toestemming_vastleggen_en_intrekken(wereld):
    client = wereld.client("consulent")
    huishouden = wereld.casus.huishouden
    response = client.post(
        reverse("toegang:toestemming_nieuw", args=[huishouden.pk]), formulier(wereld)
    )
    assert response.status_code == 302
    toestemming = Toestemming.objects.get()
    overzicht = client.get(reverse("toegang:toestemmingen", args=[huishouden.pk])).content.decode()
    assert "MEE Test" in overzicht and "Geldig" in overzicht

    client.post(reverse("toegang:toestemming_intrekken", args=[toestemming.pk]))
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is not None
    overzicht = client.get(reverse("toegang:toestemmingen", args=[huishouden.pk])).content.decode()
    assert "Ingetrokken" in overzicht


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"onderdelen": None}, "Dit veld is verplicht."),
        ({"ontvanger": ""}, "Kies de organisatie waarmee gedeeld wordt."),
        ({"door_betrokkene": None}, "Vanaf 16 jaar geeft de persoon zelf de toestemming."),
        ({"geldig_van": "31-02-2026"}, "Voer een geldige datum in."),
        ({"geldig_tot": "2000-01-01"}, "De einddatum ligt vóór de begindatum."),
    ],
)
def test_foute_invoer_geeft_nederlandse_melding(wereld, velden, melding):
    response = wereld.client("consulent").post(
        reverse("toegang:toestemming_nieuw", args=[wereld.casus.huishouden_id]),
        formulier(wereld, **velden),
    )
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not Toestemming.objects.exists()


def test_kind_zonder_ouder_geweigerd(wereld):
    kind = PersoonFactory(huishouden=wereld.casus.huishouden, geboortedatum=date(2018, 3, 1))
    response = wereld.client("consulent").post(
        reverse("toegang:toestemming_nieuw", args=[wereld.casus.huishouden_id]),
        formulier(wereld, persoon=kind.pk),
    )
    assert "Onder de 12 jaar geeft een ouder met gezag de toestemming." in response.content.decode()


def test_ander_team_ziet_niets(wereld):
    client = wereld.client("consulent_ander_team")
    assert (
        client.get(reverse("toegang:toestemmingen", args=[wereld.casus.huishouden_id])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("toegang:toestemming_intrekken", args=[wereld.toestemming.pk])
        ).status_code
        == 404
    )
    wereld.toestemming.refresh_from_db()
    assert wereld.toestemming.ingetrokken_op is None


def test_formulier_pdf(wereld):
    response = wereld.client("consulent").get(
        reverse("toegang:toestemming_pdf", args=[wereld.toestemming.pk])
    )
    tekst = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert wereld.persoon.achternaam in tekst
    assert "MEE Test" in tekst
    assert "Handtekening inwoner" in tekst
