"""EXPLAIN every key page's main query at a generated size: no sequential scan of a large table.

The queries are built through the app's own selectors and filters for the bench users, so a
change in a selector is checked here. Tables are ANALYZEd by the generator.
"""

import json
import os

import pytest
from django.db import connection, transaction
from django.http import QueryDict

from wijkteam import schaaldata

GROTE_TABELLEN = (
    "casussen_casus",
    "casussen_persoon",
    "casussen_huishouden",
    "plannen_plan",
    "plannen_planversie",
    "plannen_doel",
    "plannen_actie",
    "partners_verwijzing",
    "toegang_toestemming",
    "toegang_huishoudengroepsrecht",
    "toegang_toegangslog",  # and its partitions
)
# small (10,000 households) by default; SCHAAL_HUISHOUDENS makes a quicker run possible.
HUISHOUDENS = int(os.environ.get("SCHAAL_HUISHOUDENS", "10000"))


@pytest.fixture(scope="module")
def schaal(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        grootte = (
            schaaldata.GROOTTES["small"]
            if HUISHOUDENS == 10_000
            else schaaldata.custom(HUISHOUDENS)
        )
        with transaction.atomic():
            schaaldata.genereer(grootte, seed=11)
            yield
            transaction.set_rollback(True)


def _sql(qs) -> tuple[str, tuple]:
    return qs.query.sql_with_params()


# A table counts as large from this many rows (pg_class.reltuples after ANALYZE): an empty
# future partition of the access log, or 500 grants at small size, may be scanned whole.
GROOT_VANAF = 5_000


def _rijen(rel: str) -> float:
    with connection.cursor() as cur:
        cur.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [rel])
        rij = cur.fetchone()
    return rij[0] if rij else 0


def _volledig(plan: dict) -> bool:
    """A scan that reads a whole table: Seq Scan, or an index scan without an index condition
    (what the planner picks instead when sequential scans are priced out)."""
    soort = plan.get("Node Type")
    if soort == "Seq Scan":
        return True
    return soort in ("Index Scan", "Index Only Scan") and "Index Cond" not in plan


def _seq_scans(plan: dict, *, met_filter: bool = False) -> list[str]:
    """Whole-table scans of large tables; with `met_filter` only those that filter rows, i.e.
    a predicate no index serves (a plain full scan feeding a hash join is a join strategy)."""
    gevonden = []
    if _volledig(plan) and (not met_filter or "Filter" in plan):
        rel = plan.get("Relation Name", "")
        if any(rel == t or rel.startswith(t + "_") for t in GROTE_TABELLEN) and (
            _rijen(rel) >= GROOT_VANAF
        ):
            gevonden.append(f"{plan['Node Type']} {rel} (~{int(_rijen(rel))} rijen)")
    for kind in plan.get("Plans", []):
        gevonden += _seq_scans(kind, met_filter=met_filter)
    return gevonden


def _explain(sql: str, params, *, zonder_seqscan: bool = False) -> tuple[list[str], str]:
    with connection.cursor() as cur:
        cur.execute(f"SET LOCAL enable_seqscan = {'off' if zonder_seqscan else 'on'}")
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cur.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        cur.execute("EXPLAIN " + sql, params)
        tekst = "\n".join(r[0] for r in cur.fetchall())
    return _seq_scans(plan[0]["Plan"], met_filter=zonder_seqscan), tekst


def _queries():
    """(page, queryset or (sql, params)) for each key page's main queries."""
    from casussen import selectors
    from casussen.filters import CasusFilter, TeamCasusFilter
    from casussen.models import Casus, Persoon
    from plannen.models import Actie, Planversie
    from toegang.models import Gebruiker, Toegangslog

    consulent = Gebruiker.objects.get(username="bench-consulent")
    leider = Gebruiker.objects.get(username="bench-teamleider")
    partner = Gebruiker.objects.get(username="bench-partner")
    casus = Casus.objects.filter(regisseur=consulent).order_by("id").first()
    hh = casus.huishouden_id
    versie = Planversie.objects.filter(plan__huishouden_id=hh).order_by("-nummer").first()
    naam = Persoon.objects.filter(huishouden_id=hh).order_by("id").first().achternaam

    caseload = CasusFilter(QueryDict(), queryset=selectors.mijn_caseload(consulent)).qs
    team = TeamCasusFilter(
        QueryDict(), queryset=selectors.casussen_lijst(leider), team_id=leider.team_id
    ).qs
    zoek = selectors.zoeken(consulent, naam=naam)
    q = [
        ("caseload", caseload[:25]),
        ("caseload count", caseload.values("pk")),
        ("team", team[:25]),
        ("team count", team.values("pk")),
        ("huishouden", selectors.zichtbaar(consulent, casus.huishouden.__class__.objects)
         .filter(pk=hh)),
        ("huishouden leden", Persoon.objects.filter(huishouden_id=hh)),
        ("huishouden casussen", Casus.objects.filter(huishouden_id=hh).order_by("-geopend_op")),
        ("casus", selectors.zichtbaar(consulent, Casus.objects).filter(pk=casus.pk)),
        ("zoeken", zoek[:25]),
        ("toegangslog persoon",
         Toegangslog.objects.filter(persoon_id=Persoon.objects.filter(huishouden_id=hh)
                                    .first().pk).order_by("-tijdstip", "-id")[:26]),
    ]  # fmt: skip
    if versie is not None:
        q.append(("planversie acties", Actie.objects.filter(doel__planversie=versie)))
    try:
        from partners import selectors as partner_selectors

        q.append(("partner inbox", partner_selectors.inbox(partner)[:25]))
    except (ImportError, AttributeError):
        pass
    return q


def test_geen_seq_scan_op_grote_tabellen(schaal, db):
    fouten = []
    for naam, qs in _queries():
        sql, params = _sql(qs)
        if naam.endswith("count"):
            sql = f"SELECT count(*) FROM ({sql}) t"  # what the paginator runs
        scans, tekst = _explain(sql, params)
        if not scans:
            continue
        # At small size a hash join over a whole 10,000-row table can be the cheapest plan and
        # the planner switches to index scans as the table grows. What must not happen is a
        # Seq Scan that stays when sequential scans are priced out: then no index serves it.
        blijvend, tekst_uit = _explain(sql, params, zonder_seqscan=True)
        if blijvend:
            fouten.append(f"{naam}: {', '.join(blijvend)} (geen index)\n{tekst_uit}")
        else:
            print(f"{naam}: planner kiest {', '.join(scans)} bij deze grootte\n{tekst}")
    kort = [f.splitlines()[0] for f in fouten]
    assert not fouten, "\n".join(kort) + "\n\n" + "\n\n".join(fouten)
