"""The second moment as a day with an hour that may stay unknown.

It was one timestamp, so a planner who knew only the day typed 00:00: that hour becomes "unknown". The
day is taken in Brussels time (a cast to date in PostgreSQL would take the UTC day and move such a 00:00
to the day before).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models


def naar_dag_en_uur(apps, schema_editor):
    Schoolbeeldoverleg = apps.get_model("overleg", "Schoolbeeldoverleg")
    zone = ZoneInfo(settings.TIME_ZONE)
    for overleg in Schoolbeeldoverleg.objects.exclude(tussentijds_op=None).only("tussentijds_op"):
        lokaal = overleg.tussentijds_op.astimezone(zone)
        overleg.tussentijds_dag = lokaal.date()
        overleg.tussentijds_uur = None if lokaal.time() == dt.time(0, 0) else lokaal.time()
        overleg.save(update_fields=["tussentijds_dag", "tussentijds_uur"])


def naar_tijdstip(apps, schema_editor):
    Schoolbeeldoverleg = apps.get_model("overleg", "Schoolbeeldoverleg")
    zone = ZoneInfo(settings.TIME_ZONE)
    for overleg in Schoolbeeldoverleg.objects.exclude(tussentijds_dag=None):
        uur = overleg.tussentijds_uur or dt.time(0, 0)
        overleg.tussentijds_op = dt.datetime.combine(overleg.tussentijds_dag, uur, tzinfo=zone)
        overleg.save(update_fields=["tussentijds_op"])


class Migration(migrations.Migration):
    dependencies = [
        ("overleg", "0003_wachtende_mails_op_volgorde"),
    ]

    operations = [
        migrations.AddField(
            model_name="schoolbeeldoverleg",
            name="tussentijds_uur",
            field=models.TimeField(blank=True, null=True, verbose_name="uur tussentijds overleg"),
        ),
        migrations.AddField(
            model_name="schoolbeeldoverleg",
            name="tussentijds_dag",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(naar_dag_en_uur, naar_tijdstip),
        migrations.RemoveField(model_name="schoolbeeldoverleg", name="tussentijds_op"),
        migrations.RenameField(
            model_name="schoolbeeldoverleg", old_name="tussentijds_dag", new_name="tussentijds_op"
        ),
        migrations.AlterField(
            model_name="schoolbeeldoverleg",
            name="tussentijds_op",
            field=models.DateField(blank=True, null=True, verbose_name="tussentijds overleg op"),
        ),
    ]
