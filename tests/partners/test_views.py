"""The pages: social map, referring from a case, the partner's inbox and household page (field
scope, access log), and acceptance 2: a partner of another organisation sees nothing."""

import pytest
from django.urls import reverse

from casussen.models import Contactwijze
from partners.models import Actiemelding, Verwijzing, Verwijzingstatus
from toegang.models import Onderdeel, Toegangslog

from ..casussen.factories import ContactmomentFactory, KeukentafelgesprekFactory
from ..factories import OrganisatieFactory
from .conftest import toestemming

S = Verwijzingstatus


# --- Social map ---------------------------------------------------------------------------------


@pytest.fixture
def kaart(db):
    return {
        "schuld": OrganisatieFactory(
            naam="Schuldhulp Noord", diensten=["schuldhulp"], wijken=["Noord"]
        ),
        "mantel": OrganisatieFactory(
            naam="Mantelzorg Zuid",
            diensten=["mantelzorgondersteuning"],
            wijken=["Zuid"],
            omschrijving="Respijtzorg en lotgenoten",
        ),
        "overal": OrganisatieFactory(naam="MEE Overal", diensten=["cliëntondersteuning"]),
        "weg": OrganisatieFactory(naam="Gestopt", diensten=["schuldhulp"], actief=False),
    }


def _namen(response):
    return sorted(o.naam for o in response.context["pagina"])


def test_sociale_kaart_zoekt_op_dienst_wijk_en_tekst(wereld, kaart):
    client = wereld.client("consulent")
    url = reverse("partners:sociale_kaart")
    assert "Gestopt" not in _namen(client.get(url))
    # (MEE Test is the world's organisation: schuldhulp, the whole municipality.)
    assert _namen(client.get(url, {"dienst": "schuldhulp"})) == ["MEE Test", "Schuldhulp Noord"]
    # An organisation without areas serves the whole municipality.
    assert _namen(client.get(url, {"wijk": "Zuid"})) == sorted(
        ["Mantelzorg Zuid", "MEE Overal", "MEE Test"]
    )
    assert _namen(client.get(url, {"tekst": "respijt"})) == ["Mantelzorg Zuid"]
    assert _namen(client.get(url, {"tekst": "CLIËNT"})) == ["MEE Overal"]
    response = client.get(url, {"dienst": "bestaat-niet"})
    assert response.status_code == 200 and "dienst" in response.context["filter"].errors


def test_organisatiepagina(wereld, kaart):
    client = wereld.client("consulent")
    response = client.get(
        reverse("partners:organisatie", args=[kaart["mantel"].pk]), {"casus": wereld.casus.pk}
    )
    assert response.status_code == 200
    assert reverse("partners:verwijzing_nieuw", args=[wereld.casus.pk]) in response.content.decode()
    assert client.get(reverse("partners:organisatie", args=[kaart["weg"].pk])).status_code == 404


# --- Referring ----------------------------------------------------------------------------------


def test_verwijzen_zonder_toestemming_geeft_nederlandse_melding_en_link(wereld):
    """Acceptance 3: refused with a Dutch message and a link to record consent."""
    client = wereld.client("consulent")
    url = reverse("partners:verwijzing_nieuw", args=[wereld.casus.pk])
    response = client.post(url, {"organisatie": wereld.organisatie.pk, "vraag": "Hulp bij post"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is geen geldige toestemming om gegevens van dit huishouden te delen met" in html
    link = reverse("toegang:toestemming_nieuw", args=[wereld.casus.huishouden_id])
    assert f"{link}?organisatie={wereld.organisatie.groep_id}" in html
    assert not Verwijzing.objects.exists()


def test_verwijzen_met_toestemming(wereld):
    from tests.plannen.helpers import maak_plan

    wereld.toestemming  # noqa: B018
    versie = maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    actie = versie.doelen.first().acties.first()
    client = wereld.client("consulent")
    url = reverse("partners:verwijzing_nieuw", args=[wereld.casus.pk])
    assert client.get(url, {"organisatie": wereld.organisatie.pk}).status_code == 200
    response = client.post(
        url,
        {"organisatie": wereld.organisatie.pk, "vraag": "Hulp bij de post", "acties": [actie.pk]},
    )
    verwijzing = Verwijzing.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partners:verwijzing", args=[verwijzing.pk])
    assert list(verwijzing.acties.all()) == [actie]
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize(
    "data, veld",
    [
        ({"vraag": "x"}, "organisatie"),
        ({"organisatie": "abc", "vraag": "x"}, "organisatie"),
        ({"organisatie": "{org}"}, "vraag"),
        ({"organisatie": "{org}", "vraag": "x" * 1001}, "vraag"),
        ({"organisatie": "{org}", "vraag": "x", "toestemming": "999999"}, "toestemming"),
    ],
)
def test_slechte_invoer_geeft_veldfouten(wereld, data, veld):
    client = wereld.client("consulent")
    data = {k: v.replace("{org}", str(wereld.organisatie.pk)) for k, v in data.items()}
    response = client.post(reverse("partners:verwijzing_nieuw", args=[wereld.casus.pk]), data)
    assert response.status_code == 200
    assert veld in response.context["form"].errors


# --- Partner ------------------------------------------------------------------------------------


def test_inbox_accepteren_notitie_actie_afronden(wereld, verwijzing):
    from tests.plannen.helpers import maak_plan

    versie = maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    actie = versie.doelen.first().acties.get(organisatie=wereld.organisatie)
    client = wereld.client("partner")
    inbox = client.get(reverse("partners:inbox"))
    assert list(inbox.context["pagina"]) == [verwijzing]
    detail = reverse("partners:inbox_verwijzing", args=[verwijzing.pk])
    assert "Hulp bij de post" in client.get(detail).content.decode()
    status = reverse("partners:inbox_status", args=[verwijzing.pk])
    assert client.post(status, {"naar": S.GEACCEPTEERD}).status_code == 302
    response = client.post(
        reverse("partners:inbox_notitie", args=[verwijzing.pk]), {"tekst": "Eerste gesprek gehad."}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("partners:inbox_actie", args=[verwijzing.pk, actie.pk]), {"status": "klaar"}
    )
    assert response.status_code == 302
    assert Actiemelding.objects.get().status == "klaar"
    # Finishing without an outcome: a Dutch field error, no 500.
    response = client.post(status, {"naar": S.AFGEROND, "toelichting": ""})
    assert response.status_code == 200
    assert "Beschrijf de uitkomst voor de inwoner." in response.content.decode()
    response = client.post(status, {"naar": S.AFGEROND, "toelichting": "Schulden op een rij."})
    assert response.status_code == 302
    verwijzing.refresh_from_db()
    assert verwijzing.status == S.AFGEROND
    # Closed: the household is out of sight, the referral too.
    assert client.get(detail).status_code == 404


def test_onzinnige_invoer_bij_partner_geeft_geen_500(wereld, verwijzing):
    client = wereld.client("partner")
    status = reverse("partners:inbox_status", args=[verwijzing.pk])
    assert client.post(status, {"naar": "onzin"}).status_code == 302
    assert client.post(status, {"naar": S.AFGEWEZEN}).status_code == 200
    response = client.post(
        reverse("partners:inbox_actie", args=[verwijzing.pk, 999999]), {"status": "klaar"}
    )
    assert response.status_code == 404
    response = client.post(reverse("partners:inbox_notitie", args=[verwijzing.pk]), {"tekst": ""})
    assert response.status_code == 200
    assert "Schrijf de voortgang op." in response.content.decode()


def test_huishoudpagina_alleen_personalia(wereld, verwijzing):
    """Personalia: names, dates of birth, address, phone; never the BSN. Not the plan, not the
    ZRM; never journals or intake accounts. The view is logged."""
    from tests.plannen.helpers import maak_plan

    maak_plan(wereld, acties=1)
    ContactmomentFactory(
        casus=wereld.casus, samenvatting="GEHEIM-JOURNAAL", wijze=Contactwijze.TELEFOON
    )
    KeukentafelgesprekFactory(casus=wereld.casus, verslag="GEHEIM-KEUKENTAFEL")
    client = wereld.client("partner")
    huishouden = wereld.casus.huishouden
    response = client.get(reverse("partners:partner_huishouden", args=[huishouden.pk]))
    html = response.content.decode()
    assert wereld.persoon.achternaam in html
    assert huishouden.postcode in html
    assert wereld.persoon.bsn not in html
    assert "Gesprek aan de keukentafel over geld en werk." not in html  # plan content
    assert "Actie nummer 1" not in html
    assert "GEHEIM" not in html
    log = Toegangslog.objects.get(object_type="huishouden")
    assert (log.gebruikersnaam, log.huishouden_id, log.organisatie) == (
        "partner", huishouden.pk, wereld.organisatie.naam
    )  # fmt: skip


def test_huishoudpagina_met_plan_en_zrm(wereld, verwijzing):
    from tests.casussen.factories import ZrmMetingFactory, ZrmScoreFactory
    from tests.plannen.helpers import maak_plan

    maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    meting = ZrmMetingFactory(casus=wereld.casus)
    ZrmScoreFactory(meting=meting, persoon=wereld.persoon, score=2)
    client = wereld.client("partner")
    url = reverse("partners:partner_huishouden", args=[wereld.casus.huishouden_id])
    html = client.get(url).content.decode()
    assert "Actie nummer 1" not in html and "Financiën" not in html
    toestemming(wereld, onderdelen=[Onderdeel.ACTIES_PARTNER])
    html = client.get(url).content.decode()
    assert "Actie nummer 1" in html  # the partner's own action
    assert "Actie nummer 2" not in html  # someone else's
    toestemming(wereld, onderdelen=[Onderdeel.PLAN, Onderdeel.ZRM])
    html = client.get(url).content.decode()
    assert "Gesprek aan de keukentafel over geld en werk." in html
    assert "Actie nummer 2" in html
    assert "Financiën" in html


def test_partner_detail_wordt_gelogd(wereld, verwijzing):
    wereld.client("partner").get(reverse("partners:inbox_verwijzing", args=[verwijzing.pk]))
    log = Toegangslog.objects.get(object_type="verwijzing")
    assert (log.object_id, log.huishouden_id) == (verwijzing.pk, wereld.casus.huishouden_id)


def test_partner_b_ziet_niets_van_het_huishouden(wereld, verwijzing, partner_b, organisatie_b):
    """Acceptance 2: a partner user of organisation B gets 404 on everything of a household
    referred to organisation A: inbox, search, household, plan, referral, PDF."""
    from django.test import Client

    from tests.conftest import inloggen
    from tests.factories import WACHTWOORD  # noqa: F401
    from tests.plannen.helpers import maak_getekend_plan

    versie = maak_getekend_plan(wereld, acties=2, organisatie=wereld.organisatie)
    # B has a valid consent of its own for this household, but no referral.
    toestemming(wereld, organisatie=organisatie_b, onderdelen=list(Onderdeel.values))
    client = inloggen(Client(), partner_b)
    huishouden_id = wereld.casus.huishouden_id
    assert len(client.get(reverse("partners:inbox")).context["pagina"]) == 0
    actie = versie.doelen.first().acties.first()
    get_urls = [
        reverse("casussen:zoeken") + f"?naam={wereld.persoon.achternaam}",
        reverse("casussen:huishouden", args=[huishouden_id]),
        reverse("casussen:casus", args=[wereld.casus.pk]),
        reverse("casussen:persoon", args=[wereld.persoon.pk]),
        reverse("plannen:plan", args=[huishouden_id]),
        reverse("plannen:versie", args=[versie.pk]),
        reverse("plannen:pdf", args=[versie.pk]),
        reverse("plannen:pdf_downloaden", args=[versie.pk]),
        reverse("partners:partner_huishouden", args=[huishouden_id]),
        reverse("partners:inbox_verwijzing", args=[verwijzing.pk]),
        reverse("partners:verwijzing", args=[verwijzing.pk]),
        reverse("partners:betrokken", args=[huishouden_id]),
        reverse("toegang:toestemmingen", args=[huishouden_id]),
    ]
    for url in get_urls:
        assert client.get(url).status_code == 404, url
    post_urls = [
        (reverse("partners:inbox_status", args=[verwijzing.pk]), {"naar": S.GEACCEPTEERD}),
        (reverse("partners:inbox_notitie", args=[verwijzing.pk]), {"tekst": "x"}),
        (reverse("partners:inbox_actie", args=[verwijzing.pk, actie.pk]), {"status": "klaar"}),
    ]
    for url, data in post_urls:
        assert client.post(url, data).status_code == 404, url
    verwijzing.refresh_from_db()
    assert verwijzing.status == S.VERSTUURD and not verwijzing.notities.exists()
    # Partner A, for contrast, sees it.
    a = wereld.client("partner")
    assert a.get(reverse("partners:partner_huishouden", args=[huishouden_id])).status_code == 200
    assert a.get(reverse("partners:inbox_verwijzing", args=[verwijzing.pk])).status_code == 200


def test_betrokken_overzicht(wereld, verwijzing, organisatie_b):
    from tests.plannen.helpers import maak_plan

    maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    toestemming(wereld, organisatie=organisatie_b)
    from toegang.services import toestemming_intrekken

    t_b = wereld.persoon.toestemmingen.get(ontvanger=organisatie_b.groep)
    toestemming_intrekken(door=wereld.gebruikers["consulent"], toestemming=t_b)
    response = wereld.client("consulent").get(
        reverse("partners:betrokken", args=[wereld.casus.huishouden_id])
    )
    html = response.content.decode()
    assert verwijzing.nummer in html and "Verstuurd" in html
    assert "Geldig tot intrekking" in html  # A
    assert "Ingetrokken op" in html  # B
    assert "Actie nummer 1" in html and "Buurman 2" in html
    regisseur = wereld.casus.regisseur
    assert (regisseur.get_full_name() or regisseur.username) in html
    assert "Geen backup" in html


def test_geweigerde_poging_van_partner_b_wordt_gelogd(wereld, verwijzing, partner_b):
    from django.test import Client

    from tests.conftest import inloggen
    from toegang.models import LogResultaat

    client = inloggen(Client(), partner_b)
    huishouden_id = wereld.casus.huishouden_id
    assert client.get(reverse("partners:inbox_verwijzing", args=[verwijzing.pk])).status_code == 404
    url = reverse("partners:partner_huishouden", args=[huishouden_id])
    assert client.get(url).status_code == 404
    rijen = Toegangslog.objects.filter(gebruikersnaam="partner_b")
    assert {(r.object_type, r.resultaat, r.huishouden_id) for r in rijen} == {
        ("verwijzing", LogResultaat.GEWEIGERD, huishouden_id),
        ("huishouden", LogResultaat.GEWEIGERD, huishouden_id),
    }
    assert client.get(reverse("partners:partner_huishouden", args=[999999])).status_code == 404
    assert rijen.count() == 2
