"""Every demo role logs in with two factors in a real browser; no axe-core violation anywhere."""

import pytest

from wijkteam.demo import DEMO_LOGINS, DEMO_WACHTWOORD, laad_demodata, totp_sleutel

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    laad_demodata(huishoudens=12)


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.username)
def test_demorol_logt_in_met_twee_factoren(demodata, pagina, login):
    pagina.inloggen(login.username, DEMO_WACHTWOORD, totp_sleutel(login.username))
    assert pagina.get_by_role("heading", level=1).inner_text().startswith("Welkom")
    menu = pagina.get_by_role("navigation", name="Hoofdmenu")
    assert menu.get_by_role("link", name="Start").is_visible()
    # Every page of this role's menu opens and passes axe-core.
    for link in menu.get_by_role("link").all():
        href = link.get_attribute("href")
        if href.startswith("/beheer/") and login.username != "beheerder":
            continue
        pagina.ga_naar(href)
    pagina.ga_naar("/")
    pagina.get_by_role("button", name="Uitloggen").click()
    pagina.wait_for_url("**/inloggen/**")
    pagina.controleer()


def test_zonder_tweede_factor_geen_toegang(demodata, pagina):
    """After the password only, every page leads back to the second-factor step."""
    pagina.ga_naar("/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill("consulent")
    pagina.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    pagina.get_by_role("button", name="Volgende").click()
    pagina.wait_for_url("**/inloggen/tweede-factor/**")
    pagina.ga_naar("/")
    assert "/inloggen/tweede-factor/" in pagina.url
    pagina.get_by_label("Code uit de authenticator-app").fill("000000")
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.controleer()
    assert pagina.get_by_text("Deze code klopt niet of is verlopen.").is_visible()
