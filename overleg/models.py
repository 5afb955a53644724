"""The yearly school consultation (schoolbeeldoverleg): its templates, the meeting, its agreements,
its documents (PDFs rendered by Celery, kept in storage) and the outbox its mails leave through.
"""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.schooljaar import als_tekst


class Sjabloonsoort(models.TextChoices):
    LEIDRAAD = "leidraad", _("Leidraad")
    AFSPRAKEN = "afspraken", _("Samenwerkingsafspraken")


class Sjabloon(models.Model):
    """A document a coordinator keeps per LSC. Each save is a new version; the newest one counts.

    The text is a small markdown-like language (`overleg.opmaak`): headings, paragraphs, lists and bold,
    never HTML, so a template cannot carry a script into a page or a PDF.
    """

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.CASCADE, related_name="sjablonen")
    soort = models.CharField(_("soort"), max_length=20, choices=Sjabloonsoort.choices)
    versie = models.PositiveIntegerField(_("versie"))
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"))
    bewaard_op = models.DateTimeField(_("bewaard op"), default=timezone.now)
    bewaard_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sjabloon")
        verbose_name_plural = _("sjablonen")
        ordering = ["lsc", "soort", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["lsc", "soort", "versie"], name="sjabloon_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.lsc} v{self.versie}"


class Status(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("In voorbereiding")
    UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
    GEHOUDEN = "gehouden", _("Gehouden")
    GEDEELD = "gedeeld", _("Verslag gedeeld")


class Schoolbeeldoverleg(models.Model):
    """One school's consultation with one LSC in one school year, from invitation to shared report."""

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="overleggen")
    school = models.ForeignKey("scholen.School", on_delete=models.PROTECT, related_name="overleggen")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORBEREIDING
    )
    versie = models.PositiveIntegerField(default=1)

    datum = models.DateTimeField(_("datum en uur"), null=True, blank=True)
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"), default=90)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    # The calendar's SEQUENCE (RFC 5545): raised with every announced change of date, hour or place and with
    # a cancellation, so a calendar replaces what it holds under the consultation's one UID.
    agenda_volgnummer = models.PositiveIntegerField(default=0)
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)

    # The leidraad, filled before the meeting (overview of trajectories) and during it.
    overzicht_trajecten = models.TextField(_("overzicht van de aangemelde trajecten"), blank=True)
    prioriteiten = models.TextField(_("prioriteiten van de school voor dit schooljaar"), blank=True)
    verwachtingen_school = models.TextField(_("verwachtingen van de school"), blank=True)
    verwachtingen_lsc = models.TextField(_("verwachtingen van het leersteuncentrum"), blank=True)
    verwachtingen_specifiek = models.TextField(
        _("verwachtingen van het specifiek leersteuncentrum"), blank=True
    )
    verwachtingen_clb = models.TextField(_("verwachtingen van het CLB"), blank=True)
    werkwijze = models.TextField(_("waaraan en hoe we werken"), blank=True)

    # The report.
    spreiding = models.CharField(
        _("spreiding van het tijdskader"),
        max_length=300,
        blank=True,
        help_text=_("Bv. ‘gemiddeld een halve dag om de twee weken’ of ‘1 dag per maand’."),
    )
    # The report's spreading taken from the published frame: its words are then computed where they are
    # shown (capaciteit.kaders.woorden_van), never copied, so report and frame cannot disagree. The free
    # text above stays stored, to come back when the report no longer follows the frame.
    spreiding_uit_kader = models.BooleanField(
        _("spreiding volgens het tijdskader"),
        default=False,
        help_text=_(
            "Neem de spreiding over uit het gepubliceerde tijdskader, zoals de school het leest. Wijzigt het "
            "tijdskader, dan volgt het verslag mee."
        ),
    )
    verslag = models.TextField(_("verslag"), blank=True)
    gehouden_op = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    gedeeld_op = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    gedeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # The second moment later in the year: interim effects, agreements adjusted.
    # Often only the day is known when it is planned: the hour stays empty rather than a made-up 00:00.
    tussentijds_op = models.DateField(_("tussentijds overleg op"), null=True, blank=True)
    tussentijds_uur = models.TimeField(_("uur tussentijds overleg"), null=True, blank=True)
    tussentijds_plaats = models.CharField(_("plaats tussentijds overleg"), max_length=200, blank=True)
    tussentijdse_effecten = models.TextField(_("tussentijdse effecten en bijsturing"), blank=True)

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schoolbeeldoverleg")
        verbose_name_plural = _("schoolbeeldoverleggen")
        ordering = ["-schooljaar", "school__naam"]
        constraints = [
            models.UniqueConstraint(fields=["lsc", "school", "schooljaar"], name="overleg_uniek_per_jaar")
        ]
        indexes = [models.Index(fields=["lsc", "schooljaar", "status"])]

    def __str__(self) -> str:
        return f"Schoolbeeldoverleg {self.school} {als_tekst(self.schooljaar)}"

    @property
    def schooljaar_tekst(self) -> str:
        return als_tekst(self.schooljaar)

    @property
    def einde(self):
        return self.datum + timezone.timedelta(minutes=self.duur_minuten) if self.datum else None

    @property
    def tussentijds_moment(self):
        """The second moment as a local datetime when its hour is known, else its date (or None)."""
        if self.tussentijds_op and self.tussentijds_uur is not None:
            return timezone.make_aware(dt.datetime.combine(self.tussentijds_op, self.tussentijds_uur))
        return self.tussentijds_op


class Deelnemer(models.Model):
    """Who takes part: fixed when the invitation leaves, so the report says who was asked."""

    class Rol(models.TextChoices):
        ZORG = "zorg", _("Zorgteam school")
        ANKER = "anker", _("Ankerondersteuner")
        ONDERSTEUNER = "ondersteuner", _("Leerondersteuner")
        SPECIFIEK = "specifiek", _("Leerondersteuner specifiek LSC")
        CLB = "clb", _("CLB-medewerker")

    # A participant of a consultation or of an afstemmingsgesprek (Afstemmingsgesprek, below): exactly one.
    overleg = models.ForeignKey(
        Schoolbeeldoverleg, on_delete=models.CASCADE, null=True, blank=True, related_name="deelnemers"
    )
    afstemming = models.ForeignKey(
        "Afstemmingsgesprek", on_delete=models.CASCADE, null=True, blank=True, related_name="deelnemers"
    )
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    aanwezig = models.BooleanField(_("aanwezig"), null=True, blank=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["overleg", "rol", "gebruiker__naam"]
        constraints = [
            models.UniqueConstraint(fields=["overleg", "gebruiker"], name="deelnemer_uniek_per_overleg"),
            models.UniqueConstraint(
                fields=["afstemming", "gebruiker"], name="deelnemer_uniek_per_afstemming"
            ),
            models.CheckConstraint(
                condition=models.Q(overleg__isnull=False, afstemming__isnull=True)
                | models.Q(overleg__isnull=True, afstemming__isnull=False),
                name="deelnemer_van_overleg_of_afstemming",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.get_rol_display()})"


class Afspraak(models.Model):
    """An agreement made concrete: an action with an owner and a due date, on the owner's home page."""

    overleg = models.ForeignKey(Schoolbeeldoverleg, on_delete=models.CASCADE, related_name="afspraken")
    omschrijving = models.CharField(_("afspraak"), max_length=500)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        on_delete=models.PROTECT,
        related_name="overlegafspraken",
    )
    tegen = models.DateField(_("tegen"))
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["tegen", "id"]
        indexes = [models.Index(fields=["eigenaar", "afgerond_op", "tegen"])]

    def __str__(self) -> str:
        return self.omschrijving


class Documentsoort(models.TextChoices):
    LEIDRAAD = "leidraad", _("Leidraad")
    AFSPRAKEN = "afspraken", _("Samenwerkingsafspraken")
    VERSLAG = "verslag", _("Verslag")


class Document(models.Model):
    """A rendered PDF in storage. `inhoud_hash` is the hash of the HTML it was made from: when the
    content changes the hash no longer matches and the document is rendered again."""

    overleg = models.ForeignKey(Schoolbeeldoverleg, on_delete=models.CASCADE, related_name="documenten")
    soort = models.CharField(_("soort"), max_length=20, choices=Documentsoort.choices)
    bestand = models.FileField(_("bestand"), upload_to="overleg/%Y/")
    inhoud_hash = models.CharField(max_length=64)
    paginas = models.PositiveSmallIntegerField(_("pagina's"), default=0)
    gerenderd_op = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    render_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        constraints = [models.UniqueConstraint(fields=["overleg", "soort"], name="document_uniek_per_soort")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} — {self.overleg}"


class Mailbatch(models.Model):
    """One press on 'versturen': the invitations for one or many schools, followed live."""

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.CASCADE, related_name="mailbatches")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    scholen = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("mailbatch")
        verbose_name_plural = _("mailbatches")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Batch {self.pk} ({self.scholen} scholen)"


class Mailstatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht")
    VERSTUURD = "verstuurd", _("Verstuurd")
    MISLUKT = "mislukt", _("Mislukt")
    # Replaced before it left by a newer mail about the same meeting (a later change, a cancellation).
    VERVALLEN = "vervallen", _("Vervangen door een nieuwere mail")


class Mailsoort(models.TextChoices):
    UITNODIGING = "uitnodiging", _("Uitnodiging")
    WIJZIGING = "wijziging", _("Gewijzigde uitnodiging")
    ANNULERING = "annulering", _("Annulering")
    VERSLAG = "verslag", _("Verslag gedeeld")


# The mails that carry the meeting to a calendar (.ics with the consultation's UID).
AGENDAMAILS = (Mailsoort.UITNODIGING, Mailsoort.WIJZIGING, Mailsoort.ANNULERING)


class Uitgaandemail(models.Model):
    """The outbox: one row per recipient. A worker takes a row under a row lock (SKIP LOCKED), sends it
    and marks it sent in the same transaction, so a worker that dies leaves the row as it was."""

    batch = models.ForeignKey(
        Mailbatch, on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )
    # The meeting the mail is about: a consultation or an afstemmingsgesprek, exactly one (`onderwerp`).
    overleg = models.ForeignKey(
        Schoolbeeldoverleg, on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )
    afstemming = models.ForeignKey(
        "Afstemmingsgesprek", on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Mailsoort.choices)
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    adres = models.EmailField(_("adres"))
    # For a calendar mail: the date, duration and place it announced, and its SEQUENCE. Inviting again
    # reaches only those who have no invitation for this date, place and sequence yet; a cancellation
    # names what it cancels from here.
    kenmerk = models.CharField(max_length=250, blank=True)
    volgnummer = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Mailstatus.choices, default=Mailstatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging = models.DateTimeField(_("volgende poging"), default=timezone.now)
    laatste_fout = models.CharField(_("laatste fout"), max_length=500, blank=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mails")
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["volgende_poging", "id"],
                name="mail_wachtend_idx",
                condition=models.Q(status="wachtend"),
            ),
            models.Index(fields=["batch", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overleg__isnull=False, afstemming__isnull=True)
                | models.Q(overleg__isnull=True, afstemming__isnull=False),
                name="mail_over_overleg_of_afstemming",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} → {self.adres} ({self.get_status_display()})"

    @property
    def onderwerp(self):
        """The meeting the mail is about: its date, place and calendar sequence."""
        return self.overleg if self.overleg_id else self.afstemming

    @property
    def message_id(self) -> str:
        """Stable per row: a receiver can tell a resend of the same mail from a new one."""
        if self.afstemming_id:
            return f"<afstemming-{self.afstemming_id}-mail-{self.pk}@honingraat>"
        return f"<overleg-{self.overleg_id}-mail-{self.pk}@honingraat>"


# ------------------------------------------------------------------------------ the afstemmingsgesprek
# "Indien u graag als school samen met de partners … een afstemmingsgesprek wenst": the school asks its
# anchor, who plans it as a meeting with participants; the invitation leaves through the outbox above.


class Partner(models.TextChoices):
    CLB = "clb", _("CLB")
    SPECIFIEK = "specifiek", _("Specifiek leersteuncentrum")
    ONDERSTEUNERS = "ondersteuners", _("Leerondersteuners aan het werk op de school")
    PEDAGOGISCHE_BEGELEIDING = "pedagogische_begeleiding", _("Pedagogische begeleiding")
    OUDERS = "ouders", _("Ouders")


class Afstemmingsstatus(models.TextChoices):
    GEVRAAGD = "gevraagd", _("Gevraagd")
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Afstemmingsgesprek(models.Model):
    """A school's request for an afstemmingsgesprek with the partners, through its anchor of one LSC, and
    the meeting the anchor plans from it. About the collaboration, never a pupil named in a mail."""

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("scholen.School", on_delete=models.PROTECT, related_name="afstemmingen")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    status = models.CharField(
        _("status"), max_length=20, choices=Afstemmingsstatus.choices, default=Afstemmingsstatus.GEVRAAGD
    )
    onderwerp = models.TextField(_("waarover wil de school afstemmen?"), max_length=2000)
    partners = ArrayField(
        models.CharField(max_length=30, choices=Partner.choices),
        default=list,
        blank=True,
        verbose_name=_("welke partners"),
    )
    andere_partners = models.CharField(_("andere partners"), max_length=300, blank=True)
    voorkeur_momenten = models.CharField(_("voorkeursmomenten"), max_length=500, blank=True)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)

    datum = models.DateTimeField(_("datum en uur"), null=True, blank=True)
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"), default=60)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    externe_deelnemers = models.CharField(
        _("deelnemers zonder account"),
        max_length=300,
        blank=True,
        help_text=_("Bv. de pedagogisch begeleider of de ouders: de school nodigt hen zelf uit."),
    )
    agenda_volgnummer = models.PositiveIntegerField(default=0)
    gepland_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afgesloten_op = models.DateTimeField(_("gehouden of geannuleerd op"), null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("afstemmingsgesprek")
        verbose_name_plural = _("afstemmingsgesprekken")
        ordering = ["-gevraagd_op", "-pk"]
        indexes = [models.Index(fields=["lsc", "status", "gevraagd_op"])]

    def __str__(self) -> str:
        return f"Afstemmingsgesprek {self.school}"

    @property
    def einde(self):
        return self.datum + timezone.timedelta(minutes=self.duur_minuten) if self.datum else None

    @property
    def partner_labels(self) -> list[str]:
        return [Partner(p).label for p in self.partners if p in Partner.values]


# ------------------------------------------------------------------------- a concern about a supporter
# "Bezorgdheden over het functioneren van een ondersteuner bespreekt u eerst met de ondersteuner zelf,
# anders met de regioverantwoordelijke of de coördinator."


class Bezorgdheidontvanger(models.TextChoices):
    ONDERSTEUNER = "ondersteuner", _("De leerondersteuner zelf")
    TEAMCOACH = "teamcoach", _("De teamcoach van zijn of haar regioteam")
    COORDINATOR = "coordinator", _("De coördinator van het leersteuncentrum")


class Bezorgdheid(models.Model):
    """A school's concern about a supporter: it reaches only the people chosen when it was sent (kept in
    `ontvangers`), and the care staff member who sent it. Nobody else finds it."""

    school = models.ForeignKey("scholen.School", on_delete=models.PROTECT, related_name="+")
    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="+")
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", verbose_name=_("leerondersteuner"), on_delete=models.PROTECT, related_name="+"
    )
    tekst = models.TextField(_("je bezorgdheid"), max_length=3000)
    al_besproken = models.BooleanField(_("al besproken met de leerondersteuner"))
    naar = models.CharField(_("naar"), max_length=20, choices=Bezorgdheidontvanger.choices)
    ontvangers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(_("gemeld op"), default=timezone.now)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afhandeling = models.CharField(_("korte toelichting voor de school"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("bezorgdheid")
        verbose_name_plural = _("bezorgdheden")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["door", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"Bezorgdheid {self.pk}"


# --------------------------------------------------------------- the school's suggestions at closure


class Afsluitsuggestie(models.Model):
    """The school's free suggestions to the LSC, asked beside the two closing questions (on the same form,
    through trajecten/afsluitextra.py). Kept per trajectory, so they are anonymised with its pupil."""

    traject = models.OneToOneField("trajecten.Traject", on_delete=models.CASCADE, related_name="+")
    tekst = models.TextField(_("suggesties voor het leersteuncentrum"), max_length=3000)

    class Meta:
        verbose_name = _("suggestie bij de afsluiting")
        verbose_name_plural = _("suggesties bij de afsluiting")

    def __str__(self) -> str:
        return f"Suggesties traject {self.traject_id}"
