"""The authorization matrix: every URL pattern of the project, for every role, its expected status.

Every new URL needs an entry in MATRIX, or `test_elke_url_staat_in_de_matrix` fails. A user who
may not see a page or record gets 404; an anonymous user is sent to the login page (302).
Admin pages follow one rule (staff only), tested on every admin pattern without arguments.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLLEN, Wereld
from toegang.policy import declaratie

LOGIN = 302


@dataclass(frozen=True)
class Regel:
    """Expected status per role; `standaard` for roles not named. A set allows either status."""

    standaard: int | frozenset
    per_rol: dict = field(default_factory=dict)
    kwargs: Callable[[Wereld], dict] | None = None
    methode: str = "get"

    def verwacht(self, rol: str):
        return self.per_rol.get(rol, self.standaard)


def alleen(*rollen: str, status: int = 200, **kw) -> Regel:
    """Reachable for the named roles; anonymous users go to login, everyone else gets 404."""
    return Regel(404, {"anoniem": LOGIN, **dict.fromkeys(rollen, status)}, **kw)


PERSONEEL = ["consulent", "consulent_ander_team", "teamleider", "backoffice", "beheerder", "beleid"]
IEDEREEN = [*PERSONEEL, "partner"]

MATRIX: dict[str, Regel] = {
    "start": alleen(*IEDEREEN),
    "health": Regel(frozenset({200, 503})),  # public; 503 while no worker runs
    "toegang:inloggen": Regel(200),
    # A verified user is sent on from the second-factor step.
    "toegang:tweede_factor": Regel(302),
    "toegang:uitloggen": Regel(302, methode="post"),
    "toegang:logboek": alleen("beheerder"),
}


def _patronen(resolvers=None, namespace=""):
    """(namespace, full name or None, pattern) for every URL pattern of the project."""
    for patroon in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(patroon, URLResolver):
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            yield from _patronen(patroon.url_patterns, ns)
        elif isinstance(patroon, URLPattern):
            yield namespace, f"{namespace}{patroon.name}" if patroon.name else None, patroon


def _projectpatronen():
    return [(naam, p) for ns, naam, p in _patronen() if ns != "admin:"]


def test_elke_url_staat_in_de_matrix():
    namen = [naam for naam, _ in _projectpatronen()]
    assert None not in namen, "elk URL-patroon heeft een naam nodig"
    ontbreekt = sorted(set(namen) - set(MATRIX))
    assert not ontbreekt, f"niet in de autorisatiematrix: {ontbreekt}"
    assert not sorted(set(MATRIX) - set(namen)), "de matrix noemt URL's die niet bestaan"


def test_elke_view_declareert_wie_erbij_mag():
    zonder = [naam for naam, p in _projectpatronen() if declaratie(p.callback) is None]
    assert not zonder, f"views zonder toegangsdeclaratie: {zonder}"


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_matrix(wereld, naam, rol):
    regel = MATRIX[naam]
    url = reverse(naam, kwargs=regel.kwargs(wereld) if regel.kwargs else None)
    response = getattr(wereld.client(rol), regel.methode)(url)
    verwacht = regel.verwacht(rol)
    toegestaan = verwacht if isinstance(verwacht, frozenset) else {verwacht}
    assert response.status_code in toegestaan, f"{rol} op {url}: {response.status_code}"


def _admin_urls():
    return sorted(
        naam
        for ns, naam, p in _patronen()
        if ns == "admin:" and naam and not p.pattern.regex.groups
    )


@pytest.mark.parametrize("rol", ROLLEN)
def test_beheerpagina_alleen_voor_beheerder(wereld, rol):
    """Every admin page without arguments, plus one object page: staff only; others 404."""
    client = wereld.client(rol)
    # The admin has no login of its own (everyone logs in with two factors) and logout is POST.
    urls = [reverse(naam) for naam in _admin_urls() if naam not in {"admin:login", "admin:logout"}]
    urls.append(reverse("admin:toegang_gebruiker_change", args=[wereld.gebruikers["consulent"].pk]))
    for url in urls:
        status = client.get(url).status_code
        if rol == "anoniem":
            assert status == LOGIN, url
        elif rol == "beheerder":
            assert status in {200, 302, 403}, url  # 403: Django's own model permissions
        else:
            assert status == 404, f"{rol} op {url}: {status}"


def test_csrf_zonder_token_geweigerd(wereld):
    """Every view refuses a POST without a CSRF token, whoever sends it."""
    for rol in ["anoniem", "consulent", "beheerder"]:
        client = wereld.client(rol)
        client.handler.enforce_csrf_checks = True
        for naam, regel in MATRIX.items():
            url = reverse(naam, kwargs=regel.kwargs(wereld) if regel.kwargs else None)
            status = client.post(url, {"x": "1"}).status_code
            assert status in {403, 405}, f"{rol} POST {url} zonder CSRF-token: {status}"


def test_een_ontbrekende_regel_valt_op(monkeypatch):
    """The matrix test itself fails when a URL has no entry."""
    monkeypatch.delitem(MATRIX, "start")
    with pytest.raises(AssertionError, match="niet in de autorisatiematrix"):
        test_elke_url_staat_in_de_matrix()
