"""Writes and rules of the plan. Every function takes the acting user, runs in one transaction and
queues Celery work only after commit. Refusals are Dutch: `ValidationError` (with field names where
a form can show them), `BevrorenFout` for a signed version, `VerouderdFout` for a stale save.
"""

import base64
import binascii
import hashlib
import io
import logging
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from casussen.models import Huishouden, Persoon

from .models import (
    ACTIE_OVERGANGEN,
    VERSIE_OVERGANGEN,
    Actie,
    Doel,
    Eigenaar,
    Hoedanigheid,
    Methode,
    Ondertekening,
    Oordeel,
    PdfStatus,
    Plan,
    PlanPdf,
    Planversie,
    Versiestatus,
)

logger = logging.getLogger(__name__)

MAX_SCAN_BYTES = 10 * 1024 * 1024
MAX_HANDTEKENING_BYTES = 2 * 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
PDF = b"%PDF-"

# The fields of a version that the edit form may change (the rest is set by the services).
INHOUD_VELDEN = [
    "gesprek_datum",
    "aanwezigen",
    "verslag",
    "resultaten",
    "afweging_eigen_kracht",
    "afweging_netwerk",
    "afweging_vrijwilligers",
    "afweging_algemene_voorzieningen",
    "afweging_wlz_zvw",
    "afweging_conclusie",
    "evaluatiedatum",
    "maatwerk_nodig",
    "maatwerk_soort",
    "maatwerk_wet",
    "maatwerk_specificatie",
    "maatwerk_duur",
    "maatwerk_omvang",
    "maatwerk_motivering",
    "maatwerk_leveringsvorm",
    "maatwerk_gewenste_aanbieder",
    "maatwerk_eigen_bijdrage",
]
DOEL_VELDEN = ["domein", "omschrijving"]
ACTIE_VELDEN = [
    "eigenaar_soort",
    "persoon",
    "medewerker",
    "organisatie",
    "eigenaar_naam",
    "wat",
    "wanneer",
    "status",
]


class BevrorenFout(Exception):
    """The version is signed: nothing in it may change."""

    def __init__(self, planversie=None):
        nummer = f" {planversie.nummer}" if planversie is not None else ""
        super().__init__(
            f"Versie{nummer} is ondertekend en kan niet meer worden gewijzigd. "
            "Maak een nieuwe versie om het plan aan te passen."
        )


class VerouderdFout(Exception):
    """Someone else saved this record after the form was opened: nothing was saved."""

    def __init__(self, huidig):
        self.huidig = huidig
        super().__init__(
            "Uw wijziging is niet opgeslagen: iemand anders heeft dit intussen gewijzigd."
        )


def _vergrendel(model, pk: int, verwachte_versie: int | None):
    """Lock the row; refuse when the caller's version counter is stale."""
    obj = model.objects.select_for_update().get(pk=pk)
    if verwachte_versie is not None and obj.versie != int(verwachte_versie):
        raise VerouderdFout(obj)
    return obj


def _vergrendel_concept(planversie_id: int) -> Planversie:
    """Lock the version row (serialises writes under one draft) and refuse a signed one."""
    planversie = Planversie.objects.select_for_update().get(pk=planversie_id)
    if not planversie.is_concept:
        raise BevrorenFout(planversie)
    return planversie


def _wissel_status(obj, nieuw: str, overgangen: dict) -> None:
    """Change a status only along the table of allowed moves."""
    if nieuw != obj.status and nieuw not in overgangen[obj.status]:
        labels = dict(type(obj)._meta.get_field("status").choices)
        raise ValidationError(
            {
                "status": f"Van ‘{labels[obj.status]}’ naar ‘{labels.get(nieuw, nieuw)}’ "
                "is geen toegestane stap."
            }
        )
    obj.status = nieuw


def _bewaar(obj, door, **kwargs):
    obj._history_user = door
    obj.save(**kwargs)


# --- Plan and version ---------------------------------------------------------------------


@transaction.atomic
def plan_starten(*, huishouden: Huishouden, door) -> Planversie:
    """The household's plan with its first draft; an existing plan is returned as it is."""
    huishouden = Huishouden.objects.select_for_update().get(pk=huishouden.pk)
    plan = Plan.objects.filter(huishouden=huishouden).first()
    if plan is not None:
        return plan.versies.order_by("-nummer").first()
    plan = Plan(huishouden=huishouden, aangemaakt_door=door)
    _bewaar(plan, door)
    versie = Planversie(
        plan=plan,
        nummer=1,
        aangemaakt_door=door,
        gewijzigd_door=door,
        gesprek_datum=timezone.localdate(),
    )
    _bewaar(versie, door)
    return versie


def controleer_inhoud(velden: dict) -> None:
    """Rules across fields of a version's content."""
    fouten = {}
    gesprek, evaluatie = velden.get("gesprek_datum"), velden.get("evaluatiedatum")
    if gesprek and evaluatie and evaluatie <= gesprek:
        fouten["evaluatiedatum"] = "De evaluatiedatum moet na de datum van het gesprek liggen."
    if velden.get("maatwerk_nodig"):
        verplicht = {
            "maatwerk_soort": "Vul de soort voorziening in.",
            "maatwerk_wet": "Kies de wet waaronder de voorziening valt.",
            "maatwerk_motivering": "Motiveer waarom een maatwerkvoorziening nodig is.",
            "maatwerk_leveringsvorm": "Kies zorg in natura (ZIN) of een PGB.",
        }
        for veld, melding in verplicht.items():
            if not velden.get(veld):
                fouten[veld] = melding
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def planversie_bijwerken(
    *, planversie: Planversie, door, verwachte_versie: int, velden: dict
) -> Planversie:
    _vergrendel_concept(planversie.pk)
    planversie = _vergrendel(Planversie, planversie.pk, verwachte_versie)
    onbekend = set(velden) - set(INHOUD_VELDEN)
    if onbekend:
        raise ValueError(f"geen inhoudsvelden: {sorted(onbekend)}")
    controleer_inhoud({**{v: getattr(planversie, v) for v in INHOUD_VELDEN}, **velden})
    for veld, waarde in velden.items():
        setattr(planversie, veld, waarde)
    planversie.versie += 1
    planversie.gewijzigd_door = door
    _bewaar(planversie, door)
    return planversie


@transaction.atomic
def nieuwe_versie(*, planversie: Planversie, door) -> Planversie:
    """A new draft copied from a signed version: content, goals and actions (not signatures)."""
    plan = Plan.objects.select_for_update().get(pk=planversie.plan_id)
    bron = Planversie.objects.get(pk=planversie.pk)
    concept = plan.versies.filter(status=Versiestatus.CONCEPT).first()
    if concept is not None:
        raise ValidationError(
            f"Er is al een conceptversie (versie {concept.nummer}); werk die bij.",
            code="concept_bestaat",
        )
    if not bron.is_ondertekend:
        raise ValidationError(
            "Alleen van een ondertekende versie kan een nieuwe versie worden gemaakt."
        )
    laatste = plan.versies.order_by("-nummer").values_list("nummer", flat=True).first()
    nieuw = Planversie(
        plan=plan,
        nummer=laatste + 1,
        vorige=bron,
        aangemaakt_door=door,
        gewijzigd_door=door,
        **{veld: getattr(bron, veld) for veld in INHOUD_VELDEN},
    )
    _bewaar(nieuw, door)
    doelen = bron.doelen.prefetch_related("acties").order_by("volgorde", "id")
    for doel in doelen:
        kopie = Doel(
            planversie=nieuw,
            sleutel=doel.sleutel,
            domein_id=doel.domein_id,
            omschrijving=doel.omschrijving,
            volgorde=doel.volgorde,
        )
        _bewaar(kopie, door)
        for actie in doel.acties.all():
            kopie_actie = Actie(doel=kopie, sleutel=actie.sleutel, volgorde=actie.volgorde)
            for veld in ACTIE_VELDEN:
                attribuut = Actie._meta.get_field(veld).attname
                setattr(kopie_actie, attribuut, getattr(actie, attribuut))
            _bewaar(kopie_actie, door)
    return nieuw


# --- Goals and actions --------------------------------------------------------------------


@transaction.atomic
def doel_toevoegen(*, planversie: Planversie, door, domein, omschrijving: str) -> Doel:
    planversie = _vergrendel_concept(planversie.pk)
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": "Beschrijf het doel."})
    volgorde = planversie.doelen.count() + 1
    doel = Doel(planversie=planversie, domein=domein, omschrijving=omschrijving, volgorde=volgorde)
    _bewaar(doel, door)
    return doel


@transaction.atomic
def doel_bijwerken(*, doel: Doel, door, verwachte_versie: int, domein, omschrijving: str) -> Doel:
    _vergrendel_concept(doel.planversie_id)
    doel = _vergrendel(Doel, doel.pk, verwachte_versie)
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": "Beschrijf het doel."})
    doel.domein, doel.omschrijving = domein, omschrijving
    doel.versie += 1
    _bewaar(doel, door)
    return doel


@transaction.atomic
def doel_verwijderen(*, doel: Doel, door, verwachte_versie: int) -> None:
    _vergrendel_concept(doel.planversie_id)
    doel = _vergrendel(Doel, doel.pk, verwachte_versie)
    for actie in doel.acties.all():
        actie._history_user = door
        actie.delete()
    doel._history_user = door
    doel.delete()


def controleer_actie(velden: dict, *, huishouden_id: int) -> None:
    """Every action has an owner and a date; the owner fits its kind."""
    fouten = {}
    soort = velden.get("eigenaar_soort")
    persoon, naam = velden.get("persoon"), (velden.get("eigenaar_naam") or "").strip()
    if not soort:
        fouten["eigenaar_soort"] = "Kies wie deze actie uitvoert."
    elif soort == Eigenaar.PARTNER and not velden.get("organisatie"):
        fouten["organisatie"] = "Kies de partnerorganisatie die deze actie uitvoert."
    elif soort == Eigenaar.INWONER and not (persoon or naam):
        fouten["persoon"] = "Kies het gezinslid dat deze actie uitvoert, of vul een naam in."
    elif soort == Eigenaar.NETWERK and not naam:
        fouten["eigenaar_naam"] = "Vul de naam in van wie uit het netwerk dit doet."
    elif soort == Eigenaar.CONSULENT and not (velden.get("medewerker") or naam):
        fouten["medewerker"] = "Kies de consulent die deze actie uitvoert, of vul een naam in."
    if persoon is not None and persoon.huishouden_id != huishouden_id:
        fouten["persoon"] = "Dit gezinslid hoort niet bij het huishouden."
    if not (velden.get("wat") or "").strip():
        fouten["wat"] = "Beschrijf wat er gebeurt."
    if not velden.get("wanneer"):
        fouten["wanneer"] = "Vul in wanneer de actie klaar moet zijn."
    if fouten:
        raise ValidationError(fouten)


def _eigenaar_opschonen(velden: dict) -> dict:
    """Keep only the owner fields that belong to the chosen kind."""
    soort = velden.get("eigenaar_soort")
    velden = dict(velden)
    if soort != Eigenaar.PARTNER:
        velden["organisatie"] = None
    if soort != Eigenaar.INWONER:
        velden["persoon"] = None
    if soort != Eigenaar.CONSULENT:
        velden["medewerker"] = None
    if soort == Eigenaar.PARTNER:
        velden["eigenaar_naam"] = velden.get("eigenaar_naam") or ""
    return velden


@transaction.atomic
def actie_toevoegen(*, doel: Doel, door, velden: dict) -> Actie:
    planversie = _vergrendel_concept(doel.planversie_id)
    velden = _eigenaar_opschonen({"status": "open", **velden})
    controleer_actie(velden, huishouden_id=planversie.plan.huishouden_id)
    volgorde = Actie.objects.filter(doel__planversie=planversie).count() + 1
    actie = Actie(doel=doel, volgorde=volgorde, **velden)
    _bewaar(actie, door)
    return actie


@transaction.atomic
def actie_bijwerken(*, actie: Actie, door, verwachte_versie: int, velden: dict) -> Actie:
    planversie = _vergrendel_concept(actie.doel.planversie_id)
    actie = _vergrendel(Actie, actie.pk, verwachte_versie)
    velden = _eigenaar_opschonen(velden)
    controleer_actie(velden, huishouden_id=planversie.plan.huishouden_id)
    status = velden.pop("status", actie.status)
    _wissel_status(actie, status, ACTIE_OVERGANGEN)
    for veld, waarde in velden.items():
        setattr(actie, veld, waarde)
    actie.versie += 1
    _bewaar(actie, door)
    return actie


@transaction.atomic
def actie_verwijderen(*, actie: Actie, door, verwachte_versie: int) -> None:
    _vergrendel_concept(actie.doel.planversie_id)
    actie = _vergrendel(Actie, actie.pk, verwachte_versie)
    actie._history_user = door
    actie.delete()


# --- Signing ------------------------------------------------------------------------------


def handtekening_uit_data_url(data_url: str) -> bytes:
    """The PNG drawn on the canvas, from its data URL; refused when empty, too large or no PNG."""
    prefix = "data:image/png;base64,"
    if not data_url:
        raise ValidationError("Er is nog geen handtekening gezet.", code="leeg")
    if not data_url.startswith(prefix):
        raise ValidationError("De handtekening is geen PNG-afbeelding.", code="type")
    if len(data_url) > MAX_HANDTEKENING_BYTES * 4 // 3 + len(prefix) + 4:
        raise ValidationError("De handtekening is te groot.", code="grootte")
    try:
        inhoud = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("De handtekening is niet leesbaar.", code="type") from None
    if not inhoud.startswith(PNG):
        raise ValidationError("De handtekening is geen PNG-afbeelding.", code="type")
    try:
        with Image.open(io.BytesIO(inhoud)) as beeld:
            beeld.load()
            if beeld.width > 4000 or beeld.height > 2000:
                raise ValidationError("De handtekening is te groot.", code="grootte")
            leeg = beeld.convert("RGBA").getbbox(alpha_only=True) is None
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError("De handtekening is niet leesbaar.", code="type") from None
    if leeg:
        raise ValidationError("Er is nog geen handtekening gezet.", code="leeg")
    return inhoud


def scan_type(inhoud: bytes) -> str:
    """The content type of an uploaded scan by its first bytes (not its name or header)."""
    if len(inhoud) > MAX_SCAN_BYTES:
        raise ValidationError(
            "Het bestand is te groot: de scan mag hoogstens 10 MB zijn.", code="grootte"
        )
    if not inhoud:
        raise ValidationError("Het bestand is leeg.", code="leeg")
    if inhoud.startswith(PDF):
        return "application/pdf"
    if inhoud.startswith(PNG):
        return "image/png"
    if inhoud.startswith(JPEG):
        return "image/jpeg"
    raise ValidationError(
        "Dit bestandstype wordt niet geaccepteerd: upload een PDF, PNG of JPEG.", code="type"
    )


@transaction.atomic
def ondertekenen(
    *,
    planversie: Planversie,
    door,
    persoon: Persoon | None,
    oordeel: str,
    methode: str,
    bestand: bytes,
    opmerkingen: str = "",
    vertegenwoordiger_naam: str = "",
    hoedanigheid: str = "",
    formele_aanvraag: bool = False,
) -> Ondertekening:
    """Sign a version. The first signature freezes the version (concept → ondertekend); members
    and legal representatives may co-sign a signed version afterwards."""
    planversie = Planversie.objects.select_for_update().select_related("plan").get(pk=planversie.pk)
    fouten = {}
    if persoon is None and not vertegenwoordiger_naam.strip():
        fouten["persoon"] = (
            "Kies wie ondertekent: een gezinslid of een wettelijk vertegenwoordiger."
        )
    if persoon is not None and persoon.huishouden_id != planversie.plan.huishouden_id:
        fouten["persoon"] = "Dit gezinslid hoort niet bij het huishouden."
    if vertegenwoordiger_naam.strip() and hoedanigheid not in Hoedanigheid.values:
        fouten["hoedanigheid"] = "Kies in welke hoedanigheid de vertegenwoordiger tekent."
    if oordeel not in Oordeel.values:
        fouten["oordeel"] = "Kies of de inwoner akkoord is of voor gezien tekent."
    if oordeel == Oordeel.VOOR_GEZIEN and not opmerkingen.strip():
        fouten["opmerkingen"] = "Schrijf op waarom de inwoner niet akkoord is."
    if planversie.is_concept and not planversie.evaluatiedatum:
        fouten["evaluatiedatum"] = (
            "Vul eerst een evaluatiedatum in het plan in; zonder evaluatiedatum kan het plan "
            "niet worden ondertekend."
        )
    if formele_aanvraag and not planversie.maatwerk_nodig:
        fouten["formele_aanvraag"] = "Een formele aanvraag kan alleen bij een maatwerkblok."
    if (
        persoon is not None
        and not vertegenwoordiger_naam.strip()
        and planversie.ondertekeningen.filter(persoon=persoon, vertegenwoordiger_naam="").exists()
    ):
        fouten["persoon"] = f"{persoon.naam} heeft deze versie al ondertekend."
    if methode == Methode.SCHERM:
        if not bestand.startswith(PNG):
            fouten["handtekening"] = "De handtekening is geen PNG-afbeelding."
        bestand_type = "image/png"
    elif methode == Methode.PAPIER:
        try:
            bestand_type = scan_type(bestand)
        except ValidationError as fout:
            fouten["scan"] = fout.messages[0]
    else:
        fouten["methode"] = "Kies hoe er is getekend: op het scherm of op papier."
    if fouten:
        raise ValidationError(fouten)

    nu = timezone.now()
    if planversie.is_concept:
        _wissel_status(planversie, Versiestatus.ONDERTEKEND, VERSIE_OVERGANGEN)
        planversie.ondertekend_op = nu
        planversie.formele_aanvraag = formele_aanvraag
        planversie.versie += 1
        planversie.gewijzigd_door = door
        _bewaar(planversie, door)
    extensie = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}[bestand_type]
    ondertekening = Ondertekening(
        planversie=planversie,
        persoon=persoon,
        vertegenwoordiger_naam=vertegenwoordiger_naam.strip(),
        hoedanigheid=hoedanigheid if vertegenwoordiger_naam.strip() else "",
        oordeel=oordeel,
        opmerkingen=opmerkingen,
        methode=methode,
        bestand_type=bestand_type,
        getekend_op=nu,
        vastgelegd_door=door,
    )
    ondertekening.bestand.save(
        f"{'handtekening' if methode == Methode.SCHERM else 'scan'}.{extensie}",
        ContentFile(bestand),
        save=False,
    )
    _bewaar(ondertekening, door)
    if planversie.formele_aanvraag and planversie.maatwerk_nodig:
        from .backoffice import aanvraag_uit_planversie

        aanvraag_uit_planversie(planversie=planversie, door=door, persoon=persoon)
    _pdf_aanvragen(planversie)
    return ondertekening


# --- PDF ----------------------------------------------------------------------------------


def pdf_html(planversie_id: int) -> str:
    """The printed plan as HTML. Deterministic: the same version with the same signatures gives
    the same HTML (no "printed on" time), so the hash tells whether a render is still current."""
    from .selectors import planversie_voor_pdf

    context = planversie_voor_pdf(planversie_id)
    return render_to_string("plannen/pdf/plan.html", context)


def _hash(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def _pdf_aanvragen(planversie: Planversie) -> PlanPdf:
    from . import tasks

    huidig = _hash(pdf_html(planversie.pk))
    pdf, _ = PlanPdf.objects.select_for_update().get_or_create(
        planversie=planversie, defaults={"aangevraagd_op": timezone.now()}
    )
    if pdf.status == PdfStatus.KLAAR and pdf.inhoud_hash == huidig and pdf.bestand:
        return pdf
    pdf.status = PdfStatus.WACHTEN
    pdf.aangevraagd_op = timezone.now()
    pdf.fout = ""
    pdf.save()
    planversie_id = planversie.pk
    transaction.on_commit(lambda: tasks.pdf_maken.delay(planversie_id))
    return pdf


@transaction.atomic
def pdf_aanvragen(*, planversie: Planversie, door) -> PlanPdf:
    """Ask a worker for the PDF; nothing is queued when the stored PDF is still current."""
    return _pdf_aanvragen(planversie)


def pdf_renderen(*, planversie_id: int) -> PlanPdf | None:
    """Render and store the PDF (called by the worker). Idempotent: a PDF whose content hash
    matches the current HTML is kept as it is."""
    with transaction.atomic():
        pdf = PlanPdf.objects.select_for_update().filter(planversie_id=planversie_id).first()
        if pdf is None:
            return None
        nummer = Planversie.objects.values_list("nummer", flat=True).get(pk=planversie_id)
        return pdf_opslaan(
            pdf, html=pdf_html(planversie_id), bestandsnaam=f"plan-versie-{nummer}.pdf"
        )


def pdf_opslaan(pdf, *, html: str, bestandsnaam: str):
    """Render `html` into the locked PDF record (a GerenderdePdf) and store it, in
    the caller's transaction. A PDF whose content hash matches `html` is kept as it is; a
    WeasyPrint failure is recorded on the record for the page to show."""
    from weasyprint import HTML

    inhoud_hash = _hash(html)
    if pdf.status == PdfStatus.KLAAR and pdf.inhoud_hash == inhoud_hash and pdf.bestand:
        return pdf
    try:
        inhoud = HTML(string=html).write_pdf()
    except Exception as fout:  # WeasyPrint raises many kinds; the page must say it failed
        logger.exception("PDF %s mislukt", bestandsnaam)
        pdf.status, pdf.fout = PdfStatus.MISLUKT, str(fout)[:300]
        pdf.save()
        return pdf
    pdf.bestand.save(bestandsnaam, ContentFile(inhoud), save=False)
    pdf.status, pdf.inhoud_hash, pdf.gereed_op, pdf.fout = (
        PdfStatus.KLAAR,
        inhoud_hash,
        timezone.now(),
        "",
    )
    pdf.save()
    storage, naam = pdf.bestand.storage, pdf.bestand.name
    transaction.on_commit(lambda: _alleen_dit_bestand(storage, naam))
    return pdf


def _alleen_dit_bestand(storage, naam: str) -> None:
    """Remove every other file in the record's own directory: the previous render, and the file
    of a render whose worker was killed between writing it and its commit (the task then runs
    again and writes a new file)."""
    map_ = posixpath.dirname(naam)
    for ander in storage.listdir(map_)[1]:
        if posixpath.join(map_, ander) != naam:
            storage.delete(posixpath.join(map_, ander))
