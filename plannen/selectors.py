"""Reads of the plan. Every page loads a version with a fixed number of queries, whatever the
number of goals, actions and signatures (prefetches, no lazy loading in loops)."""

import base64
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from casussen.models import Huishouden, Persoon
from casussen.selectors import NAAM_PERSOON, naamvelden
from toegang.policy import ophalen_of_404

from .models import Actie, Doel, Ondertekening, PlanPdf, Planversie, Versiestatus
from .services import INHOUD_VELDEN

# What the plan summary and the version page show of an action, its owner included
# (`Actie.wie`): no other columns of the person, user or organisation.
_ACTIE_VELDEN = (
    "id", "doel_id", "eigenaar_soort", "persoon_id", "medewerker_id", "organisatie_id",
    "eigenaar_naam", "wat", "wanneer", "status", "organisatie__naam",
    *naamvelden("persoon", NAAM_PERSOON), *naamvelden("medewerker"),
)  # fmt: skip


def _acties() -> QuerySet:
    return Actie.objects.select_related("persoon", "medewerker", "organisatie")


def _doelen(acties: QuerySet | None = None) -> QuerySet:
    return Doel.objects.select_related("domein").prefetch_related(
        Prefetch("acties", queryset=_acties() if acties is None else acties)
    )


def versies_met_inhoud(*, voor_pagina: bool = False) -> QuerySet:
    """Versions with their household, authors, PDF, goals with actions, signatures and members,
    in five queries. `voor_pagina`: only what the version page shows (no other users' rows, no
    unshown columns of the people involved); the PDF, sign and compare pages load whole rows."""
    versies = Planversie.objects.select_related("plan__huishouden", "aangemaakt_door", "pdf")
    acties = _acties()
    ondertekeningen = Ondertekening.objects.select_related("persoon", "vastgelegd_door")
    leden = Persoon.objects.order_by("geboortedatum")
    if voor_pagina:
        eigen = (f.attname for f in Planversie._meta.concrete_fields if f.name != "gewijzigd_door")
        versies = versies.only(
            *eigen,
            "plan__id",
            "plan__huishouden",
            *(f"plan__huishouden__{f.attname}" for f in Huishouden._meta.concrete_fields),
            *naamvelden("aangemaakt_door"),
            *(f"pdf__{f.attname}" for f in PlanPdf._meta.concrete_fields),
        )
        acties = acties.only(*_ACTIE_VELDEN)
        ondertekeningen = ondertekeningen.only(
            *(f.attname for f in Ondertekening._meta.concrete_fields),
            *naamvelden("persoon", NAAM_PERSOON),
            *naamvelden("vastgelegd_door"),
        )
        leden = leden.only("id", "huishouden_id", "rol", "geboortedatum", *NAAM_PERSOON)
    else:
        versies = versies.select_related("gewijzigd_door")
    return versies.prefetch_related(
        Prefetch("doelen", queryset=_doelen(acties)),
        Prefetch("ondertekeningen", queryset=ondertekeningen),
        Prefetch("plan__huishouden__leden", queryset=leden),
    )


def leeftijd(geboortedatum: date, op: date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


def nog_niet_getekend(planversie: Planversie) -> list[Persoon]:
    """Adult members without a signature (their own or by a representative) on this version."""
    getekend = {o.persoon_id for o in planversie.ondertekeningen.all() if o.persoon_id}
    vandaag = timezone.localdate()
    return [
        p
        for p in planversie.plan.huishouden.leden.all()
        if p.pk not in getekend and leeftijd(p.geboortedatum, vandaag) >= 18
    ]


def pdf_van(planversie: Planversie):
    try:
        return planversie.pdf
    except Planversie.pdf.RelatedObjectDoesNotExist:
        return None


def planversie_voor(user, pk: int) -> Planversie:
    """A version with everything its page shows, or 404 for whoever may not see it."""
    return ophalen_of_404(user, versies_met_inhoud(), pk=pk)


def versiepagina(user, pk: int) -> dict:
    """Everything the version page shows (access logged by ophalen_of_404)."""
    planversie = ophalen_of_404(user, versies_met_inhoud(voor_pagina=True), pk=pk)
    return {
        "versie": planversie,
        "huishouden": planversie.plan.huishouden,
        "leden": planversie.plan.huishouden.leden.all(),
        "doelen": planversie.doelen.all(),
        "ondertekeningen": planversie.ondertekeningen.all(),
        "nog_niet_getekend": nog_niet_getekend(planversie),
        "versies": versies_van_plan(planversie.plan_id),
        "pdf": pdf_van(planversie),
        "aanvragen": aanvragen_van_versie(planversie),
    }


def versies_van_plan(plan_id: int) -> list[Planversie]:
    return list(
        Planversie.objects.filter(plan_id=plan_id)
        .only("id", "nummer", "status", "ondertekend_op", "aangemaakt_op", "plan_id")
        .order_by("-nummer")
    )


# --- The summary on the case and household pages -------------------------------------------


@dataclass
class PlanSamenvatting:
    versie: Planversie
    laatst_ondertekend: int | None
    acties: list = field(default_factory=list)

    @property
    def plan(self):
        return self.versie.plan


def huidig_plan(huishouden: Huishouden) -> PlanSamenvatting | None:
    """The household's current plan version (the newest), its status and its actions; None when
    the household has no plan yet. The caller has checked access to the household.
    Two queries: the version with the number of the last signed one, and its actions (in the
    order of their goals) with only what the summary shows."""
    laatst_ondertekend = (
        Planversie.objects.filter(plan_id=OuterRef("plan_id"), status=Versiestatus.ONDERTEKEND)
        .order_by("-nummer")
        .values("nummer")[:1]
    )
    versie = (
        Planversie.objects.filter(plan__huishouden=huishouden)
        .only("id", "plan_id", "nummer", "status", "ondertekend_op", "evaluatiedatum")
        .annotate(laatst_ondertekend=Subquery(laatst_ondertekend))
        .order_by("-nummer")
        .first()
    )
    if versie is None:
        return None
    acties = list(
        _acties()
        .filter(doel__planversie_id=versie.pk)
        .only(*_ACTIE_VELDEN)
        # The goals' order (Doel.Meta.ordering), then the actions' within a goal (Actie's).
        .order_by("doel__volgorde", "doel_id", "wanneer", "volgorde", "id")
    )
    laatst = versie.nummer if versie.is_ondertekend else versie.laatst_ondertekend
    return PlanSamenvatting(versie=versie, laatst_ondertekend=laatst, acties=acties)


def huidige_versie_id(huishouden_id: int) -> int | None:
    """The id of the household's current (newest) plan version, or None: one query."""
    return (
        Planversie.objects.filter(plan__huishouden_id=huishouden_id)
        .order_by("-nummer")
        .values_list("id", flat=True)
        .first()
    )


# --- The PDF --------------------------------------------------------------------------------


def _data_url(ondertekening: Ondertekening) -> str | None:
    if not ondertekening.is_afbeelding:
        return None
    with ondertekening.bestand.open("rb") as bestand:
        inhoud = bestand.read()
    return f"data:{ondertekening.bestand_type};base64," + base64.b64encode(inhoud).decode()


def planversie_voor_pdf(planversie_id: int) -> dict:
    """The context of the printed plan. Only stored data: the same version renders the same."""
    versie = versies_met_inhoud().get(pk=planversie_id)
    ondertekeningen = [
        {"ondertekening": o, "afbeelding": _data_url(o)} for o in versie.ondertekeningen.all()
    ]
    return {
        "versie": versie,
        "huishouden": versie.plan.huishouden,
        "leden": list(versie.plan.huishouden.leden.all()),
        "doelen": list(versie.doelen.all()),
        "ondertekeningen": ondertekeningen,
        "nog_niet_getekend": nog_niet_getekend(versie) if versie.is_ondertekend else [],
        "datum": (versie.ondertekend_op or versie.gewijzigd_op),
    }


# --- Comparison -----------------------------------------------------------------------------

GELIJK, TOEGEVOEGD, VERWIJDERD, GEWIJZIGD = "gelijk", "toegevoegd", "verwijderd", "gewijzigd"


@dataclass
class Verschil:
    status: str
    a: object = None
    b: object = None
    label: str = ""
    onderdelen: list = field(default_factory=list)


def _tekst(versie: Planversie, veld: str) -> str:
    waarde = getattr(versie, veld)
    weergave = getattr(versie, f"get_{veld}_display", None)
    if weergave and waarde:
        return weergave()
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    return waarde or ""


def _actie_sleutel(actie: Actie) -> tuple:
    return (actie.wie, actie.wat, actie.wanneer, actie.status)


def _match(oud: list, nieuw: list, gelijk) -> list[tuple]:
    """Pair items on their `sleutel`, in the new order, removed items where they were."""
    oud_per_sleutel = {item.sleutel: item for item in oud}
    nieuw_sleutels = {item.sleutel for item in nieuw}
    paren = []
    for item in nieuw:
        vorige = oud_per_sleutel.get(item.sleutel)
        if vorige is None:
            paren.append((TOEGEVOEGD, None, item))
        else:
            paren.append((GELIJK if gelijk(vorige, item) else GEWIJZIGD, vorige, item))
    for item in oud:
        if item.sleutel not in nieuw_sleutels:
            paren.append((VERWIJDERD, item, None))
    return paren


def vergelijking(a: Planversie, b: Planversie) -> dict:
    """Version a (older) against b (newer): every content field, goal and action, marked."""
    velden = []
    for veld in INHOUD_VELDEN:
        oud, nieuw = _tekst(a, veld), _tekst(b, veld)
        status = (
            GELIJK
            if oud == nieuw
            else (TOEGEVOEGD if not oud else VERWIJDERD if not nieuw else GEWIJZIGD)
        )
        label = Planversie._meta.get_field(veld).verbose_name
        velden.append(Verschil(status, oud, nieuw, label=label[:1].upper() + label[1:]))
    doelen = []
    for status, oud, nieuw in _match(
        list(a.doelen.all()),
        list(b.doelen.all()),
        lambda x, y: (x.domein_id, x.omschrijving) == (y.domein_id, y.omschrijving),
    ):
        acties = [
            Verschil(s, x, y)
            for s, x, y in _match(
                list(oud.acties.all()) if oud else [],
                list(nieuw.acties.all()) if nieuw else [],
                lambda x, y: _actie_sleutel(x) == _actie_sleutel(y),
            )
        ]
        if status == GELIJK and any(actie.status != GELIJK for actie in acties):
            status = "acties"  # the goal itself is the same; some of its actions differ
        doelen.append(Verschil(status, oud, nieuw, onderdelen=acties))
    return {
        "velden": velden,
        "doelen": doelen,
        "aantal_verschillen": sum(v.status != GELIJK for v in velden)
        + sum(
            (d.status not in {GELIJK, "acties"}) + sum(x.status != GELIJK for x in d.onderdelen)
            for d in doelen
        ),
    }


# --- Backoffice (issue 7) -------------------------------------------------------------------


def aanvragen_wachtrij(
    user, *, status=None, wet="", team=None, dagen_over=None, soort="", behandelaar=""
):
    """The backoffice queue: open requests (or those of `status`), most urgent first; one
    query per page (plus the count), whatever the size. `dagen_over`: at most that many days;
    `behandelaar`: "mij" (the user's own) or "niemand" (not yet taken)."""
    from .models import Aanvraag, Aanvraagstatus

    qs = Aanvraag.objects.voor(user).select_related("huishouden__team", "persoon", "behandelaar")
    if behandelaar == "mij":
        qs = qs.filter(behandelaar=user)
    elif behandelaar == "niemand":
        qs = qs.filter(behandelaar__isnull=True)
    statussen = [status] if status else [Aanvraagstatus.OPEN, Aanvraagstatus.TER_CONTROLE]
    qs = qs.filter(status__in=statussen)
    if wet:
        qs = qs.filter(wet=wet)
    if team is not None:
        qs = qs.filter(huishouden__team=team)
    if dagen_over is not None:
        qs = qs.filter(termijn_einde__lte=timezone.localdate() + timedelta(days=dagen_over))
    if soort:
        qs = qs.filter(soort__icontains=soort)
    return qs.order_by("termijn_einde", "id")


def klok_van(aanvraag, vandaag: date | None = None):
    from casussen.termijnen import Klok

    klok = Klok(aanvraag.termijn_einde)
    vandaag = vandaag or timezone.localdate()
    over = klok.dagen_over(vandaag)
    if aanvraag.afgehandeld_op:
        tekst = "Op tijd besloten" if klok.gehaald(aanvraag.afgehandeld_op) else "Te laat besloten"
        kleur = "groen" if klok.gehaald(aanvraag.afgehandeld_op) else "rood"
    else:
        kleur = klok.kleur(vandaag)
        if over < 0:
            tekst = f"{-over} {'dag' if over == -1 else 'dagen'} over de termijn"
        elif over == 0:
            tekst = "Laatste dag"
        else:
            tekst = f"Nog {over} {'dag' if over == 1 else 'dagen'}"
    return {"einde": klok.einde, "kleur": kleur, "tekst": tekst, "dagen_over": over}


def aanvraag_voor(user, pk: int):
    """One request for its page (access logged), with what the backoffice may see of the plan:
    the signed version's maatwerk block, the applicant's name, date of birth and address."""
    from .models import Aanvraag

    aanvraag = ophalen_of_404(
        user,
        Aanvraag.objects.select_related(
            "huishouden__team",
            "persoon",
            "planversie__pdf",
            "casus",
            "aangemaakt_door",
            "behandelaar",
        ),
        pk=pk,
    )
    return aanvraag


def aanvraagpagina(aanvraag) -> dict:
    from .models import Beschikking

    beschikking = (
        Beschikking.objects.select_related("besloten_door", "bevestigd_door", "pdf")
        .filter(aanvraag=aanvraag)
        .first()
    )
    return {
        "aanvraag": aanvraag,
        "klok": klok_van(aanvraag),
        "opschortingen": list(aanvraag.opschortingen.select_related("door")),
        "verdagingen": list(aanvraag.verdagingen.select_related("door")),
        "beschikking": beschikking,
        "open_opschorting": next((o for o in aanvraag.opschortingen.all() if o.tot is None), None),
    }


def beschikking_voor_pdf(beschikking_id: int) -> dict:
    """The letter's context: only stored data, so the same decision renders the same."""
    from .backoffice import BEZWAAR_WEKEN
    from .models import EIGEN_BIJDRAGE_TEKST, Beschikking

    b = Beschikking.objects.select_related(
        "aanvraag__huishouden", "aanvraag__persoon", "besloten_door", "bevestigd_door"
    ).get(pk=beschikking_id)
    return {
        "beschikking": b,
        "aanvraag": b.aanvraag,
        "huishouden": b.aanvraag.huishouden,
        "persoon": b.aanvraag.persoon,
        "datum": b.definitief_op or b.besloten_op,
        "bezwaar_weken": BEZWAAR_WEKEN,
        "eigen_bijdrage": EIGEN_BIJDRAGE_TEKST,
    }


def aanvragen_van_huishouden(user, huishouden_id: int) -> list:
    """The requests and decisions of a household for the case page: two queries."""
    from .models import Aanvraag

    aanvragen = list(
        Aanvraag.objects.voor(user)
        .filter(huishouden_id=huishouden_id)
        .select_related("beschikking", "planversie")
        .prefetch_related("opschortingen", "verdagingen")
        .order_by("-ontvangen_op", "-id")[:20]
    )
    return [{"aanvraag": a, "klok": klok_van(a)} for a in aanvragen]


def aanvragen_van_versie(planversie) -> list:
    """The requests that rest on a signed version, with their decision: one query."""
    from .models import Aanvraag

    if planversie.is_concept:
        return []
    return list(
        Aanvraag.objects.filter(planversie=planversie).select_related("beschikking").order_by("id")
    )
