"""Playwright with Debian's chromium against pytest-django's live server, and axe-core.

Every page a browser test visits is checked with axe-core (WCAG 2.1 A and AA): use
`pagina.ga_naar(pad)` to open a page, or `pagina.controleer()` after a click that loads one.
"""

import os
import shutil
from binascii import unhexlify
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, sync_playwright

# Playwright's sync API runs an event loop; Django must still allow the ORM in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def totp_code(sleutel_hex: str) -> str:
    return f"{TOTP(unhexlify(sleutel_hex)).token():06d}"


class Pagina:
    """A browser page on the live server that checks accessibility on every page it opens."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.bekeken: list[str] = []

    def __getattr__(self, naam):
        return getattr(self.page, naam)

    def ga_naar(self, pad: str):
        response = self.page.goto(self.base_url + pad)
        self.controleer()
        return response

    def controleer(self):
        """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text())
        resultaat = self.page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
        )
        fouten = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in resultaat["violations"]
        ]
        assert not fouten, f"axe-core op {self.page.url}:\n" + "\n".join(fouten)
        self.bekeken.append(self.page.url)

    def inloggen(self, username: str, wachtwoord: str, totp_sleutel: str):
        """Log in with both factors: password, then the current code of the authenticator."""
        self.ga_naar("/inloggen/")
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(wachtwoord)
        self.page.get_by_role("button", name="Volgende").click()
        self.page.wait_for_url("**/inloggen/tweede-factor/**")
        self.controleer()
        self.page.get_by_label("Code uit de authenticator-app").fill(totp_code(totp_sleutel))
        self.page.get_by_role("button", name="Inloggen").click()
        self.page.wait_for_load_state("load")
        self.controleer()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-gpu",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def nieuwe_pagina(browser, live_server):
    """A factory of pages, each in its own browser context (its own cookies, its own login)."""
    contexten = []

    def maak() -> Pagina:
        context = browser.new_context(locale="nl-NL", viewport={"width": 1024, "height": 768})
        context.set_default_timeout(15_000)
        contexten.append(context)
        return Pagina(context.new_page(), live_server.url)

    yield maak
    for context in contexten:
        context.close()


@pytest.fixture
def pagina(nieuwe_pagina) -> Pagina:
    return nieuwe_pagina()
