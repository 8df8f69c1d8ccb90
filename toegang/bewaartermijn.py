"""Retention (issue 5): closed cases are anonymised once their legal retention period has ended.

Periods, in years from the closing date; the longest that applies to a case wins:
- Jeugdwet 20; Wmo 15 when a provision was granted (a final granting beschikking), 5 when not;
- `overig` is the floor for every case, so also the period of a case under another law
  (Participatiewet) or without a law (an assumption: confirm it with the archivist).
A case's laws are its own (`Casus.wetten`, taken from the melding) plus those of its requests.
The periods are a settings dict (`WIJKTEAM_BEWAARTERMIJNEN`, defaults below) rather than a model
the beheerder edits: they follow from the law and the municipality's selection list, change by
a decision that also goes through review, and must not be shortened by a click.

Anonymised, not deleted: the case row keeps its dates, status, laws, team, ZRM scores and every
row that a steering figure (casussen.stuurinformatie) counts, so the figures stay the same.
What identifies a resident is blanked: names, BSN, birth date (the year is kept), address
(the wijk is kept), contact data, journal, intake and plan text, signatures, uploaded files and
rendered PDFs, and the django-simple-history rows of those records are deleted.

A household goes as a whole only when every case of it is past its period: persons belong to
one household, so a person in a case still inside its period keeps everything. Otherwise only
the expired case's own records are anonymised; the household, its members and its (one) plan
wait for the last case.

The freeze triggers on signed plan versions and final decisions (plannen migration 0007) let
these updates through only because the run sets `wijkteam.bewaartermijn` for its own
transaction. The access log (toegang_toegangslog) is not touched: it is an append-only legal
log (NEN 7513) with a retention of its own, by monthly partition, not by case.

`toegang` imports neither `plannen` nor `partners`: their models are looked up by name.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Greatest

from casussen.models import Casus, Huishouden, Status, Wet

from .models import Anonimisering, Bewaartermijnrun

STANDAARD_TERMIJNEN = {"jeugdwet": 20, "wmo_voorziening": 15, "wmo": 5, "overig": 5}

ANONIEM = "[geanonimiseerd]"
HUISHOUDEN_ANONIMISEREN = "huishouden anonimiseren"
CASUS_ANONIMISEREN = "casus anonimiseren"


def termijnen() -> dict[str, int]:
    return {**STANDAARD_TERMIJNEN, **getattr(settings, "WIJKTEAM_BEWAARTERMIJNEN", {})}


class PlusJaren(Func):
    """`datum + n years` in PostgreSQL (29 February plus a year is 28 February)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        datum, jaren = (compiler.compile(e) for e in self.get_source_expressions())
        return f"({datum[0]} + make_interval(years => {jaren[0]}))::date", (*datum[1], *jaren[1])


def _jaar_van(veld: str) -> Func:
    return Func(
        F(veld), template="date_trunc('year', %(expressions)s)::date", output_field=DateField()
    )


def _als_gevuld(veld: str):
    """ANONIEM where the field has text (some constraints demand text), else empty."""
    return Case(When(**{veld: ""}, then=Value("")), default=Value(ANONIEM))


def _met_einde(qs):
    """Cases with `bewaarjaren` and `bewaren_tot` (NULL while not closed), in one query.
    A Wmo provision counts when a final decision granted it on a request of the case, or on a
    request of the household that names no case."""
    t = termijnen()
    Aanvraag = apps.get_model("plannen", "Aanvraag")
    Beschikking = apps.get_model("plannen", "Beschikking")
    van_casus = Q(casus=OuterRef("pk")) | Q(casus__isnull=True, huishouden=OuterRef("huishouden"))
    aanvragen = Aanvraag.objects.filter(van_casus)

    def onder(wet: str):
        return Q(wetten__contains=[wet]) | Exists(aanvragen.filter(wet=wet))

    toegekend = Exists(
        Beschikking.objects.filter(
            Q(aanvraag__casus=OuterRef("pk"))
            | Q(aanvraag__casus__isnull=True, aanvraag__huishouden=OuterRef("huishouden")),
            besluit="toekennen",
            status="definitief",
            aanvraag__wet=Wet.WMO,
        )
    )
    jaren = Greatest(
        Case(When(onder(Wet.JEUGDWET), then=Value(t["jeugdwet"])), default=Value(0)),
        Case(
            When(onder(Wet.WMO) & toegekend, then=Value(t["wmo_voorziening"])),
            When(onder(Wet.WMO), then=Value(t["wmo"])),
            default=Value(0),
        ),
        Value(t["overig"]),
    )
    return qs.annotate(bewaarjaren=jaren).annotate(
        bewaren_tot=PlusJaren(F("gesloten_op"), F("bewaarjaren"))
    )


def _verlopen(peildatum: date):
    """Closed cases past their period. The first filter only narrows the scan: no period is
    shorter than `overig` years, and a year has at least 365 days."""
    return _met_einde(
        Casus.objects.filter(
            status=Status.AFGESLOTEN,
            gesloten_op__lte=peildatum - timedelta(days=365 * termijnen()["overig"]),
        )
    ).filter(bewaren_tot__lte=peildatum)


def _te_anonimiseren(peildatum: date):
    """(cases, households) whose period has ended and that no earlier run anonymised. A
    household goes only when none of its cases is open or still inside its period."""
    verlopen = _verlopen(peildatum)
    levend = _met_einde(
        Casus.objects.filter(huishouden__in=verlopen.values("huishouden_id"))
    ).filter(
        ~Q(status=Status.AFGESLOTEN) | Q(gesloten_op__isnull=True) | Q(bewaren_tot__gt=peildatum)
    )
    casussen = verlopen.exclude(
        pk__in=Anonimisering.objects.filter(casus__isnull=False).values("casus_id")
    )
    huishoudens = (
        Huishouden.objects.filter(pk__in=verlopen.values("huishouden_id"))
        .exclude(pk__in=levend.values("huishouden_id"))
        .exclude(
            pk__in=Anonimisering.objects.filter(huishouden__isnull=False).values("huishouden_id")
        )
    )
    return casussen, huishoudens


@dataclass(frozen=True)
class Regel:
    casus_id: int
    wetten: list[str]
    gesloten_op: date
    bewaren_tot: date
    actie: str

    @property
    def nummer(self) -> str:
        return f"C-{self.casus_id:06d}"

    @property
    def wetten_labels(self) -> list[str]:
        return [Wet(w).label for w in self.wetten]


@dataclass(frozen=True)
class Rapport:
    peildatum: date
    regels: list[Regel]
    huishoudens: int
    personen: int


def bewaartermijn_rapport(*, peildatum: date) -> Rapport:
    """Dry run: which cases would go on `peildatum`, and how. Changes nothing."""
    casussen, huishoudens = _te_anonimiseren(peildatum)
    rijen = (
        casussen.annotate(
            actie=Case(
                When(huishouden__in=huishoudens.values("pk"), then=Value(HUISHOUDEN_ANONIMISEREN)),
                default=Value(CASUS_ANONIMISEREN),
                output_field=CharField(),
            )
        )
        .order_by("gesloten_op", "pk")
        .values_list("pk", "wetten", "gesloten_op", "bewaren_tot", "actie")
    )
    Persoon = apps.get_model("casussen", "Persoon")
    return Rapport(
        peildatum=peildatum,
        regels=[Regel(*rij) for rij in rijen],
        huishoudens=huishoudens.count(),
        personen=Persoon.objects.filter(huishouden__in=huishoudens.values("pk")).count(),
    )


# What is blanked, per model: (label, path to the household, path to the case, new values).
# A path is None where the model is not reached that way. A value is a constant or an
# expression; expressions are built per run (they are not shareable between queries).
def _wat():
    melding = {
        "melder_naam": "",
        "melder_organisatie": "",
        "melder_email": "",
        "melder_telefoon": "",
        "vraag": ANONIEM,
        "triage_toelichting": "",
    }
    aanvraag = {"specificatie": "", "motivering": "", "gewenste_aanbieder": ""}
    return [
        (
            "casussen.Huishouden",
            "pk",
            None,
            {"straat": "", "huisnummer": 0, "toevoeging": "", "postcode": ""},
        ),
        (
            "casussen.Persoon",
            "huishouden",
            None,
            {
                "voornamen": "",
                "tussenvoegsel": "",
                "achternaam": ANONIEM,
                "geboortedatum": _jaar_van("geboortedatum"),
                "bsn": None,
                "telefoon": "",
                "email": "",
                "huisarts": "",
            },
        ),
        ("casussen.Casus", None, "pk", {"vraag": ANONIEM}),
        ("casussen.Melding", "huishouden", "casus", melding),
        ("casussen.Statusovergang", None, "casus", {"reden": _als_gevuld("reden")}),
        (
            "casussen.Keukentafelgesprek",
            None,
            "casus",
            {
                "plaats": "",
                "overige_aanwezigen": "",
                "verslag": ANONIEM,
                "netwerk": "",
                "eigen_kracht": "",
            },
        ),
        ("casussen.Leefgebiedverslag", None, "gesprek__casus", {"zorgen": "", "krachten": ""}),
        (
            "casussen.ZrmScore",
            None,
            "meting__casus",
            {"reden_niet_gescoord": _als_gevuld("reden_niet_gescoord")},
        ),
        ("casussen.Contactmoment", None, "casus", {"met_wie": "", "samenvatting": ANONIEM}),
        (
            "plannen.Planversie",
            "plan__huishouden",
            None,
            {
                "aanwezigen": "",
                "verslag": "",
                "resultaten": "",
                "afweging_eigen_kracht": "",
                "afweging_netwerk": "",
                "afweging_vrijwilligers": "",
                "afweging_algemene_voorzieningen": "",
                "afweging_wlz_zvw": "",
                "afweging_conclusie": "",
                "maatwerk_specificatie": "",
                "maatwerk_motivering": "",
                "maatwerk_gewenste_aanbieder": "",
            },
        ),
        ("plannen.Doel", "planversie__plan__huishouden", None, {"omschrijving": ANONIEM}),
        (
            "plannen.Actie",
            "doel__planversie__plan__huishouden",
            None,
            {"wat": ANONIEM, "eigenaar_naam": ""},
        ),
        (
            "plannen.Ondertekening",
            "planversie__plan__huishouden",
            None,
            {
                "vertegenwoordiger_naam": _als_gevuld("vertegenwoordiger_naam"),
                "opmerkingen": "",
                "bestand": "",
            },
        ),
        ("plannen.Aanvraag", "huishouden", "casus", aanvraag),
        (
            "plannen.Opschorting",
            "aanvraag__huishouden",
            "aanvraag__casus",
            {"reden": ANONIEM, "antwoord": ""},
        ),
        ("plannen.Verdaging", "aanvraag__huishouden", "aanvraag__casus", {"reden": ANONIEM}),
        (
            "plannen.Beschikking",
            "aanvraag__huishouden",
            "aanvraag__casus",
            {"motivering": ANONIEM},
        ),
        (
            "partners.Verwijzing",
            None,
            "casus",
            {
                "vraag": ANONIEM,
                "afwijsreden": _als_gevuld("afwijsreden"),
                "uitkomst": _als_gevuld("uitkomst"),
            },
        ),
        ("partners.Verwijzingsovergang", None, "verwijzing__casus", {"toelichting": ""}),
        ("partners.Voortgangsnotitie", None, "verwijzing__casus", {"tekst": ANONIEM}),
        (
            "partners.Actiemelding",
            "actie__doel__planversie__plan__huishouden",
            "verwijzing__casus",
            {"toelichting": ""},
        ),
        ("toegang.Toestemming", "persoon__huishouden", None, {"ontvanger_naam": ""}),
        ("toegang.Doorbraak", "huishouden", None, {"reden": ANONIEM}),
        ("toegang.Gegevensdeling", "huishouden", None, {"doel": ANONIEM}),
    ]


# Rendered files: the rows go, with their files (they can be rendered again from nothing).
PDFS = [
    ("plannen.PlanPdf", "planversie__plan__huishouden", None),
    ("plannen.BeschikkingPdf", "beschikking__aanvraag__huishouden", "beschikking__aanvraag__casus"),
]


def _bereik(model, huishouden_pad, casus_pad, huishoudens, casussen):
    voorwaarde = Q(pk__in=[])
    if huishouden_pad:
        voorwaarde |= Q(**{f"{huishouden_pad}__in": huishoudens})
    if casus_pad:
        voorwaarde |= Q(**{f"{casus_pad}__in": casussen})
    return model._default_manager.filter(voorwaarde)


def _insert_select(qs, *, run_id: int, kolom: str) -> None:
    """INSERT … SELECT: the ledger is filled in the database, not through Python."""
    sql, params = qs.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Anonimisering._meta.db_table} (run_id, {kolom}) "  # noqa: S608 (constants)
            f"SELECT %s, pk FROM ({sql}) AS selectie(pk)",
            [run_id, *params],
        )


@transaction.atomic
def bewaartermijn_toepassen(*, peildatum: date, uitvoerder=None) -> Bewaartermijnrun:
    """The real run: anonymise what `bewaartermijn_rapport` lists, in one transaction.
    Files are removed from storage after commit. Running it again changes nothing."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL wijkteam.bewaartermijn = 'aan'")
    casussen_qs, huishoudens_qs = _te_anonimiseren(peildatum)
    run = Bewaartermijnrun.objects.create(peildatum=peildatum, uitvoerder=uitvoerder)
    _insert_select(huishoudens_qs, run_id=run.pk, kolom="huishouden_id")
    _insert_select(casussen_qs, run_id=run.pk, kolom="casus_id")
    deze_run = Anonimisering.objects.filter(run=run)
    huishoudens = deze_run.filter(huishouden__isnull=False).values("huishouden_id")
    casussen = deze_run.filter(casus__isnull=False).values("casus_id")

    bestanden = []
    historieregels = 0
    personen = 0
    for label, huishouden_pad, casus_pad, velden in _wat():
        model = apps.get_model(label)
        qs = _bereik(model, huishouden_pad, casus_pad, huishoudens, casussen)
        if "bestand" in velden:
            bestanden += _bestanden(model, qs)
        historie = model.history.model.objects.filter(id__in=qs.values("pk"))
        historieregels += historie.delete()[1].get(model.history.model._meta.label, 0)
        aantal = qs.update(**velden)
        if label == "casussen.Persoon":
            personen = aantal
    for label, huishouden_pad, casus_pad in PDFS:
        model = apps.get_model(label)
        qs = _bereik(model, huishouden_pad, casus_pad, huishoudens, casussen)
        bestanden += _bestanden(model, qs)
        qs.delete()

    run.casussen = deze_run.filter(casus__isnull=False).count()
    run.huishoudens = deze_run.filter(huishouden__isnull=False).count()
    run.personen = personen
    run.bestanden = len(bestanden)
    run.historieregels = historieregels
    run.save()
    # Closed again at once: should the caller's transaction go on, it is frozen as before.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL wijkteam.bewaartermijn = 'uit'")
    transaction.on_commit(lambda: _bestanden_verwijderen(bestanden))
    return run


def _bestanden(model, qs) -> list:
    opslag = model._meta.get_field("bestand").storage
    return [(opslag, naam) for naam in qs.exclude(bestand="").values_list("bestand", flat=True)]


def _bestanden_verwijderen(bestanden) -> None:
    for opslag, naam in bestanden:
        opslag.delete(naam)
