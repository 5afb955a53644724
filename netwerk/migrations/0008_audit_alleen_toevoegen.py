"""The audit tables only grow: the database refuses UPDATE, DELETE and TRUNCATE of changes and reads.

Triggers on `netwerk_wijziging` and `netwerk_inzage` raise "auditgegevens kunnen niet gewijzigd of
verwijderd worden", whatever the statement comes from (ORM, admin, raw SQL on the application's
connection). Two ways through, both deliberate:

- Maintenance (retention, erasure on request) sets `honingraat.audit_onderhoud = 'aan'` locally in its
  transaction (inside `netwerk_audit_anonimiseren`, migration trajecten 0003); it ends with the transaction.
- TRUNCATE in a database named test_*: Django empties every table with one TRUNCATE between
  transactional tests and has no hook to set the flag first. Test databases are disposable and a
  production database is never named test_*; a test that wants production behaviour there sets the flag
  to 'uit' explicitly. UPDATE and DELETE stay refused in test databases too.

`door` loses its foreign key constraint and SET_NULL: deleting an account would otherwise UPDATE audit
rows. The rows keep the id of whoever it was.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FUNCTIE = r"""
CREATE FUNCTION netwerk_audit_alleen_toevoegen() RETURNS trigger AS $$
DECLARE
    onderhoud text := current_setting('honingraat.audit_onderhoud', true);
BEGIN
    IF onderhoud = 'aan'
        OR (TG_OP = 'TRUNCATE' AND current_database() LIKE 'test\_%' AND onderhoud IS DISTINCT FROM 'uit')
    THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;  -- NULL for the statement-level TRUNCATE trigger, where the value is ignored
    END IF;
    RAISE EXCEPTION 'auditgegevens kunnen niet gewijzigd of verwijderd worden (% op %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGERS = """
CREATE TRIGGER {tabel}_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON {tabel}
    FOR EACH ROW EXECUTE FUNCTION netwerk_audit_alleen_toevoegen();
CREATE TRIGGER {tabel}_niet_leegmaken
    BEFORE TRUNCATE ON {tabel}
    FOR EACH STATEMENT EXECUTE FUNCTION netwerk_audit_alleen_toevoegen();
"""

TERUG_TRIGGERS = """
DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel};
DROP TRIGGER IF EXISTS {tabel}_niet_leegmaken ON {tabel};
"""

TABELLEN = ["netwerk_wijziging", "netwerk_inzage"]

HEEN = FUNCTIE + "".join(TRIGGERS.format(tabel=tabel) for tabel in TABELLEN)
TERUG = "".join(TERUG_TRIGGERS.format(tabel=tabel) for tabel in TABELLEN) + (
    "DROP FUNCTION IF EXISTS netwerk_audit_alleen_toevoegen();"
)


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0007_onbeschikbaar")]

    operations = [
        migrations.AlterField(
            model_name="inzage",
            name="door",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="wijziging",
            name="door",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunSQL(HEEN, TERUG),
    ]
