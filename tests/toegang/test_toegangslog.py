"""The access log: one row per logged access, and the database refuses to change or remove it."""

import pytest
from django.db import DatabaseError, connection, transaction

from toegang.models import LogResultaat, Toegangslog
from toegang.services import log_toegang

pytestmark = pytest.mark.django_db


@pytest.fixture
def logregel(wereld):
    return log_toegang(gebruiker=wereld.gebruikers["consulent"], object=wereld.casus)


def test_logregel_noemt_wie_wat_en_welke_inwoner(wereld, logregel):
    regel = Toegangslog.objects.get(pk=logregel.pk)
    assert regel.gebruikersnaam == "consulent"
    assert regel.rol == "consulent"
    assert regel.organisatie == "Wijkteam Noord"
    assert regel.object_type == "casus"
    assert regel.object_id == wereld.casus.pk
    assert regel.huishouden_id == wereld.casus.huishouden_id
    assert regel.resultaat == LogResultaat.TOEGESTAAN
    assert regel.verwerkingsactiviteit
    assert regel.tijdstip is not None


def _partitie(regel) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM toegang_toegangslog WHERE id = %s", [regel.pk]
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize("tabel", ["toegang_toegangslog", "partitie"])
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {tabel} SET reden = 'weg' WHERE id = %s",
        "DELETE FROM {tabel} WHERE id = %s",
        "TRUNCATE {tabel}",
    ],
    ids=["update", "delete", "truncate"],
)
def test_database_weigert_wijzigen_en_verwijderen(logregel, sql, tabel):
    tabel = _partitie(logregel) if tabel == "partitie" else tabel
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql.format(tabel=tabel), [logregel.pk] if "%s" in sql else None)
    assert Toegangslog.objects.filter(pk=logregel.pk, reden="").exists()


def test_orm_kan_niet_wijzigen(logregel):
    with pytest.raises(DatabaseError), transaction.atomic():
        Toegangslog.objects.filter(pk=logregel.pk).delete()
    assert Toegangslog.objects.filter(pk=logregel.pk).exists()


def test_partitie_per_maand(logregel):
    assert _partitie(logregel) == f"toegang_toegangslog_{logregel.tijdstip:%Y_%m}"
