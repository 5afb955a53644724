"""The calendar's SEQUENCE on the consultation and on each calendar mail; a cancelled meeting; mails that
announce a change or a cancellation, and mails replaced by a newer one before they left.

The sequence starts at the consultation's version, which is what the invitations sent so far carried as
SEQUENCE: the next change announced goes above it. Those invitations get the same number, so inviting
again still reaches only who has none for this date and place.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def volgnummers(apps, schema_editor):
    Schoolbeeldoverleg = apps.get_model("overleg", "Schoolbeeldoverleg")
    Uitgaandemail = apps.get_model("overleg", "Uitgaandemail")
    Schoolbeeldoverleg.objects.update(agenda_volgnummer=F("versie"))
    Uitgaandemail.objects.filter(soort="uitnodiging").update(
        volgnummer=Subquery(Schoolbeeldoverleg.objects.filter(pk=OuterRef("overleg_id")).values("versie"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("overleg", "0004_tussentijds_dag_en_uur"),
    ]

    operations = [
        migrations.AddField(
            model_name="schoolbeeldoverleg",
            name="agenda_volgnummer",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="schoolbeeldoverleg",
            name="geannuleerd_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="geannuleerd op"),
        ),
        migrations.AddField(
            model_name="uitgaandemail",
            name="volgnummer",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(volgnummers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="uitgaandemail",
            name="soort",
            field=models.CharField(
                choices=[
                    ("uitnodiging", "Uitnodiging"),
                    ("wijziging", "Gewijzigde uitnodiging"),
                    ("annulering", "Annulering"),
                    ("verslag", "Verslag gedeeld"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.AlterField(
            model_name="uitgaandemail",
            name="status",
            field=models.CharField(
                choices=[
                    ("wachtend", "Wacht"),
                    ("verstuurd", "Verstuurd"),
                    ("mislukt", "Mislukt"),
                    ("vervallen", "Vervangen door een nieuwere mail"),
                ],
                default="wachtend",
                max_length=20,
                verbose_name="status",
            ),
        ),
    ]
