"""Writes and rules of `partners`: organisations, referrals and their status, what partners
report, and the feedback to a professional who reported a household. Reminders about
unanswered referrals are scans in partners.herinneringen.

Every service takes the acting user (`door`) and keyword-only arguments, writes inside one
transaction and saves per object so that django-simple-history records who changed what.
Celery work is queued with `transaction.on_commit`. Broken rules raise ValidationError with a
Dutch message (keyed by form field where one fits).

Access: a referral that opens grants the organisation's group sight of the household
(toegang.services.partnertoegang_bijwerken, which also demands valid consent); a referral that
closes recomputes the grant (kept only while another referral of that organisation to that
household is open).
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from casussen.models import Bron, Casus, Melding, Status
from toegang.models import Doel, Rol, Toestemming
from toegang.services import partnertoegang_bijwerken

from .models import (
    GROEP_PREFIX,
    OPEN_STATUSSEN,
    Actiemelding,
    Gebeurtenis,
    Organisatie,
    Terugkoppeling,
    Verwijzing,
    Verwijzingsovergang,
    Verwijzingstatus,
    Voortgangsnotitie,
    mag_overgaan,
)

# Who counts as a professional referrer (DESIGN §4: the referrer hears what happened next).
PROFESSIONELE_BRONNEN = frozenset(
    {Bron.PROFESSIONAL, Bron.HUISARTS, Bron.SCHOOL, Bron.VEILIG_THUIS, Bron.VASTELASTENPARTNER}
)


class GeenToestemming(ValidationError):
    """No valid consent covers sharing this household with the organisation."""

    def __init__(self, organisatie):
        self.organisatie = organisatie
        super().__init__(
            f"Er is geen geldige toestemming om gegevens van dit huishouden te delen met "
            f"{organisatie.naam}. Leg eerst de toestemming van de inwoner vast; daarna kunt u "
            "de verwijzing versturen.",
            code="geen_toestemming",
        )


def _opslaan(obj, door, reden: str | None = None) -> None:
    obj._history_user = door
    if reden:
        obj._change_reason = reden[:100]
    obj.save()


# --- Organisations ----------------------------------------------------------------------------


def groepsnaam(naam: str) -> str:
    return f"{GROEP_PREFIX}{naam}"[:150]


@transaction.atomic
def organisatie_opslaan(*, door, organisatie: Organisatie) -> Organisatie:
    """Save an organisation (the beheerder, in the admin); its staff group is created or renamed
    with it, so grants and the access log name the organisation."""
    organisatie.diensten = sorted({d.strip().lower() for d in organisatie.diensten if d.strip()})
    organisatie.wijken = sorted({w.strip() for w in organisatie.wijken if w.strip()})
    if organisatie.groep_id is None:
        organisatie.groep, _ = Group.objects.get_or_create(name=groepsnaam(organisatie.naam))
    elif organisatie.groep.name != groepsnaam(organisatie.naam):
        organisatie.groep.name = groepsnaam(organisatie.naam)
        organisatie.groep.save(update_fields=["name"])
    _opslaan(organisatie, door)
    return organisatie


# --- Referral ---------------------------------------------------------------------------------


def dekkende_toestemmingen(*, huishouden_id: int, organisatie: Organisatie):
    """Valid consents of the household's members to share with this organisation."""
    return Toestemming.objects.geldig().filter(
        doel=Doel.DELEN, ontvanger_id=organisatie.groep_id, persoon__huishouden_id=huishouden_id
    )


def _open_verwijzing_bestaat(*, huishouden_id: int, organisatie_id: int, behalve=None) -> bool:
    qs = Verwijzing.objects.filter(
        casus__huishouden_id=huishouden_id, organisatie_id=organisatie_id, status__in=OPEN_STATUSSEN
    )
    if behalve is not None:
        qs = qs.exclude(pk=behalve.pk)
    return qs.exists()


def toegang_herberekenen(*, huishouden, organisatie: Organisatie) -> bool:
    """Grant or revoke the organisation's sight of the household from the open referrals."""
    return partnertoegang_bijwerken(
        huishouden=huishouden,
        groep=organisatie.groep,
        verwijzing_open=_open_verwijzing_bestaat(
            huishouden_id=huishouden.pk, organisatie_id=organisatie.pk
        ),
    )


@transaction.atomic
def verwijzen(
    *,
    door,
    casus: Casus,
    organisatie: Organisatie,
    vraag: str,
    acties=(),
    toestemming: Toestemming | None = None,
) -> Verwijzing:
    """Send a referral (VIA-ticket) from a case to a partner organisation.

    Refused without a valid consent that covers sharing with this organisation
    (`GeenToestemming`); the consent may be named, or the newest covering one is taken.
    """
    from plannen.models import Actie

    casus = Casus.objects.select_for_update().select_related("huishouden").get(pk=casus.pk)
    if not (door.team_id == casus.team_id and door.heeft_rol(Rol.CONSULENT, Rol.TEAMLEIDER)):
        raise ValidationError("Alleen het team van de casus kan verwijzen.")
    if casus.status == Status.AFGESLOTEN:
        raise ValidationError("Deze casus is afgesloten: heropen de casus om te verwijzen.")
    fouten = {}
    vraag = (vraag or "").strip()
    if not vraag:
        fouten["vraag"] = "Schrijf kort de vraag op, in de woorden van de inwoner."
    elif len(vraag) > 1000:
        fouten["vraag"] = "De vraag mag hoogstens 1000 tekens lang zijn."
    if not organisatie.actief:
        fouten["organisatie"] = "Deze organisatie staat niet meer op de sociale kaart."
    elif _open_verwijzing_bestaat(huishouden_id=casus.huishouden_id, organisatie_id=organisatie.pk):
        fouten["organisatie"] = (
            f"Er loopt al een verwijzing van dit huishouden naar {organisatie.naam}."
        )
    acties = list(acties)
    if acties:
        geldig = set(
            Actie.objects.filter(
                pk__in=[a.pk for a in acties],
                doel__planversie__plan__huishouden_id=casus.huishouden_id,
            ).values_list("pk", flat=True)
        )
        if len(geldig) != len({a.pk for a in acties}):
            fouten["acties"] = "Kies alleen acties uit het plan van dit huishouden."
    if fouten:
        raise ValidationError(fouten)

    dekkend = dekkende_toestemmingen(huishouden_id=casus.huishouden_id, organisatie=organisatie)
    if toestemming is None:
        toestemming = dekkend.order_by("-geldig_van", "-id").first()
    elif not dekkend.filter(pk=toestemming.pk).exists():
        toestemming = None
    if toestemming is None:
        raise GeenToestemming(organisatie)

    nu = timezone.now()
    verwijzing = Verwijzing(
        casus=casus,
        organisatie=organisatie,
        vraag=vraag,
        toestemming=toestemming,
        status=Verwijzingstatus.VERSTUURD,
        verstuurd_door=door,
        verstuurd_op=nu,
    )
    _opslaan(verwijzing, door, "Verstuurd")
    if acties:
        verwijzing.acties.set(acties)
    _opslaan(
        Verwijzingsovergang(
            verwijzing=verwijzing, van="", naar=Verwijzingstatus.VERSTUURD, door=door, op=nu
        ),
        door,
    )
    partnertoegang_bijwerken(
        huishouden=casus.huishouden, groep=organisatie.groep, verwijzing_open=True, door=door
    )
    from . import tasks

    transaction.on_commit(lambda: tasks.nieuwe_verwijzing_melden.delay(verwijzing.pk))
    return verwijzing


def _is_partner_van(door, organisatie_id: int) -> bool:
    return (
        door.heeft_rol(Rol.PARTNER) and door.groups.filter(organisatie__pk=organisatie_id).exists()
    )


def _partner_verwijzing(door, verwijzing: Verwijzing) -> Verwijzing:
    """The referral, locked, if the partner may act on it now (consent checked in SQL)."""
    gevonden = (
        Verwijzing.objects.voor_partner(door)
        .select_for_update(of=("self",))
        .filter(pk=verwijzing.pk)
        .first()
    )
    if gevonden is None:
        raise ValidationError("U heeft geen toegang (meer) tot deze verwijzing.")
    return gevonden


@transaction.atomic
def status_wijzigen(
    *, door, verwijzing: Verwijzing, naar: str, toelichting: str = ""
) -> Verwijzingsovergang:
    """The partner moves the referral along VERWIJZING_OVERGANGEN. Declining needs a reason,
    finishing needs an outcome; both end the organisation's access unless another referral of
    it to the household is still open."""
    verwijzing = _partner_verwijzing(door, verwijzing)
    van = verwijzing.status
    if naar not in Verwijzingstatus.values:
        raise ValidationError({"naar": "Deze status bestaat niet."})
    if not mag_overgaan(van, naar):
        raise ValidationError(
            {
                "naar": f"Van ‘{Verwijzingstatus(van).label.lower()}’ naar "
                f"‘{Verwijzingstatus(naar).label.lower()}’ is geen toegestane stap."
            }
        )
    toelichting = (toelichting or "").strip()
    nu = timezone.now()
    if naar == Verwijzingstatus.AFGEWEZEN:
        if not toelichting:
            raise ValidationError({"toelichting": "Geef een reden waarom u de verwijzing afwijst."})
        verwijzing.afwijsreden = toelichting
    if naar == Verwijzingstatus.AFGEROND:
        if not toelichting:
            raise ValidationError({"toelichting": "Beschrijf de uitkomst voor de inwoner."})
        verwijzing.uitkomst = toelichting
        verwijzing.afgerond_op = nu
    if naar in (Verwijzingstatus.GEACCEPTEERD, Verwijzingstatus.AFGEWEZEN):
        verwijzing.beantwoord_op = nu
    verwijzing.status = naar
    _opslaan(verwijzing, door, Verwijzingstatus(naar).label)
    overgang = Verwijzingsovergang(
        verwijzing=verwijzing, van=van, naar=naar, door=door, op=nu, toelichting=toelichting
    )
    _opslaan(overgang, door)
    if naar not in OPEN_STATUSSEN:
        casus = Casus.objects.select_related("huishouden").get(pk=verwijzing.casus_id)
        toegang_herberekenen(huishouden=casus.huishouden, organisatie=verwijzing.organisatie)
    return overgang


@transaction.atomic
def notitie_plaatsen(*, door, verwijzing: Verwijzing, tekst: str) -> Voortgangsnotitie:
    """A partner's progress note on an open referral."""
    verwijzing = _partner_verwijzing(door, verwijzing)
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf de voortgang op."})
    if len(tekst) > 4000:
        raise ValidationError({"tekst": "De notitie mag hoogstens 4000 tekens lang zijn."})
    if not verwijzing.is_open:
        raise ValidationError("Deze verwijzing is gesloten: er kan geen notitie meer bij.")
    notitie = Voortgangsnotitie(verwijzing=verwijzing, tekst=tekst, door=door)
    _opslaan(notitie, door)
    return notitie


@transaction.atomic
def actiestatus_melden(
    *, door, verwijzing: Verwijzing, actie, status: str, toelichting: str = ""
) -> Actiemelding:
    """A partner reports the status of a plan action assigned to its organisation.

    The report is kept as an Actiemelding (the newest per action is what the team sees). On a
    draft plan version the action itself changes too, through plannen.services.actie_bijwerken
    (a signed version is frozen in the database: its actions cannot change)."""
    from plannen import services as plan_services
    from plannen.models import ACTIE_OVERGANGEN, Actie, Actiestatus

    verwijzing = _partner_verwijzing(door, verwijzing)
    if verwijzing.status not in (Verwijzingstatus.GEACCEPTEERD, Verwijzingstatus.BEZIG):
        raise ValidationError(
            "Accepteer eerst de verwijzing; daarna kunt u de status van acties bijwerken."
        )
    actie = (
        Actie.objects.select_related("doel__planversie__plan")
        .filter(
            pk=actie.pk,
            organisatie_id=verwijzing.organisatie_id,
            doel__planversie__plan__huishouden_id=verwijzing.casus.huishouden_id,
        )
        .first()
    )
    if actie is None:
        raise ValidationError("Deze actie is niet aan uw organisatie toegewezen.")
    if status not in Actiestatus.values:
        raise ValidationError({"status": "Kies een geldige status."})
    laatste = (
        Actiemelding.objects.filter(actie_sleutel=actie.sleutel).order_by("-op", "-id").first()
    )
    huidig = laatste.status if laatste else actie.status
    if status != huidig and status not in ACTIE_OVERGANGEN.get(huidig, ()):
        raise ValidationError(
            {
                "status": f"Van ‘{Actiestatus(huidig).label.lower()}’ naar "
                f"‘{Actiestatus(status).label.lower()}’ is geen toegestane stap."
            }
        )
    planversie = actie.doel.planversie
    if planversie.is_concept and actie.status != status:
        velden = {
            veld: getattr(actie, veld)
            for veld in [
                "eigenaar_soort",
                "persoon",
                "medewerker",
                "organisatie",
                "eigenaar_naam",
                "wat",
                "wanneer",
            ]
        }
        plan_services.actie_bijwerken(
            actie=actie,
            door=door,
            verwachte_versie=actie.versie,
            velden={**velden, "status": status},
        )
    melding = Actiemelding(
        actie=actie,
        actie_sleutel=actie.sleutel,
        organisatie_id=verwijzing.organisatie_id,
        verwijzing=verwijzing,
        status=status,
        toelichting=(toelichting or "").strip()[:500],
        door=door,
    )
    _opslaan(melding, door)
    return melding


# --- Mail to the organisation -------------------------------------------------------------------


def nieuwe_verwijzing_mailen(*, verwijzing_id: int) -> int:
    """Tell the organisation's inbox address a referral waits; no resident data in the mail."""
    verwijzing = Verwijzing.objects.select_related("organisatie").filter(pk=verwijzing_id).first()
    if verwijzing is None or not verwijzing.organisatie.email:
        return 0
    send_mail(
        subject=f"Wijkteam: nieuwe verwijzing {verwijzing.nummer}",
        message=(
            f"Er staat een nieuwe verwijzing ({verwijzing.nummer}) voor "
            f"{verwijzing.organisatie.naam} in de inbox van Wijkteam.\n\n"
            "Log in om de vraag te lezen en de verwijzing te accepteren of af te wijzen. "
            "Om privacyredenen staan er in deze e-mail geen gegevens over de inwoner."
        ),
        from_email=None,
        recipient_list=[verwijzing.organisatie.email],
    )
    return 1


# --- Feedback to the referrer -------------------------------------------------------------------


def is_professionele_melding(melding: Melding) -> bool:
    return melding.bron in PROFESSIONELE_BRONNEN and bool(melding.melder_email)


def melding_terugkoppelen(*, melding: Melding, gebeurtenis: str) -> bool:
    """Queue the message to a professional referrer after commit; True when queued."""
    if not is_professionele_melding(melding):
        return False
    if Terugkoppeling.objects.filter(
        melding_id=melding.pk, gebeurtenis=gebeurtenis, verstuurd_op__isnull=False
    ).exists():
        return False
    from . import tasks

    melding_id = melding.pk
    transaction.on_commit(lambda: tasks.terugkoppeling_versturen.delay(melding_id, gebeurtenis))
    return True


def verwijzer_informeren(*, casus: Casus, gebeurtenis: str) -> int:
    """Tell every professional who reported this case's household that the case was taken on
    (`Gebeurtenis.IN_BEHANDELING`) or closed (`Gebeurtenis.AFGESLOTEN`). Casussen need not
    call this: partners.signals calls it on triage and on closing. Returns how many queued."""
    if gebeurtenis not in Gebeurtenis.values:
        raise ValueError(f"onbekende gebeurtenis: {gebeurtenis}")
    meldingen = Melding.objects.filter(casus=casus, bron__in=PROFESSIONELE_BRONNEN).exclude(
        melder_email=""
    )
    return sum(melding_terugkoppelen(melding=m, gebeurtenis=gebeurtenis) for m in meldingen)


def terugkoppeling_tekst(*, melding: Melding, gebeurtenis: str) -> tuple[str, str]:
    """Subject and body: the date and the reference number of the melding, nothing else."""
    wat = {
        Gebeurtenis.IN_BEHANDELING: "in behandeling genomen",
        Gebeurtenis.AFGESLOTEN: "afgesloten",
    }[gebeurtenis]
    onderwerp = f"Uw melding {melding.nummer} bij het wijkteam"
    tekst = (
        "Geachte heer/mevrouw,\n\n"
        f"Uw melding van {melding.datum:%d-%m-%Y} (kenmerk {melding.nummer}) is door het "
        f"wijkteam {wat}.\n\n"
        "Om de privacy van de inwoner te beschermen staan in dit bericht geen persoonsgegevens. "
        "Heeft u een vraag, neem dan contact op met het wijkteam en noem het kenmerk.\n\n"
        "Met vriendelijke groet,\nHet wijkteam"
    )
    return onderwerp, tekst


def terugkoppeling_versturen(*, melding_id: int, gebeurtenis: str) -> bool:
    """Send the message once (called by the worker; safe to run twice)."""
    with transaction.atomic():
        melding = Melding.objects.filter(pk=melding_id).first()
        if melding is None or not is_professionele_melding(melding):
            return False
        terugkoppeling, _ = Terugkoppeling.objects.get_or_create(
            melding=melding, gebeurtenis=gebeurtenis
        )
        terugkoppeling = Terugkoppeling.objects.select_for_update().get(pk=terugkoppeling.pk)
        if terugkoppeling.verstuurd_op is not None:
            return False
        onderwerp, tekst = terugkoppeling_tekst(melding=melding, gebeurtenis=gebeurtenis)
        send_mail(onderwerp, tekst, None, [melding.melder_email])
        terugkoppeling.verstuurd_op = timezone.now()
        terugkoppeling.save()
        return True
