"""Acceptance 4: two sessions edit the same draft; the second save is refused, the first kept."""

import re

import pytest
from django.urls import reverse

from plannen.models import Actie

from .helpers import maak_plan

pytestmark = pytest.mark.django_db


def _versie_basis(html: str) -> str:
    return re.search(r'name="versie_basis" value="(\d+)"', html).group(1)


def test_tweede_opslag_van_het_plan_geweigerd_eerste_blijft(wereld):
    versie = maak_plan(wereld)
    url = reverse("plannen:versie_bewerken", kwargs={"pk": versie.pk})
    eerste, tweede = wereld.client("consulent"), wereld.client("teamleider")
    basis_1 = _versie_basis(eerste.get(url).content.decode())
    basis_2 = _versie_basis(tweede.get(url).content.decode())
    assert basis_1 == basis_2

    gemeen = {"gesprek_datum": "2026-01-10", "evaluatiedatum": "2026-06-01"}
    response = eerste.post(url, {**gemeen, "versie_basis": basis_1, "verslag": "Versie van Anne"})
    assert response.status_code == 302

    response = tweede.post(url, {**gemeen, "versie_basis": basis_2, "verslag": "Versie van Bram"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet opgeslagen: iemand anders was u voor" in html
    assert "Uw wijziging is <strong>niet</strong> opgeslagen en er is niets overschreven." in html
    # The other's change is shown next to this person's input.
    assert "Versie van Anne" in html and "Versie van Bram" in html
    assert "consulent" in html  # who made the other change
    versie.refresh_from_db()
    assert versie.verslag == "Versie van Anne"

    # Having seen the difference, saving again is a deliberate choice and goes through.
    nieuwe_basis = _versie_basis(html)
    assert nieuwe_basis != basis_2
    response = tweede.post(
        url, {**gemeen, "versie_basis": nieuwe_basis, "verslag": "Versie van Bram"}
    )
    assert response.status_code == 302
    versie.refresh_from_db()
    assert versie.verslag == "Versie van Bram"
    assert versie.history.filter(verslag="Versie van Anne").exists()


def test_tweede_opslag_van_een_actie_geweigerd(wereld):
    versie = maak_plan(wereld, acties=1)
    actie = Actie.objects.get(doel__planversie=versie)
    url = reverse("plannen:actie_bewerken", kwargs={"pk": actie.pk})
    eerste, tweede = wereld.client("consulent"), wereld.client("teamleider")
    basis = _versie_basis(eerste.get(url).content.decode())
    assert _versie_basis(tweede.get(url).content.decode()) == basis
    data = {
        "eigenaar_soort": "netwerk",
        "eigenaar_naam": "Buurman 1",
        "wanneer": actie.wanneer.isoformat(),
        "status": "open",
        "versie_basis": basis,
    }
    assert eerste.post(url, {**data, "wat": "Boodschappen doen"}).status_code == 302
    response = tweede.post(url, {**data, "wat": "Hond uitlaten"})
    assert response.status_code == 200
    assert "Niet opgeslagen: iemand anders was u voor" in response.content.decode()
    actie.refresh_from_db()
    assert actie.wat == "Boodschappen doen"


def test_verwijderen_van_gewijzigde_actie_geweigerd(wereld):
    versie = maak_plan(wereld, acties=1)
    actie = Actie.objects.get(doel__planversie=versie)
    response = wereld.client("consulent").post(
        reverse("plannen:actie_verwijderen", kwargs={"pk": actie.pk}),
        {"versie_basis": actie.versie - 1 or 999},
        follow=True,
    )
    assert "De actie is niet verwijderd: iemand anders heeft het intussen gewijzigd." in (
        response.content.decode()
    )
    assert Actie.objects.filter(pk=actie.pk).exists()
