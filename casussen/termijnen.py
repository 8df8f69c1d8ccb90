"""Legal-term arithmetic: Algemene termijnenwet (Atw), Awb 4:13-4:15, Wmo 2015 and Jeugdwet terms.

Pure Python, no database. Days equated with a feestdag by royal decree (Atw art. 3 lid 3) are
data the beheerder maintains; they come in as ``gelijkgesteld``.

Counting (the usual Awb practice): a term "within N weeks after" an event starts on the day
after the event, so it ends on event day + N weeks, the same weekday, before the Atw shift.
A 6-week Wmo term from a melding on Monday 2 March 2026 ends on Monday 13 April 2026.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

WMO_ONDERZOEK_WEKEN = 6  # Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding
WMO_BESCHIKKING_WEKEN = 2  # Wmo 2015 art. 2.3.5 lid 1: beschikking binnen twee weken na aanvraag
JEUGDWET_BESCHIKKING_WEKEN = 8  # Awb 4:13 lid 2: redelijke termijn, uiterlijk acht weken
PARTICIPATIEWET_BESCHIKKING_WEKEN = 8  # Awb 4:13 lid 2

AMBER_DAGEN = 7  # Klok.kleur is "amber" during the last 7 days, the end day included

GROEN = "groen"
AMBER = "amber"
ROOD = "rood"

_ZATERDAG = 5


@lru_cache(maxsize=256)
def pasen(jaar: int) -> date:
    """Easter Sunday (Gregorian), anonymous algorithm of Meeus/Jones/Butcher."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekdag = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekdag) // 451
    maand, dag = divmod(h + weekdag - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """The day the King's birthday is celebrated (Atw art. 3 lid 1).

    From 2014: 27 April, or 26 April when 27 April is a Sunday. Before 2014 (Koninginnedag):
    30 April, or 29 April when 30 April is a Sunday.
    """
    dag = date(jaar, 4, 27) if jaar >= 2014 else date(jaar, 4, 30)
    return dag - timedelta(days=1) if dag.weekday() == 6 else dag


@lru_cache(maxsize=256)
def atw_feestdagen(jaar: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of Atw art. 3 lid 1 and 2 for ``jaar``.

    Nieuwjaarsdag, Goede Vrijdag (lid 2), tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag,
    Koningsdag, 5 mei (every year, not only every fifth) and both Kerstdagen. Days equated by
    decree (lid 3) are not included: pass them as ``gelijkgesteld``.
    """
    paas = pasen(jaar)
    return frozenset(
        {
            date(jaar, 1, 1),
            paas - timedelta(days=2),  # Goede Vrijdag
            paas + timedelta(days=1),  # tweede Paasdag
            koningsdag(jaar),
            date(jaar, 5, 5),
            paas + timedelta(days=39),  # Hemelvaartsdag
            paas + timedelta(days=50),  # tweede Pinksterdag
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


def is_rustdag(dag: date, gelijkgesteld: Collection[date] = ()) -> bool:
    """Saturday, Sunday, Atw feestdag (art. 3 lid 1-2) or a day equated by decree (lid 3)."""
    return dag.weekday() >= _ZATERDAG or dag in atw_feestdagen(dag.year) or dag in gelijkgesteld


def verschuif(dag: date, gelijkgesteld: Collection[date] = ()) -> date:
    """Atw art. 1: a term ending on a rustdag runs on to the next day that is none."""
    while is_rustdag(dag, gelijkgesteld):
        dag += timedelta(days=1)
    return dag


def _opschortingsdagen(opgeschort: Iterable[tuple[date, date]]) -> int:
    """Total suspended days; overlapping periods count once. Periods are [van, tot)."""
    perioden = sorted(opgeschort)
    totaal = 0
    tot_nu: date | None = None  # end of the days already counted
    for van, tot in perioden:
        if tot < van:
            raise ValueError(f"Opschorting eindigt voor ze begint: {van} - {tot}")
        if tot_nu is not None and van < tot_nu:
            van = tot_nu
        if tot > van:
            totaal += (tot - van).days
        tot_nu = tot if tot_nu is None else max(tot_nu, tot)
    return totaal


def einde_termijn(
    start: date,
    *,
    weken: int = 0,
    dagen: int = 0,
    gelijkgesteld: Collection[date] = (),
    opgeschort: Iterable[tuple[date, date]] = (),
    verdaagd_weken: int = 0,
) -> date:
    """Last day of a term of ``weken`` weeks plus ``dagen`` days after the event on ``start``.

    The term runs from the day after ``start``: the raw end is ``start + weken + dagen``.
    Verdaging (Awb 4:14) adds ``verdaagd_weken`` weeks. Opschorting (Awb 4:15) adds the length
    of each period in ``opgeschort``: ``(van, tot)`` with ``van`` the first suspended day (the day
    after the invitation to supplement) and ``tot`` the day the clock runs again (the day the
    aanvulling came in), exclusive; overlapping periods count once. Only then is the Atw
    applied, once: art. 1 (a rustdag moves the end to the next day that is none) and, for
    terms of at least three days, art. 2 (the term holds at least two days that are no rustdag).
    """
    if weken < 0 or dagen < 0 or verdaagd_weken < 0:
        raise ValueError("Termijnen en verdaging kunnen niet negatief zijn")
    basis = timedelta(weeks=weken, days=dagen)
    einde = start + basis + timedelta(weeks=verdaagd_weken)
    einde += timedelta(days=_opschortingsdagen(opgeschort))
    einde = verschuif(einde, gelijkgesteld)
    if basis.days + 7 * verdaagd_weken >= 3:
        einde = max(einde, _tweede_werkdag_na(start, gelijkgesteld))
    return einde


def _tweede_werkdag_na(start: date, gelijkgesteld: Collection[date]) -> date:
    """The second day after ``start`` that is no rustdag (Atw art. 2)."""
    dag = verschuif(start + timedelta(days=1), gelijkgesteld)
    return verschuif(dag + timedelta(days=1), gelijkgesteld)


@dataclass(frozen=True)
class Klok:
    """A running legal term with its (Atw-shifted) last day ``einde``."""

    einde: date

    def dagen_over(self, vandaag: date) -> int:
        """Days until ``einde``: 0 on the end day itself, negative once passed."""
        return (self.einde - vandaag).days

    def kleur(self, vandaag: date) -> str:
        """Traffic light: "groen", "amber" with 6..0 days left (last 7 days), "rood" if passed."""
        over = self.dagen_over(vandaag)
        if over < 0:
            return ROOD
        if over < AMBER_DAGEN:
            return AMBER
        return GROEN

    def gehaald(self, afgerond_op: date | None) -> bool | None:
        """Whether the term was met: finished on or before ``einde``; None while still open."""
        if afgerond_op is None:
            return None
        return afgerond_op <= self.einde
