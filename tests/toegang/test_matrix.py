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


def alleen(*rollen: str, status: int = 200, ook: dict | None = None, **kw) -> Regel:
    """Reachable for the named roles; anonymous users go to login, everyone else gets 404.
    `ook` names roles with another expected status (a redirect, say)."""
    return Regel(404, {"anoniem": LOGIN, **dict.fromkeys(rollen, status), **(ook or {})}, **kw)


PERSONEEL = ["consulent", "consulent_ander_team", "teamleider", "backoffice", "beheerder", "beleid"]
IEDEREEN = [*PERSONEEL, "partner"]


def _herinnering(w) -> int:
    from casussen.models import Herinnering

    return Herinnering.objects.get_or_create(
        gebruiker=w.gebruikers["consulent"],
        soort="evaluatie_verlopen",
        casus=w.casus,
        onderwerp_id=w.casus.pk,
        peildatum=w.casus.geopend_op,
    )[0].pk


MATRIX: dict[str, Regel] = {
    "start": alleen(*IEDEREEN),
    "health": Regel(frozenset({200, 503})),  # public; 503 while no worker runs
    "herinneringen": alleen(*IEDEREEN),
    # A reminder is its owner's alone: the consulent's own (302 after marking it), 404 for others.
    "herinnering_afhandelen": alleen(
        "consulent", status=302, methode="post", kwargs=lambda w: {"pk": _herinnering(w)}
    ),
    "toegang:inloggen": Regel(200),
    # A verified user is sent on from the second-factor step.
    "toegang:tweede_factor": Regel(302),
    "toegang:uitloggen": Regel(302, methode="post"),
    "toegang:logboek": alleen("beheerder"),
    "toegang:toestemmingen": alleen(
        "consulent", "teamleider", kwargs=lambda w: {"huishouden_id": w.casus.huishouden_id}
    ),
    "toegang:toestemming_nieuw": alleen(
        "consulent", "teamleider", kwargs=lambda w: {"huishouden_id": w.casus.huishouden_id}
    ),
    "toegang:gegevensdeling_nieuw": alleen(
        "consulent", "teamleider", kwargs=lambda w: {"huishouden_id": w.casus.huishouden_id}
    ),
    "toegang:toestemming_intrekken": alleen(
        "consulent",
        "teamleider",
        kwargs=lambda w: {"pk": w.toestemming.pk},
        status=302,
        methode="post",
    ),
    "toegang:toestemming_pdf": alleen(
        "consulent", "teamleider", kwargs=lambda w: {"pk": w.toestemming.pk}
    ),
    "toegang:inzage": alleen("beheerder", kwargs=lambda w: {"persoon_id": w.persoon.pk}),
    # Own team: straight to the record; another team: the reason form; everyone else: 404.
    "toegang:doorbreken": alleen(
        "consulent_ander_team",
        kwargs=lambda w: {"huishouden_id": w.casus.huishouden_id},
        ook={"consulent": 302, "teamleider": 302},
    ),
}


# --- plannen (issue 4) ----------------------------------------------------------------------
# Consulent and teamleider of the household's team; another team's consulent and a partner get
# 404 (partner access through consent comes later). tests/plannen/helpers.matrix_plan builds,
# once per world, a signed version 1 and a draft version 2, and a household without a plan.
PLANNERS = ["consulent", "teamleider"]


def _plan(w, deel):
    from tests.plannen.helpers import matrix_plan

    return matrix_plan(w)[deel].pk


MATRIX.update(
    {
        "plannen:plan": alleen(
            *PLANNERS, kwargs=lambda w: {"huishouden_id": _plan(w, "zonder_plan")}
        ),
        "plannen:plan_starten": alleen(
            *PLANNERS,
            status=302,
            methode="post",
            kwargs=lambda w: {"huishouden_id": _plan(w, "zonder_plan")},
        ),
        **{
            f"plannen:{naam}": alleen(*PLANNERS, kwargs=lambda w: {"pk": _plan(w, "concept")})
            for naam in [
                "versie",
                "versie_bewerken",
                "doel_toevoegen",
                "ondertekenen",
                "vergelijken",
                "pdf",
            ]
        },
        **{
            f"plannen:{naam}": alleen(*PLANNERS, kwargs=lambda w: {"pk": _plan(w, "doel")})
            for naam in ["doel_bewerken", "doel_verwijderen", "actie_toevoegen"]
        },
        **{
            f"plannen:{naam}": alleen(*PLANNERS, kwargs=lambda w: {"pk": _plan(w, "actie")})
            for naam in ["actie_bewerken", "actie_verwijderen"]
        },
        "plannen:ondertekening_bestand": alleen(
            *PLANNERS, kwargs=lambda w: {"pk": _plan(w, "ondertekening")}
        ),
        # A draft exists already: refused with a message, back to the version (302).
        "plannen:nieuwe_versie": alleen(
            *PLANNERS, status=302, methode="post", kwargs=lambda w: {"pk": _plan(w, "getekend")}
        ),
        # No PDF yet: the download sends the planner on to the PDF page.
        "plannen:pdf_downloaden": alleen(
            *PLANNERS, status=302, kwargs=lambda w: {"pk": _plan(w, "concept")}
        ),
    }
)


# --- casussen (issue 3) ---------------------------------------------------------------------
# The team's consulenten and teamleider; a consulent of another team and a partner get 404 on
# this team's households, persons, meldingen and cases.
CASUSSEN_TEAM = ["consulent", "consulent_ander_team", "teamleider"]


def _melding(w):
    from tests.casussen.factories import MeldingFactory

    return {"pk": MeldingFactory(team=w.team, geregistreerd_door=w.gebruikers["consulent"]).pk}


def _huishouden(w):
    return {"pk": w.casus.huishouden_id}


def _persoon(w):
    from tests.factories import PersoonFactory

    return {"pk": PersoonFactory(huishouden=w.casus.huishouden).pk}


def _casus(w):
    return {"pk": w.casus.pk}


def _gesprek(w):
    from tests.casussen.factories import KeukentafelgesprekFactory

    return {"pk": KeukentafelgesprekFactory(casus=w.casus).pk}


def _eigen_team(kwargs):
    return alleen("consulent", "teamleider", kwargs=kwargs)


MATRIX.update(
    {
        **{
            f"casussen:{naam}": alleen(*CASUSSEN_TEAM)
            for naam in ["caseload", "zoeken", "meldingen", "melding_nieuw"]
        },
        "casussen:team": alleen("teamleider"),
        **{
            f"casussen:{naam}": _eigen_team(_melding)
            for naam in ["melding", "melding_huishouden", "melding_huishouden_nieuw"]
        },
        "casussen:melding_triage": _eigen_team(_melding),
        **{
            f"casussen:{naam}": _eigen_team(_huishouden)
            for naam in ["huishouden", "huishouden_bewerken", "persoon_nieuw"]
        },
        "casussen:persoon": _eigen_team(_persoon),
        "casussen:persoon_bewerken": _eigen_team(_persoon),
        **{
            f"casussen:{naam}": _eigen_team(_casus)
            for naam in [
                "casus",
                "casus_status",
                "contactmomenten",
                "contactmoment_nieuw",
                "keukentafelgesprek_nieuw",
                "zrm_nieuw",
            ]
        },
        "casussen:casus_regie": alleen("teamleider", kwargs=_casus),
        "casussen:keukentafelgesprek": _eigen_team(_gesprek),
    }
)


# --- partners (issue 6) ---------------------------------------------------------------------
# The social map is for every consulent and teamleider; referring, a referral and Betrokken for
# the household's team. The inbox pages are for the partner whose organisation the (consented)
# referral went to; a partner without consent or referral gets 404 (tests/partners/test_views).
def _verwijzing(w, deel="verwijzing"):
    from tests.partners.helpers import matrix_verwijzing

    return matrix_verwijzing(w)[deel].pk


def _partner(**kw):
    return alleen("partner", kwargs=lambda w: {"pk": _verwijzing(w)}, **kw)


MATRIX.update(
    {
        "partners:sociale_kaart": alleen(*CASUSSEN_TEAM),
        "partners:organisatie": alleen(*CASUSSEN_TEAM, kwargs=lambda w: {"pk": w.organisatie.pk}),
        "partners:verwijzing_nieuw": _eigen_team(lambda w: {"casus_id": w.casus.pk}),
        "partners:verwijzing": _eigen_team(lambda w: {"pk": _verwijzing(w)}),
        "partners:betrokken": _eigen_team(lambda w: {"huishouden_id": w.casus.huishouden_id}),
        "partners:inbox": alleen("partner"),
        "partners:inbox_verwijzing": _partner(),
        "partners:inbox_status": _partner(status=302),  # GET: back to the referral
        "partners:inbox_notitie": _partner(methode="post"),  # empty note: the form again
        "partners:inbox_actie": alleen(
            "partner",
            methode="post",
            kwargs=lambda w: {"pk": _verwijzing(w), "actie_id": _verwijzing(w, "actie")},
        ),
        "partners:partner_huishouden": alleen(
            "partner",
            kwargs=lambda w: {"huishouden_id": _verwijzing(w) and w.casus.huishouden_id},
        ),
    }
)


# --- backoffice (issue 7) -------------------------------------------------------------------
# The queue and the decision are for the backoffice (every team); a request and its decision are
# also for the household's team. Journals, intakes and the plan itself stay closed to the
# backoffice (the casussen and plannen entries above expect 404 for it). A GET on a form's POST
# URL goes back to the request (302). tests/plannen/helpers.matrix_backoffice builds the data.
def _bo(w, deel="aanvraag"):
    from tests.plannen.helpers import matrix_backoffice

    return {"pk": matrix_backoffice(w)[deel].pk}


BO_EN_TEAM = ["backoffice", "consulent", "teamleider"]

MATRIX.update(
    {
        "plannen:aanvragen": alleen("backoffice"),
        "plannen:aanvraag": alleen(*BO_EN_TEAM, kwargs=_bo),
        "plannen:aanvraag_plan_pdf": alleen(*BO_EN_TEAM, kwargs=_bo),
        **{
            f"plannen:{naam}": alleen("backoffice", status=302, kwargs=_bo)
            for naam in [
                "aanvraag_besluiten",
                "aanvraag_meer_informatie",
                "aanvraag_opschorten",
                "aanvraag_verdagen",
                "aanvraag_behandelaar",
            ]
        },
        "plannen:aanvraag_aanvullen": alleen(
            "consulent", "teamleider", status=302, kwargs=lambda w: _bo(w, "meer_informatie")
        ),
        "plannen:opschorting_beeindigen": alleen(
            "backoffice", status=302, kwargs=lambda w: _bo(w, "opschorting")
        ),
        # Already final: the backoffice gets a message and goes back to the request.
        "plannen:beschikking_bevestigen": alleen(
            "backoffice", status=302, methode="post", kwargs=lambda w: _bo(w, "beschikking")
        ),
        "plannen:beschikking_terugsturen": alleen(
            "backoffice", status=302, kwargs=lambda w: _bo(w, "beschikking")
        ),
        "plannen:beschikking_pdf": alleen(*BO_EN_TEAM, kwargs=lambda w: _bo(w, "beschikking")),
        "plannen:beschikking_pdf_downloaden": alleen(
            *BO_EN_TEAM, kwargs=lambda w: _bo(w, "beschikking")
        ),
        "plannen:aanvraag_nieuw": _eigen_team(lambda w: {"casus_id": w.casus.pk}),
    }
)

# --- stuurinformatie (issue 9) --------------------------------------------------------------
# Figures only: teamleider (own team) and beleid (all teams). Beleid still gets 404 on every
# case page above; consulent, backoffice, partner and beheerder get 404 here.
MATRIX.update(
    {
        "casussen:stuurinformatie": alleen("teamleider", "beleid"),
        "casussen:stuurinformatie_csv": alleen("teamleider", "beleid"),
        "casussen:stuurinformatie_xlsx": alleen("teamleider", "beleid"),
    }
)


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


@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_matrix(wereld, naam):
    """One world per URL, every role in turn (a world per role per URL would be slow)."""
    regel = MATRIX[naam]
    url = reverse(naam, kwargs=regel.kwargs(wereld) if regel.kwargs else None)
    fouten = []
    for rol in ROLLEN:
        response = getattr(wereld.client(rol), regel.methode)(url)
        verwacht = regel.verwacht(rol)
        toegestaan = verwacht if isinstance(verwacht, frozenset) else {verwacht}
        if response.status_code not in toegestaan:
            fouten.append(f"{rol}: {response.status_code}, verwacht {sorted(toegestaan)}")
        _controleer_beveiligingsheaders(response, url)
    assert not fouten, f"{url}: " + "; ".join(fouten)


def _controleer_beveiligingsheaders(response, url):
    """Every answer of every page carries the security headers (issue 11: hardening)."""
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp, url
    assert "frame-ancestors 'none'" in csp, url
    assert response.headers["X-Frame-Options"] == "DENY", url
    assert response.headers["X-Content-Type-Options"] == "nosniff", url
    assert response.headers["Referrer-Policy"] == "same-origin", url
    assert "camera=()" in response.headers["Permissions-Policy"], url
    for cookie in response.cookies.values():
        if cookie["max-age"] == 0:
            continue  # a deletion: nothing is stored
        assert cookie["secure"] and cookie["samesite"] == "Lax", f"{cookie.key} op {url}"
        if cookie.key in {"wijkteam_sessie", "csrftoken"}:
            assert cookie["httponly"], f"{cookie.key} op {url}"


def test_hsts_over_https(client):
    response = client.get(reverse("toegang:inloggen"), secure=True)
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert "includeSubDomains" in response.headers["Strict-Transport-Security"]


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
