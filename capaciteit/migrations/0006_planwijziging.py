"""One-off changes to a visit of the published week plan on a date (issue 21)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("capaciteit", "0005_verschuiving_overnemen"),
        ("netwerk", "0016_vormingen"),
        ("scholen", "0006_importbestand"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Planwijziging",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum")),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            ("geschrapt", "Geschrapt"),
                            ("andere_school", "Naar een andere school"),
                            ("verplaatst", "Naar een andere datum"),
                            ("andere_ondersteuner", "Door een andere ondersteuner"),
                        ],
                        max_length=20,
                        verbose_name="soort",
                    ),
                ),
                ("nieuwe_datum", models.DateField(blank=True, null=True, verbose_name="nieuwe datum")),
                ("reden", models.CharField(blank=True, max_length=200, verbose_name="reden")),
                ("wanneer", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "door",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "ondersteuner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="netwerk.ondersteuner",
                    ),
                ),
                (
                    "planregel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wijzigingen",
                        to="capaciteit.planregel",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="scholen.school",
                    ),
                ),
                (
                    "weekplan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wijzigingen",
                        to="capaciteit.weekplan",
                    ),
                ),
            ],
            options={
                "verbose_name": "planwijziging",
                "verbose_name_plural": "planwijzigingen",
                "ordering": ["datum", "pk"],
                "indexes": [
                    models.Index(fields=["weekplan", "datum"], name="capaciteit__weekpla_1d597a_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("planregel", "datum"), name="planwijziging_een_per_bezoek"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("soort", "geschrapt"),
                            models.Q(("school__isnull", False), ("soort", "andere_school")),
                            models.Q(("nieuwe_datum__isnull", False), ("soort", "verplaatst")),
                            models.Q(("ondersteuner__isnull", False), ("soort", "andere_ondersteuner")),
                            _connector="OR",
                        ),
                        name="planwijziging_volledig",
                    ),
                ],
            },
        ),
    ]
