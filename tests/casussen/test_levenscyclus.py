"""Acceptance 4: the case lifecycle. Every allowed transition works, every other is refused with
a clear Dutch message; history holds who, when and why."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casussen import services
from casussen.models import (
    TRANSITIES,
    Casus,
    Sluitreden,
    Status,
    Statusovergang,
    ZrmSoort,
    mag_overgaan,
)

from .factories import ZrmMetingFactory, ZrmScoreFactory

ALLE_PAREN = [(van, naar) for van in Status.values for naar in Status.values]
TOEGESTAAN = {(van, naar) for van, naars in TRANSITIES.items() for naar in naars}


def _zet_status(casus: Casus, status: str) -> Casus:
    """Put a case in a status directly (test setup), respecting the database constraint."""
    casus.status = status
    casus.gesloten_op = date.today() if status == Status.AFGESLOTEN else None
    casus.sluitreden = Sluitreden.DOELEN_BEREIKT if status == Status.AFGESLOTEN else ""
    casus.save()
    return casus


def _afsluit_zrm(casus: Casus, datum: date | None = None):
    meting = ZrmMetingFactory(casus=casus, soort=ZrmSoort.AFSLUITING, datum=datum or date.today())
    ZrmScoreFactory(meting=meting)
    return meting


def test_de_tabel_is_het_ontwerp():
    assert TRANSITIES == {
        Status.AANMELDING: (Status.VRAAGVERHELDERING,),
        Status.VRAAGVERHELDERING: (Status.PLAN, Status.AFGESLOTEN),
        Status.PLAN: (Status.UITVOERING,),
        Status.UITVOERING: (Status.EVALUATIE,),
        Status.EVALUATIE: (Status.UITVOERING, Status.PLAN, Status.AFGESLOTEN),
        Status.AFGESLOTEN: (Status.VRAAGVERHELDERING,),
    }
    # Every status can be reached and left; nothing jumps to itself.
    assert {naar for _, naar in TOEGESTAAN} | {Status.AANMELDING} == set(Status.values)
    assert all(van != naar for van, naar in TOEGESTAAN)


@pytest.mark.parametrize("van, naar", ALLE_PAREN)
def test_elke_overgang(wereld, van, naar):
    casus = _zet_status(wereld.casus, van)
    door = wereld.gebruikers["consulent"]
    if naar == Status.AFGESLOTEN:
        _afsluit_zrm(casus)
    voor = Statusovergang.objects.count()
    if (van, naar) in TOEGESTAAN:
        assert mag_overgaan(van, naar)
        overgang = services.status_wijzigen(
            door=door,
            casus=casus,
            naar=naar,
            reden="Omdat het zo is afgesproken",
            sluitreden=Sluitreden.DOELEN_BEREIKT,
        )
        casus.refresh_from_db()
        assert casus.status == naar
        assert (overgang.van, overgang.naar) == (van, naar)
        assert overgang.door == door
        assert overgang.reden == "Omdat het zo is afgesproken"
        assert abs(overgang.op - timezone.now()) < timedelta(minutes=1)
        # History: the case's own history row and the transition's row name the user.
        assert casus.history.first().history_user == door
        assert casus.history.first().status == naar
        assert overgang.history.get().history_user == door
        if naar == Status.AFGESLOTEN:
            assert casus.gesloten_op == timezone.localdate()
            assert casus.sluitreden == Sluitreden.DOELEN_BEREIKT
        else:
            assert casus.gesloten_op is None and casus.sluitreden == ""
    else:
        assert not mag_overgaan(van, naar)
        with pytest.raises(services.OngeldigeOvergang) as fout:
            services.status_wijzigen(door=door, casus=casus, naar=naar, reden="Probeer")
        assert "geen toegestane stap" in fout.value.message_dict["naar"][0]
        casus.refresh_from_db()
        assert casus.status == van
        assert Statusovergang.objects.count() == voor


def test_afsluiten_vraagt_sluitreden_en_afsluitende_zrm(wereld):
    casus = _zet_status(wereld.casus, Status.EVALUATIE)
    door = wereld.gebruikers["consulent"]
    with pytest.raises(ValidationError) as fout:
        services.status_wijzigen(door=door, casus=casus, naar=Status.AFGESLOTEN, reden="Klaar")
    fouten = fout.value.message_dict
    assert fouten["sluitreden"] == ["Kies een reden van afsluiting."]
    assert "afsluitende ZRM" in fouten["__all__"][0]

    # An intake or evaluation ZRM is not a closing ZRM.
    ZrmScoreFactory(meting__casus=casus, meting__soort=ZrmSoort.EVALUATIE)
    with pytest.raises(ValidationError, match="afsluitende ZRM"):
        services.status_wijzigen(
            door=door,
            casus=casus,
            naar=Status.AFGESLOTEN,
            reden="Klaar",
            sluitreden=Sluitreden.DOELEN_BEREIKT,
        )
    _afsluit_zrm(casus)
    services.status_wijzigen(
        door=door, casus=casus, naar=Status.AFGESLOTEN, reden="Klaar",
        sluitreden=Sluitreden.DOELEN_BEREIKT,
    )  # fmt: skip
    casus.refresh_from_db()
    assert casus.status == Status.AFGESLOTEN


def test_heropenen_en_opnieuw_afsluiten_vraagt_nieuwe_zrm(wereld):
    """A closing ZRM from before a reopening does not close the case again."""
    casus = _zet_status(wereld.casus, Status.EVALUATIE)
    door = wereld.gebruikers["consulent"]
    _afsluit_zrm(casus, datum=date.today() - timedelta(days=3))
    Statusovergang.objects.create(
        casus=casus, van=Status.UITVOERING, naar=Status.EVALUATIE, door=door,
        op=timezone.now() - timedelta(days=5), reden="Evaluatie",
    )  # fmt: skip
    services.status_wijzigen(
        door=door, casus=casus, naar=Status.AFGESLOTEN, reden="Doelen bereikt",
        sluitreden=Sluitreden.DOELEN_BEREIKT,
    )  # fmt: skip
    services.status_wijzigen(
        door=door, casus=casus, naar=Status.VRAAGVERHELDERING, reden="Nieuwe vraag"
    )
    casus.refresh_from_db()
    assert casus.status == Status.VRAAGVERHELDERING
    assert casus.gesloten_op is None and casus.sluitreden == ""
    with pytest.raises(ValidationError, match="afsluitende ZRM"):
        services.status_wijzigen(
            door=door, casus=casus, naar=Status.AFGESLOTEN, reden="Klaar",
            sluitreden=Sluitreden.GEEN_HULP_GEWENST,
        )  # fmt: skip


def test_reden_is_verplicht(wereld):
    with pytest.raises(ValidationError) as fout:
        services.status_wijzigen(
            door=wereld.gebruikers["consulent"],
            casus=wereld.casus,
            naar=Status.VRAAGVERHELDERING,
            reden="  ",
        )
    assert fout.value.message_dict["reden"] == ["Geef een reden voor deze stap."]


def test_ander_team_mag_niet(wereld):
    with pytest.raises(ValidationError, match="niet bij uw team"):
        services.status_wijzigen(
            door=wereld.gebruikers["consulent_ander_team"],
            casus=wereld.casus,
            naar=Status.VRAAGVERHELDERING,
            reden="x",
        )


def test_statuspagina_toont_toegestane_stappen_en_weigert_andere(wereld):
    client = wereld.client("consulent")
    url = reverse("casussen:casus_status", args=[wereld.casus.pk])
    response = client.get(url, {"naar": "vraagverheldering"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="vraagverheldering"' in html and 'value="plan"' not in html

    response = client.post(url, {"naar": "uitvoering", "reden": "Snel door"})
    assert response.status_code == 200
    assert response.context["form"].errors["naar"] == [
        "Van aanmelding naar uitvoering is geen toegestane stap. Vanuit aanmelding kan de "
        "casus naar: vraagverheldering."
    ]
    response = client.post(url, {"naar": "onzin", "reden": "x"})
    assert response.context["form"].errors["naar"] == ["Kies een nieuwe status."]

    response = client.post(url, {"naar": "vraagverheldering", "reden": "Intake gepland"})
    assert response.status_code == 302
    wereld.casus.refresh_from_db()
    assert wereld.casus.status == Status.VRAAGVERHELDERING
    pagina = client.get(reverse("casussen:casus", args=[wereld.casus.pk])).content.decode()
    assert "Intake gepland" in pagina  # the timeline shows why
    assert "Onderzoek afgerond: naar plan" in pagina  # the next allowed steps


def test_afsluiten_via_pagina_zonder_zrm_geeft_melding(wereld):
    _zet_status(wereld.casus, Status.EVALUATIE)
    client = wereld.client("consulent")
    url = reverse("casussen:casus_status", args=[wereld.casus.pk])
    response = client.post(url, {"naar": "afgesloten", "reden": "Klaar"})
    assert response.status_code == 200
    assert response.context["form"].errors["sluitreden"] == ["Kies een reden van afsluiting."]
    response = client.post(url, {"naar": "afgesloten", "reden": "Klaar", "sluitreden": "verhuisd"})
    assert response.status_code == 200
    assert "afsluitende ZRM" in response.context["form"].non_field_errors()[0]
    wereld.casus.refresh_from_db()
    assert wereld.casus.status == Status.EVALUATIE
