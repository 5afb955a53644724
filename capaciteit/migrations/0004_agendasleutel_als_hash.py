"""The calendar feed's key is stored as its SHA-256 only. Existing keys are replaced by their hash, so every
calendar app already subscribed keeps working; going back cannot restore a key from its hash, so after a
rollback supporters make a new link."""

import hashlib

from django.db import migrations


def _hash_van_elke_sleutel(apps, schema_editor):
    # The hash as netwerk.linksleutels makes it, written out here: a migration does not follow later code.
    Agendasleutel = apps.get_model("capaciteit", "Agendasleutel")
    rijen = list(Agendasleutel.objects.only("pk", "sleutel_hash"))
    for rij in rijen:
        rij.sleutel_hash = hashlib.sha256(rij.sleutel_hash.encode("utf-8", "surrogatepass")).hexdigest()
    Agendasleutel.objects.bulk_update(rijen, ["sleutel_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("capaciteit", "0003_weekplanning"),
    ]

    operations = [
        migrations.RenameField(model_name="agendasleutel", old_name="sleutel", new_name="sleutel_hash"),
        migrations.RunPython(_hash_van_elke_sleutel, migrations.RunPython.noop, elidable=False),
    ]
