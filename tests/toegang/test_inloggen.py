"""Login with two factors, lockout, session lifetime and logout."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import inloggen
from tests.e2e.conftest import totp_code
from tests.factories import TOTP_SLEUTEL, WACHTWOORD, TeamFactory, maak_gebruiker
from toegang.middleware import SESSIE_ACTIEF, SESSIE_BEGIN
from toegang.models import Rol
from toegang.services import gebruiker_aanmaken

pytestmark = pytest.mark.django_db

INLOGGEN = reverse("toegang:inloggen")
TWEEDE_FACTOR = reverse("toegang:tweede_factor")


@pytest.fixture
def consulent():
    return maak_gebruiker("sanne", Rol.CONSULENT, team=TeamFactory())


def wachtwoord_stap(client, username, wachtwoord=WACHTWOORD, **extra):
    return client.post(INLOGGEN, {"username": username, "password": wachtwoord}, **extra)


def test_inloggen_met_twee_factoren(consulent):
    client = Client()
    response = wachtwoord_stap(client, "sanne")
    assert response.status_code == 302
    assert response.url.startswith(TWEEDE_FACTOR)
    # With the password alone, no page opens.
    assert client.get(reverse("start")).url.startswith(TWEEDE_FACTOR)
    response = client.post(TWEEDE_FACTOR, {"code": totp_code(TOTP_SLEUTEL)})
    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200


def test_verkeerde_code_geeft_nederlandse_melding(consulent):
    client = Client()
    wachtwoord_stap(client, "sanne")
    response = client.post(TWEEDE_FACTOR, {"code": "12345"})
    assert "Vul de zes cijfers uit de app in." in response.content.decode()
    response = client.post(TWEEDE_FACTOR, {"code": "000000"})
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    assert client.get(reverse("start")).status_code == 302


def test_vijf_foute_wachtwoorden_blokkeren_het_account_ook_met_ander_ip(consulent):
    for poging in range(5):
        client = Client(REMOTE_ADDR=f"10.0.0.{poging}", HTTP_USER_AGENT=f"Browser {poging}")
        response = wachtwoord_stap(client, "sanne", "fout-wachtwoord")
        assert response.status_code in {200, 429}
    # The right password, from yet another address and browser: still locked.
    client = Client(REMOTE_ADDR="192.0.2.77", HTTP_USER_AGENT="Nog een andere browser")
    response = wachtwoord_stap(client, "sanne")
    assert response.status_code == 429
    assert "Account geblokkeerd" in response.content.decode()
    assert client.get(reverse("start")).status_code == 302
    assert not Session.objects.exists()


def test_vier_fouten_blokkeren_niet(consulent):
    for _ in range(4):
        wachtwoord_stap(Client(), "sanne", "fout-wachtwoord")
    assert wachtwoord_stap(Client(), "sanne").status_code == 302


def test_zonder_tweede_factor_alleen_het_instellen_ervan():
    gebruiker = gebruiker_aanmaken(
        username="nieuw", password=WACHTWOORD, rollen=[Rol.BELEID], team=None
    )
    client = Client()
    wachtwoord_stap(client, "nieuw")
    for pad in [reverse("start"), "/beheer/", reverse("admin:toegang_gebruiker_changelist")]:
        response = client.get(pad)
        assert response.status_code == 302 and response.url.startswith(TWEEDE_FACTOR), pad
    response = client.get(TWEEDE_FACTOR)
    assert "Authenticator-app instellen" in response.content.decode()
    device = TOTPDevice.objects.get(user=gebruiker, confirmed=False)
    client.post(TWEEDE_FACTOR, {"code": totp_code(device.key)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("start")).status_code == 200


def test_nieuwe_sessiesleutel_bij_elke_inlogstap(consulent):
    client = Client()
    client.get(INLOGGEN)
    voor = client.cookies.get("wijkteam_sessie")
    wachtwoord_stap(client, "sanne")
    na_wachtwoord = client.session.session_key
    client.post(TWEEDE_FACTOR, {"code": totp_code(TOTP_SLEUTEL)})
    na_code = client.session.session_key
    assert len({voor and voor.value, na_wachtwoord, na_code}) == 3


@pytest.mark.parametrize(
    ("sleutel", "seconden_geleden"),
    [(SESSIE_ACTIEF, 31 * 60), (SESSIE_BEGIN, 12 * 60 * 60 + 60)],
    ids=["30-minuten-inactief", "12-uur-maximaal"],
)
def test_sessie_verloopt(consulent, sleutel, seconden_geleden):
    client = inloggen(Client(), consulent)
    assert client.get(reverse("start")).status_code == 200
    session = client.session
    session[sleutel] = int(time.time()) - seconden_geleden
    session.save()
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response.url.startswith(INLOGGEN)
    assert client.get(reverse("start")).status_code == 302


def test_actieve_sessie_blijft(consulent):
    client = inloggen(Client(), consulent)
    session = client.session
    session[SESSIE_ACTIEF] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("start")).status_code == 200


def test_uitloggen_beeindigt_de_sessie_op_de_server(consulent):
    client = inloggen(Client(), consulent)
    client.get(reverse("start"))
    sleutel = client.session.session_key
    assert Session.objects.filter(session_key=sleutel).exists()
    assert client.post(reverse("toegang:uitloggen")).status_code == 302
    assert not Session.objects.filter(session_key=sleutel).exists()
    # The old cookie opens nothing.
    oud = Client()
    oud.cookies["wijkteam_sessie"] = sleutel
    assert oud.get(reverse("start")).status_code == 302


def test_open_redirect_na_inloggen_geweigerd(consulent):
    client = Client()
    wachtwoord_stap(client, "sanne")
    response = client.post(
        TWEEDE_FACTOR + "?next=https://evil.example/", {"code": totp_code(TOTP_SLEUTEL)}
    )
    assert response.url == reverse("start")
