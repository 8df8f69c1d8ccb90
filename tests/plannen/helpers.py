"""Builders for plan tests (also used by the authorization matrix)."""

import base64
import io
from datetime import date, timedelta

from PIL import Image, ImageDraw

from casussen.models import Domein, RolInHuishouden
from plannen import services
from plannen.models import Eigenaar, Methode, Oordeel
from tests.factories import PersoonFactory


def handtekening_png(breedte: int = 300, hoogte: int = 100) -> bytes:
    beeld = Image.new("RGBA", (breedte, hoogte), (0, 0, 0, 0))
    ImageDraw.Draw(beeld).line([(10, 80), (80, 20), (150, 70), (290, 30)], fill="black", width=4)
    buffer = io.BytesIO()
    beeld.save(buffer, "PNG")
    return buffer.getvalue()


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def zrm_domeinen() -> list:
    """The ZRM domains of the data migration; loaded again when a transactional test (live
    server, worker) has emptied the tables since."""
    from importlib import import_module

    namen = import_module("casussen.migrations.0004_zrm_2017_domeinen").ZRM_2017
    for volgorde, naam in enumerate(namen, start=1):
        Domein.objects.get_or_create(naam=naam, defaults={"volgorde": volgorde})
    return list(Domein.objects.order_by("volgorde"))


def leden(huishouden):
    """Two adults and a child, El Amrani (created once): [Youssef, Fatima, Noor]."""
    if not huishouden.leden.filter(achternaam="El Amrani").exists():
        PersoonFactory(
            huishouden=huishouden,
            voornamen="Fatima",
            achternaam="El Amrani",
            geboortedatum=date(1984, 3, 2),
            rol=RolInHuishouden.HOOFDBEWONER,
        )
        PersoonFactory(
            huishouden=huishouden,
            voornamen="Youssef",
            achternaam="El Amrani",
            geboortedatum=date(1981, 11, 20),
            rol=RolInHuishouden.PARTNER,
        )
        PersoonFactory(
            huishouden=huishouden,
            voornamen="Noor",
            achternaam="El Amrani",
            geboortedatum=date.today() - timedelta(days=365 * 9),
            rol=RolInHuishouden.KIND,
        )
    return list(huishouden.leden.filter(achternaam="El Amrani").order_by("geboortedatum"))


def maak_plan(wereld, *, acties: int = 3, doelen: int = 1, evaluatiedatum=True, organisatie=None):
    """A draft plan for the world's household with goals and actions spread over them."""
    huishouden = wereld.casus.huishouden
    door = wereld.gebruikers["consulent"]
    leden(huishouden)
    versie = services.plan_starten(huishouden=huishouden, door=door)
    if evaluatiedatum:
        versie = services.planversie_bijwerken(
            planversie=versie,
            door=door,
            verwachte_versie=versie.versie,
            velden={
                "verslag": "Gesprek aan de keukentafel over geld en werk.",
                "resultaten": "Rust in de financiën.",
                "evaluatiedatum": date.today() + timedelta(days=90),
            },
        )
    domeinen = zrm_domeinen()
    doel_lijst = [
        services.doel_toevoegen(
            planversie=versie, door=door, domein=domeinen[i], omschrijving=f"Doel nummer {i + 1}"
        )
        for i in range(doelen)
    ]
    for i in range(acties):
        partner = organisatie is not None and i == 0
        services.actie_toevoegen(
            doel=doel_lijst[i % len(doel_lijst)],
            door=door,
            velden={
                "eigenaar_soort": Eigenaar.PARTNER if partner else Eigenaar.NETWERK,
                "organisatie": organisatie if partner else None,
                "eigenaar_naam": "" if partner else f"Buurman {i + 1}",
                "wat": f"Actie nummer {i + 1}",
                "wanneer": date.today() + timedelta(days=7 + i),
            },
        )
    versie.refresh_from_db()
    return versie


def onderteken(wereld, versie, *, persoon=None, **kw):
    persoon = persoon or leden(versie.plan.huishouden)[1]
    return services.ondertekenen(
        planversie=versie,
        door=wereld.gebruikers["consulent"],
        persoon=persoon,
        oordeel=kw.pop("oordeel", Oordeel.AKKOORD),
        methode=kw.pop("methode", Methode.SCHERM),
        bestand=kw.pop("bestand", handtekening_png()),
        **kw,
    )


def maak_getekend_plan(wereld, **kw):
    versie = maak_plan(wereld, **kw)
    onderteken(wereld, versie)
    versie.refresh_from_db()
    return versie


def matrix_plan(wereld) -> dict:
    """For the authorization matrix: once per world, a signed version 1 and a draft version 2 of
    the household's plan, and a second household of the same team without a plan."""
    cache = wereld.__dict__.get("_plannen")
    if cache is None:
        from tests.factories import HuishoudenFactory

        getekend = maak_getekend_plan(wereld, acties=1)
        concept = services.nieuwe_versie(planversie=getekend, door=wereld.gebruikers["consulent"])
        cache = wereld.__dict__["_plannen"] = {
            "getekend": getekend,
            "concept": concept,
            "doel": concept.doelen.first(),
            "actie": concept.doelen.first().acties.first(),
            "ondertekening": getekend.ondertekeningen.first(),
            "zonder_plan": HuishoudenFactory(team=wereld.team),
        }
    return cache


# --- Backoffice (issue 7) -----------------------------------------------------------------------

MAATWERK = {
    "maatwerk_nodig": True,
    "maatwerk_soort": "Huishoudelijke ondersteuning",
    "maatwerk_wet": "wmo",
    "maatwerk_specificatie": "Hulp bij het schoonhouden van de woning, 3 uur per week.",
    "maatwerk_omvang": "3 uur per week",
    "maatwerk_duur": "12 maanden",
    "maatwerk_motivering": "Fatima kan door haar rugklachten het huis niet schoonhouden.",
    "maatwerk_leveringsvorm": "zin",
    "maatwerk_gewenste_aanbieder": "Thuiszorg Noord",
}


def maak_aanvraag(wereld, **maatwerk):
    """A signed plan version with a maatwerk block and a formal request: its Aanvraag."""
    versie = maak_plan(wereld, acties=1)
    versie = services.planversie_bijwerken(
        planversie=versie,
        door=wereld.gebruikers["consulent"],
        verwachte_versie=versie.versie,
        velden={**MAATWERK, **maatwerk},
    )
    onderteken(wereld, versie, formele_aanvraag=True)
    from plannen.models import Aanvraag

    return Aanvraag.objects.get(planversie_id=versie.pk)


def matrix_backoffice(wereld) -> dict:
    """For the authorization matrix: once per world, an open request, an open suspension on a
    second request, and a final decision (granted, letter rendered) on a third."""
    cache = wereld.__dict__.get("_backoffice")
    if cache is None:
        from django.utils import timezone

        from plannen import backoffice

        bo = wereld.gebruikers["backoffice"]
        aanvraag = maak_aanvraag(wereld)
        casus = wereld.casus
        velden = {"soort": "Begeleiding", "wet": "jeugdwet", "motivering": "Nodig."}
        vandaag = timezone.localdate()
        tweede = backoffice.aanvraag_starten(
            casus=casus, door=wereld.gebruikers["consulent"], velden=velden, ontvangen_op=vandaag
        )
        opschorting = backoffice.meer_informatie_vragen(aanvraag=tweede, door=bo, vraag="Wat?")
        derde = backoffice.aanvraag_starten(
            casus=casus, door=wereld.gebruikers["consulent"], velden=velden, ontvangen_op=vandaag
        )
        beschikking = backoffice.besluiten(
            aanvraag=derde, door=bo, besluit="afwijzen", velden={"motivering": "Voorliggend."}
        )
        backoffice.pdf_renderen(beschikking_id=beschikking.pk)
        services.pdf_renderen(planversie_id=aanvraag.planversie_id)
        cache = wereld.__dict__["_backoffice"] = {
            "aanvraag": aanvraag,
            "meer_informatie": tweede,
            "opschorting": opschorting,
            "beschikking": beschikking,
        }
    return cache
