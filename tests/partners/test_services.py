"""Referral rules: the consent check on sending, the status table, grants opened and closed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casussen.models import Huishouden
from partners import selectors, services
from partners.models import (
    VERWIJZING_OVERGANGEN,
    Actiemelding,
    Verwijzing,
    Verwijzingstatus,
)
from toegang.models import HuishoudenGroepsrecht, Onderdeel
from toegang.selectors import partner_huishoudens
from toegang.services import toestemming_intrekken

from ..factories import CasusFactory
from .conftest import toestemming, verwijs

S = Verwijzingstatus


def _ziet(user, huishouden) -> bool:
    return Huishouden.objects.filter(partner_huishoudens(user), pk=huishouden.pk).exists()


def test_de_tabel_is_het_ontwerp():
    assert VERWIJZING_OVERGANGEN == {
        S.VERSTUURD: (S.GEACCEPTEERD, S.AFGEWEZEN),
        S.GEACCEPTEERD: (S.BEZIG, S.AFGEROND),
        S.BEZIG: (S.AFGEROND,),
        S.AFGEWEZEN: (),
        S.AFGEROND: (),
    }


def test_versturen_zonder_toestemming_geweigerd(wereld, partner):
    """Acceptance 3: no covering consent → refused with a Dutch message; nothing is granted."""
    with pytest.raises(services.GeenToestemming) as fout:
        verwijs(wereld)
    assert "geen geldige toestemming" in fout.value.messages[0]
    assert "Leg eerst de toestemming" in fout.value.messages[0]
    assert not Verwijzing.objects.exists()
    assert not HuishoudenGroepsrecht.objects.exists()
    assert not _ziet(partner, wereld.casus.huishouden)


def test_toestemming_voor_een_andere_organisatie_dekt_niet(wereld, organisatie_b):
    toestemming(wereld, organisatie=organisatie_b)
    with pytest.raises(services.GeenToestemming):
        verwijs(wereld)


def test_ingetrokken_of_verlopen_toestemming_dekt_niet(wereld):
    t = toestemming(wereld)
    toestemming_intrekken(door=wereld.gebruikers["consulent"], toestemming=t)
    with pytest.raises(services.GeenToestemming):
        verwijs(wereld)
    t2 = toestemming(wereld)
    t2.geldig_van, t2.geldig_tot = date.today() - timedelta(days=10), date.today() - timedelta(1)
    t2.save()
    with pytest.raises(services.GeenToestemming):
        verwijs(wereld)


def test_genoemde_toestemming_moet_dekken(wereld, organisatie_b):
    andere = toestemming(wereld, organisatie=organisatie_b)
    toestemming(wereld)
    with pytest.raises(services.GeenToestemming):
        services.verwijzen(
            door=wereld.gebruikers["consulent"],
            casus=wereld.casus,
            organisatie=wereld.organisatie,
            vraag="x",
            toestemming=andere,
        )


def test_versturen_met_toestemming_geeft_toegang(wereld, partner, verwijzing):
    assert verwijzing.status == S.VERSTUURD
    assert verwijzing.toestemming == wereld.toestemming
    assert _ziet(partner, wereld.casus.huishouden)
    overgang = verwijzing.overgangen.get()
    assert (overgang.van, overgang.naar, overgang.door) == (
        "",
        S.VERSTUURD,
        wereld.gebruikers["consulent"],
    )
    assert verwijzing.history.first().history_user == wereld.gebruikers["consulent"]


def test_alleen_het_eigen_team_verwijst(wereld):
    wereld.toestemming  # noqa: B018
    with pytest.raises(ValidationError, match="team van de casus"):
        services.verwijzen(
            door=wereld.gebruikers["consulent_ander_team"],
            casus=wereld.casus,
            organisatie=wereld.organisatie,
            vraag="x",
        )


def test_lege_vraag_en_dubbele_verwijzing_geweigerd(wereld, verwijzing):
    with pytest.raises(ValidationError) as fout:
        verwijs(wereld, vraag="  ")
    assert "vraag" in fout.value.message_dict
    assert "Er loopt al een verwijzing" in fout.value.message_dict["organisatie"][0]


def test_acties_moeten_uit_het_plan_van_het_huishouden_komen(wereld):
    from tests.plannen.helpers import maak_plan

    andere = CasusFactory()
    wereld_b = type("W", (), {"casus": andere, "gebruikers": {"consulent": andere.regisseur}})
    vreemde_actie = maak_plan(wereld_b, acties=1).doelen.first().acties.first()
    wereld.toestemming  # noqa: B018
    with pytest.raises(ValidationError) as fout:
        services.verwijzen(
            door=wereld.gebruikers["consulent"],
            casus=wereld.casus,
            organisatie=wereld.organisatie,
            vraag="x",
            acties=[vreemde_actie],
        )
    assert "acties" in fout.value.message_dict


def test_accepteren_bezig_afronden(wereld, partner, verwijzing):
    services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.GEACCEPTEERD)
    services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.BEZIG)
    with pytest.raises(ValidationError) as fout:
        services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.AFGEROND)
    assert "uitkomst" in fout.value.message_dict["toelichting"][0]
    services.status_wijzigen(
        door=partner, verwijzing=verwijzing, naar=S.AFGEROND, toelichting="Budgetplan loopt."
    )
    verwijzing.refresh_from_db()
    assert verwijzing.status == S.AFGEROND
    assert verwijzing.uitkomst == "Budgetplan loopt."
    assert verwijzing.beantwoord_op and verwijzing.afgerond_op
    assert [o.naar for o in verwijzing.overgangen.all()] == [
        S.VERSTUURD, S.GEACCEPTEERD, S.BEZIG, S.AFGEROND
    ]  # fmt: skip
    assert all(o.door == partner for o in verwijzing.overgangen.all()[1:])
    # Finished: the organisation's sight of the household ends; the record stays.
    assert not _ziet(partner, wereld.casus.huishouden)
    assert Verwijzing.objects.filter(pk=verwijzing.pk).exists()


def test_afwijzen_vraagt_reden_en_sluit_toegang(wereld, partner, verwijzing):
    with pytest.raises(ValidationError) as fout:
        services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.AFGEWEZEN)
    assert fout.value.message_dict["toelichting"] == [
        "Geef een reden waarom u de verwijzing afwijst."
    ]
    services.status_wijzigen(
        door=partner, verwijzing=verwijzing, naar=S.AFGEWEZEN, toelichting="Wachtlijst vol."
    )
    verwijzing.refresh_from_db()
    assert (verwijzing.status, verwijzing.afwijsreden) == (S.AFGEWEZEN, "Wachtlijst vol.")
    assert not _ziet(partner, wereld.casus.huishouden)


@pytest.mark.parametrize("naar", [S.BEZIG, S.AFGEROND, S.VERSTUURD, "onzin"])
def test_niet_toegestane_stap_geweigerd(partner, verwijzing, naar):
    with pytest.raises(ValidationError) as fout:
        services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=naar, toelichting="x")
    assert "naar" in fout.value.message_dict
    verwijzing.refresh_from_db()
    assert verwijzing.status == S.VERSTUURD


def test_een_andere_open_verwijzing_houdt_toegang_open(wereld, partner, verwijzing):
    tweede_casus = CasusFactory(
        huishouden=wereld.casus.huishouden, regisseur=wereld.gebruikers["consulent"]
    )
    # Two cases of one household is not the rule, but a referral per case must stay correct.
    tweede = Verwijzing.objects.create(
        casus=tweede_casus,
        organisatie=wereld.organisatie,
        vraag="x",
        toestemming=wereld.toestemming,
        verstuurd_door=wereld.gebruikers["consulent"],
    )
    services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.AFGEWEZEN, toelichting="x")
    assert _ziet(partner, wereld.casus.huishouden)
    services.status_wijzigen(door=partner, verwijzing=tweede, naar=S.AFGEWEZEN, toelichting="x")
    assert not _ziet(partner, wereld.casus.huishouden)


def test_partner_van_een_andere_organisatie_kan_niets(partner_b, verwijzing):
    for naar in [S.GEACCEPTEERD, S.AFGEWEZEN]:
        with pytest.raises(ValidationError, match="geen toegang"):
            services.status_wijzigen(
                door=partner_b, verwijzing=verwijzing, naar=naar, toelichting="x"
            )
    with pytest.raises(ValidationError, match="geen toegang"):
        services.notitie_plaatsen(door=partner_b, verwijzing=verwijzing, tekst="x")


def test_intrekken_sluit_toegang_direct_verwijzing_blijft(wereld, partner, verwijzing):
    """Acceptance 3: withdrawing consent closes the partner's access at the next request while
    the referral record stays."""
    client = wereld.client("partner")
    from django.urls import reverse

    url = reverse("partners:partner_huishouden", args=[wereld.casus.huishouden_id])
    assert client.get(url).status_code == 200
    assert len(client.get(reverse("partners:inbox")).context["pagina"]) == 1
    toestemming_intrekken(door=wereld.gebruikers["consulent"], toestemming=wereld.toestemming)
    assert client.get(url).status_code == 404
    assert client.get(reverse("partners:inbox_verwijzing", args=[verwijzing.pk])).status_code == 404
    assert len(client.get(reverse("partners:inbox")).context["pagina"]) == 0
    verwijzing.refresh_from_db()
    assert verwijzing.status == S.VERSTUURD  # the record stays, as it was
    with pytest.raises(ValidationError, match="geen toegang"):
        services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.GEACCEPTEERD)


def test_verlopen_toestemming_sluit_toegang_zonder_dat_iemand_iets_doet(
    wereld, partner, verwijzing
):
    t = wereld.toestemming
    t.geldig_van, t.geldig_tot = date.today() - timedelta(days=5), date.today() - timedelta(1)
    t.save(update_fields=["geldig_van", "geldig_tot"])
    assert not _ziet(partner, wereld.casus.huishouden)


def test_nieuwe_toestemming_herstelt_toegang_bij_open_verwijzing(wereld, partner, verwijzing):
    toestemming_intrekken(door=wereld.gebruikers["consulent"], toestemming=wereld.toestemming)
    assert not _ziet(partner, wereld.casus.huishouden)
    toestemming(wereld)
    assert _ziet(partner, wereld.casus.huishouden)


def test_notitie(partner, verwijzing):
    with pytest.raises(ValidationError):
        services.notitie_plaatsen(door=partner, verwijzing=verwijzing, tekst=" ")
    notitie = services.notitie_plaatsen(door=partner, verwijzing=verwijzing, tekst="Gebeld.")
    assert notitie.history.first().history_user == partner


def test_actiestatus_op_concept_wijzigt_de_actie(wereld, partner, verwijzing):
    from plannen.models import Actiestatus
    from tests.plannen.helpers import maak_plan

    versie = maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    actie = versie.doelen.first().acties.get(organisatie=wereld.organisatie)
    with pytest.raises(ValidationError, match="Accepteer eerst"):
        services.actiestatus_melden(
            door=partner, verwijzing=verwijzing, actie=actie, status=Actiestatus.KLAAR
        )
    services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.GEACCEPTEERD)
    services.actiestatus_melden(
        door=partner, verwijzing=verwijzing, actie=actie, status=Actiestatus.KLAAR
    )
    actie.refresh_from_db()
    assert actie.status == Actiestatus.KLAAR
    assert actie.history.first().history_user == partner
    melding = Actiemelding.objects.get()
    assert (melding.status, melding.actie_sleutel, melding.door) == (
        "klaar",
        actie.sleutel,
        partner,
    )
    # klaar → vervallen is no allowed move of an action
    with pytest.raises(ValidationError) as fout:
        services.actiestatus_melden(
            door=partner, verwijzing=verwijzing, actie=actie, status=Actiestatus.VERVALLEN
        )
    assert "geen toegestane stap" in fout.value.message_dict["status"][0]


def test_actiestatus_op_ondertekende_versie_wordt_gemeld(wereld, partner, verwijzing):
    """A signed version is frozen in the database: the partner's report is kept beside it."""
    from plannen.models import Actiestatus
    from tests.plannen.helpers import maak_getekend_plan

    versie = maak_getekend_plan(wereld, acties=2, organisatie=wereld.organisatie)
    actie = versie.doelen.first().acties.get(organisatie=wereld.organisatie)
    services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.GEACCEPTEERD)
    services.actiestatus_melden(
        door=partner, verwijzing=verwijzing, actie=actie, status=Actiestatus.BEZIG
    )
    actie.refresh_from_db()
    assert actie.status == Actiestatus.OPEN  # frozen
    rij = next(r for r in selectors.partner_acties(verwijzing) if r.actie.pk == actie.pk)
    assert (rij.status, rij.status_label) == ("bezig", "Bezig")


def test_partner_mag_alleen_acties_van_de_eigen_organisatie(wereld, partner, verwijzing):
    from plannen.models import Actiestatus
    from tests.plannen.helpers import maak_plan

    versie = maak_plan(wereld, acties=2, organisatie=wereld.organisatie)
    netwerk_actie = versie.doelen.first().acties.exclude(organisatie=wereld.organisatie).first()
    services.status_wijzigen(door=partner, verwijzing=verwijzing, naar=S.GEACCEPTEERD)
    with pytest.raises(ValidationError, match="niet aan uw organisatie"):
        services.actiestatus_melden(
            door=partner, verwijzing=verwijzing, actie=netwerk_actie, status=Actiestatus.KLAAR
        )


def test_organisatie_opslaan_maakt_de_groep(wereld):
    from partners.models import Organisatie

    org = services.organisatie_opslaan(
        door=wereld.gebruikers["beheerder"],
        organisatie=Organisatie(naam="Buurtbemiddeling Oost", diensten=[" Buurtbemiddeling "]),
    )
    assert org.groep.name == "Organisatie: Buurtbemiddeling Oost"
    assert org.diensten == ["buurtbemiddeling"]
    org.naam = "Buurtbemiddeling Oost-West"
    services.organisatie_opslaan(door=wereld.gebruikers["beheerder"], organisatie=org)
    org.groep.refresh_from_db()
    assert org.groep.name == "Organisatie: Buurtbemiddeling Oost-West"


def test_gedekte_onderdelen_tellen_op(wereld, verwijzing):
    from toegang.selectors import gedekte_onderdelen

    toestemming(wereld, onderdelen=[Onderdeel.PLAN])
    assert gedekte_onderdelen(
        groep_ids=[wereld.organisatie.groep_id], huishouden_id=wereld.casus.huishouden_id
    ) == {Onderdeel.PERSONALIA, Onderdeel.PLAN}
