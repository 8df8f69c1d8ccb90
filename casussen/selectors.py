"""Reads of `casussen`. Every read starts from `zichtbaar(user, ...)`, so the database filters on
the user's team; every page's reads are a fixed number of queries (select/prefetch related)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Case, DateField, Exists, F, OuterRef, Prefetch, Q, When
from django.db.models.functions import Least
from django.urls import reverse
from django.utils import timezone

from toegang.models import Gebruiker, Rol
from toegang.policy import ophalen_of_404, zichtbaar

from .models import (
    Casus,
    GelijkgesteldeDag,
    Huishouden,
    Keukentafelgesprek,
    Melding,
    Persoon,
    Status,
    Triage,
    ZrmMeting,
    ZrmScore,
)


def gelijkgestelde_dagen() -> frozenset[date]:
    """The days equated with a feestdag (Atw art. 3 lid 3) that the beheerder maintains."""
    return frozenset(GelijkgesteldeDag.objects.values_list("datum", flat=True))


def team_consulenten(team_id: int | None):
    """The consulenten of a team: who can be regisseur or backup."""
    return (
        Gebruiker.objects.filter(team_id=team_id, is_active=True, rollen__contains=[Rol.CONSULENT])
        .order_by("first_name", "last_name", "username")
        .only("id", "first_name", "last_name", "username", "team_id", "rollen")
    )


# The name columns a page reads of a person and of a user (`_naam`), for `.only()`.
NAAM_PERSOON = ("voornamen", "tussenvoegsel", "achternaam")
NAAM_GEBRUIKER = ("first_name", "last_name", "username")


def naamvelden(relatie: str, velden: tuple[str, ...] = NAAM_GEBRUIKER) -> tuple[str, ...]:
    """`velden` of a related row, as `.only()` names them: by default a user's name."""
    return tuple(f"{relatie}__{veld}" for veld in velden)


# --- Lists -------------------------------------------------------------------------------


def casussen_lijst(user):
    """The team's cases for caseload and team view, with what a row shows, in one query."""
    vandaag = timezone.localdate()
    return (
        zichtbaar(user, Casus.objects)
        .select_related("huishouden", "regisseur", "backup")
        .annotate(
            volgende_termijn=Least(
                Case(
                    When(
                        onderzoek_afgerond_op__isnull=True,
                        status__in=[s for s in Status.values if s != Status.AFGESLOTEN],
                        then=F("onderzoekstermijn_einde"),
                    ),
                    output_field=DateField(),
                ),
                Case(
                    When(~Q(status=Status.AFGESLOTEN), evaluatie_op__gte=vandaag,
                         then=F("evaluatie_op")),
                    output_field=DateField(),
                ),
            )
        )
    )  # fmt: skip


def mijn_caseload(user):
    """The cases where the user is regisseur or backup."""
    return casussen_lijst(user).filter(Q(regisseur=user) | Q(backup=user))


def open_meldingen(user):
    return (
        zichtbaar(user, Melding.objects)
        .filter(triage=Triage.OPEN)
        .select_related("huishouden", "geregistreerd_door")
        .order_by("datum", "id")
    )


# --- Pages of one record -------------------------------------------------------------------


def melding(user, pk: int) -> Melding:
    return ophalen_of_404(
        user,
        Melding.objects.select_related("huishouden", "casus", "geregistreerd_door",
                                       "getrieerd_door"),
        pk=pk,
    )  # fmt: skip


def huishouden(user, pk: int) -> Huishouden:
    """The household alone, for its forms (its page: `huishoudenpagina`)."""
    return ophalen_of_404(user, Huishouden.objects, pk=pk)


def huishoudenpagina(user, pk: int) -> Huishouden:
    """The household for its page: members, cases (with their regisseur's name) and the latest
    meldingen, with only the columns the page shows."""
    return ophalen_of_404(
        user,
        Huishouden.objects.prefetch_related(
            Prefetch(
                "leden",
                queryset=Persoon.objects.only(
                    "id",
                    "huishouden_id",
                    *NAAM_PERSOON,
                    "rol",
                    "geboortedatum",
                    "telefoon",
                    "email",
                    "is_contactpersoon",
                ),
            ),
            Prefetch(
                "casussen",
                queryset=Casus.objects.select_related("regisseur")
                .only("id", "huishouden_id", "status", "regisseur_id", *naamvelden("regisseur"))
                .order_by("-geopend_op", "-id"),
            ),
            Prefetch(
                "meldingen",
                queryset=Melding.objects.only("id", "huishouden_id", "datum", "triage").order_by(
                    "-datum", "-id"
                )[:20],
                to_attr="recente_meldingen",
            ),
        ),
        pk=pk,
    )


def persoon(user, pk: int) -> Persoon:
    return ophalen_of_404(user, Persoon.objects.select_related("huishouden"), pk=pk)


def casus(user, pk: int) -> Casus:
    return ophalen_of_404(
        user,
        Casus.objects.select_related("huishouden", "regisseur", "backup", "team"),
        pk=pk,
    )


def keukentafelgesprek(user, pk: int) -> Keukentafelgesprek:
    return ophalen_of_404(
        user,
        Keukentafelgesprek.objects.select_related(
            "casus__huishouden", "door", "zrm_meting"
        ).prefetch_related("aanwezige_leden", "leefgebieden__domein"),
        pk=pk,
    )


def zrm_tabel(meting: ZrmMeting | None):
    """Scores of one assessment as rows per domain, columns per person (in member order)."""
    if meting is None:
        return None
    scores = list(
        ZrmScore.objects.filter(meting=meting).select_related("persoon", "domein")
        .order_by("domein__volgorde", "domein__naam", "persoon__geboortedatum", "persoon_id")
    )  # fmt: skip
    personen = []
    for s in scores:
        if s.persoon not in personen:
            personen.append(s.persoon)
    rijen: dict = {}
    for s in scores:
        rijen.setdefault(s.domein, {})[s.persoon.pk] = s
    return {
        "personen": personen,
        "rijen": [(d, [cellen.get(p.pk) for p in personen]) for d, cellen in rijen.items()],
    }


@dataclass
class Gebeurtenis:
    op: datetime
    soort: str
    titel: str
    tekst: str = ""
    door: str = ""
    url: str = ""


TIJDLIJN_MAX = 25

# Other apps add their events to a case's timeline (plannen: requests and decisions) without
# casussen importing them: each source takes a case and returns Gebeurtenis items.
TIJDLIJNBRONNEN: list = []


def _naam(gebruiker) -> str:
    if gebruiker is None:
        return ""
    return gebruiker.weergavenaam


def _naam_uit(voornaam, achternaam, gebruikersnaam) -> str:
    """`_naam` of a user read as values (None: no user)."""
    if gebruikersnaam is None:
        return ""
    return f"{voornaam} {achternaam}".strip() or gebruikersnaam


def tijdlijn(casus: Casus, *, contactmomenten, gesprekken, metingen) -> list[Gebeurtenis]:
    """The case's timeline: status moves, changes of regie (from the history rows),
    conversations, assessments and contacts; the latest TIJDLIJN_MAX, newest first."""
    items: list[Gebeurtenis] = []
    overgangen = (
        casus.statusovergangen.select_related("door")
        .only("id", "casus_id", "van", "naar", "op", "reden", "door_id", *naamvelden("door"))
        .order_by("-op", "-id")[:TIJDLIJN_MAX]
    )
    for o in overgangen:
        titel = (
            f"Status: {o.get_van_display().lower()} → {o.get_naar_display().lower()}"
            if o.van
            else f"Casus geopend ({o.get_naar_display().lower()})"
        )
        items.append(Gebeurtenis(o.op, "status", titel, o.reden, _naam(o.door)))
    # Changes of regie: consecutive history rows whose regisseur or backup differ. Read as
    # values (the names joined in), not as historical model instances.
    historie = list(
        casus.history.order_by("-history_date", "-history_id").values_list(
            "history_date", "regisseur_id", "backup_id", "history_change_reason",
            *naamvelden("history_user"), *naamvelden("regisseur"), *naamvelden("backup"),
        )[: TIJDLIJN_MAX + 1]
    )  # fmt: skip
    for nieuw, oud in zip(historie, historie[1:], strict=False):
        if nieuw[1] != oud[1] or nieuw[2] != oud[2]:
            regisseur, backup = _naam_uit(*nieuw[7:10]), _naam_uit(*nieuw[10:13])
            tekst = f"Regisseur: {regisseur}; backup: {backup or '—'}"
            reden = (nieuw[3] or "").removeprefix("Regie: ")
            items.append(
                Gebeurtenis(
                    nieuw[0],
                    "regie",
                    "Regie gewijzigd",
                    f"{tekst}. {reden}".strip(),
                    _naam_uit(*nieuw[4:7]),
                )
            )
    for g in gesprekken:
        items.append(
            Gebeurtenis(
                _als_moment(g.datum), "gesprek", "Keukentafelgesprek", g.plaats, _naam(g.door),
                url=reverse("casussen:keukentafelgesprek", args=[g.pk]),
            )
        )  # fmt: skip
    for m in metingen:
        if m.keukentafelgesprek_id is None:
            items.append(Gebeurtenis(_als_moment(m.datum), "zrm", str(m), "", _naam(m.door)))
    for c in contactmomenten:
        items.append(
            Gebeurtenis(
                c.op, "contact", f"Contact: {c.get_wijze_display().lower()}",
                f"Met {c.met_wie}", _naam(c.door),
            )
        )  # fmt: skip
    for bron in TIJDLIJNBRONNEN:
        items.extend(bron(casus))
    items.sort(key=lambda g: g.op, reverse=True)
    return items[:TIJDLIJN_MAX]


def _als_moment(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, datetime.max.time().replace(microsecond=0)))


def casuspagina(user, pk: int) -> dict:
    """Everything the case page shows, in a fixed number of queries, each with only the columns
    the page shows."""
    c = ophalen_of_404(
        user,
        Casus.objects.select_related("huishouden", "regisseur", "backup", "team").only(
            *(f.attname for f in Casus._meta.concrete_fields),
            *(f"huishouden__{f.attname}" for f in Huishouden._meta.concrete_fields),
            *naamvelden("regisseur"), *naamvelden("backup"), "team__id", "team__naam",
        ),
        pk=pk,
    )  # fmt: skip
    leden = list(
        c.huishouden.leden.only("id", "huishouden_id", *NAAM_PERSOON, "rol", "geboortedatum")
    )
    contactmomenten = list(
        c.contactmomenten.select_related("door")
        .only("id", "casus_id", "op", "wijze", "met_wie", "samenvatting", "door_id",
              *naamvelden("door"))
        .order_by("-op", "-id")[:10]
    )  # fmt: skip
    gesprekken = list(
        c.keukentafelgesprekken.select_related("door")
        .only("id", "casus_id", "datum", "plaats", "door_id", *naamvelden("door"))
        .order_by("-datum", "-id")[:10]
    )
    metingen = list(
        c.zrm_metingen.select_related("door")
        .only("id", "casus_id", "keukentafelgesprek_id", "datum", "soort", "door_id",
              *naamvelden("door"))
        .order_by("-datum", "-id")[:10]
    )  # fmt: skip
    meldingen = list(
        c.meldingen.only("id", "casus_id", "datum", "bron").order_by("-datum", "-id")[:10]
    )
    return {
        "casus": c,
        "leden": leden,
        "contactmomenten": contactmomenten,
        "gesprekken": gesprekken,
        "metingen": metingen,
        "meldingen": meldingen,
        "tijdlijn": tijdlijn(
            c, contactmomenten=contactmomenten, gesprekken=gesprekken, metingen=metingen
        ),
    }


def contactmomenten(casus: Casus):
    return casus.contactmomenten.select_related("door").order_by("-op", "-id")


# --- ZRM history per person ------------------------------------------------------------------

GRAFIEK_BREED = 480
GRAFIEK_HOOG = 180
MARGE_LINKS = 40
MARGE_RECHTS = 16
MARGE_BOVEN = 12
MARGE_ONDER = 36
MAX_METINGEN = 12


@dataclass
class Punt:
    x: float
    y: float
    datum: date
    score: int


@dataclass
class DomeinGrafiek:
    domein: object
    punten: list[Punt] = field(default_factory=list)

    @property
    def lijn(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.punten)

    @property
    def beschrijving(self) -> str:
        delen = [f"{p.datum:%d-%m-%Y}: {p.score}" for p in self.punten]
        return f"ZRM-scores op {self.domein.naam.lower()} over de tijd: " + "; ".join(delen) + "."


def zrm_historie(persoon: Persoon) -> dict:
    """Scores of one person per domain over time, as server-rendered chart data plus a table.

    The latest MAX_METINGEN assessment dates form the x axis (shared by every domain's chart);
    y runs from 1 (bottom) to 5 (top).
    """
    scores = list(
        ZrmScore.objects.filter(persoon=persoon)
        .select_related("meting", "domein")
        .order_by("-meting__datum", "-meting_id")[: MAX_METINGEN * 20]
    )
    datums = sorted({s.meting.datum for s in scores})[-MAX_METINGEN:]
    breedte = GRAFIEK_BREED - MARGE_LINKS - MARGE_RECHTS
    hoogte = GRAFIEK_HOOG - MARGE_BOVEN - MARGE_ONDER

    def x(d: date) -> float:
        if len(datums) == 1:
            return MARGE_LINKS + breedte / 2
        return MARGE_LINKS + breedte * datums.index(d) / (len(datums) - 1)

    def y(score: int) -> float:
        return MARGE_BOVEN + hoogte * (5 - score) / 4

    grafieken: dict = {}
    for s in sorted(scores, key=lambda s: (s.domein.volgorde, s.domein.naam, s.meting.datum)):
        if s.meting.datum not in datums:
            continue
        grafiek = grafieken.setdefault(s.domein.pk, DomeinGrafiek(s.domein))
        if s.score is not None:
            grafiek.punten.append(Punt(x(s.meting.datum), y(s.score), s.meting.datum, s.score))
    tabel = {}
    for s in scores:
        if s.meting.datum in datums:
            tabel.setdefault(s.domein, {})[s.meting.datum] = s
    return {
        "grafieken": [g for g in grafieken.values() if g.punten],
        "datums": datums,
        "x_labels": [(x(d), d) for d in datums],
        "y_labels": [(y(n), n) for n in range(1, 6)],
        "tabel": [
            (d, [tabel[d].get(dt) for dt in datums])
            for d in sorted(tabel, key=lambda d: (d.volgorde, d.naam))
        ],
        "breed": GRAFIEK_BREED,
        "hoog": GRAFIEK_HOOG,
        "x_begin": MARGE_LINKS,
        "x_eind": GRAFIEK_BREED - MARGE_RECHTS,
        "y_as_label": GRAFIEK_HOOG - MARGE_ONDER + 18,
    }


# --- Search ----------------------------------------------------------------------------------

CASUSNUMMER = re.compile(r"^\s*[Cc]-?0*(\d{1,12})\s*$")


def zoeken(user, *, naam="", bsn="", geboortedatum=None, postcode="", huisnummer=None,
           casusnummer=None):  # fmt: skip
    """Households the user may see that match every given criterion; each with its members
    and cases. Persons match on name (prefix of any name part), BSN or date of birth."""
    qs = zichtbaar(user, Huishouden.objects)
    # Scoped again on the person's own team column: the planner then finds a name in the
    # team's part of the index (Persoon.Meta.indexes), not in the whole city's.
    personen = zichtbaar(user, Persoon.objects).filter(huishouden=OuterRef("pk"))
    persoon_criteria = False
    if naam:
        for deel in naam.split():
            personen = personen.filter(
                Q(achternaam__istartswith=deel)
                | Q(voornamen__istartswith=deel)
                | Q(tussenvoegsel__istartswith=deel)
            )
        persoon_criteria = True
    if bsn:
        personen = personen.filter(bsn=bsn)
        persoon_criteria = True
    if geboortedatum:
        personen = personen.filter(geboortedatum=geboortedatum)
        persoon_criteria = True
    if persoon_criteria:
        qs = qs.filter(Exists(personen))
    if postcode:
        qs = qs.filter(postcode=postcode)
    if huisnummer:
        qs = qs.filter(huisnummer=huisnummer)
    if casusnummer:
        qs = qs.filter(Exists(Casus.objects.filter(huishouden=OuterRef("pk"), pk=casusnummer)))
    return qs.order_by("postcode", "huisnummer", "toevoeging", "id").prefetch_related(
        "leden",
        Prefetch(
            "casussen",
            queryset=Casus.objects.select_related("regisseur").order_by("-geopend_op", "-id"),
        ),
    )
