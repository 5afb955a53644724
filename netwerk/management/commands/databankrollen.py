"""The application's database user may read and write everything except the audit: there it may only add.

Migrations run as the owner of the tables; web, worker and beat connect as a separate role without
ownership. Ownership is what would let a role drop a trigger or alter a table, so the application role
cannot undo the audit's protection (migration netwerk 0008), and the privileges below refuse UPDATE,
DELETE and TRUNCATE of the audit tables before any trigger is asked. Run after every `migrate` (the
compose file does): new tables get their privileges from the default privileges set here as well.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

from netwerk.models import Inzage, Wijziging

AUDITTABELLEN = [Wijziging._meta.db_table, Inzage._meta.db_table]


def geef_rechten(rol: str, wachtwoord: str | None = None) -> None:
    """Create `rol` if needed (with a login when a password is given) and give it the application's rights."""
    r = sql.Identifier(rol)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [rol])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(r))
        if wachtwoord:
            cursor.execute(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(r, sql.Literal(wachtwoord)))
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [rol])
        if cursor.fetchone()[0]:
            raise CommandError(f"De rol {rol} is superuser: zo'n rol kan de audit altijd wijzigen.")
        cursor.execute("SELECT current_schema()")
        schema = sql.Identifier(cursor.fetchone()[0])
        for opdracht in (
            "GRANT CONNECT ON DATABASE {db} TO {r}",
            "GRANT USAGE ON SCHEMA {s} TO {r}",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
            "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
            "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r}",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
        ):
            cursor.execute(
                sql.SQL(opdracht).format(db=sql.Identifier(connection.settings_dict["NAME"]), s=schema, r=r)
            )
        for tabel in map(sql.Identifier, AUDITTABELLEN):
            cursor.execute(sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(tabel, r))
            cursor.execute(sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(tabel, r))


class Command(BaseCommand):
    help = (
        "Geeft de databankrol van de toepassing haar rechten: lezen en schrijven overal, behalve in de audit "
        "(daar enkel toevoegen). Draai dit als eigenaar van de tabellen, na elke migrate."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rol", default=os.environ.get("DATABASE_APP_ROL", "honingraat_app"))
        parser.add_argument(
            "--wachtwoord-uit",
            metavar="OMGEVINGSVARIABELE",
            help="Naam van de omgevingsvariabele met het wachtwoord: dan mag de rol zich aanmelden.",
        )

    def handle(self, *args, rol: str, wachtwoord_uit: str | None, **options) -> None:
        wachtwoord = None
        if wachtwoord_uit:
            wachtwoord = os.environ.get(wachtwoord_uit)
            if not wachtwoord:
                raise CommandError(f"{wachtwoord_uit} is leeg: geef de rol een wachtwoord.")
        geef_rechten(rol, wachtwoord)
        self.stdout.write(f"Rol {rol}: lezen en schrijven, audit enkel lezen en toevoegen.")
