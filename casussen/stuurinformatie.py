"""Steering figures (issue 9): reads only, every figure one aggregate query in the database.

Each figure is a `Tabel` of `Cel`s. Small-cell suppression happens once, here, in `aantal` and
`statistiek`: a count under DREMPEL (1-4), or a statistic computed over fewer than DREMPEL
distinct persons, households or cases, becomes "< 5". The page, the CSV and the XLSX export all
render the same tables, so none of them can show what another hides.

Scope: a teamleider sees their own team only; beleid sees every team (of its municipality
when the account has a team). Filters: period, team, wijk, law.

The views ask `gecachte_tabellen`: the figures per filter combination and data version in the
cache (Redis), so the page and its two exports for the same filters are computed once; the page
caches its rendered tables under the same key (`cache_sleutel`).

`plannen` and `partners` use `casussen`, not the other way round; their models are therefore
looked up by name (apps.get_model) and a figure whose model is missing shows "nog niet
beschikbaar".
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django import forms
from django.apps import apps
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncDate, TruncWeek
from django.utils import timezone

from toegang.models import Gebruiker, Rol, Team
from wijkteam.formulieren import VeiligeInvoer

from .models import (
    Bron,
    Casus,
    Domein,
    Huishouden,
    Kanaal,
    Keukentafelgesprek,
    Melding,
    Persoon,
    Sluitreden,
    Status,
    Triage,
    Wet,
    ZrmMeting,
    ZrmScore,
    ZrmSoort,
)

DREMPEL = 5
ONDERDRUKT = "< 5"
NIET_BESCHIKBAAR = "nog niet beschikbaar"


# --- suppression: the one place ------------------------------------------------------------


@dataclass(frozen=True)
class Cel:
    tekst: str  # what page and CSV show
    waarde: float | int | str | None  # what XLSX stores (a number where possible)
    onderdrukt: bool = False


def aantal(n: int | None) -> Cel:
    """A count of persons, households or cases: 1-4 is suppressed."""
    n = n or 0
    if 0 < n < DREMPEL:
        return Cel(ONDERDRUKT, ONDERDRUKT, True)
    return Cel(str(n), n)


def statistiek(waarde, n: int | None, *, decimalen: int = 1, eenheid: str = "") -> Cel:
    """A statistic (median, mean, percentage) computed over n distinct units."""
    n = n or 0
    if 0 < n < DREMPEL:
        return Cel(ONDERDRUKT, ONDERDRUKT, True)
    if waarde is None or n == 0:
        return Cel("–", None)
    waarde = round(float(waarde), decimalen)
    tekst = f"{waarde:.{decimalen}f}".replace(".", ",") + eenheid
    return Cel(tekst, waarde)


def percentage(teller: int | None, noemer: int | None) -> Cel:
    """A share of noemer units. Suppressed when the units counted (teller) or the units not
    counted (noemer - teller) are 1-4: with the total, 80% of 5 would tell who missed."""
    teller, noemer = teller or 0, noemer or 0
    if not noemer:
        return Cel("–", None)
    if 0 < teller < DREMPEL or 0 < noemer - teller < DREMPEL:
        return Cel(ONDERDRUKT, ONDERDRUKT, True)
    return statistiek(100.0 * teller / noemer, noemer, eenheid="%")


def tekst(waarde: str) -> Cel:
    return Cel(waarde, waarde)


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[list[Cel]] = field(default_factory=list)
    toelichting: str = ""
    grafiek_kolom: int | None = None  # which column the bar chart shows

    def grafiek(self):
        """Bars for the server-rendered SVG: label, value, and the width in percent."""
        if self.grafiek_kolom is None:
            return None
        k = self.grafiek_kolom
        getallen = [r[k].waarde for r in self.rijen if isinstance(r[k].waarde, (int, float))]
        hoogste = max(getallen, default=0) or 1
        balken = []
        for i, rij in enumerate(self.rijen):
            cel = rij[k]
            breedte = (
                round(100 * cel.waarde / hoogste, 1)
                if isinstance(cel.waarde, (int, float)) and cel.waarde > 0
                else 0
            )
            balken.append(
                {"label": rij[0].tekst, "tekst": cel.tekst, "breedte": breedte, "y": i * 28}
            )
        return {"balken": balken, "hoogte": max(len(balken), 1) * 28, "kolom": self.kolommen[k]}


# --- aggregates ----------------------------------------------------------------------------


class Percentiel(Aggregate):
    """PostgreSQL percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)."""

    function = "percentile_cont"
    template = "%(function)s(%(fractie)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expressie, fractie: float, **extra):
        super().__init__(expressie, fractie=float(fractie), **extra)


def mediaan(expr, **kw):
    return Percentiel(expr, 0.5, **kw)


def p90(expr, **kw):
    return Percentiel(expr, 0.9, **kw)


def dagen(tot, van):
    """Whole days between two dates (date - date is an integer in PostgreSQL)."""
    return Func(
        tot, van, template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField()
    )


def dagen_tijd(tot, van):
    """Days (fractional) between two timestamps."""
    return Func(
        tot,
        van,
        template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
        arg_joiner=" - ",
        output_field=FloatField(),
    )


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


# --- the filter form -----------------------------------------------------------------------


def teams_voor(user):
    """The teams whose figures this user may see."""
    if user.heeft_rol(Rol.BELEID):
        teams = Team.objects.all()
        if user.team_id:
            teams = teams.filter(gemeente_id=user.team.gemeente_id)
        return teams
    if user.heeft_rol(Rol.TEAMLEIDER) and user.team_id:
        return Team.objects.filter(pk=user.team_id)
    return Team.objects.none()


class FilterForm(VeiligeInvoer, forms.Form):
    van = forms.DateField(
        label="Van", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Alle teams",
        error_messages={"invalid_choice": "Kies een team uit de lijst."},
    )
    wijk = forms.ChoiceField(label="Wijk", required=False)
    wet = forms.ChoiceField(
        label="Wet", required=False, choices=[("", "Alle wetten"), *Wet.choices]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = teams_voor(user)
        self.fields["team"].queryset = self.teams
        self.fields["wijk"].choices = [("", "Alle wijken"), *((w, w) for w in wijken(self.teams))]
        self.fields["wijk"].error_messages["invalid_choice"] = "Kies een wijk uit de lijst."
        self.fields["wet"].error_messages["invalid_choice"] = "Kies een wet uit de lijst."

    def clean(self):
        data = super().clean()
        vandaag = timezone.localdate()
        data["tot"] = data.get("tot") or vandaag
        data["van"] = data.get("van") or data["tot"] - timedelta(days=365)
        if data["van"] > data["tot"]:
            self.add_error("van", "De begindatum ligt na de einddatum.")
        elif (data["tot"] - data["van"]).days > 366 * 5:
            self.add_error("van", "Kies een periode van hoogstens vijf jaar.")
        return data


@dataclass(frozen=True)
class Filter:
    van: date
    tot: date
    teams: object  # queryset of teams in scope
    wijk: str = ""
    wet: str = ""

    @classmethod
    def uit_form(cls, form: FilterForm) -> "Filter":
        d = form.cleaned_data
        teams = form.teams.filter(pk=d["team"].pk) if d.get("team") else form.teams
        return cls(d["van"], d["tot"], teams, d.get("wijk") or "", d.get("wet") or "")

    def casus_q(self, pad: str = "") -> Q:
        """The case filter as a condition, also through a relation (pad "casus__"): a join
        the planner can drive from the smaller side, where `casus__in` hashes every case."""
        q = Q(**{f"{pad}team__in": self.teams})
        if self.wijk:
            q &= Q(**{f"{pad}huishouden__wijk": self.wijk})
        if self.wet:
            q &= Q(**{f"{pad}wetten__contains": [self.wet]})
        return q

    def casussen(self):
        return Casus.objects.filter(self.casus_q())

    def meldingen(self):
        qs = Melding.objects.filter(team__in=self.teams, datum__range=(self.van, self.tot))
        if self.wijk:
            qs = qs.filter(huishouden__wijk=self.wijk)
        if self.wet:
            qs = qs.filter(wetten__contains=[self.wet])
        return qs


def _wetten(f: Filter):
    return [(w, label) for w, label in Wet.choices if not f.wet or f.wet == w]


# --- figures ---------------------------------------------------------------------------------


def meldingen_per_week(f: Filter) -> list[Tabel]:
    """One query: per week the total, per source, per channel and per triage outcome. It counts
    `datum`, never NULL in the period, not `id`: every column read is in the melding_datum
    index, so the scan is index-only."""
    aggs = {"totaal": Count("datum")}
    for w, _ in Bron.choices:
        aggs[f"bron_{w}"] = Count("datum", filter=Q(bron=w))
    for w, _ in Kanaal.choices:
        aggs[f"kanaal_{w}"] = Count("datum", filter=Q(kanaal=w))
    for w, _ in Triage.choices:
        aggs[f"triage_{w}"] = Count("datum", filter=Q(triage=w))
    rijen = list(
        f.meldingen()
        .order_by()
        .annotate(week=TruncWeek("datum"))
        .values("week")
        .annotate(**aggs)
        .order_by("week")
    )

    def week(r):
        return tekst(f"week {r['week']:%G-%V}")

    triage = Tabel(
        "meldingen_triage",
        "Meldingen per week en wat ermee gebeurde",
        ["Week", "Totaal", *(label for _, label in Triage.choices)],
        [
            [week(r), aantal(r["totaal"]), *(aantal(r[f"triage_{w}"]) for w, _ in Triage.choices)]
            for r in rijen
        ],
        grafiek_kolom=1,
    )
    bron = Tabel(
        "meldingen_bron",
        "Meldingen per week naar wie meldt",
        ["Week", *(label for _, label in Bron.choices)],
        [[week(r), *(aantal(r[f"bron_{w}"]) for w, _ in Bron.choices)] for r in rijen],
    )
    kanaal = Tabel(
        "meldingen_kanaal",
        "Meldingen per week naar kanaal",
        ["Week", *(label for _, label in Kanaal.choices)],
        [[week(r), *(aantal(r[f"kanaal_{w}"]) for w, _ in Kanaal.choices)] for r in rijen],
    )
    return [triage, bron, kanaal]


def _open_aggregaten(f: Filter, *, per_consulent: bool) -> dict[str, list[tuple]]:
    """One pass over the open cases, grouped per status, team, wijk (and regisseur) at once,
    with the per-law counts in the overall row: {"s"|"t"|"w"|"r"|"": [(label, n, per law)]}."""
    binnen, params = (
        f.casussen()
        .exclude(status=Status.AFGESLOTEN)
        .order_by()
        .values(
            s=F("status"), t=F("team"), w=F("huishouden__wijk"), r=F("regisseur"), ws=F("wetten")
        )
        .query.sql_with_params()
    )
    kolommen = ["s", "t", "w", *(["r"] if per_consulent else [])]
    o = ", ".join(f"o.{k}" for k in kolommen)
    sets = ", ".join(f"(o.{k})" for k in kolommen)
    wetten = [w for w, _ in Wet.choices]
    tellingen = ", ".join(["COUNT(*) FILTER (WHERE %s = ANY(o.ws))"] * len(wetten))
    namen, join, volgorde = (
        "t.naam",
        f"LEFT JOIN {Team._meta.db_table} t ON t.id = g.t",
        "t.naam, g.w",
    )
    if per_consulent:
        namen += ", u.first_name, u.last_name, u.username"
        join += f" LEFT JOIN {Gebruiker._meta.db_table} u ON u.id = g.r"
        volgorde += ", u.last_name, u.username"
    # Only code constants and table names are formatted in; every value is a bound parameter.
    sql = (
        f"WITH g AS (SELECT GROUPING({o}) AS groep, {o}, COUNT(*) AS n, {tellingen} "  # noqa: S608
        f"FROM ({binnen}) o GROUP BY GROUPING SETS ({sets}, ())) "
        f"SELECT g.*, {namen} FROM g {join} ORDER BY {volgorde}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*wetten, *params])
        rijen = cursor.fetchall()
    # GROUPING() sets a bit for every column not grouped on; the first column is the high bit.
    alle = (1 << len(kolommen)) - 1
    per_masker = {alle ^ (1 << (len(kolommen) - 1 - i)): k for i, k in enumerate(kolommen)}
    per_masker[alle] = ""
    uitkomst = {k: [] for k in [*kolommen, ""]}
    for groep, *rij in rijen:
        soort, k = per_masker[groep], len(kolommen)
        telling = dict(zip(wetten, rij[k + 1 : k + 1 + len(wetten)], strict=True))
        t_naam, *persoon = rij[k + 1 + len(wetten) :]
        if soort == "t":
            label = t_naam
        elif soort == "r":
            voornaam, achternaam, gebruikersnaam = persoon
            label = f"{voornaam} {achternaam}".strip() or gebruikersnaam
        else:
            label = rij[kolommen.index(soort)] if soort else None
        uitkomst[soort].append((label, rij[k], telling))
    return uitkomst


def open_casussen(f: Filter, *, per_consulent: bool) -> list[Tabel]:
    r = _open_aggregaten(f, per_consulent=per_consulent)
    labels = dict(Status.choices)
    status = Tabel(
        "open_status",
        "Open casussen per status (nu)",
        ["Status", "Aantal"],
        [
            [tekst(labels[s]), aantal(n)]
            for s, n, _ in sorted(r["s"], key=lambda rij: list(labels).index(rij[0]))
        ],
        grafiek_kolom=1,
    )
    team = Tabel(
        "open_team",
        "Open casussen per team (nu)",
        ["Team", "Aantal"],
        [[tekst(naam), aantal(n)] for naam, n, _ in r["t"]],
        grafiek_kolom=1,
    )
    wijk = Tabel(
        "open_wijk",
        "Open casussen per wijk (nu)",
        ["Wijk", "Aantal"],
        [[tekst(w or "(geen wijk)"), aantal(n)] for w, n, _ in r["w"]],
        grafiek_kolom=1,
    )
    ((_, _, per_wet),) = r[""]
    wet = Tabel(
        "open_wet",
        "Open casussen per wet (nu)",
        ["Wet", "Aantal"],
        [[tekst(label), aantal(per_wet[w])] for w, label in _wetten(f)],
        toelichting="Een casus kan onder meer dan één wet vallen.",
        grafiek_kolom=1,
    )
    tabellen = [status, team, wijk, wet]
    if per_consulent:
        tabellen.append(
            Tabel(
                "caseload",
                "Caseload per consulent (open casussen als regisseur)",
                ["Consulent", "Open casussen"],
                [[tekst(naam), aantal(n)] for naam, n, _ in r["r"]],
                grafiek_kolom=1,
            )
        )
    return tabellen


def _start():
    return Coalesce(F("gemeld_op"), F("geopend_op"))


def _doorloop_aggregaten(qs, groepen, maten, plannen=None) -> dict:
    """One aggregate query over the annotated cases. Django cannot aggregate a percentile over
    correlated-subquery annotations, so the annotated queryset becomes a derived table and the
    percentiles are computed over it in SQL (values are bound as parameters).

    Each case joins once to "alle" and once to every law group it falls under, and one GROUP BY
    on the group's number (integers sort faster than collated text) computes every group, the
    median and p90 as one array per measure: half the sorts, and no filter per law and
    aggregate.

    `plannen` (per household `h` the first signing date `d`) is joined by hash: one grouped
    pass over the signed versions instead of a look-up per case."""
    velden = ["wetten", "start", "onderzoek_op_tijd", "huishouden"]
    velden += [veld for veld, _ in maten if veld != "plan"]
    binnen, params = qs.order_by().values(*velden).query.sql_with_params()
    if plannen is not None:
        p_sql, p_params = plannen.query.sql_with_params()
        binnen = (
            f"SELECT b.*, p.d AS plan FROM ({binnen}) b "  # noqa: S608
            f"LEFT JOIN ({p_sql}) p ON p.h = b.huishouden"
        )
        params = (*params, *p_params)
    delen = []
    for veld, _ in maten:
        geldig = f"t.{veld} >= t.start"  # NULL (not there) is not counted
        delen += [
            f"COUNT(*) FILTER (WHERE {geldig})",
            f"percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY t.{veld} - t.start) "
            f"FILTER (WHERE {geldig})",
        ]
    delen += ["COUNT(t.onderzoek_op_tijd)", "COUNT(*) FILTER (WHERE t.onderzoek_op_tijd)"]
    # Only code constants are formatted in; every value is a bound parameter.
    # MATERIALIZED: the correlated subqueries run once per case, not once per group.
    sql = (
        f"WITH t AS MATERIALIZED ({binnen}) SELECT g.i, {', '.join(delen)} FROM t "  # noqa: S608
        "JOIN unnest(%s::varchar[]) WITH ORDINALITY AS g(groep, i) "
        "ON g.groep = 'alle' OR g.groep = ANY(t.wetten) GROUP BY g.i"
    )
    codes = [g for g, _, _ in groepen]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, codes])
        per_groep = {codes[i - 1]: rest for i, *rest in cursor.fetchall()}
    uitkomst = {}
    for g in codes:
        waarden = iter(per_groep.get(g) or [0, None] * len(maten) + [0, 0])
        for veld, _ in maten:
            n, percentielen = next(waarden), next(waarden)
            med, p90_ = percentielen or (None, None)
            uitkomst |= {f"{g}_{veld}_n": n, f"{g}_{veld}_med": med, f"{g}_{veld}_p90": p90_}
        uitkomst |= {f"{g}_onderzoek_n": next(waarden), f"{g}_onderzoek_ok": next(waarden)}
    return uitkomst


def doorlooptijden(f: Filter) -> list[Tabel]:
    """Median and p90 in days from melding to keukentafelgesprek, signed plan and closing, for
    cases reported in the period; research terms met per law. One query."""
    eerste_gesprek = (  # LIMIT 1 on the (casus, datum) index: one index-only probe per case
        Keukentafelgesprek.objects.filter(casus=OuterRef("pk"))
        .order_by("datum")
        .values("datum")[:1]
    )
    qs = f.casussen().annotate(start=_start()).filter(start__range=(f.van, f.tot))
    qs = qs.annotate(ktg=Subquery(eerste_gesprek))
    Planversie = _model("plannen.Planversie")
    plannen = None
    if Planversie is not None:
        plannen = (
            Planversie.objects.filter(status="ondertekend", ondertekend_op__isnull=False)
            .order_by()
            .values(h=F("plan__huishouden"))
            .annotate(d=Min(TruncDate("ondertekend_op")))
        )
    maten = [("ktg", "keukentafelgesprek"), ("gesloten_op", "afsluiting")]
    if Planversie is not None:
        maten.insert(1, ("plan", "ondertekend plan"))
    groepen = [("alle", "Alle wetten", Q())] + [
        (w, label, Q(wetten__contains=[w])) for w, label in _wetten(f)
    ]
    r = _doorloop_aggregaten(qs, groepen, maten, plannen)

    kolommen = ["Wet"]
    for _, naam in maten:
        kolommen += [f"Melding → {naam}: mediaan (dagen)", f"Melding → {naam}: 90e percentiel"]
    rijen = []
    for g, label, _ in groepen:
        rij = [tekst(label)]
        for veld, _ in maten:
            n = r[f"{g}_{veld}_n"]
            rij += [statistiek(r[f"{g}_{veld}_med"], n), statistiek(r[f"{g}_{veld}_p90"], n)]
        rijen.append(rij)
    lood = Tabel(
        "doorlooptijden",
        "Doorlooptijden in dagen (casussen gemeld in de periode)",
        kolommen,
        rijen,
        toelichting="Van de datum van de melding (of, zonder melding, de opening van de casus).",
        grafiek_kolom=1,
    )
    termijnen = Tabel(
        "termijnen",
        "Wettelijke termijnen gehaald",
        ["Wet", "Termijn", "Afgerond", "Op tijd (%)"],
        [
            [
                tekst(label),
                tekst("Onderzoek (6 weken)"),
                aantal(r[f"{g}_onderzoek_n"]),
                percentage(r[f"{g}_onderzoek_ok"], r[f"{g}_onderzoek_n"]),
            ]
            for g, label, _ in groepen
        ],
    )
    termijnen.rijen += beslistermijnen(f)
    return [lood, termijnen]


def _aanvragen(f: Filter):
    Aanvraag = _model("plannen.Aanvraag")
    if Aanvraag is None:
        return None
    qs = Aanvraag.objects.filter(huishouden__team__in=f.teams, ontvangen_op__range=(f.van, f.tot))
    if f.wijk:
        qs = qs.filter(huishouden__wijk=f.wijk)
    if f.wet:
        qs = qs.filter(wet=f.wet)
    return qs


def beslistermijnen(f: Filter) -> list[list[Cel]]:
    qs = _aanvragen(f)
    if qs is None:
        return [[tekst("Alle wetten"), tekst("Beslissing"), tekst(NIET_BESCHIKBAAR), tekst("")]]
    besloten = Q(afgehandeld_op__isnull=False)
    op_tijd = besloten & Q(afgehandeld_op__lte=F("termijn_einde"))
    aggs = {}
    for w, _ in _wetten(f):
        aggs[f"{w}_n"] = Count("id", filter=besloten & Q(wet=w))
        aggs[f"{w}_ok"] = Count("id", filter=op_tijd & Q(wet=w))
    r = qs.order_by().aggregate(**aggs)
    return [
        [
            tekst(label),
            tekst("Beslissing op aanvraag" + (" (2 weken)" if w == Wet.WMO else " (8 weken)")),
            aantal(r[f"{w}_n"]),
            percentage(r[f"{w}_ok"], r[f"{w}_n"]),
        ]
        for w, label in _wetten(f)
    ]


def verwijzingen(f: Filter) -> list[Tabel]:
    Verwijzing = _model("partners.Verwijzing")
    kolommen = [
        "Organisatie",
        "Verwezen",
        "Geaccepteerd",
        "Afgewezen",
        "Antwoord binnen: mediaan (dagen)",
        "Afgerond",
    ]
    if Verwijzing is None:
        return [Tabel("verwijzingen", "Verwijzingen per organisatie", kolommen,
                      [[tekst(NIET_BESCHIKBAAR)] + [tekst("")] * 5])]  # fmt: skip
    qs = Verwijzing.objects.filter(casus__in=f.casussen(), verstuurd_op__date__range=(f.van, f.tot))
    beantwoord = Q(beantwoord_op__isnull=False)
    rijen = (
        qs.order_by()
        .values("organisatie__naam")
        .annotate(
            n=Count("id"),
            geaccepteerd=Count(
                "id", filter=beantwoord & Q(status__in=["geaccepteerd", "bezig", "afgerond"])
            ),
            afgewezen=Count("id", filter=Q(status="afgewezen")),
            beantwoord_n=Count("id", filter=beantwoord),
            antwoord=mediaan(dagen_tijd(F("beantwoord_op"), F("verstuurd_op")), filter=beantwoord),
            afgerond=Count("id", filter=Q(status="afgerond")),
        )
        .order_by("organisatie__naam")
    )
    return [
        Tabel(
            "verwijzingen",
            "Verwijzingen per organisatie (verstuurd in de periode)",
            kolommen,
            [
                [
                    tekst(r["organisatie__naam"]),
                    aantal(r["n"]),
                    aantal(r["geaccepteerd"]),
                    aantal(r["afgewezen"]),
                    statistiek(r["antwoord"], r["beantwoord_n"]),
                    aantal(r["afgerond"]),
                ]
                for r in rijen
            ],
            toelichting="Uitkomsten staan als tekst bij de verwijzing en worden niet geteld.",
            grafiek_kolom=1,
        )
    ]


def maatwerk(f: Filter) -> list[Tabel]:
    kolommen = ["Wet", "Soort voorziening", "Aanvragen", "Toegekend", "Afgewezen", "Open"]
    qs = _aanvragen(f)
    if qs is None:
        return [Tabel("maatwerk", "Maatwerkaanvragen", kolommen,
                      [[tekst(NIET_BESCHIKBAAR)] + [tekst("")] * 5])]  # fmt: skip
    labels = dict(Wet.choices)
    rijen = (
        qs.order_by()
        .values("wet", "soort")
        .annotate(
            n=Count("id"),
            toegekend=Count("id", filter=Q(beschikking__besluit="toekennen")),
            afgewezen=Count("id", filter=Q(beschikking__besluit="afwijzen")),
            open_=Count("id", filter=Q(afgehandeld_op__isnull=True)),
        )
        .order_by("wet", "soort")
    )
    return [
        Tabel(
            "maatwerk",
            "Maatwerkaanvragen per wet en soort (ontvangen in de periode)",
            kolommen,
            [
                [
                    tekst(labels.get(r["wet"], r["wet"])),
                    tekst(r["soort"]),
                    aantal(r["n"]),
                    aantal(r["toegekend"]),
                    aantal(r["afgewezen"]),
                    aantal(r["open_"]),
                ]
                for r in rijen
            ],
        )
    ]


ZRM_MATEN = ["personen", "begin_gem", "eind_gem", "verschil_gem"]
VERVOLG = [ZrmSoort.EVALUATIE, ZrmSoort.AFSLUITING]


def _zrm_paren(f: Filter):
    """One row per case, person and domain whose last follow-up score (evaluation or closing,
    latest by date, then by assessment) falls in the period: that score, the first intake
    score, and the case's team and laws. One grouped pass over the scores of the cases with a
    follow-up in the period, joined to the case once (filter and team together), instead of a
    correlated lookup per score."""
    vervolg = Q(meting__soort__in=VERVOLG)
    kandidaten = ZrmMeting.objects.filter(soort__in=VERVOLG, datum__range=(f.van, f.tot)).values(
        "casus"
    )
    return (
        ZrmScore.objects.filter(
            f.casus_q("meting__casus__"),
            meting__casus__in=kandidaten,
            meting__soort__in=[ZrmSoort.INTAKE, *VERVOLG],
            score__isnull=False,
        )
        .order_by()
        .values(
            c=F("meting__casus"),
            team=F("meting__casus__team"),
            wetten=F("meting__casus__wetten"),
            p=F("persoon"),
            d=F("domein"),
        )
        .annotate(
            begin=ArrayAgg(
                "score",
                filter=Q(meting__soort=ZrmSoort.INTAKE),
                order_by=("meting__datum", "meting_id"),
            ),
            # The same order as begin, so one sort serves both: the last one is the latest.
            eind=ArrayAgg("score", filter=vervolg, order_by=("meting__datum", "meting_id")),
            laatste=Max("meting__datum", filter=vervolg),
        )
        .filter(begin__isnull=False, laatste__range=(f.van, f.tot))
    )


def _zrm_aggregaten(f: Filter):
    """One query: the pairs grouped per domain, per team and overall at once, and per law by
    joining each pair to the laws of its case (by number: integers sort faster than collated
    text), by id; the names are joined to the few result rows. A law without pairs has no row
    and shows 0 persons."""
    binnen, params = _zrm_paren(f).query.sql_with_params()
    maten = "COUNT(DISTINCT r.p), AVG(r.begin), AVG(r.eind), AVG(r.eind - r.begin)"
    domein, team = (m._meta.db_table for m in (Domein, Team))
    # Only code constants and table names are formatted in; every value is a bound parameter.
    sql = (
        "WITH r AS MATERIALIZED (SELECT k.p, k.d, k.team, k.wetten, "  # noqa: S608
        f"k.begin[1] AS begin, k.eind[cardinality(k.eind)] AS eind FROM ({binnen}) k), "
        "g AS (SELECT GROUPING(r.d, r.team) AS groep, NULL::bigint AS wet, r.d, r.team, "
        f"{maten} FROM r GROUP BY GROUPING SETS ((r.d), (r.team), ()) "
        f"UNION ALL SELECT 3, w.i, NULL, NULL, {maten} FROM r "
        "JOIN unnest(%s::varchar[]) WITH ORDINALITY AS w(wet, i) ON w.wet = ANY(r.wetten) "
        "GROUP BY w.i) "
        f"SELECT g.*, d.naam, t.naam FROM g LEFT JOIN {domein} d ON d.id = g.d "
        f"LEFT JOIN {team} t ON t.id = g.team ORDER BY d.volgorde, d.naam, t.naam"
    )
    wetten = [w for w, _ in Wet.choices]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, wetten])
        rijen = cursor.fetchall()
    geen = dict.fromkeys(ZRM_MATEN[1:], None) | {"personen": 0}
    per_domein, per_team, per_wet = [], [], dict.fromkeys(wetten, geen)
    # GROUPING() sets a bit for every column not grouped on; the first column is the high bit.
    for groep, wet, _, _, *waarden, d_naam, t_naam in rijen:
        maten_ = dict(zip(ZRM_MATEN, waarden, strict=True))
        if groep == 1:
            per_domein.append({"naam": d_naam, **maten_})
        elif groep == 2:
            per_team.append({"naam": t_naam, **maten_})
        elif wet is not None:
            per_wet[wetten[wet - 1]] = maten_
    return per_domein, per_team, per_wet


def zrm_uitkomst(f: Filter) -> list[Tabel]:
    """Per person and domain: the intake score against the last evaluation or closing score of
    the same case, when that last one falls in the period. Mean change per domain, per team and
    per law; suppression on the number of distinct persons."""

    def rij(label, r):
        n = r["personen"]
        return [
            tekst(label),
            aantal(n),
            statistiek(r["begin_gem"], n, decimalen=2),
            statistiek(r["eind_gem"], n, decimalen=2),
            statistiek(r["verschil_gem"], n, decimalen=2),
        ]

    per_domein, per_team, per_wet = _zrm_aggregaten(f)
    kolommen = ["", "Personen", "Gemiddeld bij intake", "Gemiddeld nu", "Verandering"]
    toelichting = (
        "ZRM-score (1 acuut – 5 volledig zelfredzaam) bij intake tegenover de laatste "
        "evaluatie of afsluiting in de periode; een positieve verandering is vooruitgang."
    )
    return [
        Tabel(
            "zrm_domein",
            "Verandering in ZRM-score per leefgebied",
            ["Leefgebied", *kolommen[1:]],
            [rij(r["naam"], r) for r in per_domein],
            toelichting=toelichting,
        ),
        Tabel(
            "zrm_team",
            "Verandering in ZRM-score per team",
            ["Team", *kolommen[1:]],
            [rij(r["naam"], r) for r in per_team],
        ),
        Tabel(
            "zrm_wet",
            "Verandering in ZRM-score per soort ondersteuning (wet)",
            ["Wet", *kolommen[1:]],
            [rij(label, per_wet[w]) for w, label in _wetten(f)],
        ),
    ]


def afsluitingen(f: Filter) -> list[Tabel]:
    rijen = (
        f.casussen()
        .filter(status=Status.AFGESLOTEN, gesloten_op__range=(f.van, f.tot))
        .order_by()
        .values("sluitreden")
        .annotate(n=Count("id"))
    )
    per_reden = {r["sluitreden"]: r["n"] for r in rijen}
    totaal = sum(per_reden.values())
    tabel = Tabel(
        "afsluitingen",
        "Afgesloten casussen naar reden (gesloten in de periode)",
        ["Sluitreden", "Aantal", "Aandeel (%)"],
        [
            [tekst(label), aantal(per_reden.get(w, 0)), percentage(per_reden.get(w, 0), totaal)]
            for w, label in [*Sluitreden.choices, ("", "Geen reden vastgelegd")]
        ]
        + [[tekst("Totaal"), aantal(totaal), tekst("")]],
        toelichting="Het aandeel 'Doelen bereikt' is het deel van de casussen die met bereikte "
        "doelen werden afgesloten.",
        grafiek_kolom=1,
    )
    return [tabel]


def clienten(f: Filter) -> list[Tabel]:
    """As CBS and councils count: unique households and persons with a case that ran during
    the period (opened on or before its end, not closed before its start)."""
    actief = (
        f.casussen()
        .filter(geopend_op__lte=f.tot)
        .filter(Q(gesloten_op__isnull=True) | Q(gesloten_op__gte=f.van))
    )
    c = actief.order_by().aggregate(
        casussen=Count("id"),
        huishoudens=Count("huishouden", distinct=True),
        nieuw=Count("id", filter=Q(geopend_op__gte=f.van)),
        gesloten=Count("id", filter=Q(gesloten_op__isnull=False, gesloten_op__lte=f.tot)),
    )
    personen = Persoon.objects.filter(huishouden__in=actief.values("huishouden")).aggregate(
        n=Count("id")
    )["n"]
    return [
        Tabel(
            "clienten",
            "Cliënten in de periode (unieke huishoudens en personen)",
            ["Telling", "Aantal"],
            [
                [tekst("Huishoudens met een casus"), aantal(c["huishoudens"])],
                [tekst("Personen in die huishoudens"), aantal(personen)],
                [tekst("Casussen die liepen in de periode"), aantal(c["casussen"])],
                [tekst("Nieuwe casussen"), aantal(c["nieuw"])],
                [tekst("Afgesloten casussen"), aantal(c["gesloten"])],
            ],
            toelichting="Elk huishouden en elke persoon telt één keer, ook met meer casussen.",
        )
    ]


def alle_tabellen(f: Filter, *, per_consulent: bool) -> list[tuple[str, list[Tabel]]]:
    """Every figure of the dashboard, grouped in sections. A bounded number of queries."""
    return [
        ("Cliënten", clienten(f)),
        ("Meldingen", meldingen_per_week(f)),
        ("Open casussen", open_casussen(f, per_consulent=per_consulent)),
        ("Doorlooptijden en termijnen", doorlooptijden(f)),
        ("Verwijzingen", verwijzingen(f)),
        ("Maatwerk", maatwerk(f)),
        ("Uitkomst", zrm_uitkomst(f) + afsluitingen(f)),
    ]


# --- cache: the same figures again while nothing changed -----------------------------------

BEWAARTIJD = 300  # seconds; bounds how long a renamed team, domain or consulent shows the old name
BRONNEN = [  # every model whose rows the figures count (names only: see BEWAARTIJD)
    "casussen.Casus",
    "casussen.Huishouden",
    "casussen.Persoon",
    "casussen.Melding",
    "casussen.Keukentafelgesprek",
    "casussen.ZrmMeting",
    "casussen.ZrmScore",
    "plannen.Plan",
    "plannen.Planversie",
    "plannen.Aanvraag",
    "plannen.Beschikking",
    "partners.Verwijzing",
]


def _dataversie() -> tuple:
    """The highest history id of every source: django-simple-history writes a row for every
    saved change, so any change to a source gives another version. One query of index look-ups."""
    tabellen = [m.history.model._meta.db_table for m in filter(None, map(_model, BRONNEN))]
    maxima = ", ".join(f"(SELECT MAX(history_id) FROM {t})" for t in tabellen)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}")
        return tuple(cursor.fetchone())


def wijken(teams) -> list[str]:
    """The wijken of the teams' households, for the filter: a DISTINCT over every household
    (500,000 at Amsterdam size), cached until a household changes (its newest history row)."""
    scope = teams.order_by().values("id").query.sql_with_params()
    versie = Huishouden.history.aggregate(m=Max("history_id"))["m"]
    sleutel = repr((connection.settings_dict["NAME"], scope, versie))
    sleutel = "stuurinformatie:wijken:" + hashlib.sha256(sleutel.encode()).hexdigest()
    return cache.get_or_set(
        sleutel,
        lambda: list(
            Huishouden.objects.filter(team__in=teams)
            .exclude(wijk="")
            .values_list("wijk", flat=True)
            .distinct()
            .order_by("wijk")
        ),
        BEWAARTIJD,
    )


def cache_sleutel(f: Filter, *, per_consulent: bool) -> str:
    """The figures' cache key: the filter, the user's scope and the data version. The page also
    keeps its rendered tables under it (a template fragment), so a repeat view renders no cell."""
    scope = f.teams.order_by().values("id").query.sql_with_params()  # the user's teams
    sleutel = repr(
        (connection.settings_dict["NAME"], _dataversie(), scope, f.van, f.tot, f.wijk, f.wet,
         per_consulent)
    )  # fmt: skip
    return "stuurinformatie:" + hashlib.sha256(sleutel.encode()).hexdigest()


def gecachte_tabellen(f: Filter, *, per_consulent: bool, sleutel: str | None = None):
    """alle_tabellen, kept in the cache per filter combination and data version: the page and
    its exports for the same filters cost two small queries until something changes."""
    sleutel = sleutel or cache_sleutel(f, per_consulent=per_consulent)
    secties = cache.get(sleutel)
    if secties is None:
        secties = alle_tabellen(f, per_consulent=per_consulent)
        cache.set(sleutel, secties, BEWAARTIJD)
    return secties


# --- exports: the same tables, the same suppressed cells -----------------------------------


def csv_antwoord(secties):
    import csv

    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stuurinformatie.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    schrijver = csv.writer(response, delimiter=";")
    for sectie, tabellen in secties:
        for tabel in tabellen:
            schrijver.writerow([f"{sectie}: {tabel.titel}"])
            schrijver.writerow(tabel.kolommen)
            for rij in tabel.rijen:
                schrijver.writerow([cel.tekst for cel in rij])
            schrijver.writerow([])
    return response


def xlsx_antwoord(secties):
    from io import BytesIO

    from django.http import HttpResponse
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook()
    boek.remove(boek.active)
    for _, tabellen in secties:
        for tabel in tabellen:
            blad = boek.create_sheet(tabel.sleutel[:31])
            blad.append([tabel.titel])
            blad["A1"].font = Font(bold=True)
            blad.append(tabel.kolommen)
            for cel in blad[2]:
                cel.font = Font(bold=True)
            for rij in tabel.rijen:
                blad.append([cel.waarde for cel in rij])
            if tabel.toelichting:
                blad.append([])
                blad.append([tabel.toelichting])
    inhoud = BytesIO()
    boek.save(inhoud)
    response = HttpResponse(
        inhoud.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="stuurinformatie.xlsx"'
    return response
