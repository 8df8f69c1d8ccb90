"""Rules of the plan: versions, freezing (in the database too), goals, actions, signing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from plannen import selectors, services
from plannen.models import (
    Actie,
    Actiestatus,
    Doel,
    Eigenaar,
    Hoedanigheid,
    Methode,
    Ondertekening,
    Oordeel,
    Planversie,
    Versiestatus,
)

from .helpers import handtekening_png, leden, maak_getekend_plan, maak_plan, onderteken

pytestmark = pytest.mark.django_db


def _sql(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_een_plan_per_huishouden(wereld):
    door = wereld.gebruikers["consulent"]
    eerste = services.plan_starten(huishouden=wereld.casus.huishouden, door=door)
    tweede = services.plan_starten(huishouden=wereld.casus.huishouden, door=door)
    assert eerste == tweede
    assert eerste.nummer == 1 and eerste.status == Versiestatus.CONCEPT
    assert eerste.history.count() == 1


def test_team_scoping(wereld):
    versie = maak_plan(wereld)
    assert Planversie.objects.voor(wereld.gebruikers["consulent"]).filter(pk=versie.pk).exists()
    for rol in ["consulent_ander_team", "partner", "backoffice", "beleid"]:
        assert not Planversie.objects.voor(wereld.gebruikers[rol]).exists()
        assert not Actie.objects.voor(wereld.gebruikers[rol]).exists()


def test_ondertekenen_bevriest_de_versie(wereld):
    versie = maak_getekend_plan(wereld)
    assert versie.status == Versiestatus.ONDERTEKEND
    assert versie.ondertekend_op is not None
    with pytest.raises(services.BevrorenFout, match="ondertekend"):
        services.doel_toevoegen(
            planversie=versie,
            door=wereld.gebruikers["consulent"],
            domein=versie.doelen.first().domein,
            omschrijving="Nog een doel",
        )
    actie = Actie.objects.filter(doel__planversie=versie).first()
    with pytest.raises(services.BevrorenFout):
        services.actie_bijwerken(
            actie=actie,
            door=wereld.gebruikers["consulent"],
            verwachte_versie=actie.versie,
            velden={
                "eigenaar_soort": "netwerk",
                "eigenaar_naam": "x",
                "wat": "y",
                "wanneer": date.today(),
                "status": "open",
            },
        )


@pytest.mark.parametrize(
    "wijziging",
    [
        pytest.param(
            lambda v: Planversie.objects.filter(pk=v.pk).update(verslag="stiekem"),
            id="update-versie",
        ),
        pytest.param(
            lambda v: _sql("DELETE FROM plannen_planversie WHERE id = %s", v.pk),
            id="delete-versie-sql",
        ),
        pytest.param(
            lambda v: _sql("UPDATE plannen_planversie SET status = 'concept' WHERE id = %s", v.pk),
            id="terug-naar-concept-sql",
        ),
        pytest.param(
            lambda v: Doel.objects.filter(planversie=v).update(omschrijving="x"), id="update-doel"
        ),
        pytest.param(
            lambda v: Doel.objects.create(
                planversie=v, domein_id=v.doelen.first().domein_id, omschrijving="x"
            ),
            id="insert-doel",
        ),
        pytest.param(
            lambda v: Actie.objects.filter(doel__planversie=v).update(status="klaar"),
            id="update-actie",
        ),
        pytest.param(
            lambda v: Actie.objects.filter(doel__planversie=v).first().delete(), id="delete-actie"
        ),
        pytest.param(
            lambda v: Actie.objects.create(
                doel=v.doelen.first(), eigenaar_soort="netwerk", wat="x", wanneer=date.today()
            ),
            id="insert-actie",
        ),
        pytest.param(
            lambda v: Ondertekening.objects.filter(planversie=v).update(opmerkingen="x"),
            id="update-ondertekening",
        ),
        pytest.param(
            lambda v: Ondertekening.objects.filter(planversie=v).first().delete(),
            id="delete-ondertekening",
        ),
    ],
)
def test_database_weigert_wijziging_van_ondertekende_versie(wereld, wijziging):
    versie = maak_getekend_plan(wereld)
    with pytest.raises(IntegrityError, match="ondertekend en bevroren"), transaction.atomic():
        wijziging(versie)


def test_save_via_orm_geweigerd(wereld):
    versie = maak_getekend_plan(wereld)
    versie.verslag = "overschreven"
    with pytest.raises(IntegrityError), transaction.atomic():
        versie.save()
    versie.refresh_from_db()
    assert versie.verslag != "overschreven"


def test_concept_mag_wel_via_orm(wereld):
    versie = maak_plan(wereld)
    assert Planversie.objects.filter(pk=versie.pk).update(verslag="mag") == 1


def test_medeondertekenen_na_bevriezen(wereld):
    versie = maak_getekend_plan(wereld)
    youssef = leden(versie.plan.huishouden)[0]
    assert [
        p.naam
        for p in selectors.nog_niet_getekend(
            selectors.planversie_voor(wereld.gebruikers["consulent"], versie.pk)
        )
    ] == [youssef.naam]
    onderteken(wereld, versie, persoon=youssef)
    assert (
        selectors.nog_niet_getekend(
            selectors.planversie_voor(wereld.gebruikers["consulent"], versie.pk)
        )
        == []
    )
    with pytest.raises(ValidationError, match="al ondertekend"):
        onderteken(wereld, versie, persoon=youssef)


def test_wettelijk_vertegenwoordiger(wereld):
    versie = maak_plan(wereld)
    kind = leden(versie.plan.huishouden)[2]
    ondertekening = onderteken(
        wereld,
        versie,
        persoon=kind,
        vertegenwoordiger_naam="Mr. B. Bewind",
        hoedanigheid=Hoedanigheid.BEWINDVOERDER,
    )
    assert ondertekening.ondertekenaar == f"Mr. B. Bewind (bewindvoerder), namens {kind.naam}"
    with pytest.raises(ValidationError) as fout:
        onderteken(wereld, versie, persoon=None, vertegenwoordiger_naam="Iemand")
    assert "hoedanigheid" in fout.value.message_dict


def test_ondertekenen_zonder_evaluatiedatum_geweigerd(wereld):
    versie = maak_plan(wereld, evaluatiedatum=False)
    with pytest.raises(ValidationError) as fout:
        onderteken(wereld, versie)
    assert "evaluatiedatum" in fout.value.message_dict
    versie.refresh_from_db()
    assert versie.status == Versiestatus.CONCEPT


def test_voor_gezien_vraagt_opmerkingen(wereld):
    versie = maak_plan(wereld)
    with pytest.raises(ValidationError) as fout:
        onderteken(wereld, versie, oordeel=Oordeel.VOOR_GEZIEN)
    assert "opmerkingen" in fout.value.message_dict
    ondertekening = onderteken(
        wereld, versie, oordeel=Oordeel.VOOR_GEZIEN, opmerkingen="Ik wil meer hulp."
    )
    assert ondertekening.get_oordeel_display().startswith("Niet akkoord")


def test_formele_aanvraag_alleen_met_maatwerk(wereld):
    versie = maak_plan(wereld)
    with pytest.raises(ValidationError) as fout:
        onderteken(wereld, versie, formele_aanvraag=True)
    assert "formele_aanvraag" in fout.value.message_dict
    versie = services.planversie_bijwerken(
        planversie=versie,
        door=wereld.gebruikers["consulent"],
        verwachte_versie=versie.versie,
        velden={
            "maatwerk_nodig": True,
            "maatwerk_soort": "Huishoudelijke hulp",
            "maatwerk_wet": "wmo",
            "maatwerk_motivering": "Kan niet zelf schoonmaken.",
            "maatwerk_leveringsvorm": "zin",
        },
    )
    onderteken(wereld, versie, formele_aanvraag=True)
    versie.refresh_from_db()
    assert versie.formele_aanvraag


def test_maatwerk_vraagt_verplichte_velden(wereld):
    versie = maak_plan(wereld)
    with pytest.raises(ValidationError) as fout:
        services.planversie_bijwerken(
            planversie=versie,
            door=wereld.gebruikers["consulent"],
            verwachte_versie=versie.versie,
            velden={"maatwerk_nodig": True},
        )
    assert set(fout.value.message_dict) >= {"maatwerk_soort", "maatwerk_wet", "maatwerk_motivering"}


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"eigenaar_soort": ""}, "eigenaar_soort"),
        ({"eigenaar_soort": Eigenaar.PARTNER}, "organisatie"),
        ({"eigenaar_soort": Eigenaar.NETWERK, "eigenaar_naam": ""}, "eigenaar_naam"),
        ({"wanneer": None}, "wanneer"),
        ({"wat": " "}, "wat"),
    ],
)
def test_actie_zonder_eigenaar_of_datum_geweigerd(wereld, velden, veld):
    versie = maak_plan(wereld, acties=0)
    goed = {
        "eigenaar_soort": Eigenaar.NETWERK,
        "eigenaar_naam": "Zus",
        "wat": "Bellen",
        "wanneer": date.today() + timedelta(days=3),
    }
    with pytest.raises(ValidationError) as fout:
        services.actie_toevoegen(
            doel=versie.doelen.first(),
            door=wereld.gebruikers["consulent"],
            velden={**goed, **velden},
        )
    assert veld in fout.value.message_dict
    assert not Actie.objects.exists()


def test_actiestatus_volgt_de_overgangen(wereld):
    versie = maak_plan(wereld, acties=1)
    actie = Actie.objects.get(doel__planversie=versie)
    door = wereld.gebruikers["consulent"]
    velden = {
        "eigenaar_soort": actie.eigenaar_soort,
        "eigenaar_naam": actie.eigenaar_naam,
        "wat": actie.wat,
        "wanneer": actie.wanneer,
    }
    actie = services.actie_bijwerken(
        actie=actie,
        door=door,
        verwachte_versie=actie.versie,
        velden={**velden, "status": Actiestatus.KLAAR},
    )
    with pytest.raises(ValidationError, match="geen toegestane stap"):
        services.actie_bijwerken(
            actie=actie,
            door=door,
            verwachte_versie=actie.versie,
            velden={**velden, "status": Actiestatus.VERVALLEN},
        )


def test_nieuwe_versie_kopieert_en_vergelijking_toont_verschillen(wereld):
    door = wereld.gebruikers["consulent"]
    getekend = maak_getekend_plan(wereld, acties=3, doelen=2)
    concept = services.nieuwe_versie(planversie=getekend, door=door)
    assert concept.nummer == 2 and concept.is_concept and concept.vorige == getekend
    assert concept.doelen.count() == 2
    assert Actie.objects.filter(doel__planversie=concept).count() == 3
    assert concept.ondertekeningen.count() == 0
    with pytest.raises(ValidationError, match="al een conceptversie"):
        services.nieuwe_versie(planversie=getekend, door=door)

    weg = Actie.objects.filter(doel__planversie=concept).get(wat="Actie nummer 2")
    services.actie_verwijderen(actie=weg, door=door, verwachte_versie=weg.versie)
    services.actie_toevoegen(
        doel=concept.doelen.first(),
        door=door,
        velden={
            "eigenaar_soort": "inwoner",
            "eigenaar_naam": "Fatima",
            "wat": "Nieuwe actie",
            "wanneer": date.today() + timedelta(days=20),
        },
    )
    gebruiker = wereld.gebruikers["consulent"]
    verschil = selectors.vergelijking(
        selectors.planversie_voor(gebruiker, getekend.pk),
        selectors.planversie_voor(gebruiker, concept.pk),
    )
    acties = [(a.status, (a.a or a.b).wat) for d in verschil["doelen"] for a in d.onderdelen]
    assert ("toegevoegd", "Nieuwe actie") in acties
    assert ("verwijderd", "Actie nummer 2") in acties
    assert ("gelijk", "Actie nummer 1") in acties
    assert verschil["aantal_verschillen"] == 2
    # The signed version is untouched.
    assert Actie.objects.filter(doel__planversie=getekend).count() == 3


def test_nieuwe_versie_alleen_van_ondertekende(wereld):
    versie = maak_plan(wereld)
    with pytest.raises(ValidationError):
        services.nieuwe_versie(planversie=versie, door=wereld.gebruikers["consulent"])


def test_verouderde_opslag_geweigerd(wereld):
    versie = maak_plan(wereld)
    door = wereld.gebruikers["consulent"]
    oud = versie.versie
    services.planversie_bijwerken(
        planversie=versie, door=door, verwachte_versie=oud, velden={"verslag": "Eerste"}
    )
    with pytest.raises(services.VerouderdFout) as fout:
        services.planversie_bijwerken(
            planversie=versie,
            door=wereld.gebruikers["teamleider"],
            verwachte_versie=oud,
            velden={"verslag": "Tweede"},
        )
    assert fout.value.huidig.verslag == "Eerste"
    versie.refresh_from_db()
    assert versie.verslag == "Eerste"


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"GIF89a" + b"\0" * 20, "bestandstype"),
        (b"%PDF-" + b"\0" * (10 * 1024 * 1024), "te groot"),
        (b"", "leeg"),
    ],
)
def test_scan_wordt_op_inhoud_gecontroleerd(wereld, inhoud, melding):
    versie = maak_plan(wereld)
    with pytest.raises(ValidationError) as fout:
        onderteken(wereld, versie, methode=Methode.PAPIER, bestand=inhoud)
    assert melding in fout.value.message_dict["scan"][0]


def test_scan_pdf_geaccepteerd(wereld):
    versie = maak_plan(wereld)
    ondertekening = onderteken(wereld, versie, methode=Methode.PAPIER, bestand=b"%PDF-1.7 test")
    assert ondertekening.bestand_type == "application/pdf"
    assert ondertekening.bestand.read() == b"%PDF-1.7 test"


def test_handtekening_data_url():
    from .helpers import data_url

    assert services.handtekening_uit_data_url(data_url(handtekening_png())).startswith(b"\x89PNG")
    leeg = __import__("io").BytesIO()
    __import__("PIL.Image").Image.new("RGBA", (50, 20), (0, 0, 0, 0)).save(leeg, "PNG")
    for fout, url in [
        ("nog geen handtekening", ""),
        ("nog geen handtekening", data_url(leeg.getvalue())),
        ("geen PNG", "data:image/jpeg;base64,AAAA"),
        ("niet leesbaar", "data:image/png;base64,@@@"),
    ]:
        with pytest.raises(ValidationError, match=fout):
            services.handtekening_uit_data_url(url)


def test_geschiedenis_met_gebruiker(wereld):
    versie = maak_plan(wereld, acties=1)
    actie = Actie.objects.get(doel__planversie=versie)
    assert actie.history.first().history_user == wereld.gebruikers["consulent"]
