"""Backup → empty database → restore: every row, history row and file comes back."""

import psycopg
import pytest
from django.conf import settings

from toegang.services import log_toegang
from wijkteam.backup import (
    HerstelFout,
    _conninfo,
    bestandschecksums,
    herstel,
    maak_backup,
    tabeltellingen,
)


@pytest.fixture
def lege_database(transactional_db):
    database = {**settings.DATABASES["default"], "NAME": "wijkteam_hersteltest"}
    beheer = _conninfo({**database, "NAME": "postgres"})
    with psycopg.connect(beheer, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS wijkteam_hersteltest")
        conn.execute("CREATE DATABASE wijkteam_hersteltest")
    yield database
    with psycopg.connect(beheer, autocommit=True) as conn:
        conn.execute("DROP DATABASE wijkteam_hersteltest WITH (FORCE)")


def test_backup_en_herstel(wereld, lege_database, tmp_path):
    media = tmp_path / "media"
    (media / "handtekeningen").mkdir(parents=True)
    (media / "handtekeningen" / "scan.pdf").write_bytes(b"%PDF-1.7 ondertekend plan\n" * 100)
    (media / "plan.png").write_bytes(bytes(range(256)) * 40)
    assert wereld.toestemming.pk  # consent, with history rows
    log_toegang(gebruiker=wereld.gebruikers["consulent"], object=wereld.casus)

    bron = settings.DATABASES["default"]
    voor = tabeltellingen(bron)
    assert voor["toegang_historicaltoestemming"] >= 1
    assert voor["toegang_toegangslog"] >= 1
    pad = maak_backup(tmp_path / "backup.tar", database=bron, media_root=media)

    hersteld = tmp_path / "hersteld"
    manifest = herstel(pad, database=lege_database, media_root=hersteld)

    assert tabeltellingen(lege_database) == voor == manifest["tabellen"]
    assert bestandschecksums(hersteld) == bestandschecksums(media)
    assert len(bestandschecksums(hersteld)) == 2
    # The append-only trigger on the access log came back too.
    with (
        psycopg.connect(_conninfo(lege_database)) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("DELETE FROM toegang_toegangslog")


def test_herstel_weigert_een_gevulde_database(wereld, tmp_path):
    pad = maak_backup(tmp_path / "backup.tar", media_root=tmp_path / "geen-media")
    with pytest.raises(HerstelFout, match="niet leeg"):
        herstel(pad, media_root=tmp_path / "media")
