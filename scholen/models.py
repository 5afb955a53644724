"""Schools, the LSCs that serve them, their yearly figures and their anchor supporters; the files of an
import on their way in."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerk.schooljaar import als_tekst


class Niveau(models.TextChoices):
    KLEUTER = "kleuter", _("Kleuteronderwijs")
    LAGER = "lager", _("Lager onderwijs")
    BASIS = "basis", _("Basisonderwijs")
    SECUNDAIR = "secundair", _("Secundair onderwijs")


class Onderwijsnet(models.TextChoices):
    GO = "go", _("GO!")
    OFFICIEEL = "officieel", _("Officieel gesubsidieerd")
    VRIJ = "vrij", _("Vrij gesubsidieerd")


class School(models.Model):
    instellingsnummer = models.CharField(
        _("instellingsnummer"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{5,6}$", _("Een instellingsnummer heeft 5 of 6 cijfers."))],
    )
    naam = models.CharField(_("naam"), max_length=200)
    straat = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    gemeente = models.CharField(_("gemeente"), max_length=100)
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    net = models.CharField(_("onderwijsnet"), max_length=20, choices=Onderwijsnet.choices)
    scholengemeenschap = models.CharField(_("scholengemeenschap"), max_length=200, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres van de school"), blank=True)
    # Where the school is, when known; else the week planning uses its municipality's centre.
    breedtegraad = models.FloatField(_("breedtegraad"), null=True, blank=True)
    lengtegraad = models.FloatField(_("lengtegraad"), null=True, blank=True)
    clb = models.ForeignKey(
        "netwerk.Clb",
        verbose_name=_("CLB"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scholen",
    )
    lscs = models.ManyToManyField(
        "netwerk.Leersteuncentrum",
        through="Bediening",
        related_name="scholen",
        verbose_name=_("leersteuncentra"),
    )
    zorgmedewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="zorgscholen", verbose_name=_("zorgteam")
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["naam", "instellingsnummer"]
        indexes = [models.Index(fields=["gemeente"]), models.Index(fields=["clb"])]

    def __str__(self) -> str:
        return self.naam


class Bediening(models.Model):
    """An LSC serves a school, and places it in one of its regio teams."""

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.CASCADE, related_name="bedieningen")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="bedieningen")
    regioteam = models.ForeignKey(
        "netwerk.Regioteam", on_delete=models.SET_NULL, null=True, blank=True, related_name="bedieningen"
    )

    class Meta:
        verbose_name = _("bediening")
        verbose_name_plural = _("bedieningen")
        constraints = [models.UniqueConstraint(fields=["lsc", "school"], name="bediening_uniek")]

    def __str__(self) -> str:
        return f"{self.lsc} → {self.school}"


class Schooljaarcijfers(models.Model):
    """A school's figures for one school year: pupils and the reports of each kind."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="cijfers")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    leerlingen = models.PositiveIntegerField(_("leerlingen"))
    gc_verslagen = models.PositiveIntegerField(_("GC-verslagen"), default=0)
    iac_verslagen = models.PositiveIntegerField(_("IAC-verslagen"), default=0)
    ov4_verslagen = models.PositiveIntegerField(_("OV4-verslagen"), default=0)

    class Meta:
        verbose_name = _("schooljaarcijfers")
        verbose_name_plural = _("schooljaarcijfers")
        ordering = ["school", "-schooljaar"]
        constraints = [
            models.UniqueConstraint(fields=["school", "schooljaar"], name="cijfers_uniek_per_jaar")
        ]

    def __str__(self) -> str:
        return f"{self.school} {als_tekst(self.schooljaar)}"

    @property
    def schooljaar_tekst(self) -> str:
        return als_tekst(self.schooljaar)


class Ankertoewijzing(models.Model):
    """The anchor supporter (ankerondersteuner) of a school for one LSC in one school year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="ankers")
    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.CASCADE, related_name="ankers")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", on_delete=models.PROTECT, related_name="ankerscholen"
    )

    class Meta:
        verbose_name = _("ankertoewijzing")
        verbose_name_plural = _("ankertoewijzingen")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "lsc", "schooljaar", "ondersteuner"], name="anker_uniek"
            )
        ]
        indexes = [models.Index(fields=["ondersteuner", "schooljaar"])]

    def __str__(self) -> str:
        return f"{self.ondersteuner} — {self.school} ({als_tekst(self.schooljaar)})"


class Verslagsoort(models.TextChoices):
    GC = "gc", _("GC-verslag (gemeenschappelijk curriculum)")
    IAC = "iac", _("IAC-verslag (individueel aangepast curriculum)")
    OV4 = "ov4", _("OV4-verslag")


class Verslagregister(models.Model):
    """Which reports a school holds and where they are kept: counts and a place, never a pupil."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="verslagregister")
    soort = models.CharField(_("soort verslag"), max_length=3, choices=Verslagsoort.choices)
    aantal = models.PositiveIntegerField(_("aantal"))
    bewaarplaats = models.CharField(
        _("bewaarplaats"),
        max_length=200,
        help_text=_("Waar de school de verslagen bewaart, bv. ‘zorgdossier, secretariaat’."),
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verslagregister")
        verbose_name_plural = _("verslagregisters")
        ordering = ["school", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["school", "soort"], name="verslagregister_uniek_per_soort")
        ]

    def __str__(self) -> str:
        return f"{self.school}: {self.aantal} × {self.get_soort_display()}"


class Bevestiging(models.Model):
    """An LSC vouches for an account from outside it: care staff at one school the LSC serves, or CLB staff
    of one CLB of such a school. Only what an LSC vouched for opens that LSC's work to the account; a
    refusal (`bevestigd` False) is kept so the LSC is not asked again (docs/SECURITY.md)."""

    class Bron(models.TextChoices):
        UITNODIGING = "uitnodiging", _("uitgenodigd door het leersteuncentrum")
        BELEID = "beleid", _("bevestigd door het leersteuncentrum")
        COLLEGA = "collega", _("bevestigd door een collega van het zorgteam")
        MIGRATIE = "migratie", _("had al toegang vóór de bevestigingen")

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bevestigingen"
    )
    lsc = models.ForeignKey(
        "netwerk.Leersteuncentrum", on_delete=models.CASCADE, related_name="bevestigingen"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="bevestigingen"
    )
    clb = models.ForeignKey(
        "netwerk.Clb", on_delete=models.CASCADE, null=True, blank=True, related_name="bevestigingen"
    )
    bevestigd = models.BooleanField(_("bevestigd"), default=True)
    bron = models.CharField(_("bron"), max_length=20, choices=Bron.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("op"), auto_now=True)

    class Meta:
        verbose_name = _("bevestiging")
        verbose_name_plural = _("bevestigingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school__isnull=False, clb__isnull=True)
                | models.Q(school__isnull=True, clb__isnull=False),
                name="bevestiging_school_of_clb",
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "school", "lsc"],
                condition=models.Q(school__isnull=False),
                name="bevestiging_uniek_per_school",
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "clb", "lsc"],
                condition=models.Q(clb__isnull=False),
                name="bevestiging_uniek_per_clb",
            ),
        ]

    def __str__(self) -> str:
        waar = self.school or self.clb
        return f"{self.lsc} → {self.gebruiker} ({waar})"


class Schoolvoorstel(models.Model):
    """What one LSC asks of the others about a school they share: to serve it too, or to change its master
    data or figures. Nothing of a shared school changes before the LSCs that serve it agree."""

    class Soort(models.TextChoices):
        BEDIENING = "bediening", _("mee bedienen")
        GEGEVENS = "gegevens", _("gegevens wijzigen")

    class Status(models.TextChoices):
        OPEN = "open", _("wacht op antwoord")
        AANVAARD = "aanvaard", _("aanvaard")
        GEWEIGERD = "geweigerd", _("geweigerd")
        INGETROKKEN = "ingetrokken", _("ingetrokken")
        VERVALLEN = "vervallen", _("vervallen")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="voorstellen")
    lsc = models.ForeignKey(
        "netwerk.Leersteuncentrum",
        verbose_name=_("voorgesteld door"),
        on_delete=models.CASCADE,
        related_name="schoolvoorstellen",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    # [{"veld": "naam", "oud": "…", "nieuw": "…"}, {"veld": "leerlingen", "schooljaar": 2025, …}]
    wijzigingen = models.JSONField(_("wijzigingen"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    # The LSCs that agreed so far: a change of data needs every other serving LSC.
    akkoord = ArrayField(models.BigIntegerField(), default=list, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beslist_op = models.DateTimeField(_("beslist op"), null=True, blank=True)
    reden = models.CharField(_("reden"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("schoolvoorstel")
        verbose_name_plural = _("schoolvoorstellen")
        ordering = ["-aangevraagd_op", "-pk"]
        indexes = [models.Index(fields=["school", "status"]), models.Index(fields=["lsc", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "lsc"],
                condition=models.Q(soort="bediening", status="open"),
                name="een_open_bedieningsaanvraag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lsc} → {self.school}: {self.get_soort_display()} ({self.get_status_display()})"


class Importbestand(models.Model):
    """A spreadsheet uploaded to import, between the upload and its commit or cancellation.

    It is read once, in the request or in a job that writes its progress here; what it held is kept as
    its table, so that the preview and the commit never parse the file again (they check the table against
    the database as it is then). The file itself is removed once read. Only its uploader finds it."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("Wacht op de lezer")
        BEZIG = "bezig", _("Wordt gelezen")
        KLAAR = "klaar", _("Gelezen")
        MISLUKT = "mislukt", _("Kan niet ingelezen worden")

    class Soort(models.TextChoices):
        SCHOLEN = "scholen", _("Scholen")
        CIJFERS = "cijfers", _("Cijfers per schooljaar")

    sleutel = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    # The LSC an administrator chose for a file of schools; everyone else imports for their own LSC.
    lsc = models.ForeignKey(
        "netwerk.Leersteuncentrum", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    naam = models.CharField(_("bestandsnaam"), max_length=100)  # the client's, only ever shown
    bestand = models.CharField(max_length=60, blank=True)  # under MEDIA_ROOT/imports, until it is read
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHTRIJ)
    regels_gelezen = models.PositiveIntegerField(default=0)
    regels_totaal = models.PositiveIntegerField(null=True, blank=True)
    fout = models.TextField(blank=True)
    # `Tabel.naar_json()`: text, as jsonb cannot hold the NUL a cell may contain.
    tabel = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)
    begonnen_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("importbestand")
        verbose_name_plural = _("importbestanden")

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_status_display()})"

    @property
    def bezig(self) -> bool:
        return self.status in {self.Status.WACHTRIJ, self.Status.BEZIG}
