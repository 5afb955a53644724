"""The cache lives in PostgreSQL (see settings): every migrated database gets its table, no extra step."""

from django.core.management import call_command
from django.db import migrations


def maak_cachetabel(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0003_audit_antwoordtermijn")]

    operations = [migrations.RunPython(maak_cachetabel, migrations.RunPython.noop)]
