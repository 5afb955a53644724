"""Capacity: each LSC's closed envelope per school year, its published distributions and every move.

The key's settings live on the envelope; a distribution is a version of the result. The hours of a
published distribution change only by moves (Herverdeling) between two schools, and PostgreSQL itself
guarantees that the sum stays the envelope (a deferred constraint trigger, see migration 0002).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capaciteit.rekenen.cijfers import STANDAARD_SCHOOLWEKEN
from netwerk.schooljaar import als_tekst


class Envelop(models.Model):
    """The closed envelope of an LSC for one school year, and the key that distributes it."""

    class Eenheid(models.IntegerChoices):
        UUR = 1, _("1 uur")
        HALVE_DAG = 4, _("een halve dag (4 uur)")

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="enveloppen")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    uren = models.PositiveIntegerField(_("envelop (uren ondersteuning, brede types)"), default=0)
    uren_per_voltijdse = models.PositiveIntegerField(
        _("uren per voltijdse opdracht voor brede types"),
        null=True,
        blank=True,
        help_text=_("Om de envelop af te leiden uit het personeel: opdracht % × deze uren."),
    )
    gewicht_leerlingen = models.PositiveSmallIntegerField(
        _("gewicht leerlingen (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    venster_jaren = models.PositiveSmallIntegerField(
        _("venster verslagen (schooljaren)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    verslagsoorten = ArrayField(
        models.CharField(max_length=3, choices=[("gc", "GC"), ("iac", "IAC"), ("ov4", "OV4")]),
        default=list,
        verbose_name=_("verslagen die meetellen"),
    )
    referentiejaar = models.PositiveSmallIntegerField(_("referentiejaar leerlingen"), null=True, blank=True)
    eenheid = models.PositiveSmallIntegerField(_("eenheid"), choices=Eenheid.choices, default=Eenheid.UUR)
    schoolweken = models.PositiveSmallIntegerField(
        _("schoolweken"),
        default=STANDAARD_SCHOOLWEKEN,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        verbose_name = _("envelop")
        verbose_name_plural = _("enveloppen")
        constraints = [models.UniqueConstraint(fields=["lsc", "schooljaar"], name="envelop_uniek_per_jaar")]

    def __str__(self) -> str:
        return f"{self.lsc} {als_tekst(self.schooljaar)}"

    @property
    def gewicht_verslagen(self) -> int:
        return 100 - self.gewicht_leerlingen

    @property
    def referentie(self) -> int:
        """The reference year for pupils: the school year before, unless the coordinator chose another."""
        return self.referentiejaar if self.referentiejaar is not None else self.schooljaar - 1


class Verdeling(models.Model):
    """One published version of an envelope's distribution. Published versions stay as they were."""

    envelop = models.ForeignKey(Envelop, on_delete=models.PROTECT, related_name="verdelingen")
    versie = models.PositiveSmallIntegerField(_("versie"))
    uren = models.PositiveIntegerField(_("envelop"))
    sleutel = models.JSONField(_("sleutel"), default=dict)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), auto_now_add=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verdeling")
        verbose_name_plural = _("verdelingen")
        ordering = ["envelop", "-versie"]
        constraints = [models.UniqueConstraint(fields=["envelop", "versie"], name="verdeling_versie_uniek")]

    def __str__(self) -> str:
        return f"{self.envelop} v{self.versie}"


class Tijdskader(models.Model):
    """A school's time frame in one version: the computation's inputs and steps, and its hours now."""

    verdeling = models.ForeignKey(Verdeling, on_delete=models.CASCADE, related_name="tijdskaders")
    school = models.ForeignKey("scholen.School", on_delete=models.PROTECT, related_name="tijdskaders")
    leerlingen = models.PositiveIntegerField()
    gemiddelde_verslagen = models.DecimalField(max_digits=10, decimal_places=4)
    gewicht = models.DecimalField(max_digits=12, decimal_places=10)
    quotum = models.DecimalField(max_digits=14, decimal_places=4)
    basis = models.PositiveIntegerField()
    extra = models.PositiveSmallIntegerField()
    berekende_uren = models.PositiveIntegerField(_("berekende uren"))
    uren = models.PositiveIntegerField(_("uren nu"))

    class Meta:
        verbose_name = _("tijdskader")
        verbose_name_plural = _("tijdskaders")
        constraints = [models.UniqueConstraint(fields=["verdeling", "school"], name="tijdskader_uniek")]
        indexes = [models.Index(fields=["school", "verdeling"])]

    def __str__(self) -> str:
        return f"{self.school}: {self.uren} uur"


class Herverdeling(models.Model):
    """Solidarity during the year: hours move from one school to another, with a reason, for good.

    A new version carries the moves the coordinator keeps: each as a row of its own in that version, with
    the date, the author and the reason of the move it carries (`overgenomen_van`, the row in the version
    before), so a school's frame in every version adds up from its computed hours and the moves shown.
    Who carried it, and when, is the new version's publisher and publication (and the audit).
    """

    verdeling = models.ForeignKey(Verdeling, on_delete=models.PROTECT, related_name="herverdelingen")
    van = models.ForeignKey(Tijdskader, on_delete=models.PROTECT, related_name="afgegeven")
    naar = models.ForeignKey(Tijdskader, on_delete=models.PROTECT, related_name="ontvangen")
    uren = models.PositiveIntegerField(_("uren"), validators=[MinValueValidator(1)])
    reden = models.CharField(_("reden"), max_length=300)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    wanneer = models.DateTimeField(default=timezone.now)
    # One row is carried into the next version at most once: only the latest version is ever published on.
    overgenomen_van = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overgenomen_in",
        verbose_name=_("overgenomen van"),
    )

    class Meta:
        verbose_name = _("herverdeling")
        verbose_name_plural = _("herverdelingen")
        ordering = ["-wanneer", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(van=models.F("naar")), name="herverdeling_twee_scholen"
            )
        ]

    def __str__(self) -> str:
        return f"{self.uren} uur van {self.van.school} naar {self.naar.school}"


# ------------------------------------------------------------------------------------------ week planning


class Weekplan(models.Model):
    """A week plan of supporters over schools for one LSC and school year: a proposal the solver makes,
    the coordinator reviews (pins, moves) and publishes. Published plans are numbered versions."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("Wacht op de planner")
        BEZIG = "bezig", _("Wordt berekend")
        VOORSTEL = "voorstel", _("Voorstel")
        ONHAALBAAR = "onhaalbaar", _("Geen plan mogelijk")
        MISLUKT = "mislukt", _("Mislukt")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        VERVANGEN = "vervangen", _("Vervangen")

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="weekplannen")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WACHTRIJ)
    versie = models.PositiveSmallIntegerField(_("versie"), null=True, blank=True)
    instellingen = models.JSONField(_("instellingen"), default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    gepubliceerd_op = models.DateTimeField(null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The solver's progress, written while it runs: the best plan so far and the gap to its bound.
    begonnen_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    objectief = models.BigIntegerField(null=True, blank=True)
    grens = models.BigIntegerField(null=True, blank=True)
    oplossingen = models.PositiveIntegerField(default=0)
    uitkomst = models.CharField(max_length=20, blank=True)
    redenen = models.JSONField(default=list, blank=True)
    kengetallen = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("weekplan")
        verbose_name_plural = _("weekplannen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["lsc", "schooljaar", "versie"],
                condition=models.Q(versie__isnull=False),
                name="weekplan_versie_uniek",
            )
        ]
        indexes = [models.Index(fields=["lsc", "schooljaar", "status"])]

    def __str__(self) -> str:
        return f"Weekplan {self.lsc} {als_tekst(self.schooljaar)} ({self.get_status_display()})"

    @property
    def gap(self) -> float | None:
        if self.objectief is None or self.grens is None:
            return None
        return abs(self.objectief - self.grens) / max(abs(self.objectief), 1)

    @property
    def cyclus_weken(self) -> int:
        """1 or 2: the weeks after which the plan repeats, as its settings chose."""
        return int(self.instellingen.get("cyclus_weken", 1))


class Planregel(models.Model):
    """One visit: a supporter at a school on a day of the cycle, for so many half hours."""

    weekplan = models.ForeignKey(Weekplan, on_delete=models.CASCADE, related_name="regels")
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", on_delete=models.CASCADE, related_name="planregels"
    )
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="planregels")
    dag = models.PositiveSmallIntegerField(_("dag"), validators=[MaxValueValidator(9)])
    blokken = models.PositiveSmallIntegerField(_("halve uren"), validators=[MinValueValidator(1)])
    vastgezet = models.BooleanField(_("vastgezet"), default=False)

    class Meta:
        verbose_name = _("planregel")
        verbose_name_plural = _("planregels")
        ordering = ["weekplan", "ondersteuner", "dag", "school"]
        constraints = [
            models.UniqueConstraint(
                fields=["weekplan", "ondersteuner", "school", "dag"], name="planregel_uniek"
            )
        ]
        indexes = [
            models.Index(fields=["school", "weekplan"]),
            models.Index(fields=["ondersteuner", "weekplan"]),
        ]

    def __str__(self) -> str:
        return f"{self.ondersteuner} → {self.school} dag {self.dag}"

    @property
    def uren(self):
        return self.blokken / 2


class Planwijziging(models.Model):
    """A one-off change to one visit of the published plan on one date (the date the cycle gives it):
    cancelled, at another school, moved to another date, or made by another supporter (a replacement). The
    pure calendar (`rekenen.weekplanning.kalender`) applies it; the service checks the hard rules first."""

    class Soort(models.TextChoices):
        GESCHRAPT = "geschrapt", _("Geschrapt")
        ANDERE_SCHOOL = "andere_school", _("Naar een andere school")
        VERPLAATST = "verplaatst", _("Naar een andere datum")
        ANDERE_ONDERSTEUNER = "andere_ondersteuner", _("Door een andere ondersteuner")

    weekplan = models.ForeignKey(Weekplan, on_delete=models.CASCADE, related_name="wijzigingen")
    planregel = models.ForeignKey(Planregel, on_delete=models.CASCADE, related_name="wijzigingen")
    datum = models.DateField(_("datum"))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    school = models.ForeignKey(
        "scholen.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    nieuwe_datum = models.DateField(_("nieuwe datum"), null=True, blank=True)
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reden = models.CharField(_("reden"), max_length=200, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    wanneer = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("planwijziging")
        verbose_name_plural = _("planwijzigingen")
        ordering = ["datum", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["planregel", "datum"], name="planwijziging_een_per_bezoek"),
            models.CheckConstraint(
                condition=(
                    models.Q(soort="geschrapt")
                    | models.Q(soort="andere_school", school__isnull=False)
                    | models.Q(soort="verplaatst", nieuwe_datum__isnull=False)
                    | models.Q(soort="andere_ondersteuner", ondersteuner__isnull=False)
                ),
                name="planwijziging_volledig",
            ),
        ]
        indexes = [models.Index(fields=["weekplan", "datum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d/%m/%Y}"


class Agendasleutel(models.Model):
    """The secret in a supporter's calendar feed URL: anyone with it reads that week, nothing more. Only
    its hash is kept (netwerk.linksleutels): the link itself is shown once, when it is made."""

    ondersteuner = models.OneToOneField(
        "netwerk.Ondersteuner", on_delete=models.CASCADE, related_name="agendasleutel"
    )
    sleutel_hash = models.CharField(max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agendasleutel")
        verbose_name_plural = _("agendasleutels")

    def __str__(self) -> str:
        return f"Agenda van {self.ondersteuner}"


class Bezoekgedaan(models.Model):
    """A visit of the published plan on a date that its supporter marked as done from their day sheet. One
    per supporter, school and date; removing the row undoes the mark. Which visits were planned is not
    stored here: the dated plan (`rekenen.weekplanning.kalender`) says it, and the service refuses a mark
    for a visit the plan does not give that supporter on that date."""

    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", on_delete=models.CASCADE, related_name="gedane_bezoeken"
    )
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    datum = models.DateField(_("datum"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    wanneer = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gedaan bezoek")
        verbose_name_plural = _("gedane bezoeken")
        ordering = ["datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ondersteuner", "school", "datum"], name="bezoekgedaan_een_per_dag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ondersteuner_id} · {self.school_id} · {self.datum:%d/%m/%Y}"
