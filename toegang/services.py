"""Writes of `toegang`: accounts, teams and second-factor devices."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Team


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
