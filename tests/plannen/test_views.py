"""The plan pages: editing a draft, refusals in Dutch (never a 500), signing, versions."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plannen.models import Actie, Doel, Ondertekening, Planversie, Versiestatus

from .helpers import (
    data_url,
    handtekening_png,
    leden,
    maak_getekend_plan,
    maak_plan,
    zrm_domeinen,
)

pytestmark = pytest.mark.django_db


def test_plan_starten_en_tonen(wereld):
    client = wereld.client("consulent")
    huishouden = wereld.casus.huishouden
    url = reverse("plannen:plan", kwargs={"huishouden_id": huishouden.pk})
    assert "Plan starten" in client.get(url).content.decode()
    response = client.post(reverse("plannen:plan_starten", kwargs={"huishouden_id": huishouden.pk}))
    versie = Planversie.objects.get(plan__huishouden=huishouden)
    assert response.url == reverse("plannen:versie", kwargs={"pk": versie.pk})
    assert client.get(url).url == response.url
    pagina = client.get(response.url).content.decode()
    assert "versie 1" in pagina and "Concept" in pagina


def test_concept_bewerken_met_doelen_en_acties(wereld):
    client = wereld.client("consulent")
    versie = maak_plan(wereld, acties=0, doelen=0)
    response = client.post(
        reverse("plannen:versie_bewerken", kwargs={"pk": versie.pk}),
        {
            "versie_basis": versie.versie,
            "verslag": "Goed gesprek",
            "gesprek_datum": "2026-01-10",
            "evaluatiedatum": "2026-06-01",
            "maatwerk_eigen_bijdrage": "CAK",
        },
    )
    assert response.status_code == 302, response.content.decode()
    versie.refresh_from_db()
    assert versie.verslag == "Goed gesprek" and versie.evaluatiedatum == date(2026, 6, 1)

    domein = next(d for d in zrm_domeinen() if d.naam == "Financiën")
    response = client.post(
        reverse("plannen:doel_toevoegen", kwargs={"pk": versie.pk}),
        {"domein": domein.pk, "omschrijving": "Schulden op een rij"},
    )
    doel = Doel.objects.get(planversie=versie)
    assert response.status_code == 302
    response = client.post(
        reverse("plannen:actie_toevoegen", kwargs={"pk": doel.pk}),
        {
            "eigenaar_soort": "partner",
            "organisatie": wereld.organisatie.pk,
            "wat": "Intake schuldhulp",
            "wanneer": "2026-02-01",
        },
    )
    assert response.status_code == 302
    actie = Actie.objects.get(doel=doel)
    assert actie.wie == "Partnerorganisatie: MEE Test"
    pagina = client.get(reverse("plannen:versie", kwargs={"pk": versie.pk})).content.decode()
    assert "Schulden op een rij" in pagina and "Intake schuldhulp" in pagina
    # Edit and delete the action.
    response = client.post(
        reverse("plannen:actie_bewerken", kwargs={"pk": actie.pk}),
        {
            "versie_basis": actie.versie,
            "eigenaar_soort": "inwoner",
            "persoon": leden(versie.plan.huishouden)[0].pk,
            "wat": "Zelf bellen",
            "wanneer": "2026-02-03",
            "status": "bezig",
        },
    )
    assert response.status_code == 302
    actie.refresh_from_db()
    assert (actie.wat, actie.status, actie.organisatie_id) == ("Zelf bellen", "bezig", None)
    response = client.post(
        reverse("plannen:actie_verwijderen", kwargs={"pk": actie.pk}),
        {"versie_basis": actie.versie},
    )
    assert response.status_code == 302 and not Actie.objects.exists()
    response = client.post(
        reverse("plannen:doel_verwijderen", kwargs={"pk": doel.pk}), {"versie_basis": doel.versie}
    )
    assert response.status_code == 302 and not Doel.objects.exists()


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        (
            {"eigenaar_soort": "netwerk", "eigenaar_naam": "Zus", "wat": "Bellen"},
            "wanneer",
            "Vul in wanneer de actie klaar moet zijn.",
        ),
        (
            {
                "eigenaar_soort": "netwerk",
                "eigenaar_naam": "Zus",
                "wat": "Bellen",
                "wanneer": "morgen",
            },
            "wanneer",
            "Vul een geldige datum in.",
        ),
        (
            {"wat": "Bellen", "wanneer": "2026-02-01"},
            "eigenaar_soort",
            "Kies wie deze actie uitvoert.",
        ),
        (
            {"eigenaar_soort": "partner", "wat": "Bellen", "wanneer": "2026-02-01"},
            "organisatie",
            "Kies de partnerorganisatie die deze actie uitvoert.",
        ),
        (
            {"eigenaar_soort": "netwerk", "wat": "Bellen", "wanneer": "2026-02-01"},
            "eigenaar_naam",
            "Vul de naam in van wie uit het netwerk dit doet.",
        ),
    ],
)
def test_actie_zonder_eigenaar_of_datum_geeft_nederlandse_fout(wereld, data, veld, melding):
    versie = maak_plan(wereld, acties=0)
    response = wereld.client("consulent").post(
        reverse("plannen:actie_toevoegen", kwargs={"pk": versie.doelen.first().pk}), data
    )
    assert response.status_code == 200
    assert melding in response.context["form"].errors[veld]
    assert melding in response.content.decode()
    assert not Actie.objects.exists()


def test_ongeldige_invoer_plan_geeft_nederlandse_fout(wereld):
    versie = maak_plan(wereld)
    response = wereld.client("consulent").post(
        reverse("plannen:versie_bewerken", kwargs={"pk": versie.pk}),
        {
            "versie_basis": versie.versie,
            "gesprek_datum": "2026-03-01",
            "evaluatiedatum": "2026-02-01",
            "maatwerk_nodig": "on",
        },
    )
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert fouten["evaluatiedatum"] == [
        "De evaluatiedatum moet na de datum van het gesprek liggen."
    ]
    assert fouten["maatwerk_soort"] == ["Vul de soort voorziening in."]


def _onderteken_data(persoon, **extra):
    return {
        "persoon": persoon.pk,
        "oordeel": "akkoord",
        "methode": "scherm",
        "handtekening": data_url(handtekening_png()),
        **extra,
    }


def test_ondertekenen_op_scherm(wereld):
    versie = maak_plan(wereld)
    client = wereld.client("consulent")
    fatima = leden(versie.plan.huishouden)[1]
    url = reverse("plannen:ondertekenen", kwargs={"pk": versie.pk})
    assert "data-handtekening-canvas" in client.get(url).content.decode()
    response = client.post(url, _onderteken_data(fatima))
    assert response.status_code == 302, response.context["form"].errors
    versie.refresh_from_db()
    assert versie.status == Versiestatus.ONDERTEKEND
    ondertekening = Ondertekening.objects.get()
    assert ondertekening.persoon == fatima and ondertekening.bestand_type == "image/png"
    pagina = client.get(reverse("plannen:versie", kwargs={"pk": versie.pk})).content.decode()
    assert "Fatima El Amrani" in pagina and "Nog niet getekend: Youssef El Amrani" in pagina
    beeld = client.get(reverse("plannen:ondertekening_bestand", kwargs={"pk": ondertekening.pk}))
    assert beeld["Content-Type"] == "image/png"
    assert b"".join(beeld.streaming_content).startswith(b"\x89PNG")


def test_ondertekenen_zonder_evaluatiedatum_geeft_nederlandse_fout(wereld):
    versie = maak_plan(wereld, evaluatiedatum=False)
    client = wereld.client("consulent")
    url = reverse("plannen:ondertekenen", kwargs={"pk": versie.pk})
    assert "nog geen evaluatiedatum" in client.get(url).content.decode()
    response = client.post(url, _onderteken_data(leden(versie.plan.huishouden)[1]))
    assert response.status_code == 200
    assert any("evaluatiedatum" in fout for fout in response.context["form"].non_field_errors())
    versie.refresh_from_db()
    assert versie.is_concept


@pytest.mark.parametrize(
    ("bestand", "melding"),
    [
        (
            SimpleUploadedFile("scan.pdf", b"GIF89a-geen-pdf", "application/pdf"),
            "Dit bestandstype wordt niet geaccepteerd: upload een PDF, PNG of JPEG.",
        ),
        (
            SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf"),
            "Het bestand is te groot: de scan mag hoogstens 10 MB zijn.",
        ),
        (  # a Windows executable renamed .pdf (issue 11: type checked by content, not name)
            SimpleUploadedFile("scan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf"),
            "Dit bestandstype wordt niet geaccepteerd: upload een PDF, PNG of JPEG.",
        ),
        (None, "Upload de scan van het getekende plan."),
    ],
)
def test_scan_upload_verkeerd_type_of_te_groot(wereld, bestand, melding):
    versie = maak_plan(wereld)
    data = {
        "persoon": leden(versie.plan.huishouden)[1].pk,
        "oordeel": "akkoord",
        "methode": "papier",
    }
    if bestand is not None:
        data["scan"] = bestand
    response = wereld.client("consulent").post(
        reverse("plannen:ondertekenen", kwargs={"pk": versie.pk}), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors["scan"] == [melding]
    assert melding in response.content.decode()
    assert not Ondertekening.objects.exists()


def test_scan_upload_jpeg(wereld):
    versie = maak_plan(wereld)
    response = wereld.client("consulent").post(
        reverse("plannen:ondertekenen", kwargs={"pk": versie.pk}),
        {
            "persoon": leden(versie.plan.huishouden)[1].pk,
            "oordeel": "voor_gezien",
            "opmerkingen": "Niet eens met de termijn.",
            "methode": "papier",
            "scan": SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        },
    )
    assert response.status_code == 302
    assert Ondertekening.objects.get().bestand_type == "image/jpeg"


def test_lege_handtekening_geweigerd(wereld):
    versie = maak_plan(wereld)
    response = wereld.client("consulent").post(
        reverse("plannen:ondertekenen", kwargs={"pk": versie.pk}),
        _onderteken_data(leden(versie.plan.huishouden)[1], handtekening=""),
    )
    assert response.status_code == 200
    assert (
        "Er is nog geen handtekening gezet." in response.context["form"].errors["handtekening"][0]
    )


def test_ondertekende_versie_niet_te_wijzigen_via_views(wereld):
    versie = maak_getekend_plan(wereld)
    client = wereld.client("consulent")
    doel = versie.doelen.first()
    actie = Actie.objects.filter(doel=doel).first()
    pogingen = [
        ("plannen:versie_bewerken", versie.pk, {"versie_basis": versie.versie, "verslag": "x"}),
        ("plannen:doel_toevoegen", versie.pk, {"domein": doel.domein_id, "omschrijving": "x"}),
        (
            "plannen:doel_bewerken",
            doel.pk,
            {"versie_basis": doel.versie, "domein": doel.domein_id, "omschrijving": "x"},
        ),
        ("plannen:doel_verwijderen", doel.pk, {"versie_basis": doel.versie}),
        (
            "plannen:actie_toevoegen",
            doel.pk,
            {
                "eigenaar_soort": "netwerk",
                "eigenaar_naam": "x",
                "wat": "x",
                "wanneer": "2026-01-01",
            },
        ),
        (
            "plannen:actie_bewerken",
            actie.pk,
            {
                "versie_basis": actie.versie,
                "eigenaar_soort": "netwerk",
                "eigenaar_naam": "x",
                "wat": "x",
                "wanneer": "2026-01-01",
                "status": "klaar",
            },
        ),
        ("plannen:actie_verwijderen", actie.pk, {"versie_basis": actie.versie}),
    ]
    voor = (versie.verslag, doel.omschrijving, actie.wat, actie.status)
    for naam, pk, data in pogingen:
        for methode in ("get", "post"):
            response = getattr(client, methode)(reverse(naam, kwargs={"pk": pk}), data, follow=True)
            assert response.status_code == 200, naam
            assert "is ondertekend en kan niet meer worden gewijzigd" in response.content.decode()
    versie.refresh_from_db()
    doel.refresh_from_db()
    actie.refresh_from_db()
    assert (versie.verslag, doel.omschrijving, actie.wat, actie.status) == voor
    assert Doel.objects.filter(planversie=versie).count() == 1


def test_nieuwe_versie_en_vergelijking_via_views(wereld):
    versie = maak_getekend_plan(wereld, acties=2)
    client = wereld.client("consulent")
    response = client.post(reverse("plannen:nieuwe_versie", kwargs={"pk": versie.pk}))
    nieuw = Planversie.objects.get(plan=versie.plan, nummer=2)
    assert response.url == reverse("plannen:versie", kwargs={"pk": nieuw.pk})
    # A second request is refused with a message, not a 500.
    response = client.post(reverse("plannen:nieuwe_versie", kwargs={"pk": versie.pk}), follow=True)
    assert "Er is al een conceptversie (versie 2)" in response.content.decode()

    weg = Actie.objects.get(doel__planversie=nieuw, wat="Actie nummer 1")
    client.post(
        reverse("plannen:actie_verwijderen", kwargs={"pk": weg.pk}), {"versie_basis": weg.versie}
    )
    client.post(
        reverse("plannen:actie_toevoegen", kwargs={"pk": nieuw.doelen.first().pk}),
        {
            "eigenaar_soort": "consulent",
            "medewerker": wereld.gebruikers["consulent"].pk,
            "wat": "Huisbezoek plannen",
            "wanneer": (date.today() + timedelta(days=5)).isoformat(),
        },
    )
    pagina = client.get(reverse("plannen:vergelijken", kwargs={"pk": nieuw.pk})).content.decode()
    assert "Links versie 1, rechts versie 2" in pagina
    assert "<ins>Consulent: " in pagina and "Huisbezoek plannen" in pagina
    assert "<del>Iemand uit het netwerk: Buurman 1 — Actie nummer 1" in pagina
    assert "Toegevoegd</span>" in pagina and "Verwijderd</span>" in pagina
    # And the other way round, chosen with ?met=.
    pagina = client.get(
        reverse("plannen:vergelijken", kwargs={"pk": versie.pk}) + f"?met={nieuw.pk}"
    ).content.decode()
    assert "Links versie 1, rechts versie 2" in pagina
    assert (
        client.get(
            reverse("plannen:vergelijken", kwargs={"pk": versie.pk}) + "?met=999999"
        ).status_code
        == 404
    )


def test_plan_samenvatting(wereld):
    from django.template import Context, Template

    huishouden = wereld.casus.huishouden
    sjabloon = Template("{% load plannen %}{% plan_samenvatting huishouden %}")
    assert "nog geen plan" in sjabloon.render(Context({"huishouden": huishouden}))
    maak_getekend_plan(wereld, acties=2)
    html = sjabloon.render(Context({"huishouden": huishouden}))
    assert "ondertekend" in html and "Actie nummer 2" in html and "Buurman 1" in html


def test_gemanipuleerde_invoer_geeft_geen_500(wereld):
    versie = maak_plan(wereld, acties=1)
    client = wereld.client("consulent")
    actie = Actie.objects.get(doel__planversie=versie)
    response = client.post(
        reverse("plannen:actie_verwijderen", kwargs={"pk": actie.pk}),
        {"versie_basis": "abc"},
        follow=True,
    )
    assert response.status_code == 200 and Actie.objects.filter(pk=actie.pk).exists()
    response = client.post(
        reverse("plannen:versie_bewerken", kwargs={"pk": versie.pk}), {"verslag": "x"}
    )
    assert response.status_code == 200
    assert "Het formulier is onvolledig verstuurd." in response.content.decode()
    response = client.post(
        reverse("plannen:ondertekenen", kwargs={"pk": versie.pk}),
        {"persoon": "999999", "oordeel": "misschien", "methode": "fax", "handtekening": "x"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"persoon", "oordeel", "methode"}
    assert (
        client.get(
            reverse("plannen:vergelijken", kwargs={"pk": versie.pk}) + "?met=abc"
        ).status_code
        == 404
    )
