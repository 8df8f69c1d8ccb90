"""The scale-data generator at a tiny size makes consistent data the app can show."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from casussen.validators import valideer_bsn
from tests.conftest import inloggen
from toegang.models import Gebruiker
from wijkteam import schaaldata


@pytest.fixture(scope="module")
def _geladen(django_db_setup, django_db_blocker):
    """Generated once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        voor = _indexen()
        tellingen = schaaldata.genereer(schaaldata.custom(200), seed=7)
        yield {**tellingen, "indexen_voor": voor}
        transaction.set_rollback(True)


def _indexen() -> set[str]:
    """The index names of the bulk-loaded tables (partitions made by the load left out)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s) "
            "OR tablename = 'toegang_toegangslog_overig'",
            [schaaldata._bulktabellen()],
        )
        return {naam for (naam,) in cur.fetchall()}


@pytest.fixture
def tellingen(_geladen, db):
    return _geladen


def _een(sql: str):
    with connection.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()[0]


def test_aantallen(tellingen):
    assert tellingen["huishoudens"] == 200
    assert tellingen["personen"] >= 200
    assert tellingen["casussen"] > 0
    assert tellingen["acties"] > 0
    assert _een("SELECT count(*) FROM casussen_huishouden") == 200


def test_indexen_na_het_laden_terug(tellingen):
    """The load drops the secondary indexes of the bulk tables and builds them again."""
    voor = tellingen["indexen_voor"]
    assert len(voor) > 20
    assert {"toegangslog_persoon", "actie_open_op_datum"} <= voor
    assert _indexen() == voor


def test_bsns_geldig_en_uniek(tellingen):
    with connection.cursor() as cur:
        cur.execute("SELECT bsn FROM casussen_persoon WHERE bsn IS NOT NULL")
        bsns = [r[0] for r in cur.fetchall()]
    assert len(bsns) > 100
    assert len(bsns) == len(set(bsns))
    for bsn in bsns:
        valideer_bsn(bsn)


def test_elk_huishouden_van_een_casus_heeft_leden(tellingen):
    assert (
        _een(
            "SELECT count(*) FROM casussen_casus c WHERE NOT EXISTS "
            "(SELECT 1 FROM casussen_persoon p WHERE p.huishouden_id = c.huishouden_id)"
        )
        == 0
    )
    assert (
        _een(
            "SELECT count(*) FROM casussen_casus c JOIN casussen_huishouden h "
            "ON h.id = c.huishouden_id WHERE h.team_id <> c.team_id"
        )
        == 0
    )


def test_ondertekende_versies_en_concepten(tellingen):
    assert _een("SELECT count(*) FROM plannen_planversie WHERE status = 'ondertekend'") > 0
    # At most one concept per plan, and every goal of a signed version has actions.
    assert (
        _een(
            "SELECT count(*) FROM (SELECT plan_id FROM plannen_planversie WHERE status = 'concept' "
            "GROUP BY plan_id HAVING count(*) > 1) x"
        )
        == 0
    )
    assert (
        _een(
            "SELECT count(*) FROM plannen_doel d WHERE NOT EXISTS "
            "(SELECT 1 FROM plannen_actie a WHERE a.doel_id = d.id)"
        )
        == 0
    )


def test_historie_en_toegangslog(tellingen):
    for tabel, basis in [
        ("casussen_historicalhuishouden", "casussen_huishouden"),
        ("casussen_historicalpersoon", "casussen_persoon"),
        ("casussen_historicalcasus", "casussen_casus"),
        ("plannen_historicalactie", "plannen_actie"),
    ]:
        assert _een(f"SELECT count(*) FROM {tabel} WHERE history_type = '+'") == _een(
            f"SELECT count(*) FROM {basis}"
        )
    assert tellingen["toegangslog"] > 0
    assert _een("SELECT count(*) FROM toegang_toegangslog") == tellingen["toegangslog"]
    # The rows sit in monthly partitions, not in the default one.
    assert _een("SELECT count(*) FROM toegang_toegangslog_overig") == 0


def test_sequenties_lopen_door(tellingen):
    from casussen.models import Huishouden
    from toegang.models import Team

    h = Huishouden.objects.create(
        huisnummer=1, postcode="1011AB", plaats="Schaalstad", team=Team.objects.first()
    )
    assert h.pk > _een(f"SELECT max(id) FROM casussen_huishouden WHERE id <> {h.pk}")


def test_caseload_van_bench_consulent(tellingen):
    consulent = Gebruiker.objects.get(username="bench-consulent")
    client = inloggen(Client(), consulent)
    response = client.get(reverse("casussen:caseload"))
    assert response.status_code == 200
    assert b"C-" in response.content


def test_wachtrij_van_bench_backoffice(tellingen):
    """Requests from signed versions fill the backoffice queue; decided ones stay out of it."""
    from plannen.models import Aanvraag

    assert tellingen["aanvragen"] > 0
    open_ = Aanvraag.objects.exclude(status="afgehandeld")
    assert open_.exists()
    assert not Aanvraag.objects.filter(planversie__status="concept").exists()
    client = inloggen(Client(), Gebruiker.objects.get(username="bench-backoffice"))
    response = client.get(reverse("plannen:aanvragen"))
    assert response.status_code == 200
    assert open_.order_by("termijn_einde", "id").first().soort.encode() in response.content


def test_tweede_keer_geweigerd(tellingen):
    with pytest.raises(ValueError):
        schaaldata.genereer(schaaldata.custom(10))
