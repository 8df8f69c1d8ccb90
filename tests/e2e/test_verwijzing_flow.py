"""Acceptance 1 of issue 6, across two browser contexts: a consulent refers a household to
organisation A with consent; a partner user of A logs in, sees it in the inbox, accepts it and
marks an action done; the regisseur sees the new status on the Betrokken overview.
Every page passes axe-core (WCAG 2.1 A/AA)."""

import re
from datetime import date, timedelta

import pytest

from partners.models import Verwijzing, Verwijzingstatus
from plannen import services as plan_services
from plannen.models import Eigenaar
from tests.factories import TOTP_SLEUTEL, WACHTWOORD
from tests.plannen.helpers import zrm_domeinen
from toegang.models import Doel, Methode, Onderdeel
from toegang.services import toestemming_vastleggen

pytestmark = pytest.mark.e2e


@pytest.fixture
def opzet(transactional_db, wereld):
    """Consent of the resident to share with MEE Test, and a plan with an action for MEE."""
    consulent = wereld.gebruikers["consulent"]
    huishouden = wereld.casus.huishouden
    toestemming_vastleggen(
        door=consulent,
        persoon=wereld.persoon,
        doel=Doel.DELEN,
        ontvanger=wereld.organisatie.groep,
        onderdelen=[Onderdeel.PERSONALIA, Onderdeel.ACTIES_PARTNER],
        methode=Methode.FORMULIER,
        geldig_van=date.today(),
        door_betrokkene=True,
    )
    domein = zrm_domeinen()[0]
    versie = plan_services.plan_starten(huishouden=huishouden, door=consulent)
    doel = plan_services.doel_toevoegen(
        planversie=versie, door=consulent, domein=domein, omschrijving="Grip op de rekeningen"
    )
    actie = plan_services.actie_toevoegen(
        doel=doel,
        door=consulent,
        velden={
            "eigenaar_soort": Eigenaar.PARTNER,
            "organisatie": wereld.organisatie,
            "wat": "Intakegesprek schuldhulp plannen",
            "wanneer": date.today() + timedelta(days=14),
        },
    )
    return wereld, actie


def test_verwijzen_accepteren_actie_klaar_zichtbaar_bij_betrokken(opzet, nieuwe_pagina):
    wereld, actie = opzet
    huishouden = wereld.casus.huishouden

    # --- The consulent (regisseur) refers from the Betrokken overview via the social map.
    consulent = nieuwe_pagina()
    consulent.inloggen("consulent", WACHTWOORD, TOTP_SLEUTEL)
    consulent.ga_naar(f"/huishoudens/{huishouden.pk}/betrokken/")
    consulent.get_by_role("link", name=re.compile("^Verwijzen")).first.click()
    consulent.wait_for_url("**/sociale-kaart/?casus=*")
    consulent.controleer()
    consulent.get_by_label("Dienst").select_option("schuldhulp")
    consulent.get_by_role("button", name="Zoeken").click()
    consulent.wait_for_load_state("load")
    consulent.controleer()
    consulent.get_by_role("link", name="Verwijzen naar MEE Test").click()
    consulent.wait_for_url("**/verwijzen/?organisatie=*")
    consulent.controleer()
    consulent.get_by_label("Vraag").fill("Ik wil hulp met de brieven van de belasting.")
    consulent.get_by_label(re.compile("Intakegesprek schuldhulp plannen")).check()
    consulent.get_by_role("button", name="Verwijzing versturen").click()
    consulent.wait_for_url(re.compile(r"/verwijzingen/\d+/$"))
    consulent.controleer()
    verwijzing = Verwijzing.objects.get()
    assert consulent.get_by_text(f"Verwijzing {verwijzing.nummer} is verstuurd").is_visible()

    # --- The partner of MEE Test, in another browser context.
    partner = nieuwe_pagina()
    partner.inloggen("partner", WACHTWOORD, TOTP_SLEUTEL)
    menu = partner.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Inbox").click()
    partner.wait_for_url("**/inbox/")
    partner.controleer()
    partner.get_by_role("link", name=verwijzing.nummer).click()
    partner.wait_for_url(f"**/inbox/verwijzingen/{verwijzing.pk}/")
    partner.controleer()
    assert partner.get_by_text("Ik wil hulp met de brieven van de belasting.").is_visible()
    partner.get_by_role("button", name="Accepteren").click()
    partner.get_by_text(f"Verwijzing {verwijzing.nummer}: geaccepteerd.").wait_for()
    partner.controleer()
    partner.get_by_label(re.compile("Nieuwe status van")).select_option("klaar")
    partner.get_by_role("button", name=re.compile("^Opslaan")).click()
    partner.get_by_text("is bijgewerkt").wait_for()
    partner.controleer()
    # The household page, as far as consent reaches (personalia, the partner's actions).
    partner.get_by_role("link", name="Gegevens van het huishouden").click()
    partner.wait_for_url(f"**/inbox/huishoudens/{huishouden.pk}/")
    partner.controleer()
    assert partner.get_by_text(wereld.persoon.naam).is_visible()

    # --- The regisseur sees the new status on the Betrokken overview.
    consulent.ga_naar(f"/huishoudens/{huishouden.pk}/betrokken/")
    open_verwijzingen = consulent.get_by_role("region", name="Open verwijzingen")
    assert open_verwijzingen.get_by_text("Geaccepteerd").is_visible()
    organisaties = consulent.get_by_role("region", name="Betrokken organisaties")
    assert organisaties.get_by_text("Klaar", exact=True).is_visible()
    assert organisaties.get_by_text("Geldig tot intrekking").is_visible()
    verwijzing.refresh_from_db()
    assert verwijzing.status == Verwijzingstatus.GEACCEPTEERD
