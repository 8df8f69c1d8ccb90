"""Issue 5, acceptance 6: retention. A dry run lists what would go; the real run anonymises it
and keeps the steering figures; cases inside their period are untouched."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from casussen import stuurinformatie
from casussen.models import Casus, Contactmoment, Melding, Persoon, Status, Wet
from partners.models import Verwijzing
from plannen import backoffice
from plannen import services as plan_services
from plannen.models import Beschikking, BeschikkingPdf, Ondertekening, PlanPdf, Planversie
from tests.casussen.factories import (
    ContactmomentFactory,
    KeukentafelgesprekFactory,
    MeldingFactory,
    ZrmScoreFactory,
)
from tests.factories import CasusFactory, HuishoudenFactory, PersoonFactory
from tests.plannen.helpers import maak_aanvraag
from toegang import tasks
from toegang.bewaartermijn import (
    ANONIEM,
    CASUS_ANONIMISEREN,
    HUISHOUDEN_ANONIMISEREN,
    bewaartermijn_rapport,
    bewaartermijn_toepassen,
)
from toegang.models import Bewaartermijnrun, Gegevensdeling, Toegangslog

pytestmark = pytest.mark.django_db

VANDAAG = date.today()


def jaren_geleden(jaren: int, dagen: int = 0) -> date:
    return VANDAAG.replace(year=VANDAAG.year - jaren) - timedelta(days=dagen)


def sluiten(casus, op: date) -> None:
    """Close a case on a date in the past (the lifecycle service closes on today only)."""
    Casus.objects.filter(pk=casus.pk).update(
        status=Status.AFGESLOTEN, gesloten_op=op, geopend_op=op - timedelta(days=90)
    )


def toekennen(wereld, casus) -> Beschikking:
    """A final decision granting a Wmo provision on a request of the case."""
    aanvraag = backoffice.aanvraag_starten(
        casus=casus,
        door=wereld.gebruikers["consulent"],
        velden={"soort": "Hulp bij het huishouden", "wet": Wet.WMO, "motivering": "Rugklachten."},
        ontvangen_op=VANDAAG,
    )
    return besluit_toekennen(wereld, aanvraag)


def besluit_toekennen(wereld, aanvraag) -> Beschikking:
    beschikking = backoffice.besluiten(
        aanvraag=aanvraag,
        door=wereld.gebruikers["backoffice"],
        besluit="toekennen",
        velden={
            "motivering": "Mevrouw kan het huis niet meer schoonhouden.",
            "product": "Huishoudelijke ondersteuning",
            "omvang_aantal": Decimal("3"),
            "omvang_eenheid": "uur",
            "omvang_frequentie": "week",
            "ingangsdatum": VANDAAG,
            "leveringsvorm": "pgb",
        },
    )
    assert beschikking.is_definitief
    return beschikking


def huishouden_met_casus(wereld, *, wetten, leden=2):
    huishouden = HuishoudenFactory(team=wereld.team)
    for _ in range(leden):
        PersoonFactory(huishouden=huishouden)
    casus = CasusFactory(
        huishouden=huishouden,
        team=wereld.team,
        regisseur=wereld.gebruikers["consulent"],
        wetten=wetten,
        vraag=f"Vraag van huishouden {huishouden.pk}",
    )
    MeldingFactory(
        team=wereld.team,
        huishouden=huishouden,
        casus=casus,
        triage="casus",
        geregistreerd_door=wereld.gebruikers["consulent"],
        melder_naam="Dokter Jansen",
    )
    return casus


@dataclass
class Situatie:
    jeugd_oud: Casus  # Jeugdwet, closed 21 years ago: goes (household with signed plan)
    wmo_zonder: Casus  # Wmo, no provision, closed 6 years ago: goes
    wmo_met_binnen: Casus  # Wmo with a granted provision, closed 6 years ago: stays
    wmo_met_oud: Casus  # Wmo with a granted provision, closed 16 years ago: goes
    jeugd_binnen: Casus  # Jeugdwet, closed 19 years ago: stays
    gemengd_oud: Casus  # Wmo, closed 7 years ago, but the household has an open case
    gemengd_open: Casus
    handtekening: Path
    plan_pdf: Path
    beschikking_pdf: Path
    planversie: Planversie
    beschikking_binnen: Beschikking


@pytest.fixture
def situatie(wereld, media_in_tmp) -> Situatie:
    # The world's household: intake, ZRM, journal, consent, referral, signed plan, decision.
    casus = wereld.casus
    Casus.objects.filter(pk=casus.pk).update(wetten=[Wet.JEUGDWET])
    PersoonFactory(huishouden=casus.huishouden, voornamen="Noortje", bsn="111222333")
    MeldingFactory(
        team=wereld.team,
        huishouden=casus.huishouden,
        casus=casus,
        triage="casus",
        geregistreerd_door=wereld.gebruikers["consulent"],
    )
    gesprek = KeukentafelgesprekFactory(casus=casus, verslag="Het verhaal van Noortje.")
    ZrmScoreFactory(meting__casus=casus, persoon=wereld.persoon, score=2)
    ContactmomentFactory(casus=casus, door=wereld.gebruikers["consulent"])
    wereld.toestemming  # noqa: B018 - consent to share with the partner
    from partners import services as partner_services

    partner_services.verwijzen(
        door=wereld.gebruikers["consulent"],
        casus=casus,
        organisatie=wereld.organisatie,
        vraag="Hulp bij de post van Noortje",
    )
    aanvraag = maak_aanvraag(wereld)
    beschikking = besluit_toekennen(wereld, aanvraag)
    backoffice.pdf_renderen(beschikking_id=beschikking.pk)
    planversie = aanvraag.planversie
    plan_services.pdf_aanvragen(planversie=planversie, door=wereld.gebruikers["consulent"])
    plan_services.pdf_renderen(planversie_id=planversie.pk)
    sluiten(casus, jaren_geleden(21))
    assert gesprek.pk

    wmo_zonder = huishouden_met_casus(wereld, wetten=[Wet.WMO])
    sluiten(wmo_zonder, jaren_geleden(6))

    wmo_met_binnen = huishouden_met_casus(wereld, wetten=[Wet.WMO])
    beschikking_binnen = toekennen(wereld, wmo_met_binnen)
    sluiten(wmo_met_binnen, jaren_geleden(6))

    wmo_met_oud = huishouden_met_casus(wereld, wetten=[Wet.WMO])
    toekennen(wereld, wmo_met_oud)
    sluiten(wmo_met_oud, jaren_geleden(16))

    jeugd_binnen = huishouden_met_casus(wereld, wetten=[Wet.JEUGDWET])
    sluiten(jeugd_binnen, jaren_geleden(19))

    gemengd_oud = huishouden_met_casus(wereld, wetten=[Wet.WMO])
    sluiten(gemengd_oud, jaren_geleden(7))
    gemengd_open = CasusFactory(
        huishouden=gemengd_oud.huishouden,
        team=wereld.team,
        regisseur=wereld.gebruikers["consulent"],
        vraag="Nieuwe vraag",
    )

    ondertekening = Ondertekening.objects.get(planversie=planversie)
    media = Path(media_in_tmp)
    return Situatie(
        jeugd_oud=Casus.objects.get(pk=casus.pk),
        wmo_zonder=wmo_zonder,
        wmo_met_binnen=wmo_met_binnen,
        wmo_met_oud=wmo_met_oud,
        jeugd_binnen=jeugd_binnen,
        gemengd_oud=gemengd_oud,
        gemengd_open=gemengd_open,
        handtekening=media / ondertekening.bestand.name,
        plan_pdf=media / PlanPdf.objects.get(planversie=planversie).bestand.name,
        beschikking_pdf=media / BeschikkingPdf.objects.get(beschikking=beschikking).bestand.name,
        planversie=planversie,
        beschikking_binnen=beschikking_binnen,
    )


def _personen(casus) -> list[tuple]:
    return list(
        Persoon.objects.filter(huishouden_id=casus.huishouden_id)
        .order_by("pk")
        .values_list("voornamen", "achternaam", "bsn", "geboortedatum", "email")
    )


def _figuren(wereld) -> list:
    """Every steering figure, as its cells read, for a long and a recent period."""
    from toegang.models import Team

    teams = Team.objects.filter(pk=wereld.team.pk)
    uitkomst = []
    for van in (jaren_geleden(25), jaren_geleden(5)):
        filter_ = stuurinformatie.Filter(van, VANDAAG, teams)
        for sectie, tabellen in stuurinformatie.alle_tabellen(filter_, per_consulent=False):
            for tabel in tabellen:
                rijen = [[cel.tekst for cel in rij] for rij in tabel.rijen]
                uitkomst.append((sectie, tabel.sleutel, rijen))
    assert any(rijen for _, _, rijen in uitkomst)
    return uitkomst


def test_proefdraai_noemt_precies_de_verlopen_casussen_en_wijzigt_niets(wereld, situatie):
    s = situatie
    personen_voor = _personen(s.jeugd_oud)
    rapport = bewaartermijn_rapport(peildatum=VANDAAG)

    regels = {regel.casus_id: regel for regel in rapport.regels}
    assert set(regels) == {s.jeugd_oud.pk, s.wmo_zonder.pk, s.wmo_met_oud.pk, s.gemengd_oud.pk}
    jeugd = regels[s.jeugd_oud.pk]
    assert jeugd.nummer == s.jeugd_oud.nummer
    assert jeugd.wetten_labels == ["Jeugdwet"]
    assert jeugd.gesloten_op == jaren_geleden(21)
    assert jeugd.bewaren_tot == jaren_geleden(1)
    assert jeugd.actie == HUISHOUDEN_ANONIMISEREN
    assert regels[s.wmo_zonder.pk].bewaren_tot == jaren_geleden(1)  # 5 years
    assert regels[s.wmo_met_oud.pk].bewaren_tot == jaren_geleden(1)  # 15 years
    assert regels[s.gemengd_oud.pk].bewaren_tot == jaren_geleden(2)  # 5 years
    assert regels[s.gemengd_oud.pk].actie == CASUS_ANONIMISEREN
    assert rapport.huishoudens == 3

    # Just inside: a day earlier nothing of the 5-year Wmo case would go yet.
    eerder = bewaartermijn_rapport(peildatum=jaren_geleden(1) - timedelta(days=1))
    assert s.wmo_zonder.pk not in {r.casus_id for r in eerder.regels}

    uit = StringIO()
    call_command("bewaartermijn", stdout=uit)
    tekst = uit.getvalue()
    assert s.jeugd_oud.nummer in tekst and "Proefdraai: er is niets gewijzigd" in tekst
    assert s.wmo_met_binnen.nummer not in tekst

    assert _personen(s.jeugd_oud) == personen_voor
    assert not Bewaartermijnrun.objects.exists()
    assert all(p.is_file() for p in (s.handtekening, s.plan_pdf, s.beschikking_pdf))


def test_bevriezing_blijft_zonder_bewaartermijn(wereld, situatie):
    with pytest.raises(IntegrityError, match="bevroren"), transaction.atomic():
        Planversie.objects.filter(pk=situatie.planversie.pk).update(verslag="Anders")
    with pytest.raises(IntegrityError, match="definitief"), transaction.atomic():
        Beschikking.objects.filter(pk=situatie.beschikking_binnen.pk).update(motivering="Anders")


def test_echte_run_anonimiseert_en_houdt_de_cijfers(
    wereld, situatie, django_capture_on_commit_callbacks
):
    s = situatie
    figuren_voor = _figuren(wereld)
    binnen_personen = _personen(s.wmo_met_binnen)
    gemengd_personen = _personen(s.gemengd_oud)
    oud_persoon_ids = list(
        Persoon.objects.filter(huishouden_id=s.jeugd_oud.huishouden_id).values_list("pk", flat=True)
    )
    historie = Persoon.history.model.objects
    assert historie.filter(id__in=oud_persoon_ids).exists()
    log_voor = Toegangslog.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        run = bewaartermijn_toepassen(peildatum=VANDAAG, uitvoerder=wereld.gebruikers["beheerder"])

    assert (run.casussen, run.huishoudens) == (4, 3)
    assert run.personen == Persoon.objects.filter(achternaam=ANONIEM).count() > 0
    assert run.bestanden == 3  # signature, plan PDF, decision PDF
    assert run.historieregels > 0

    # The expired household: names, BSN, birth date, address, texts, history and files gone.
    for persoon in Persoon.objects.filter(pk__in=oud_persoon_ids):
        assert (persoon.voornamen, persoon.achternaam, persoon.bsn) == ("", ANONIEM, None)
        assert (persoon.geboortedatum.month, persoon.geboortedatum.day) == (1, 1)
    assert not historie.filter(id__in=oud_persoon_ids).exists()
    huishouden = s.jeugd_oud.huishouden
    huishouden.refresh_from_db()
    assert (huishouden.straat, huishouden.postcode, huishouden.wijk) == ("", "", "Centrum")
    casus = Casus.objects.get(pk=s.jeugd_oud.pk)
    assert casus.vraag == ANONIEM
    assert (casus.status, casus.wetten, casus.gesloten_op) == (
        Status.AFGESLOTEN,
        [Wet.JEUGDWET],
        jaren_geleden(21),
    )
    assert not Casus.history.model.objects.filter(id=casus.pk).exists()
    assert casus.zrm_metingen.get().scores.get().score == 2  # the figures' input stays
    assert casus.keukentafelgesprekken.get().verslag == ANONIEM
    assert Contactmoment.objects.get(casus=casus).samenvatting == ANONIEM
    assert {m.melder_naam for m in Melding.objects.filter(casus=casus)} == {""}
    assert Verwijzing.objects.get(casus=casus).vraag == ANONIEM
    assert Gegevensdeling.objects.get(huishouden=huishouden).doel == ANONIEM
    # Signed plan and final decision: blanked through the trigger bypass; files off the disk.
    versie = Planversie.objects.get(pk=s.planversie.pk)
    assert versie.is_ondertekend and versie.verslag == "" and versie.maatwerk_motivering == ""
    assert {d.omschrijving for d in versie.doelen.all()} == {ANONIEM}
    assert not Planversie.history.model.objects.filter(id=versie.pk).exists()
    ondertekening = Ondertekening.objects.get(planversie=versie)
    assert ondertekening.bestand.name == ""
    assert not any(p.exists() for p in (s.handtekening, s.plan_pdf, s.beschikking_pdf))
    assert not PlanPdf.objects.filter(planversie=versie).exists()
    beschikking = Beschikking.objects.get(aanvraag__planversie=versie)
    assert beschikking.is_definitief and beschikking.motivering == ANONIEM

    # Inside its period: case, household and persons untouched.
    assert _personen(s.wmo_met_binnen) == binnen_personen
    assert Casus.objects.get(pk=s.wmo_met_binnen.pk).vraag.startswith("Vraag van huishouden")
    assert Casus.objects.get(pk=s.jeugd_binnen.pk).vraag.startswith("Vraag van huishouden")
    beschikking_binnen = Beschikking.objects.get(pk=s.beschikking_binnen.pk)
    assert beschikking_binnen.motivering == "Mevrouw kan het huis niet meer schoonhouden."
    # A household with a live case keeps its members; only the expired case's records go.
    assert _personen(s.gemengd_oud) == gemengd_personen
    assert historie.filter(huishouden_id=s.gemengd_oud.huishouden_id).exists()
    assert Casus.objects.get(pk=s.gemengd_oud.pk).vraag == ANONIEM
    assert Melding.objects.get(casus=s.gemengd_oud).melder_naam == ""
    assert Casus.objects.get(pk=s.gemengd_open.pk).vraag == "Nieuwe vraag"

    # The steering figures are the same; the access log is not touched.
    assert _figuren(wereld) == figuren_voor
    assert Toegangslog.objects.count() == log_voor

    # The freeze is back once the run is done.
    with pytest.raises(IntegrityError, match="definitief"), transaction.atomic():
        Beschikking.objects.filter(pk=s.beschikking_binnen.pk).update(motivering="Anders")


def test_tweemaal_draaien_is_onschadelijk_via_de_celery_taak(wereld, situatie):
    eerste = tasks.bewaartermijn_toepassen.apply().get()
    assert eerste == 4
    personen = _personen(situatie.jeugd_oud)
    tweede = tasks.bewaartermijn_toepassen.apply().get()
    assert tweede == 0
    assert bewaartermijn_rapport(peildatum=VANDAAG).regels == []
    assert _personen(situatie.jeugd_oud) == personen
    runs = list(Bewaartermijnrun.objects.order_by("pk").values_list("casussen", "uitvoerder"))
    assert runs == [(4, None), (0, None)]
    uit = StringIO()
    call_command("bewaartermijn", "--uitvoeren", stdout=uit)
    assert "Geanonimiseerd: 0 casussen, 0 huishoudens" in uit.getvalue()


def test_huishouden_gaat_als_geheel_wanneer_de_laatste_casus_verloopt(wereld, situatie):
    s = situatie
    bewaartermijn_toepassen(peildatum=VANDAAG)
    sluiten(s.gemengd_open, VANDAAG)
    later = VANDAAG.replace(year=VANDAAG.year + 5) + timedelta(days=1)

    rapport = bewaartermijn_rapport(peildatum=later)
    # The case anonymised before is not listed again; its household goes now, as a whole.
    acties = {regel.casus_id: regel.actie for regel in rapport.regels}
    assert acties == {
        s.gemengd_open.pk: HUISHOUDEN_ANONIMISEREN,
        s.jeugd_binnen.pk: HUISHOUDEN_ANONIMISEREN,
    }
    run = bewaartermijn_toepassen(peildatum=later)
    assert (run.casussen, run.huishoudens) == (2, 2)
    assert {p[1] for p in _personen(s.gemengd_oud)} == {ANONIEM}
    assert Casus.objects.get(pk=s.gemengd_open.pk).vraag == ANONIEM
    assert Casus.objects.get(pk=s.wmo_met_binnen.pk).vraag.startswith("Vraag van huishouden")


def test_taak_staat_in_de_planning(settings):
    taken = {regel["task"] for regel in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "toegang.tasks.bewaartermijn_toepassen" in taken
