"""scripts/backup.py: a back-up restored into a fresh database holds the same rows and media bytes."""

import importlib.util
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from psycopg import sql

from tests.support.omgeving import ROOT, url_van_testdatabank

SCRIPT = ROOT / "scripts" / "backup.py"
MEDIA_INHOUD = b"%PDF-1.4\nverslag van het overleg\n\x00\xff"


def _backup_module():
    spec = importlib.util.spec_from_file_location("honingraat_backup", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pg_dump_aanwezig():
    if not _backup_module()._kandidaten("pg_dump"):
        if os.environ.get("HONINGRAAT_E2E_VERPLICHT"):
            pytest.fail("pg_dump ontbreekt: installeer postgresql-client")
        pytest.skip("pg_dump ontbreekt")


def _params(dbname: str) -> dict:
    instellingen = connection.settings_dict
    params = {
        "host": instellingen["HOST"] or "127.0.0.1",
        "port": instellingen["PORT"] or 5432,
        "user": instellingen["USER"],
        "password": instellingen["PASSWORD"],
        "dbname": dbname,
    }
    return {k: v for k, v in params.items() if v}


@pytest.fixture
def verse_database():
    """An empty database beside the test database, dropped afterwards."""
    naam = f"test_honingraat_herstel_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(**_params("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    try:
        yield naam
    finally:
        with psycopg.connect(**_params("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam)))


def _url(dbname: str) -> str:
    basis = url_van_testdatabank()
    return basis.rsplit("/", 1)[0] + f"/{dbname}"


def _rijen(dbname: str) -> dict[str, int]:
    with psycopg.connect(**_params(dbname)) as conn:
        tabellen = conn.execute(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ).fetchall()
        return {
            f"{schema}.{tabel}": conn.execute(
                sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(tabel))
            ).fetchone()[0]
            for schema, tabel in tabellen
        }


def _backup(*args: str, media: Path, var: Path, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media), "HONINGRAAT_VAR": str(var)}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_backup_herstelt_rijen_en_media_in_een_verse_database(
    transactional_db, wereld_met_trajecten, settings, tmp_path, pg_dump_aanwezig, verse_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    opgeslagen = default_storage.save("documenten/verslag.pdf", ContentFile(MEDIA_INHOUD))
    bron = connection.settings_dict["NAME"]
    voor = _rijen(bron)
    assert voor["public.trajecten_traject"] >= 2

    gemaakt = _backup(
        "maak", "--map", str(tmp_path / "backups"), media=tmp_path / "media", var=tmp_path,
        database_url=url_van_testdatabank(),
    )  # fmt: skip
    assert gemaakt.returncode == 0, gemaakt.stderr
    (archief,) = (tmp_path / "backups").glob("honingraat-*.tar")
    assert "Back-up gemaakt" in gemaakt.stdout

    hersteld = _backup(
        "herstel", str(archief), "--database-url", _url(verse_database), media=tmp_path / "media2",
        var=tmp_path, database_url=url_van_testdatabank(),
    )  # fmt: skip
    assert hersteld.returncode == 0, hersteld.stderr
    assert "Controle geslaagd" in hersteld.stdout

    assert _rijen(verse_database) == voor
    assert (tmp_path / "media2" / opgeslagen).read_bytes() == MEDIA_INHOUD

    # A second restore into the now filled database is refused and changes nothing.
    geweigerd = _backup(
        "herstel", str(archief), "--database-url", _url(verse_database), media=tmp_path / "media3",
        var=tmp_path, database_url=url_van_testdatabank(),
    )  # fmt: skip
    assert geweigerd.returncode == 1
    assert "Herstel geweigerd" in geweigerd.stderr and "--overschrijven" in geweigerd.stderr
    assert not (tmp_path / "media3").exists()
    assert _rijen(verse_database) == voor

    # Media that already exist are refused just the same, for an empty database too.
    with psycopg.connect(**_params(verse_database), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    geweigerd = _backup(
        "herstel", str(archief), "--database-url", _url(verse_database), media=tmp_path / "media2",
        var=tmp_path, database_url=url_van_testdatabank(),
    )  # fmt: skip
    assert geweigerd.returncode == 1
    assert "mediamap" in geweigerd.stderr

    overschreven = _backup(
        "herstel", str(archief), "--database-url", _url(verse_database), "--overschrijven",
        media=tmp_path / "media2", var=tmp_path, database_url=url_van_testdatabank(),
    )  # fmt: skip
    assert overschreven.returncode == 0, overschreven.stderr
    assert _rijen(verse_database) == voor
