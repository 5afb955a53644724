"""Accounts from before the confirmations keep what they saw: every LSC that served the school (care staff)
or a school of the CLB (CLB staff) is recorded as having vouched for them, by the migration ("migratie"),
with nobody as the person who did. A coordinator can withdraw any of them on the Aanvragen page."""

from django.db import migrations
from django.db.models import Exists, OuterRef


def vastleggen(apps, schema_editor):
    Bevestiging = apps.get_model("scholen", "Bevestiging")
    Bediening = apps.get_model("scholen", "Bediening")
    School = apps.get_model("scholen", "School")
    Gebruiker = apps.get_model("netwerk", "Gebruiker")
    koppeling = School.zorgmedewerkers.through
    rijen = []
    for school_id, gebruiker_id in koppeling.objects.filter(gebruiker__rol="zorg").values_list(
        "school_id", "gebruiker_id"
    ):
        for lsc_id in Bediening.objects.filter(school_id=school_id).values_list("lsc_id", flat=True):
            rijen.append(
                Bevestiging(gebruiker_id=gebruiker_id, school_id=school_id, lsc_id=lsc_id, bron="migratie")
            )
    for gebruiker_id, clb_id in Gebruiker.objects.filter(rol="clb", clb__isnull=False).values_list(
        "pk", "clb_id"
    ):
        lscs = (
            Bediening.objects.filter(Exists(School.objects.filter(pk=OuterRef("school_id"), clb_id=clb_id)))
            .values_list("lsc_id", flat=True)
            .distinct()
        )
        for lsc_id in lscs:
            rijen.append(
                Bevestiging(gebruiker_id=gebruiker_id, clb_id=clb_id, lsc_id=lsc_id, bron="migratie")
            )
    Bevestiging.objects.bulk_create(rijen, batch_size=5000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("scholen", "0004_bevestigingen_en_voorstellen")]

    operations = [migrations.RunPython(vastleggen, migrations.RunPython.noop)]
