"""The report's spreading can follow the published time frame: a flag, off for every existing report, so
each keeps the free text it has."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("overleg", "0006_afstemming_en_zorgen"),
    ]

    operations = [
        migrations.AddField(
            model_name="schoolbeeldoverleg",
            name="spreiding_uit_kader",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Neem de spreiding over uit het gepubliceerde tijdskader, zoals de school het leest. "
                    "Wijzigt het tijdskader, dan volgt het verslag mee."
                ),
                verbose_name="spreiding volgens het tijdskader",
            ),
        ),
    ]
