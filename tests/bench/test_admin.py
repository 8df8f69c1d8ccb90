"""The bench-only admin site (bench/admin.py, on bench.urls): the reference of issue 10, the
changelists a quick build would have. Staff with both factors see them; the project's access
layer refuses anyone else (404); the app itself (wijkteam.urls) has no route to them."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from bench.run import ADMIN_MODEL
from tests.conftest import inloggen
from tests.factories import maak_gebruiker
from toegang.models import Rol

CHANGELISTS = sorted(set(ADMIN_MODEL.values()))


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelist_voor_beheerder_met_twee_factoren(wereld, model):
    beheerder = maak_gebruiker("bench-beheer", Rol.BEHEERDER, is_staff=True, is_superuser=True)
    url = reverse(f"benchadmin:{model}_changelist")
    assert url.startswith("/bench-admin/")
    response = inloggen(Client(), beheerder).get(url)
    assert response.status_code == 200, url
    if model == "casussen_casus":
        assert wereld.casus.nummer in response.content.decode()


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize("rol", ["consulent", "partner", "beleid"])
def test_changelist_niet_voor_ander_personeel(wereld, rol):
    client = wereld.client(rol)
    for model in CHANGELISTS:
        url = reverse(f"benchadmin:{model}_changelist")
        assert client.get(url).status_code == 404, f"{rol} op {url}"


@pytest.mark.urls("bench.urls")
def test_changelist_anoniem_naar_inloggen(db):
    response = Client().get(reverse("benchadmin:casussen_casus_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("toegang:inloggen"))


@pytest.mark.parametrize("model", CHANGELISTS)
def test_niet_in_de_app(model):
    """wijkteam.urls (the app) knows neither the bench site nor these models in its own admin."""
    with pytest.raises(NoReverseMatch):
        reverse(f"benchadmin:{model}_changelist")
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:{model}_changelist")


@pytest.mark.urls("bench.urls")
def test_vloerpaginas(wereld):
    """The floor pages the bench measures: every middleware, then nothing (or only the layout);
    behind both login factors like any page, and not part of the app."""
    from bench.run import VLOER

    assert sorted(VLOER.values()) == sorted(
        reverse(naam) for naam in ("bench_leeg_antwoord", "bench_lege_pagina")
    )
    client = wereld.client("consulent")
    assert client.get(VLOER["leeg antwoord"]).content == b"leeg"
    pagina = client.get(VLOER["lege pagina"])
    assert pagina.status_code == 200
    assert "Herinneringen" in pagina.content.decode()
    anoniem = Client().get(VLOER["leeg antwoord"])
    assert anoniem.status_code == 302
    assert anoniem["Location"].startswith(reverse("toegang:inloggen"))


def test_vloerpaginas_niet_in_de_app():
    with pytest.raises(NoReverseMatch):
        reverse("bench_leeg_antwoord")
