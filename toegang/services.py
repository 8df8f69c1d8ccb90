"""Writes of `toegang`: accounts, teams and second-factor devices."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import LogActie, LogResultaat, Team, Toegangslog


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


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _organisatie(gebruiker) -> str:
    """The partner organisation or team on whose behalf the user works, as text."""
    if gebruiker.team_id:
        return str(gebruiker.team)
    groep = gebruiker.groups.filter(name__startswith="Organisatie: ").first()
    return groep.name.removeprefix("Organisatie: ") if groep else ""


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
) -> Toegangslog:
    """Write one access-log row about a resident's record (append-only, see Toegangslog).

    The record names its resident through `huishouden_id` / `persoon_id`, or is one itself.
    """
    model = object._meta.model_name
    huishouden_id = object.pk if model == "huishouden" else getattr(object, "huishouden_id", None)
    persoon_id = object.pk if model == "persoon" else getattr(object, "persoon_id", None)
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
        ip=_ip(request),
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
