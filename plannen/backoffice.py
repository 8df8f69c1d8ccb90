"""Writes and rules of the backoffice (issue 7): the formal request for a maatwerkvoorziening,
its legal clock (opschorting, verdaging), the decision with optional four eyes and the
beschikking letter; the reminders about them are scans in plannen.herinneringen. Every function
takes the acting user (keyword-only), runs in one transaction and queues Celery work only after
commit. Refusals are Dutch ValidationErrors.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casussen.models import Casus, Huishouden, Persoon, Wet
from casussen.selectors import gelijkgestelde_dagen
from casussen.termijnen import (
    JEUGDWET_BESCHIKKING_WEKEN,
    PARTICIPATIEWET_BESCHIKKING_WEKEN,
    WMO_BESCHIKKING_WEKEN,
    einde_termijn,
)
from toegang.models import Rol

from .models import (
    AANVRAAG_OVERGANGEN,
    BESCHIKKING_OVERGANGEN,
    Aanvraag,
    Aanvraagstatus,
    Beschikking,
    BeschikkingPdf,
    Beschikkingstatus,
    Besluit,
    Leveringsvorm,
    Opschorting,
    PdfStatus,
    Planversie,
    Verdaging,
    VierOgenInstelling,
)
from .services import pdf_opslaan

BESLISTERMIJN_WEKEN = {
    Wet.WMO: WMO_BESCHIKKING_WEKEN,
    Wet.JEUGDWET: JEUGDWET_BESCHIKKING_WEKEN,
    Wet.PARTICIPATIEWET: PARTICIPATIEWET_BESCHIKKING_WEKEN,
}
HERINDICATIE_WEKEN = 8
BEZWAAR_WEKEN = 6

AANVRAAG_VELDEN = [
    "soort",
    "wet",
    "specificatie",
    "omvang",
    "duur",
    "motivering",
    "leveringsvorm",
    "gewenste_aanbieder",
]
BESLUIT_VELDEN = [
    "product",
    "omvang_aantal",
    "omvang_eenheid",
    "omvang_frequentie",
    "ingangsdatum",
    "einddatum",
    "leveringsvorm",
    "aanbieder",
    "motivering",
]


def _wissel_status(obj, nieuw: str, overgangen: dict) -> None:
    from .services import _wissel_status as wissel

    wissel(obj, nieuw, overgangen)


def _bewaar(obj, door, **kwargs):
    obj._history_user = door
    obj.save(**kwargs)


# --- The clock ----------------------------------------------------------------------------------


def termijn_einde(aanvraag: Aanvraag, *, vandaag: date | None = None, gelijkgesteld=None) -> date:
    """The last day of the decision term: Wmo 2 weeks, Jeugdwet and Participatiewet 8 weeks after
    the request, plus verdaging and opschorting (a running opschorting counts up to and including
    today), shifted by the Algemene termijnenwet."""
    vandaag = vandaag or timezone.localdate()
    gelijkgesteld = gelijkgestelde_dagen() if gelijkgesteld is None else gelijkgesteld
    opschortingen = aanvraag.opschortingen.all() if aanvraag.pk else []
    opgeschort = [(o.van, o.tot or max(o.van, vandaag + timedelta(days=1))) for o in opschortingen]
    verdaagd = sum(v.weken for v in aanvraag.verdagingen.all()) if aanvraag.pk else 0
    return einde_termijn(
        aanvraag.ontvangen_op,
        weken=BESLISTERMIJN_WEKEN[aanvraag.wet],
        gelijkgesteld=gelijkgesteld,
        opgeschort=opgeschort,
        verdaagd_weken=verdaagd,
    )


def _klok_bijwerken(aanvraag: Aanvraag) -> None:
    aanvraag.termijn_einde = termijn_einde(aanvraag)


# --- The request --------------------------------------------------------------------------------


def controleer_aanvraag(velden: dict) -> None:
    fouten = {}
    if not (velden.get("soort") or "").strip():
        fouten["soort"] = "Vul in om welke voorziening het gaat."
    if velden.get("wet") not in Wet.values:
        fouten["wet"] = "Kies de wet waaronder de voorziening valt."
    if velden.get("leveringsvorm") and velden["leveringsvorm"] not in Leveringsvorm.values:
        fouten["leveringsvorm"] = "Kies zorg in natura of een persoonsgebonden budget."
    if fouten:
        raise ValidationError(fouten)


def _casus_van(huishouden_id: int) -> Casus | None:
    return (
        Casus.objects.filter(huishouden_id=huishouden_id)
        .exclude(status="afgesloten")
        .order_by("-id")
        .first()
    )


def aanvraag_uit_planversie(*, planversie: Planversie, door, persoon: Persoon | None) -> Aanvraag:
    """Called by plannen.services.ondertekenen (in its transaction) when the resident signs a
    version with a maatwerk block and ticks the formal request: the request, pre-filled from the
    block, dated the day of signing. Idempotent: one request per version."""
    bestaand = Aanvraag.objects.filter(planversie=planversie).first()
    if bestaand is not None:
        return bestaand
    aanvraag = Aanvraag(
        huishouden_id=planversie.plan.huishouden_id,
        casus=_casus_van(planversie.plan.huishouden_id),
        planversie=planversie,
        persoon=persoon,
        soort=planversie.maatwerk_soort or "Maatwerkvoorziening",
        wet=planversie.maatwerk_wet or Wet.WMO,
        specificatie=planversie.maatwerk_specificatie,
        omvang=planversie.maatwerk_omvang,
        duur=planversie.maatwerk_duur,
        motivering=planversie.maatwerk_motivering,
        leveringsvorm=planversie.maatwerk_leveringsvorm,
        gewenste_aanbieder=planversie.maatwerk_gewenste_aanbieder,
        ontvangen_op=timezone.localdate(planversie.ondertekend_op),
        aangemaakt_door=door,
    )
    aanvraag.termijn_einde = termijn_einde(aanvraag)  # no suspensions yet on an unsaved row
    _bewaar(aanvraag, door)
    return aanvraag


@transaction.atomic
def aanvraag_starten(
    *,
    casus: Casus,
    door,
    velden: dict,
    ontvangen_op: date,
    persoon: Persoon | None = None,
    planversie: Planversie | None = None,
) -> Aanvraag:
    """A consulent records a request from the case, e.g. when the plan was signed on paper."""
    velden = {k: v for k, v in velden.items() if k in AANVRAAG_VELDEN}
    controleer_aanvraag(velden)
    fouten = {}
    if persoon is not None and persoon.huishouden_id != casus.huishouden_id:
        fouten["persoon"] = "Dit gezinslid hoort niet bij het huishouden."
    if planversie is not None and (
        planversie.plan.huishouden_id != casus.huishouden_id or not planversie.is_ondertekend
    ):
        fouten["planversie"] = "Kies een ondertekende versie van het plan van dit huishouden."
    if planversie is not None and Aanvraag.objects.filter(planversie=planversie).exists():
        fouten["planversie"] = "Bij deze planversie is al een aanvraag gedaan."
    if ontvangen_op > timezone.localdate():
        fouten["ontvangen_op"] = "De datum van de aanvraag kan niet in de toekomst liggen."
    if fouten:
        raise ValidationError(fouten)
    aanvraag = Aanvraag(
        huishouden_id=casus.huishouden_id,
        casus=casus,
        planversie=planversie,
        persoon=persoon,
        ontvangen_op=ontvangen_op,
        aangemaakt_door=door,
        **velden,
    )
    aanvraag.termijn_einde = termijn_einde(aanvraag)
    _bewaar(aanvraag, door)
    return aanvraag


def _vergrendel(aanvraag: Aanvraag) -> Aanvraag:
    return Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)


def _moet_open(aanvraag: Aanvraag, *toegestaan: str) -> None:
    if aanvraag.status not in (toegestaan or (Aanvraagstatus.OPEN,)):
        raise ValidationError(
            f"Dit kan niet bij een aanvraag met de status ‘{aanvraag.get_status_display()}’."
        )


@transaction.atomic
def opschorten(*, aanvraag: Aanvraag, door, van: date, reden: str) -> Opschorting:
    """Awb 4:15: suspend the clock from `van` (the day after the request for information)."""
    aanvraag = _vergrendel(aanvraag)
    _moet_open(aanvraag, Aanvraagstatus.OPEN, Aanvraagstatus.MEER_INFORMATIE)
    fouten = {}
    if not reden.strip():
        fouten["reden"] = "Schrijf op waarom de termijn wordt opgeschort."
    if van < aanvraag.ontvangen_op:
        fouten["van"] = "Een opschorting kan niet beginnen voor de datum van de aanvraag."
    if aanvraag.opschortingen.filter(tot__isnull=True).exists():
        fouten["van"] = "Er loopt al een opschorting; beëindig die eerst."
    if fouten:
        raise ValidationError(fouten)
    opschorting = Opschorting(aanvraag=aanvraag, van=van, reden=reden.strip(), door=door)
    _bewaar(opschorting, door)
    _klok_bijwerken(aanvraag)
    _bewaar(aanvraag, door)
    return opschorting


@transaction.atomic
def opschorting_beeindigen(
    *, opschorting: Opschorting, door, tot: date, antwoord: str = ""
) -> Opschorting:
    """The aanvulling came in on `tot`: the clock runs again from that day."""
    aanvraag = _vergrendel(opschorting.aanvraag)
    opschorting = Opschorting.objects.select_for_update().get(pk=opschorting.pk)
    if opschorting.tot is not None:
        raise ValidationError("Deze opschorting is al beëindigd.")
    if tot < opschorting.van:
        raise ValidationError({"tot": "Deze datum ligt voor het begin van de opschorting."})
    opschorting.tot, opschorting.antwoord = tot, antwoord.strip()
    _bewaar(opschorting, door)
    if aanvraag.status == Aanvraagstatus.MEER_INFORMATIE:
        _wissel_status(aanvraag, Aanvraagstatus.OPEN, AANVRAAG_OVERGANGEN)
    _klok_bijwerken(aanvraag)
    _bewaar(aanvraag, door)
    return opschorting


@transaction.atomic
def verdagen(*, aanvraag: Aanvraag, door, weken: int, op: date, reden: str) -> Verdaging:
    """Awb 4:14 lid 3: extend the term, told to the applicant before it ran out."""
    aanvraag = _vergrendel(aanvraag)
    _moet_open(aanvraag, Aanvraagstatus.OPEN, Aanvraagstatus.MEER_INFORMATIE)
    fouten = {}
    if not reden.strip():
        fouten["reden"] = "Schrijf op waarom de beslistermijn wordt verdaagd."
    if not 1 <= int(weken) <= 8:
        fouten["weken"] = "Verdaag met 1 tot en met 8 weken."
    if op > aanvraag.termijn_einde:
        fouten["op"] = "Verdagen kan alleen voordat de beslistermijn is verstreken."
    if fouten:
        raise ValidationError(fouten)
    verdaging = Verdaging(
        aanvraag=aanvraag, weken=int(weken), op=op, reden=reden.strip(), door=door
    )
    _bewaar(verdaging, door)
    _klok_bijwerken(aanvraag)
    _bewaar(aanvraag, door)
    return verdaging


@transaction.atomic
def meer_informatie_vragen(*, aanvraag: Aanvraag, door, vraag: str) -> Opschorting:
    """Back to the consulent: the clock is suspended from tomorrow (Awb 4:15 lid 1 a) until
    the consulent supplies the information."""
    aanvraag = _vergrendel(aanvraag)
    _moet_open(aanvraag)
    if not vraag.strip():
        raise ValidationError({"vraag": "Schrijf op welke informatie nodig is."})
    opschorting = opschorten(
        aanvraag=aanvraag, door=door, van=timezone.localdate() + timedelta(days=1), reden=vraag
    )
    aanvraag.refresh_from_db()
    _wissel_status(aanvraag, Aanvraagstatus.MEER_INFORMATIE, AANVRAAG_OVERGANGEN)
    _bewaar(aanvraag, door)
    return opschorting


@transaction.atomic
def informatie_aanvullen(*, aanvraag: Aanvraag, door, antwoord: str) -> Opschorting:
    """The consulent answers: the suspension ends today and the request goes back to the queue."""
    aanvraag = _vergrendel(aanvraag)
    _moet_open(aanvraag, Aanvraagstatus.MEER_INFORMATIE)
    if not antwoord.strip():
        raise ValidationError({"antwoord": "Vul de gevraagde informatie in."})
    opschorting = aanvraag.opschortingen.filter(tot__isnull=True).first()
    vandaag = timezone.localdate()
    return opschorting_beeindigen(
        opschorting=opschorting, door=door, tot=max(vandaag, opschorting.van), antwoord=antwoord
    )


@transaction.atomic
def behandelaar_toewijzen(*, aanvraag: Aanvraag, door, behandelaar) -> Aanvraag:
    """Who handles the request (`None`: back to the shared queue), while it is undecided."""
    aanvraag = _vergrendel(aanvraag)
    _moet_open(
        aanvraag,
        Aanvraagstatus.OPEN,
        Aanvraagstatus.MEER_INFORMATIE,
        Aanvraagstatus.TER_CONTROLE,
    )
    if behandelaar is not None and not (
        behandelaar.is_active and behandelaar.heeft_rol(Rol.BACKOFFICE)
    ):
        raise ValidationError({"behandelaar": "Kies een medewerker van de backoffice."})
    aanvraag.behandelaar = behandelaar
    _bewaar(aanvraag, door)
    return aanvraag


# --- The decision -------------------------------------------------------------------------------


def vier_ogen_nodig(aanvraag: Aanvraag, besluit: str) -> bool:
    gemeente_id = Huishouden.objects.filter(pk=aanvraag.huishouden_id).values_list(
        "team__gemeente_id", flat=True
    )[0]
    return VierOgenInstelling.objects.filter(
        gemeente_id=gemeente_id, besluit=besluit, wet__in=[aanvraag.wet, ""]
    ).exists()


def controleer_besluit(besluit: str, velden: dict) -> None:
    fouten = {}
    if besluit not in Besluit.values:
        fouten["besluit"] = "Kies: toekennen of afwijzen."
    if not (velden.get("motivering") or "").strip():
        fouten["motivering"] = (
            "Schrijf de redenen van het besluit op."
            if besluit == Besluit.AFWIJZEN
            else "Schrijf de motivering van het besluit op."
        )
    if besluit == Besluit.TOEKENNEN:
        for veld, tekst in [
            ("product", "Vul het product of de categorie in."),
            ("omvang_aantal", "Vul de omvang in."),
            ("omvang_eenheid", "Kies de eenheid van de omvang."),
            ("omvang_frequentie", "Kies de frequentie."),
            ("ingangsdatum", "Vul de ingangsdatum in."),
            ("leveringsvorm", "Kies zorg in natura of een persoonsgebonden budget."),
        ]:
            if velden.get(veld) in (None, ""):
                fouten[veld] = tekst
        if velden.get("omvang_aantal") is not None and velden["omvang_aantal"] <= 0:
            fouten["omvang_aantal"] = "De omvang moet groter zijn dan nul."
        if velden.get("leveringsvorm") == Leveringsvorm.ZIN and not velden.get("aanbieder"):
            fouten["aanbieder"] = "Vul bij zorg in natura de aanbieder in."
        begin, einde = velden.get("ingangsdatum"), velden.get("einddatum")
        if begin and einde and einde < begin:
            fouten["einddatum"] = "De einddatum ligt voor de ingangsdatum."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def besluiten(*, aanvraag: Aanvraag, door, besluit: str, velden: dict) -> Beschikking:
    """Decide on an open request. With four eyes set for this kind of decision in the
    municipality, the decision waits for a second backoffice user; otherwise it is final at once
    and the letter is rendered."""
    aanvraag = _vergrendel(aanvraag)
    _moet_open(aanvraag)
    velden = {k: v for k, v in velden.items() if k in BESLUIT_VELDEN}
    controleer_besluit(besluit, velden)
    if besluit == Besluit.AFWIJZEN:
        velden = {"motivering": velden["motivering"]}
    if Beschikking.objects.filter(aanvraag=aanvraag).exists():
        raise ValidationError("Op deze aanvraag is al besloten.")
    nu = timezone.now()
    beschikking = Beschikking(
        aanvraag=aanvraag, besluit=besluit, besloten_door=door, besloten_op=nu, **velden
    )
    if vier_ogen_nodig(aanvraag, besluit):
        _bewaar(beschikking, door)
        _wissel_status(aanvraag, Aanvraagstatus.TER_CONTROLE, AANVRAAG_OVERGANGEN)
        _bewaar(aanvraag, door)
        return beschikking
    beschikking.status, beschikking.definitief_op = Beschikkingstatus.DEFINITIEF, nu
    _bewaar(beschikking, door)
    _afhandelen(aanvraag, beschikking, door)
    return beschikking


def _afhandelen(aanvraag: Aanvraag, beschikking: Beschikking, door) -> None:
    _wissel_status(aanvraag, Aanvraagstatus.AFGEHANDELD, AANVRAAG_OVERGANGEN)
    aanvraag.afgehandeld_op = timezone.localdate(beschikking.definitief_op)
    _bewaar(aanvraag, door)
    _pdf_aanvragen(beschikking)


@transaction.atomic
def bevestigen(*, beschikking: Beschikking, door) -> Beschikking:
    """Four eyes: a second backoffice user makes the decision final; never the one who made it."""
    beschikking = Beschikking.objects.select_for_update().get(pk=beschikking.pk)
    aanvraag = _vergrendel(beschikking.aanvraag)
    if beschikking.besloten_door_id == door.pk:
        raise ValidationError("U kunt uw eigen besluit niet bevestigen: dat doet een collega.")
    if beschikking.is_definitief:
        raise ValidationError("Dit besluit is al definitief.")
    _wissel_status(beschikking, Beschikkingstatus.DEFINITIEF, BESCHIKKING_OVERGANGEN)
    beschikking.bevestigd_door, beschikking.definitief_op = door, timezone.now()
    _bewaar(beschikking, door)
    _afhandelen(aanvraag, beschikking, door)
    return beschikking


@transaction.atomic
def terugsturen(*, beschikking: Beschikking, door, reden: str) -> Aanvraag:
    """Four eyes: the second user does not agree; the proposal is withdrawn (its history stays)
    and the request is open again."""
    beschikking = Beschikking.objects.select_for_update().get(pk=beschikking.pk)
    aanvraag = _vergrendel(beschikking.aanvraag)
    if beschikking.is_definitief:
        raise ValidationError("Dit besluit is al definitief.")
    if beschikking.besloten_door_id == door.pk:
        raise ValidationError("Een collega beoordeelt uw besluit.")
    if not reden.strip():
        raise ValidationError({"reden": "Schrijf op waarom het besluit niet klopt."})
    beschikking._history_user = door
    beschikking._change_reason = f"Teruggestuurd: {reden.strip()}"[:100]
    beschikking.delete()
    _wissel_status(aanvraag, Aanvraagstatus.OPEN, AANVRAAG_OVERGANGEN)
    _bewaar(aanvraag, door)
    return aanvraag


# --- The letter ---------------------------------------------------------------------------------


def pdf_html(beschikking_id: int) -> str:
    from .selectors import beschikking_voor_pdf

    return render_to_string("plannen/pdf/beschikking.html", beschikking_voor_pdf(beschikking_id))


def _pdf_aanvragen(beschikking: Beschikking) -> BeschikkingPdf:
    from . import tasks

    pdf, _ = BeschikkingPdf.objects.select_for_update().get_or_create(
        beschikking=beschikking, defaults={"aangevraagd_op": timezone.now()}
    )
    if pdf.status == PdfStatus.KLAAR and pdf.bestand:
        return pdf
    pdf.status, pdf.aangevraagd_op, pdf.fout = PdfStatus.WACHTEN, timezone.now(), ""
    pdf.save()
    beschikking_id = beschikking.pk
    transaction.on_commit(lambda: tasks.beschikking_pdf_maken.delay(beschikking_id))
    return pdf


@transaction.atomic
def pdf_aanvragen(*, beschikking: Beschikking, door) -> BeschikkingPdf:
    if not beschikking.is_definitief:
        raise ValidationError("Een brief komt er pas als het besluit definitief is.")
    return _pdf_aanvragen(beschikking)


def pdf_renderen(*, beschikking_id: int) -> BeschikkingPdf | None:
    """Render and store the letter (called by the worker). Idempotent: a stored letter whose
    content hash matches is kept."""
    with transaction.atomic():
        pdf = BeschikkingPdf.objects.select_for_update().filter(beschikking_id=beschikking_id)
        pdf = pdf.first()
        if pdf is None:
            return None
        return pdf_opslaan(
            pdf, html=pdf_html(beschikking_id), bestandsnaam=f"beschikking-{beschikking_id}.pdf"
        )
