"""Writes and rules of `casussen`: melding, households and persons, triage, the case lifecycle,
keukentafelgesprek, ZRM, contactmomenten and the legal clocks.

Every service takes the acting user (`door`) and keyword-only arguments, writes inside one
transaction and saves per object, so that django-simple-history records who changed what.
Broken rules raise ValidationError with a Dutch message (keyed by form field where one fits).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from toegang.models import Rol

from . import selectors
from .models import (
    OVERGANG_LABELS,
    TRANSITIES,
    Casus,
    Contactmoment,
    Domein,
    Huishouden,
    Keukentafelgesprek,
    Leefgebiedverslag,
    Melding,
    Persoon,
    Sluitreden,
    Status,
    Statusovergang,
    Triage,
    Wet,
    ZrmMeting,
    ZrmScore,
    ZrmSoort,
    mag_overgaan,
)
from .termijnen import WMO_ONDERZOEK_WEKEN, Klok, einde_termijn


def _opslaan(obj, door, reden: str | None = None) -> None:
    """Save one object so that its history row names the acting user (and a reason)."""
    obj._history_user = door
    if reden:
        obj._change_reason = reden[:100]
    obj.save()


def _eigen_team(door, obj_team_id: int) -> None:
    if not door.team_id or door.team_id != obj_team_id:
        raise ValidationError("Dit gegeven hoort niet bij uw team.")


# --- Melding and household ------------------------------------------------------------------


@transaction.atomic
def melding_registreren(*, door, **velden) -> Melding:
    """Register a melding for the acting user's team."""
    if not door.team_id:
        raise ValidationError("U hoort niet bij een team: een melding hoort bij een team.")
    melding = Melding(team_id=door.team_id, geregistreerd_door=door, **velden)
    melding.full_clean(exclude=["geregistreerd_door", "team"])
    _opslaan(melding, door)
    return melding


@transaction.atomic
def huishouden_registreren(*, door, melding: Melding | None = None, **velden) -> Huishouden:
    """A new household in the acting user's team; linked to `melding` when given."""
    if not door.team_id:
        raise ValidationError("U hoort niet bij een team: een huishouden hoort bij een team.")
    huishouden = Huishouden(team_id=door.team_id, **velden)
    _opslaan(huishouden, door)
    if melding is not None:
        melding_koppelen(door=door, melding=melding, huishouden=huishouden)
    return huishouden


@transaction.atomic
def huishouden_wijzigen(*, door, huishouden: Huishouden, **velden) -> Huishouden:
    _eigen_team(door, huishouden.team_id)
    for naam, waarde in velden.items():
        setattr(huishouden, naam, waarde)
    _opslaan(huishouden, door, "Adres gewijzigd")
    return huishouden


@transaction.atomic
def melding_koppelen(*, door, melding: Melding, huishouden: Huishouden) -> Melding:
    _eigen_team(door, melding.team_id)
    _eigen_team(door, huishouden.team_id)
    if melding.triage == Triage.CASUS:
        raise ValidationError("Deze melding hoort al bij een casus; het huishouden ligt vast.")
    melding.huishouden = huishouden
    _opslaan(melding, door, "Huishouden gekoppeld")
    return melding


# --- Persons ----------------------------------------------------------------------------


class DubbelePersoon(Exception):
    """The person exists already: by BSN (never a second record) or by name and date of birth
    (the user may confirm it is someone else). `bestaande` holds the matches the user may see."""

    def __init__(self, *, bestaande: list[Persoon], op_bsn: bool, buiten_team: bool = False):
        self.bestaande = bestaande
        self.op_bsn = op_bsn
        self.buiten_team = buiten_team
        super().__init__("Deze persoon is al geregistreerd.")


def _controleer_dubbel(*, door, bsn, voornamen, achternaam, geboortedatum, zelf=None, toch_nieuw):
    if bsn:
        bestaand = Persoon.objects.filter(bsn=bsn)
        if zelf is not None:
            bestaand = bestaand.exclude(pk=zelf.pk)
        if bestaand.exists():
            zichtbaar = list(bestaand.voor(door).select_related("huishouden"))
            raise DubbelePersoon(bestaande=zichtbaar, op_bsn=True, buiten_team=not zichtbaar)
    if toch_nieuw or zelf is not None:
        return
    zelfde_naam = (
        Persoon.objects.voor(door)
        .filter(
            achternaam__iexact=achternaam.strip(),
            voornamen__iexact=voornamen.strip(),
            geboortedatum=geboortedatum,
        )
        .select_related("huishouden")[:5]
    )
    gevonden = list(zelfde_naam)
    if gevonden:
        raise DubbelePersoon(bestaande=gevonden, op_bsn=False)


@transaction.atomic
def persoon_registreren(
    *, door, huishouden: Huishouden, toch_nieuw: bool = False, **velden
) -> Persoon:
    """A new member of `huishouden`. Raises DubbelePersoon when the BSN exists (always) or when
    name and date of birth match a person the user may see (unless `toch_nieuw`)."""
    _eigen_team(door, huishouden.team_id)
    _controleer_dubbel(
        door=door,
        bsn=velden.get("bsn"),
        voornamen=velden["voornamen"],
        achternaam=velden["achternaam"],
        geboortedatum=velden["geboortedatum"],
        toch_nieuw=toch_nieuw,
    )
    persoon = Persoon(huishouden=huishouden, **velden)
    try:
        with transaction.atomic():
            _opslaan(persoon, door)
    except IntegrityError as fout:  # a BSN registered at the same moment by someone else
        bestaand = list(Persoon.objects.filter(bsn=velden.get("bsn")).voor(door))
        raise DubbelePersoon(bestaande=bestaand, op_bsn=True, buiten_team=not bestaand) from fout
    return persoon


@transaction.atomic
def persoon_wijzigen(*, door, persoon: Persoon, **velden) -> Persoon:
    _eigen_team(door, persoon.huishouden.team_id)
    if velden.get("bsn") and velden["bsn"] != persoon.bsn:
        _controleer_dubbel(
            door=door,
            bsn=velden["bsn"],
            voornamen=velden.get("voornamen", persoon.voornamen),
            achternaam=velden.get("achternaam", persoon.achternaam),
            geboortedatum=velden.get("geboortedatum", persoon.geboortedatum),
            zelf=persoon,
            toch_nieuw=True,
        )
    for naam, waarde in velden.items():
        setattr(persoon, naam, waarde)
    try:
        with transaction.atomic():
            _opslaan(persoon, door, "Persoonsgegevens gewijzigd")
    except IntegrityError as fout:
        raise DubbelePersoon(bestaande=[], op_bsn=True, buiten_team=True) from fout
    return persoon


# --- Triage and the case ------------------------------------------------------------------


def _onderzoekstermijn(gemeld_op: date) -> date:
    return einde_termijn(
        gemeld_op, weken=WMO_ONDERZOEK_WEKEN, gelijkgesteld=selectors.gelijkgestelde_dagen()
    )


def _klok_starten(casus: Casus, gemeld_op: date) -> None:
    casus.gemeld_op = gemeld_op
    casus.onderzoekstermijn_einde = _onderzoekstermijn(gemeld_op)
    casus.onderzoek_afgerond_op = None
    casus.onderzoek_op_tijd = None


def _klok_stoppen(casus: Casus, op: date) -> None:
    """The research is finished: record the date and whether the term was met."""
    if casus.onderzoekstermijn_einde is None or casus.onderzoek_afgerond_op is not None:
        return
    casus.onderzoek_afgerond_op = op
    casus.onderzoek_op_tijd = Klok(casus.onderzoekstermijn_einde).gehaald(op)


def _controleer_regie(casus_team_id: int, regisseur, backup) -> None:
    fouten = {}
    if regisseur is None:
        fouten["regisseur"] = "Kies een regisseur."
    elif regisseur.team_id != casus_team_id or not regisseur.heeft_rol(Rol.CONSULENT):
        fouten["regisseur"] = "De regisseur moet een consulent van het team zijn."
    if backup is not None:
        if backup.team_id != casus_team_id or not backup.heeft_rol(Rol.CONSULENT):
            fouten["backup"] = "De backup moet een consulent van het team zijn."
        elif regisseur is not None and backup.pk == regisseur.pk:
            fouten["backup"] = "De backup moet iemand anders zijn dan de regisseur."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def triageren(
    *,
    door,
    melding: Melding,
    uitkomst: str,
    toelichting: str = "",
    doorverwezen_naar: str = "",
    regisseur=None,
    backup=None,
) -> Casus | None:
    """Settle a melding: advice at once, passed to the voorliggend veld, or taken on as a case.

    A case gets a regisseur and backup from the team; a household that has an open case already
    gets no second one: the melding joins that case ("one household, one plan, one regisseur").
    A Wmo melding starts the six-week research clock unless one runs already.
    """
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _eigen_team(door, melding.team_id)
    if melding.triage != Triage.OPEN:
        raise ValidationError("Deze melding is al getrieerd.")
    if uitkomst not in {Triage.ADVIES, Triage.VOORLIGGEND_VELD, Triage.CASUS}:
        raise ValidationError({"uitkomst": "Kies een uitkomst van de triage."})
    if uitkomst == Triage.VOORLIGGEND_VELD and not doorverwezen_naar.strip():
        raise ValidationError({"doorverwezen_naar": "Vul in naar wie de vraag is doorgezet."})
    if uitkomst == Triage.ADVIES and not toelichting.strip():
        raise ValidationError({"toelichting": "Beschrijf kort welk advies is gegeven."})

    casus = None
    if uitkomst == Triage.CASUS:
        if melding.huishouden_id is None:
            raise ValidationError(
                "Koppel eerst een huishouden aan de melding: een casus hoort bij een huishouden."
            )
        casus = (
            Casus.objects.select_for_update()
            .filter(huishouden_id=melding.huishouden_id)
            .exclude(status=Status.AFGESLOTEN)
            .first()
        )
        if casus is None:
            casus = _casus_openen(door=door, melding=melding, regisseur=regisseur, backup=backup)
        elif Wet.WMO in melding.wetten and (
            casus.onderzoekstermijn_einde is None or casus.onderzoek_afgerond_op is not None
        ):
            _klok_starten(casus, melding.datum)
            _opslaan(casus, door, f"Nieuwe Wmo-melding {melding.nummer}")

    melding.triage = uitkomst
    melding.triage_toelichting = toelichting.strip()
    melding.doorverwezen_naar = doorverwezen_naar.strip() if uitkomst != Triage.ADVIES else ""
    melding.casus = casus
    melding.getrieerd_door = door
    melding.getrieerd_op = timezone.now()
    _opslaan(melding, door, "Triage")
    return casus


def _casus_openen(*, door, melding: Melding, regisseur, backup) -> Casus:
    _controleer_regie(melding.team_id, regisseur, backup)
    vandaag = timezone.localdate()
    casus = Casus(
        huishouden_id=melding.huishouden_id,
        team_id=melding.team_id,
        regisseur=regisseur,
        backup=backup,
        status=Status.AANMELDING,
        wetten=list(melding.wetten),
        vraag=melding.vraag,
        geopend_op=vandaag,
    )
    if Wet.WMO in melding.wetten:
        _klok_starten(casus, melding.datum)
    _opslaan(casus, door, f"Geopend na triage van {melding.nummer}")
    overgang = Statusovergang(
        casus=casus,
        van="",
        naar=Status.AANMELDING,
        door=door,
        op=timezone.now(),
        reden=f"Casus geopend na triage van melding {melding.nummer}.",
    )
    _opslaan(overgang, door)
    return casus


class OngeldigeOvergang(ValidationError):
    pass


def afsluit_zrm(casus: Casus) -> ZrmMeting | None:
    """The closing ZRM: an assessment of kind 'afsluiting' made since the case entered its
    current status (so a ZRM from before a reopening does not count)."""
    laatste = casus.statusovergangen.order_by("-op", "-id").values_list("op", flat=True).first()
    sinds = timezone.localdate(laatste) if laatste else casus.geopend_op
    return (
        casus.zrm_metingen.filter(
            soort=ZrmSoort.AFSLUITING, datum__gte=sinds, datum__lte=timezone.localdate()
        )
        .filter(scores__isnull=False)
        .order_by("-datum", "-id")
        .first()
    )


@transaction.atomic
def status_wijzigen(
    *, door, casus: Casus, naar: str, reden: str, sluitreden: str = ""
) -> Statusovergang:
    """Move the case along the lifecycle (models.TRANSITIES). Records who, when and why.

    Into 'plan' (or closing before a plan) the research counts as finished: the Wmo clock
    stops and records whether the term was met. Closing needs a sluitreden and a closing ZRM;
    reopening clears the closing date.
    """
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    _eigen_team(door, casus.team_id)
    van = casus.status
    if naar not in Status.values:
        raise OngeldigeOvergang({"naar": "Deze status bestaat niet."})
    if not mag_overgaan(van, naar):
        toegestaan = ", ".join(Status(s).label.lower() for s in TRANSITIES.get(van, ()))
        raise OngeldigeOvergang(
            {
                "naar": f"Van {Status(van).label.lower()} naar {Status(naar).label.lower()} "
                f"is geen toegestane stap. Vanuit {Status(van).label.lower()} kan de casus "
                f"naar: {toegestaan}."
            }
        )
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": "Geef een reden voor deze stap."})
    vandaag = timezone.localdate()

    if naar == Status.AFGESLOTEN:
        fouten = {}
        if sluitreden not in Sluitreden.values:
            fouten["sluitreden"] = "Kies een reden van afsluiting."
        if afsluit_zrm(casus) is None:
            fouten["__all__"] = (
                "Leg eerst een afsluitende ZRM vast (soort 'Afsluiting'), gedateerd in de "
                "huidige fase en niet in de toekomst. Zonder afsluitende ZRM kan de casus "
                "niet worden afgesloten."
            )
        if fouten:
            raise ValidationError(fouten)
        casus.sluitreden = sluitreden
        casus.gesloten_op = vandaag
        _klok_stoppen(casus, vandaag)
    elif van == Status.AFGESLOTEN:
        casus.sluitreden = ""
        casus.gesloten_op = None
    if naar == Status.PLAN:
        _klok_stoppen(casus, vandaag)

    casus.status = naar
    label = OVERGANG_LABELS.get((van, naar), f"{van} → {naar}")
    _opslaan(casus, door, label)
    overgang = Statusovergang(
        casus=casus, van=van, naar=naar, door=door, op=timezone.now(), reden=reden
    )
    overgang.full_clean(exclude=["casus", "door"])
    _opslaan(overgang, door)
    return overgang


@transaction.atomic
def regie_toewijzen(*, door, casus: Casus, regisseur, backup, reden: str) -> Casus:
    """A teamleider (re)assigns the regisseur and backup of a case of their team."""
    if not door.heeft_rol(Rol.TEAMLEIDER):
        raise ValidationError("Alleen een teamleider wijst de regie toe.")
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    _eigen_team(door, casus.team_id)
    _controleer_regie(casus.team_id, regisseur, backup)
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef een reden voor de wijziging."})
    casus.regisseur = regisseur
    casus.backup = backup
    _opslaan(casus, door, f"Regie: {reden.strip()}")
    return casus


@transaction.atomic
def evaluatiedatum_zetten(*, door, casus: Casus, datum: date | None) -> Casus:
    """The evaluation date (set with the plan); the caseload shows it as a due date."""
    _eigen_team(door, casus.team_id)
    casus.evaluatie_op = datum
    _opslaan(casus, door, "Evaluatiedatum")
    return casus


# --- Keukentafelgesprek and ZRM -------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    persoon: Persoon
    domein: Domein
    score: int | None
    reden: str = ""


@dataclass(frozen=True)
class Leefgebied:
    domein: Domein
    zorgen: str = ""
    krachten: str = ""


def _controleer_scores(casus: Casus, scores: Iterable[Score]) -> list[Score]:
    scores = list(scores)
    if not scores:
        raise ValidationError("Kies minstens één leefgebied om te scoren.")
    gezien = set()
    for s in scores:
        if s.persoon.huishouden_id != casus.huishouden_id:
            raise ValidationError("Alleen leden van het huishouden krijgen een ZRM-score.")
        if (s.persoon.pk, s.domein.pk) in gezien:
            raise ValidationError("Elke persoon krijgt één score per leefgebied.")
        gezien.add((s.persoon.pk, s.domein.pk))
        if s.score is None and not s.reden.strip():
            raise ValidationError("Geef een reden als een leefgebied niet gescoord wordt.")
        if s.score is not None and s.score not in range(1, 6):
            raise ValidationError("Een ZRM-score ligt tussen 1 en 5.")
    return scores


def _scores_opslaan(meting: ZrmMeting, scores: list[Score], door) -> None:
    for s in scores:
        rij = ZrmScore(
            meting=meting,
            persoon=s.persoon,
            domein=s.domein,
            score=s.score,
            reden_niet_gescoord="" if s.score is not None else s.reden.strip(),
        )
        _opslaan(rij, door)


def _niet_in_toekomst(datum: date, veld: str = "datum") -> None:
    if datum > timezone.localdate():
        raise ValidationError({veld: "De datum kan niet in de toekomst liggen."})


@transaction.atomic
def keukentafelgesprek_vastleggen(
    *,
    door,
    casus: Casus,
    datum: date,
    plaats: str,
    verslag: str,
    aanwezige_leden: Iterable[Persoon] = (),
    overige_aanwezigen: str = "",
    netwerk: str = "",
    eigen_kracht: str = "",
    leefgebieden: Iterable[Leefgebied] = (),
    scores: Iterable[Score] = (),
) -> Keukentafelgesprek:
    """Record the conversation, its account per life domain, and its ZRM (kind 'intake')."""
    _eigen_team(door, casus.team_id)
    _niet_in_toekomst(datum)
    if not casus.is_open:
        raise ValidationError("Deze casus is afgesloten; heropen haar eerst.")
    scores = _controleer_scores(casus, scores)
    leden = list(aanwezige_leden)
    if any(p.huishouden_id != casus.huishouden_id for p in leden):
        raise ValidationError({"aanwezige_leden": "Kies alleen leden van dit huishouden."})
    gesprek = Keukentafelgesprek(
        casus=casus,
        datum=datum,
        plaats=plaats,
        overige_aanwezigen=overige_aanwezigen,
        verslag=verslag,
        netwerk=netwerk,
        eigen_kracht=eigen_kracht,
        door=door,
    )
    _opslaan(gesprek, door)
    if leden:
        gesprek.aanwezige_leden.set(leden)
    for lg in leefgebieden:
        _opslaan(
            Leefgebiedverslag(
                gesprek=gesprek, domein=lg.domein, zorgen=lg.zorgen, krachten=lg.krachten
            ),
            door,
        )
    meting = ZrmMeting(
        casus=casus,
        keukentafelgesprek=gesprek,
        datum=datum,
        soort=ZrmSoort.INTAKE,
        door=door,
    )
    _opslaan(meting, door)
    _scores_opslaan(meting, scores, door)
    return gesprek


@transaction.atomic
def zrm_vastleggen(
    *, door, casus: Casus, datum: date, soort: str, scores: Iterable[Score]
) -> ZrmMeting:
    """A ZRM assessment outside the intake: tussentijds, evaluatie or afsluiting."""
    _eigen_team(door, casus.team_id)
    _niet_in_toekomst(datum)
    if not casus.is_open:
        raise ValidationError("Deze casus is afgesloten; heropen haar eerst.")
    if soort not in {ZrmSoort.TUSSENTIJDS, ZrmSoort.EVALUATIE, ZrmSoort.AFSLUITING}:
        raise ValidationError({"soort": "Kies het soort meting."})
    scores = _controleer_scores(casus, scores)
    meting = ZrmMeting(casus=casus, datum=datum, soort=soort, door=door)
    _opslaan(meting, door)
    _scores_opslaan(meting, scores, door)
    return meting


# --- Contactmomenten ----------------------------------------------------------------------


@transaction.atomic
def contactmoment_vastleggen(
    *, door, casus: Casus, op, wijze: str, met_wie: str, samenvatting: str
) -> Contactmoment:
    _eigen_team(door, casus.team_id)
    if op > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"op": "Een contactmoment kan niet in de toekomst liggen."})
    contact = Contactmoment(
        casus=casus, op=op, wijze=wijze, met_wie=met_wie, samenvatting=samenvatting, door=door
    )
    contact.full_clean(exclude=["casus", "door"])
    _opslaan(contact, door)
    return contact


# --- Legal clocks -------------------------------------------------------------------------


@transaction.atomic
def termijnen_herberekenen(*, door, rond: date) -> int:
    """After the beheerder adds or removes a gelijkgestelde dag: recompute the running research
    terms that may end near it (per object, so history is written). Returns how many changed."""
    kandidaten = (
        Casus.objects.select_for_update()
        .filter(
            gemeld_op__isnull=False,
            onderzoek_afgerond_op__isnull=True,
            onderzoekstermijn_einde__gte=rond - timedelta(days=1),
            onderzoekstermijn_einde__lte=rond + timedelta(days=14),
        )
        .filter(~Q(status=Status.AFGESLOTEN))
        .order_by("pk")
    )
    gewijzigd = 0
    for casus in kandidaten:
        nieuw = _onderzoekstermijn(casus.gemeld_op)
        if nieuw != casus.onderzoekstermijn_einde:
            casus.onderzoekstermijn_einde = nieuw
            _opslaan(casus, door, "Termijn herberekend (gelijkgestelde dag)")
            gewijzigd += 1
    return gewijzigd
