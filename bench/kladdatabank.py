"""A scratch database per benchmark on the given PostgreSQL server: made empty, dropped afterwards."""

import sys
from urllib.parse import urlparse, urlunparse


def met_naam(url: str, naam: str) -> str:
    """The same server URL with another database name."""
    return urlunparse(urlparse(url)._replace(path=f"/{naam}"))


def _beheerverbinding(server: str):
    import psycopg

    return psycopg.connect(met_naam(server, "postgres"), autocommit=True)


def maak_database(server: str, naam: str) -> None:
    with _beheerverbinding(server) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        verbinding.execute(f'CREATE DATABASE "{naam}"')


def verwijder_database(server: str, naam: str) -> None:
    sluit_django()
    with _beheerverbinding(server) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def sluit_django() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
