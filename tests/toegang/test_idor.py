"""The IDOR sweep (issue 11): every URL pattern that takes an object id, requested by every
logged-in role with ids of records that role may not see, answers 404 — to GET and POST alike.

The ids come from the authorization matrix's builders (test_matrix.MATRIX), run on a second
world: households of another team (Wijkteam West), referred to the first world's partner
organisation, whose consent has been withdrawn since. No consulent or teamleider of the first
world may see them, nor the partner. A second sweep, for the partner only, refers them to
another organisation with a valid consent. Besides: an id that does not exist, and for a URL
with two ids each id of the other world combined with the other id of one's own world.
"""

import dataclasses

import pytest
from django.urls import reverse

from tests.conftest import ROLLEN, Wereld
from tests.factories import CasusFactory, OrganisatieFactory, TeamFactory, maak_gebruiker
from toegang import policy
from toegang.models import Rol, Toestemming
from toegang.services import toestemming_intrekken

from .test_matrix import CASUSSEN_TEAM, MATRIX, _patronen, _projectpatronen

ONBEKEND = 999_999_999
INGELOGD = [rol for rol in ROLLEN if rol != "anoniem"]  # anonymous users go to the login page

# Pages that show a record of another team to these roles by design: not an IDOR.
BEWUST_ZICHTBAAR = {
    # The social map is the same for every team: organisations, no residents' data.
    "partners:organisatie": set(CASUSSEN_TEAM),
    # Break-the-glass exists for another team's household: it asks for a reason first.
    "toegang:doorbreken": set(CASUSSEN_TEAM),
}
# Roles without a team see every team's records on the pages the matrix opens to them (the
# backoffice decides for all teams, the beheerder answers AVG inzage requests on anyone): for
# them the boundary is the page, which the matrix checks, and here the unknown id.
ZONDER_TEAM = {"backoffice", "beheerder", "beleid"}


def _id_patronen() -> dict[str, set[str]]:
    """URL name -> the names of its arguments, for every project URL that takes one."""
    return {
        naam: set(p.pattern.converters) for naam, p in _projectpatronen() if p.pattern.converters
    }


def _andere_wereld(wereld: Wereld, organisatie):
    """Households of Wijkteam West, with its own users, referred to `organisatie`: one world
    per builder. URLs built by the same code share a world (the matrix
    builders cache per world); two different builders may each want the household's one plan."""
    team = TeamFactory(naam="Wijkteam West")
    gebruikers = {
        "consulent": maak_gebruiker("consulent_west", Rol.CONSULENT, team=team),
        "teamleider": maak_gebruiker("teamleider_west", Rol.TEAMLEIDER, Rol.CONSULENT, team=team),
        "backoffice": maak_gebruiker("backoffice_west", Rol.BACKOFFICE),
    }
    werelden = {}

    def voor(bouwer) -> Wereld:
        if bouwer.__code__ not in werelden:
            casus = CasusFactory(
                huishouden__team=team, team=team, regisseur=gebruikers["consulent"]
            )
            werelden[bouwer.__code__] = Wereld(team, wereld.team, organisatie, gebruikers, casus)
        return werelden[bouwer.__code__]

    return voor


def _mag_het_zien(naam: str, rol: str) -> bool:
    """Whether the role sees this page's records of another team by design."""
    return rol in BEWUST_ZICHTBAAR.get(naam, set()) or (
        rol in ZONDER_TEAM and MATRIX[naam].verwacht(rol) != 404
    )


def _gevallen(argumenten, eigen, vreemd) -> list[tuple[str, dict, bool]]:
    """(description, kwargs, whether it is another team's record) for one URL; the unknown id
    first, which tells whether the URL refuses a GET before it looks up any record."""
    gevallen = [
        ("onbekend id", dict.fromkeys(argumenten, ONBEKEND), False),
        ("ander team", vreemd, True),
    ]
    if len(argumenten) > 1:
        gevallen += [
            (f"eigen ids, {arg} van het andere team", {**eigen, arg: vreemd[arg]}, True)
            for arg in sorted(argumenten)
        ]
    return gevallen


def test_elke_id_url_heeft_een_bouwer():
    """A new URL with an id needs a kwargs builder in the matrix, or the sweep cannot cover it."""
    zonder = sorted(
        naam for naam in _id_patronen() if naam not in MATRIX or MATRIX[naam].kwargs is None
    )
    assert not zonder, f"URL's met een id zonder kwargs-bouwer in MATRIX: {zonder}"


def _sweep(wereld, namen, *, andere_organisatie: bool = False) -> list[str]:
    """Every answer other than 404, for these URL names, every logged-in role, GET and POST.
    A POST-only action refuses a GET with 405 before it looks up anything (the same for an id
    that does not exist): then only its POST is swept."""
    if andere_organisatie:
        organisatie, rollen = OrganisatieFactory(naam="Humanitas Test"), ["partner"]
    else:
        organisatie, rollen = wereld.organisatie, INGELOGD
    andere_wereld = _andere_wereld(wereld, organisatie)
    patronen = _id_patronen()
    urls = {}
    for naam in namen:
        argumenten = patronen[naam]
        bouwer = MATRIX[naam].kwargs
        west = andere_wereld(bouwer)
        vreemd = bouwer(west)
        assert set(vreemd) == argumenten, f"{naam}: de bouwer geeft {sorted(vreemd)}"
        eigen = bouwer(wereld) if len(argumenten) > 1 else {}
        urls[naam] = _gevallen(argumenten, eigen, vreemd)
    if not andere_organisatie:
        for toestemming in Toestemming.objects.filter(
            persoon__huishouden__team=west.team, ingetrokken_op__isnull=True
        ):
            toestemming_intrekken(door=west.gebruikers["consulent"], toestemming=toestemming)

    clients = {rol: wereld.client(rol) for rol in rollen}
    lekken = []
    for naam, gevallen in urls.items():
        for rol, client in clients.items():
            methoden = ["get", "post"]
            for geval, kwargs, vreemd_record in gevallen:
                if vreemd_record and _mag_het_zien(naam, rol):
                    continue
                url = reverse(naam, kwargs=kwargs)
                for methode in list(methoden):
                    status = getattr(client, methode)(url).status_code
                    if status == 405 and methode == "get" and geval == "onbekend id":
                        methoden.remove("get")
                    elif status != 404:
                        lekken.append(
                            f"{naam} {methode.upper()} {url} als {rol} ({geval}): {status}"
                        )
    return lekken


@pytest.mark.parametrize("andere_organisatie", [False, True], ids=["ingetrokken", "organisatie"])
def test_idor_sweep(wereld, andere_organisatie):
    """One world of one's own, one team of another; every role in turn on every id-URL."""
    test_elke_id_url_heeft_een_bouwer()
    lekken = _sweep(wereld, sorted(_id_patronen()), andere_organisatie=andere_organisatie)
    assert not lekken, f"{len(lekken)} antwoorden anders dan 404:\n" + "\n".join(lekken)


def test_de_sweep_vindt_een_lek(wereld, monkeypatch):
    """The sweep is not blind: with the policy's record filter switched off it reports leaks."""
    monkeypatch.setattr(policy, "zichtbaar", lambda user, queryset: queryset.all())
    lekken = _sweep(wereld, ["plannen:versie"])
    assert any("als consulent_ander_team (ander team): 200" in lek for lek in lekken), lekken


def test_een_ontbrekende_bouwer_valt_op(monkeypatch):
    naam = next(iter(_id_patronen()))
    monkeypatch.setitem(MATRIX, naam, dataclasses.replace(MATRIX[naam], kwargs=None))
    with pytest.raises(AssertionError, match="zonder kwargs-bouwer"):
        test_elke_id_url_heeft_een_bouwer()


@pytest.mark.parametrize("rol", [rol for rol in INGELOGD if rol != "beheerder"])
def test_beheer_objectpaginas_alleen_voor_beheerder(wereld, rol):
    """Every admin URL with an object id: 404 for everyone who is not staff."""
    client = wereld.client(rol)
    waarden = {"object_id": wereld.gebruikers["consulent"].pk, "content_type_id": 1}
    fouten = []
    for ns, naam, patroon in _patronen():
        groepen = set(patroon.pattern.regex.groupindex)
        if ns != "admin:" or naam is None or "object_id" not in groepen:
            continue
        url = reverse(naam, kwargs={g: waarden[g] for g in groepen})
        status = client.get(url).status_code
        if status != 404:
            fouten.append(f"{url}: {status}")
    assert not fouten, f"{rol}: " + "; ".join(fouten)
