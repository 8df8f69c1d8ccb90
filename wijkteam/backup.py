"""Backup and restore: the database (pg_dump, custom format) and the stored files, in one tar
with a manifest of row counts per table and a checksum per file, checked after restoring."""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import psycopg
from django.conf import settings
from django.utils import timezone


def _pg_bin(naam: str) -> str:
    """PostgreSQL's own tools, of the server's version: PG_BIN_DIR, pgserver's, or the PATH."""
    kandidaten = []
    if os.environ.get("PG_BIN_DIR"):
        kandidaten.append(Path(os.environ["PG_BIN_DIR"]) / naam)
    try:
        import pgserver

        kandidaten.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / naam)
    except ImportError:
        pass
    for kandidaat in kandidaten:
        if kandidaat.exists():
            return str(kandidaat)
    gevonden = shutil.which(naam)
    if not gevonden:
        raise FileNotFoundError(f"{naam} niet gevonden; zet PG_BIN_DIR")
    return gevonden


def _verbinding(database: dict) -> tuple[list[str], dict]:
    args = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        args += ["--host", database["HOST"]]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    return args, env


def _conninfo(database: dict) -> str:
    velden = {
        "dbname": database["NAME"],
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
    }
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in velden.items() if v})


def tabeltellingen(database: dict) -> dict[str, int]:
    """Rows per table (a partitioned table counts once, through its parent)."""
    with psycopg.connect(_conninfo(database)) as conn:
        tabellen = [
            rij[0]
            for rij in conn.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                "ORDER BY c.relname"
            )
        ]
        return {
            tabel: conn.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(tabel))
            ).fetchone()[0]
            for tabel in tabellen
        }


def bestandschecksums(map_: Path) -> dict[str, str]:
    if not map_.exists():
        return {}
    return {
        str(pad.relative_to(map_)): hashlib.sha256(pad.read_bytes()).hexdigest()
        for pad in sorted(map_.rglob("*"))
        if pad.is_file()
    }


def maak_backup(
    doel: Path, *, database: dict | None = None, media_root: Path | None = None
) -> Path:
    database = database or settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    doel = Path(doel)
    if doel.is_dir():
        doel = doel / f"wijkteam-backup-{timezone.now():%Y%m%d-%H%M%S}.tar"
    with tempfile.TemporaryDirectory() as werk:
        werk = Path(werk)
        args, env = _verbinding(database)
        subprocess.run(
            [
                _pg_bin("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                werk / "database.dump",
                *args,
            ],
            check=True,
            env=env,
        )
        manifest = {
            "gemaakt_op": timezone.now().isoformat(),
            "tabellen": tabeltellingen(database),
            "bestanden": bestandschecksums(media_root),
        }
        (werk / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(doel, "w") as tar:
            tar.add(werk / "database.dump", arcname="database.dump")
            tar.add(werk / "manifest.json", arcname="manifest.json")
            if media_root.exists():
                tar.add(media_root, arcname="media")
    return doel


class HerstelFout(Exception):
    pass


def herstel(bron: Path, *, database: dict | None = None, media_root: Path | None = None) -> dict:
    """Restore a backup into an empty database and file store; verify against the manifest."""
    database = database or settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if tabeltellingen(database):
        raise HerstelFout(
            "De database is niet leeg: herstellen kan alleen in een lege installatie."
        )
    with tempfile.TemporaryDirectory() as werk, tarfile.open(bron) as tar:
        werk = Path(werk)
        tar.extractall(werk, filter="data")
        manifest = json.loads((werk / "manifest.json").read_text())
        args, env = _verbinding(database)
        subprocess.run(
            [
                _pg_bin("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *args,
                werk / "database.dump",
            ],
            check=True,
            env=env,
        )
        if (werk / "media").exists():
            shutil.copytree(werk / "media", media_root, dirs_exist_ok=True)
    tellingen, checksums = tabeltellingen(database), bestandschecksums(media_root)
    if tellingen != manifest["tabellen"]:
        raise HerstelFout("Het aantal rijen na herstel wijkt af van de backup.")
    ontbrekend = {k for k, v in manifest["bestanden"].items() if checksums.get(k) != v}
    if ontbrekend:
        raise HerstelFout(f"Bestanden ontbreken of wijken af: {sorted(ontbrekend)[:5]}")
    return manifest
