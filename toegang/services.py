"""Writes of `toegang`: accounts, second-factor devices, the access log, consent and grants."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm

from .models import (
    Doel,
    Doorbraak,
    Gegevensdeling,
    Grondslag,
    HuishoudenGroepsrecht,
    LogActie,
    LogResultaat,
    Rol,
    Team,
    Toegangslog,
    Toestemming,
)
from .selectors import BEKIJK_HUISHOUDEN


def totp_apparaat(*, gebruiker) -> TOTPDevice:
    """The user's authenticator device: the confirmed one, or a fresh unconfirmed one to set up."""
    device = TOTPDevice.objects.devices_for_user(gebruiker, confirmed=True).first()
    if device is not None:
        return device
    device = TOTPDevice.objects.devices_for_user(gebruiker, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=gebruiker, name="Authenticator", confirmed=False)
    return device


@transaction.atomic
def gebruiker_aanmaken(
    *,
    username: str,
    password: str,
    rollen: list[str],
    team: Team | None = None,
    totp_sleutel: str | None = None,
    is_demo: bool = False,
    **velden,
):
    """Create an account; with `totp_sleutel` (hex) its authenticator is set up already."""
    gebruiker = get_user_model().objects.create_user(
        username=username, password=password, rollen=rollen, team=team, is_demo=is_demo, **velden
    )
    if totp_sleutel:
        TOTPDevice.objects.create(
            user=gebruiker, name="Authenticator", key=totp_sleutel, confirmed=True
        )
    return gebruiker


def _al_gelogd(request, sleutel: tuple) -> bool:
    """One page view is one row per resident and action, however many records it shows."""
    if request is None:
        return False
    gelogd = request.__dict__.setdefault("_toegangslog_gelogd", set())
    if sleutel in gelogd:
        return True
    gelogd.add(sleutel)
    return False


def _organisatie(gebruiker) -> str:
    """The partner organisation or team on whose behalf the user works, as text."""
    if gebruiker.team_id:
        return str(gebruiker.team)
    groep = gebruiker.groups.filter(name__startswith="Organisatie: ").first()
    return groep.name.removeprefix("Organisatie: ") if groep else ""


def _huishouden_van(record) -> int | None:
    """The household a record belongs to: itself, its own field, or through its parent."""
    if record._meta.model_name == "huishouden":
        return record.pk
    if getattr(record, "huishouden_id", None):
        return record.huishouden_id
    for ouder in ("casus", "plan", "planversie", "doel", "persoon"):
        waarde = getattr(record, ouder, None)
        if waarde is not None and hasattr(waarde, "_meta"):
            return _huishouden_van(waarde)
    return None


def log_toegang(
    *,
    gebruiker,
    object,
    actie: str = LogActie.BEKIJKEN,
    resultaat: str = LogResultaat.TOEGESTAAN,
    request=None,
    reden: str = "",
    doorbraak: bool = False,
    verwerkingsactiviteit: str = "",
) -> Toegangslog | None:
    """Write one access-log row about a resident's record (append-only, see Toegangslog).

    The record names its resident through `huishouden_id` / `persoon_id`, or is one itself.
    """
    from .middleware import huidig_verzoek

    request = request or huidig_verzoek.get()
    model = object._meta.model_name
    huishouden_id = _huishouden_van(object)
    persoon_id = object.pk if model == "persoon" else getattr(object, "persoon_id", None)
    sleutel = (huishouden_id or (model, object.pk), persoon_id, actie, resultaat)
    if _al_gelogd(request, sleutel):
        return None
    return Toegangslog.objects.create(
        gebruiker_id=gebruiker.pk if gebruiker.is_authenticated else None,
        gebruikersnaam=gebruiker.get_username() if gebruiker.is_authenticated else "(anoniem)",
        rol=",".join(getattr(gebruiker, "rollen", [])),
        organisatie=_organisatie(gebruiker) if gebruiker.is_authenticated else "",
        huishouden_id=huishouden_id,
        persoon_id=persoon_id,
        object_type=model,
        object_id=object.pk,
        actie=actie,
        resultaat=resultaat,
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
        verwerkingsactiviteit=verwerkingsactiviteit
        or VERWERKINGSACTIVITEIT.get(model, "casusregie"),
        reden=reden,
        doorbraak=doorbraak,
    )


# The processing activity (Logboek Dataverwerkingen) a record belongs to.
VERWERKINGSACTIVITEIT = {
    "huishouden": "casusregie sociaal domein",
    "persoon": "casusregie sociaal domein",
    "casus": "casusregie sociaal domein",
    "plan": "ondersteuningsplan",
    "planversie": "ondersteuningsplan",
    "toestemming": "toestemmingsbeheer",
}


def leeftijd(geboortedatum: date, op: date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


def _controleer_wie_toestemt(*, persoon, door_betrokkene: bool, gezaghebbenden, op: date) -> None:
    """Who must consent, by age: under 12 a parent with authority; from 12 the child and a
    parent; from 16 the young person alone."""
    jaren = leeftijd(persoon.geboortedatum, op)
    if any(g.pk == persoon.pk for g in gezaghebbenden):
        raise ValidationError({"gezaghebbenden": "Iemand kan niet zijn eigen gezaghebbende zijn."})
    if jaren < 12 and not gezaghebbenden:
        raise ValidationError(
            {"gezaghebbenden": "Onder de 12 jaar geeft een ouder met gezag de toestemming."}
        )
    if 12 <= jaren < 16 and not (door_betrokkene and gezaghebbenden):
        raise ValidationError(
            "Tussen 12 en 16 jaar geven het kind én een ouder met gezag samen toestemming."
        )
    if jaren >= 16 and not door_betrokkene:
        raise ValidationError(
            {"door_betrokkene": "Vanaf 16 jaar geeft de persoon zelf de toestemming."}
        )


@transaction.atomic
def toestemming_vastleggen(
    *,
    door,
    persoon,
    doel: str,
    onderdelen: list[str],
    methode: str,
    geldig_van: date,
    geldig_tot: date | None = None,
    door_betrokkene: bool = False,
    gezaghebbenden=(),
    ontvanger=None,
    ontvanger_naam: str = "",
) -> Toestemming:
    gezaghebbenden = list(gezaghebbenden)
    _controleer_wie_toestemt(
        persoon=persoon,
        door_betrokkene=door_betrokkene,
        gezaghebbenden=gezaghebbenden,
        op=geldig_van,
    )
    if geldig_tot and geldig_tot < geldig_van:
        raise ValidationError({"geldig_tot": "De einddatum ligt vóór de begindatum."})
    if doel == Doel.DELEN and ontvanger is None:
        raise ValidationError({"ontvanger": "Kies de organisatie waarmee gedeeld wordt."})
    if not onderdelen:
        raise ValidationError({"onderdelen": "Kies welke gegevens de toestemming dekt."})
    toestemming = Toestemming.objects.create(
        persoon=persoon,
        doel=doel,
        onderdelen=onderdelen,
        methode=methode,
        getuige=door,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
        door_betrokkene=door_betrokkene,
        ontvanger=ontvanger,
        ontvanger_naam=ontvanger_naam,
    )
    toestemming.door_gezaghebbenden.set(gezaghebbenden)
    return toestemming


@transaction.atomic
def toestemming_intrekken(*, door, toestemming: Toestemming) -> Toestemming:
    """Withdrawal takes effect at once: access checks read validity in SQL, the grant to the
    organisation goes when no other valid consent covers the household, and the shares that
    rested on this consent end today."""
    toestemming.ingetrokken_op = timezone.now()
    toestemming.ingetrokken_door = door
    toestemming.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
    vandaag = timezone.localdate()
    for deling in toestemming.gegevensdelingen.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gt=vandaag)
    ):
        deling.einddatum = vandaag
        deling.save(update_fields=["einddatum"])
    if toestemming.ontvanger_id:
        huishouden = toestemming.persoon.huishouden
        partnertoegang_bijwerken(
            huishouden=huishouden,
            groep=toestemming.ontvanger,
            verwijzing_open=HuishoudenGroepsrecht.objects.filter(
                content_object=huishouden, group=toestemming.ontvanger
            ).exists(),
        )
    return toestemming


@transaction.atomic
def partnertoegang_bijwerken(*, huishouden, groep, verwijzing_open: bool, door=None) -> bool:
    """Grant an organisation sight of a household only while a referral to it is open and a
    valid consent covers it; revoke otherwise. Called by `partners`; returns the outcome.
    A grant records the sharing and its ground (consent) once per covering consent."""
    dekkend = Toestemming.objects.geldig().filter(
        doel=Doel.DELEN, ontvanger=groep, persoon__huishouden=huishouden
    )
    gedekt = verwijzing_open and dekkend.exists()
    if gedekt:
        assign_perm(BEKIJK_HUISHOUDEN, groep, huishouden)
        for toestemming in dekkend.filter(gegevensdelingen__isnull=True):
            _deling_op_toestemming(toestemming=toestemming, huishouden=huishouden, door=door)
    else:
        HuishoudenGroepsrecht.objects.filter(content_object=huishouden, group=groep).delete()
    return gedekt


def _deling_op_toestemming(*, toestemming: Toestemming, huishouden, door) -> Gegevensdeling:
    """The share a consent covers: its recipient, parts and end date. Without an acting user
    (partners does not pass one) it is the request's user, when there is a request."""
    if door is None:
        from .middleware import huidig_verzoek

        verzoek = huidig_verzoek.get()
        gebruiker = getattr(verzoek, "user", None)
        door = gebruiker if gebruiker is not None and gebruiker.is_authenticated else None
    return Gegevensdeling.objects.create(
        huishouden=huishouden,
        persoon=toestemming.persoon,
        ontvanger=toestemming.ontvanger,
        grondslag=Grondslag.TOESTEMMING,
        toestemming=toestemming,
        doel=toestemming.get_doel_display(),
        reikwijdte=toestemming.onderdelen,
        einddatum=toestemming.geldig_tot,
        vastgelegd_door=door,
    )


@transaction.atomic
def gegevensdeling_vastleggen(
    *,
    door,
    huishouden,
    grondslag: str,
    wettelijk_artikel: str,
    doel: str,
    reikwijdte: list[str],
    einddatum: date | None = None,
    persoon=None,
    ontvanger=None,
    ontvanger_naam: str = "",
) -> Gegevensdeling:
    """Record a share on a ground other than consent: a legal task, obligation or vital
    interest, always with the article it rests on. Shares on consent are recorded when partner
    access is granted (partnertoegang_bijwerken)."""
    wettelijk_artikel = wettelijk_artikel.strip()
    if grondslag == Grondslag.TOESTEMMING:
        raise ValidationError(
            {"grondslag": "Delen op toestemming legt u vast met een toestemming en verwijzing."}
        )
    if not wettelijk_artikel:
        raise ValidationError({"wettelijk_artikel": "Noem het wetsartikel waarop het delen rust."})
    if ontvanger is None and not ontvanger_naam.strip():
        raise ValidationError({"ontvanger_naam": "Noem met wie de gegevens worden gedeeld."})
    if persoon is not None and persoon.huishouden_id != huishouden.pk:
        raise ValidationError({"persoon": "Deze persoon hoort niet bij dit huishouden."})
    if not reikwijdte:
        raise ValidationError({"reikwijdte": "Kies welke gegevens worden gedeeld."})
    if not doel.strip():
        raise ValidationError({"doel": "Beschrijf het doel van het delen."})
    return Gegevensdeling.objects.create(
        huishouden=huishouden,
        persoon=persoon,
        ontvanger=ontvanger,
        ontvanger_naam=ontvanger_naam.strip(),
        grondslag=grondslag,
        wettelijk_artikel=wettelijk_artikel,
        doel=doel.strip(),
        reikwijdte=reikwijdte,
        einddatum=einddatum,
        vastgelegd_door=door,
    )


@transaction.atomic
def glas_breken(*, gebruiker, huishouden, reden: str, request=None) -> Doorbraak:
    """Open a household outside one's team for a stated reason: logged, teamleider told."""
    reden = reden.strip()
    if len(reden) < 10:
        raise ValidationError({"reden": "Geef een reden van minstens 10 tekens."})
    doorbraak = Doorbraak.objects.create(
        gebruiker=gebruiker,
        huishouden=huishouden,
        reden=reden,
        geldig_tot=timezone.now() + timedelta(hours=Doorbraak.GELDIG_UREN),
    )
    log_toegang(
        gebruiker=gebruiker, object=huishouden, request=request, reden=reden, doorbraak=True
    )
    from .tasks import meld_doorbraak

    transaction.on_commit(lambda: meld_doorbraak.delay(doorbraak.pk))
    return doorbraak


def doorbraak_melden(*, doorbraak_id: int) -> int:
    """Mail the teamleiders of the household's team; no resident data in the mail."""
    doorbraak = Doorbraak.objects.select_related("gebruiker", "huishouden").get(pk=doorbraak_id)
    ontvangers = list(
        get_user_model()
        .objects.filter(
            team_id=doorbraak.huishouden.team_id, rollen__contains=[Rol.TEAMLEIDER], is_active=True
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not ontvangers:
        return 0
    send_mail(
        subject="Wijkteam: afscherming doorbroken",
        message=(
            f"{doorbraak.gebruiker.weergavenaam} heeft op "
            f"{timezone.localtime(doorbraak.tijdstip):%d-%m-%Y om %H:%M} de afscherming van "
            f"huishouden {doorbraak.huishouden_id} van uw team doorbroken.\n\n"
            f"Reden: {doorbraak.reden}\n\n"
            "Bekijk het toegangslog als dit niet klopt."
        ),
        from_email=None,
        recipient_list=ontvangers,
    )
    return len(ontvangers)
