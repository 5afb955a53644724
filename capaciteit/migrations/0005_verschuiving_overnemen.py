"""A move carried into a new version points to the row it carries, and keeps that move's date: `wanneer`
is set when the row is made unless the publication gives the original one."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("capaciteit", "0004_agendasleutel_als_hash"),
    ]

    operations = [
        migrations.AddField(
            model_name="herverdeling",
            name="overgenomen_van",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="overgenomen_in",
                to="capaciteit.herverdeling",
                verbose_name="overgenomen van",
            ),
        ),
        migrations.AlterField(
            model_name="herverdeling",
            name="wanneer",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
    ]
