"""The yearly report of an LSC: one per school year, rendered by a job, replaced by a new run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Jaarverslag(models.Model):
    """The PDF and the XLSX of a school year's report for the bestuur and the leersteunraad, and the job's
    progress while it renders them. Files under MEDIA_ROOT/jaarverslag, served only through the policy
    team's download view (audited)."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("Wacht op de verwerking")
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.CASCADE, related_name="+")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHTRIJ)
    stap = models.PositiveSmallIntegerField(default=0)
    stappen = models.PositiveSmallIntegerField(default=0)
    fout = models.TextField(blank=True)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    gevraagd_op = models.DateTimeField(auto_now_add=True)
    begonnen_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="jaarverslag/%Y/", blank=True)
    xlsx = models.FileField(upload_to="jaarverslag/%Y/", blank=True)
    paginas = models.PositiveSmallIntegerField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")
        constraints = [
            models.UniqueConstraint(fields=["lsc", "schooljaar"], name="jaarverslag_uniek_per_jaar")
        ]

    def __str__(self) -> str:
        return f"{self.lsc_id} {self.schooljaar} ({self.get_status_display()})"

    @property
    def bezig(self) -> bool:
        return self.status in {self.Status.WACHTRIJ, self.Status.BEZIG}

    @property
    def procent(self) -> int:
        return round(100 * self.stap / self.stappen) if self.stappen else 0
