"""Backoffice reminders: the decision term at 5 days left and passed (for the backoffice) and
the herindicatie 8 weeks before a grant ends (for the regisseur), found by the scan through a
real worker, exactly once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from casussen import herinneringen
from casussen.models import Herinnering
from casussen.models import HerinneringSoort as Soort
from casussen.tasks import herinneringen_scannen
from plannen import backoffice
from plannen.models import Aanvraag, Aanvraagstatus

VANDAAG = date.today()
SOORTEN = {Soort.BESLISTERMIJN_BINNENKORT, Soort.BESLISTERMIJN_VERLOPEN, Soort.HERINDICATIE}
TOEKENNING = {
    "product": "Huishoudelijke ondersteuning HO2",
    "omvang_aantal": Decimal("3"),
    "omvang_eenheid": "uur",
    "omvang_frequentie": "week",
    "ingangsdatum": VANDAAG - timedelta(days=300),
    "leveringsvorm": "pgb",
    "motivering": "Eigen kracht en netwerk volstaan niet.",
}


def _aanvraag(wereld, *, termijn_einde: date, status=Aanvraagstatus.OPEN) -> Aanvraag:
    aanvraag = backoffice.aanvraag_starten(
        casus=wereld.casus,
        door=wereld.gebruikers["consulent"],
        velden={"soort": "Begeleiding", "wet": "wmo"},
        ontvangen_op=VANDAAG - timedelta(days=10),
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(termijn_einde=termijn_einde, status=status)
    return aanvraag


def _toekenning(wereld, *, einddatum: date):
    aanvraag = _aanvraag(wereld, termijn_einde=VANDAAG + timedelta(days=30))
    return backoffice.besluiten(
        aanvraag=aanvraag,
        door=wereld.gebruikers["backoffice"],
        besluit="toekennen",
        velden={**TOEKENNING, "einddatum": einddatum},
    )


def _situaties(wereld) -> dict:
    """One of each kind, and what must not remind: {kind: (user, request)}."""
    bo, regisseur = wereld.gebruikers["backoffice"], wereld.casus.regisseur
    binnenkort = _aanvraag(wereld, termijn_einde=VANDAAG + timedelta(days=5))
    verlopen = _aanvraag(wereld, termijn_einde=VANDAAG - timedelta(days=1))
    herindicatie = _toekenning(wereld, einddatum=VANDAAG + timedelta(weeks=8))
    # Not due: more than 5 days left, the clock suspended, decided, the grant ends later.
    _aanvraag(wereld, termijn_einde=VANDAAG + timedelta(days=6))
    _aanvraag(
        wereld, termijn_einde=VANDAAG - timedelta(days=3), status=Aanvraagstatus.MEER_INFORMATIE
    )
    _aanvraag(wereld, termijn_einde=VANDAAG - timedelta(days=3), status=Aanvraagstatus.AFGEHANDELD)
    _toekenning(wereld, einddatum=VANDAAG + timedelta(weeks=8, days=1))
    return {
        Soort.BESLISTERMIJN_BINNENKORT: (bo, binnenkort),
        Soort.BESLISTERMIJN_VERLOPEN: (bo, verlopen),
        Soort.HERINDICATIE: (regisseur, herindicatie.aanvraag),
    }


@pytest.mark.worker
def test_elke_soort_precies_een_keer_via_de_worker(wereld, celery_worker_proces):
    verwacht = _situaties(wereld)
    nieuw = herinneringen_scannen.delay().get(timeout=60)
    assert {soort: nieuw[soort] for soort in SOORTEN} == dict.fromkeys(SOORTEN, 1), nieuw
    for soort, (gebruiker, aanvraag) in verwacht.items():
        herinnering = Herinnering.objects.get(soort=soort)
        assert (herinnering.gebruiker, herinnering.onderwerp_id) == (gebruiker, aanvraag.pk)
        assert herinnering.casus_id == wereld.casus.pk
        assert herinneringen.link(herinnering) == reverse("plannen:aanvraag", args=[aanvraag.pk])

    nieuw = herinneringen_scannen.delay().get(timeout=60)
    assert {soort: nieuw[soort] for soort in SOORTEN} == dict.fromkeys(SOORTEN, 0)
    assert Herinnering.objects.filter(soort__in=SOORTEN).count() == len(SOORTEN)


def test_herindicatie_ook_als_de_scan_een_dag_miste(wereld):
    """Not only on the day exactly 8 weeks before: a day the scan did not run is caught up,
    and a grant that already ended is left alone."""
    regisseur = wereld.casus.regisseur
    _toekenning(wereld, einddatum=VANDAAG + timedelta(weeks=8) - timedelta(days=1))
    _toekenning(wereld, einddatum=VANDAAG - timedelta(days=1))
    assert herinneringen.scannen(soorten={Soort.HERINDICATIE}) == {Soort.HERINDICATIE: 1}
    assert Herinnering.objects.get().gebruiker == regisseur


def test_alle_actieve_backofficemedewerkers_krijgen_de_beslistermijn(wereld):
    from tests.factories import maak_gebruiker
    from toegang.models import Rol

    collega = maak_gebruiker("backoffice2", Rol.BACKOFFICE)
    maak_gebruiker("backoffice_oud", Rol.BACKOFFICE, is_active=False)
    _aanvraag(wereld, termijn_einde=VANDAAG + timedelta(days=5))
    herinneringen.scannen(soorten={Soort.BESLISTERMIJN_BINNENKORT})
    assert set(Herinnering.objects.values_list("gebruiker", flat=True)) == {
        wereld.gebruikers["backoffice"].pk,
        collega.pk,
    }


def test_beslistermijn_naar_de_behandelaar(wereld):
    """With a behandelaar only they are reminded; one who left (inactive) or no longer works
    in the backoffice does not hold the reminder back from the others."""
    from tests.factories import maak_gebruiker
    from toegang.models import Rol

    bo = wereld.gebruikers["backoffice"]
    collega = maak_gebruiker("backoffice2", Rol.BACKOFFICE)
    vertrokken = maak_gebruiker("backoffice_oud", Rol.BACKOFFICE)
    eigen = _aanvraag(wereld, termijn_einde=VANDAAG + timedelta(days=5))
    backoffice.behandelaar_toewijzen(aanvraag=eigen, door=bo, behandelaar=collega)
    verweesd = _aanvraag(wereld, termijn_einde=VANDAAG + timedelta(days=5))
    backoffice.behandelaar_toewijzen(aanvraag=verweesd, door=bo, behandelaar=vertrokken)
    vertrokken.is_active = False
    vertrokken.save()

    herinneringen.scannen(soorten={Soort.BESLISTERMIJN_BINNENKORT})
    ontvangers = {
        aanvraag_id: set(
            Herinnering.objects.filter(onderwerp_id=aanvraag_id).values_list("gebruiker", flat=True)
        )
        for aanvraag_id in (eigen.pk, verweesd.pk)
    }
    assert ontvangers == {eigen.pk: {collega.pk}, verweesd.pk: {bo.pk, collega.pk}}


def test_backoffice_opent_de_herinnering(wereld):
    aanvraag = _aanvraag(wereld, termijn_einde=VANDAAG - timedelta(days=1))
    herinneringen.scannen(soorten={Soort.BESLISTERMIJN_VERLOPEN})
    pagina = wereld.client("backoffice").get(reverse("herinneringen")).content.decode()
    assert reverse("plannen:aanvraag", args=[aanvraag.pk]) in pagina
    assert "Beslistermijn verstreken" in pagina
