"""AVG inzage: a person's data from every app, who looked at the file, nothing of others."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import PersoonFactory
from toegang.models import Doel, Grondslag, Methode, Onderdeel, Toegangslog
from toegang.services import gegevensdeling_vastleggen, log_toegang, toestemming_vastleggen

pytestmark = pytest.mark.django_db


@pytest.fixture
def personen(wereld):
    huishouden = wereld.casus.huishouden
    persoon = PersoonFactory(huishouden=huishouden, voornamen="Fenna", achternaam="Kuipers")
    huisgenoot = PersoonFactory(huishouden=huishouden, voornamen="Bram", achternaam="Kuipers")
    vreemde = PersoonFactory(voornamen="Olga", achternaam="Vreemd")
    for p in (persoon, huisgenoot):
        toestemming_vastleggen(
            door=wereld.gebruikers["consulent"],
            persoon=p,
            doel=Doel.DELEN,
            ontvanger=wereld.organisatie.groep,
            onderdelen=[Onderdeel.PERSONALIA],
            methode=Methode.FORMULIER,
            geldig_van=date(2026, 1, 1),
            door_betrokkene=True,
        )
    gegevensdeling_vastleggen(
        door=wereld.gebruikers["consulent"],
        huishouden=huishouden,
        grondslag=Grondslag.WETTELIJKE_TAAK,
        wettelijk_artikel="art. 2.3.2 Wmo 2015",
        doel="Onderzoek naar de hulpvraag",
        reikwijdte=[Onderdeel.PERSONALIA],
        ontvanger_naam="Sociaal Raadslieden",
    )
    gegevensdeling_vastleggen(
        door=wereld.gebruikers["consulent"],
        huishouden=huishouden,
        persoon=huisgenoot,
        grondslag=Grondslag.VITAAL_BELANG,
        wettelijk_artikel="art. 6 lid 1 sub d AVG",
        doel="Alleen over Bram",
        reikwijdte=[Onderdeel.PERSONALIA],
        ontvanger_naam="Veilig Thuis",
    )
    log_toegang(gebruiker=wereld.gebruikers["consulent"], object=persoon, reden="")
    log_toegang(
        gebruiker=wereld.gebruikers["consulent_ander_team"],
        object=persoon,
        reden="Crisis in de avond",
        doorbraak=True,
    )
    log_toegang(gebruiker=wereld.gebruikers["consulent"], object=vreemde)
    return persoon, huisgenoot, vreemde


def test_inzage_json(wereld, personen):
    persoon, huisgenoot, vreemde = personen
    response = wereld.client("beheerder").get(
        reverse("toegang:inzage", args=[persoon.pk]), {"formaat": "json"}
    )
    assert response.status_code == 200
    tekst = response.content.decode()
    gegevens = json.loads(tekst)
    assert len(gegevens["Toestemmingen"]) == 1
    (deling,) = gegevens["Gedeelde gegevens en hun grondslag"]  # the household's, not Bram's
    assert deling["aan"] == "Sociaal Raadslieden" and deling["wetsartikel"] == "art. 2.3.2 Wmo 2015"
    (persoonsgegevens,) = gegevens["Persoonsgegevens"]
    assert persoonsgegevens["naam"].startswith("Fenna") and persoonsgegevens["bsn"] == persoon.bsn
    assert [c["nummer"] for c in gegevens["Casussen"]] == [wereld.casus.nummer]
    assert {"Zelfredzaamheidsmatrix", "Acties in het plan", "Ondertekeningen"} <= set(gegevens)
    assert huisgenoot.bsn not in tekst and vreemde.bsn not in tekst
    bekeken = gegevens["Wie heeft uw dossier bekeken"]
    assert {regel["organisatie"] for regel in bekeken} == {"Wijkteam Noord", "Wijkteam Zuid"}
    assert any(r["doorbraak"] and r["waarom"] == "Crisis in de avond" for r in bekeken)
    assert "Olga" not in tekst and "Bram" not in tekst
    # The export itself is logged.
    assert Toegangslog.objects.filter(persoon_id=persoon.pk, actie="exporteren").count() == 1


def test_inzage_pdf_leesbaar(wereld, personen):
    persoon, *_ = personen
    response = wereld.client("beheerder").get(
        reverse("toegang:inzage", args=[persoon.pk]), {"formaat": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Wie heeft uw dossier bekeken" in tekst
    assert "Crisis in de avond" in tekst
    assert "pagina 1 van" in tekst
