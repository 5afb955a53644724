"""The organisation: accounts and roles, learning support centres, regio teams, supporters, CLBs."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator")
    DIRECTEUR = "directeur", _("Directeur")
    TEAMCOACH = "teamcoach", _("Teamcoach")
    ONDERSTEUNER = "ondersteuner", _("Leerondersteuner")
    ZORG = "zorg", _("Zorgteam school")
    CLB = "clb", _("CLB-medewerker")
    ADMIN = "admin", _("Beheerder")


# Roles that see the whole LSC, and roles that can see pupil-level data (MFA can be made compulsory).
BELEIDSROLLEN = {Rol.COORDINATOR, Rol.DIRECTEUR}
LSC_ROLLEN = {Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ONDERSTEUNER}
ROLLEN_MET_LEERLINGGEGEVENS = {Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG}
# Who must use a second factor where MFA is compulsory: everyone with pupil data, the CLB (reports about
# pupils' schools) and the administrator (every account): that is every role.
ROLLEN_MET_MFA = {*ROLLEN_MET_LEERLINGGEGEVENS, Rol.CLB, Rol.ADMIN}


class Focus(models.TextChoices):
    BASISAANBOD = "basisaanbod", _("Basisaanbod")
    TYPE2 = "type2", _("Type 2")
    ASS = "ass", _("ASS")
    GEDRAG = "gedrag", _("Gedrag")


class GebruikerManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **velden):
        if not email:
            raise ValueError("Een account heeft een e-mailadres nodig.")
        gebruiker = self.model(email=self.normalize_email(email).lower(), **velden)
        gebruiker.set_password(password)
        gebruiker.save(using=self._db)
        return gebruiker

    def create_superuser(self, email: str, password: str | None = None, **velden):
        velden.update(is_staff=True, is_superuser=True, rol=Rol.ADMIN)
        return self.create_user(email, password, **velden)


class Gebruiker(AbstractUser):
    """An account. Logs in with its e-mail address; what it may see follows from `rol`."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    lsc = models.ForeignKey(
        "netwerk.Leersteuncentrum",
        verbose_name=_("leersteuncentrum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
    )
    clb = models.ForeignKey(
        "netwerk.Clb",
        verbose_name=_("CLB"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
    )

    # Part of the session's hash: a new value signs the account out everywhere (an administrator's reset).
    sessiesleutel = models.CharField(max_length=32, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["naam"]
    objects = GebruikerManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam or self.email

    def get_full_name(self) -> str:
        return self.naam

    def get_short_name(self) -> str:
        return self.naam.split(" ")[0] if self.naam else self.email

    def clean(self) -> None:
        super().clean()
        if self.rol in LSC_ROLLEN and not self.lsc_id:
            raise ValidationError({"lsc": _("Deze rol hoort bij een leersteuncentrum.")})
        if self.rol == Rol.CLB and not self.clb_id:
            raise ValidationError({"clb": _("Een CLB-medewerker hoort bij een CLB.")})

    @property
    def ziet_leerlinggegevens(self) -> bool:
        return self.rol in ROLLEN_MET_LEERLINGGEGEVENS

    @property
    def moet_mfa_gebruiken(self) -> bool:
        return self.rol in ROLLEN_MET_MFA or self.is_staff or self.is_superuser

    def get_session_auth_hash(self) -> str:
        """As Django's (from the password hash), plus `sessiesleutel` once it is set: sessions of before an
        administrator's reset no longer match, whether or not the password changed."""
        if not self.sessiesleutel:
            return super().get_session_auth_hash()
        return salted_hmac(
            "honingraat.sessie", self.password + self.sessiesleutel, algorithm="sha256"
        ).hexdigest()


class Leersteuncentrum(models.Model):
    class Soort(models.TextChoices):
        ALGEMEEN = "algemeen", _("Algemeen (basisaanbod, types 2, 3, 9)")
        SPECIFIEK = "specifiek", _("Specifiek (types 4, 6, 7)")

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.ALGEMEEN)
    gemeente = models.CharField(_("gemeente"), max_length=100, blank=True)
    antwoordtermijn_dagen = models.PositiveSmallIntegerField(
        _("antwoordtermijn (dagen)"),
        default=14,
        help_text=_("Na zoveel dagen zonder antwoord staat een aanmelding bij de achterstallige."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        help_text=_("PNG of JPEG; staat bovenaan de documenten van het schoolbeeldoverleg."),
    )

    class Meta:
        verbose_name = _("leersteuncentrum")
        verbose_name_plural = _("leersteuncentra")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Regioteam(models.Model):
    lsc = models.ForeignKey(Leersteuncentrum, on_delete=models.CASCADE, related_name="regioteams")
    naam = models.CharField(_("naam"), max_length=100)
    coach = models.ForeignKey(
        Gebruiker,
        verbose_name=_("teamcoach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gecoachte_regioteams",
    )

    class Meta:
        verbose_name = _("regioteam")
        verbose_name_plural = _("regioteams")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["lsc", "naam"], name="regioteam_naam_uniek_per_lsc")]

    def __str__(self) -> str:
        return self.naam


class Ondersteuner(models.Model):
    """A learning supporter: the account, where they belong and how much they work."""

    gebruiker = models.OneToOneField(Gebruiker, on_delete=models.CASCADE, related_name="ondersteuner")
    lsc = models.ForeignKey(Leersteuncentrum, on_delete=models.PROTECT, related_name="ondersteuners")
    regioteam = models.ForeignKey(
        Regioteam, on_delete=models.SET_NULL, null=True, blank=True, related_name="ondersteuners"
    )
    opdracht_procent = models.PositiveSmallIntegerField(
        _("opdracht (% van een voltijdse)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    focusteams = ArrayField(
        models.CharField(max_length=20, choices=Focus.choices),
        default=list,
        blank=True,
        verbose_name=_("focusteams"),
    )
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    werkdagen = ArrayField(
        models.PositiveSmallIntegerField(validators=[MaxValueValidator(4)]),
        default=list,
        blank=True,
        verbose_name=_("werkdagen"),
        help_text=_("0 = maandag … 4 = vrijdag; leeg = elke weekdag."),
    )
    onbeschikbaar = ArrayField(
        models.PositiveSmallIntegerField(validators=[MaxValueValidator(9)]),
        default=list,
        blank=True,
        verbose_name=_("niet beschikbaar"),
        help_text=_("Dagen van een cyclus van twee weken: 0-4 week 1, 5-9 week 2 (bv. een vaste opleiding)."),
    )
    # The last working day is the day before: from this date the account is inactive (never deleted).
    uit_dienst_op = models.DateField(_("uit dienst op"), null=True, blank=True)
    # The focus the supporter chooses to grow in (bronnen/004: "elke ondersteuner kan een focus kiezen").
    groeifocus = models.CharField(_("groeifocus"), max_length=300, blank=True)
    groeifocus_gebied = models.CharField(_("focusgebied"), max_length=20, choices=Focus.choices, blank=True)

    class Meta:
        verbose_name = _("leerondersteuner")
        verbose_name_plural = _("leerondersteuners")
        ordering = ["gebruiker__naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opdracht_procent__gte=1, opdracht_procent__lte=100),
                name="ondersteuner_opdracht_1_tot_100",
            )
        ]

    def __str__(self) -> str:
        return str(self.gebruiker)

    @property
    def focusteam_labels(self) -> list[str]:
        return [Focus(waarde).label for waarde in self.focusteams]


class Opdrachtwijziging(models.Model):
    """A supporter's assignment from a date on: the history stays, `Ondersteuner.opdracht_procent` follows
    the latest one that has begun (netwerk.team.opdrachten_bijwerken)."""

    ondersteuner = models.ForeignKey(
        Ondersteuner, on_delete=models.CASCADE, related_name="opdrachtwijzigingen"
    )
    opdracht_procent = models.PositiveSmallIntegerField(
        _("opdracht (% van een voltijdse)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    vanaf = models.DateField(_("vanaf"))
    door = models.ForeignKey(Gebruiker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    toegepast_op = models.DateTimeField(
        null=True, blank=True, editable=False
    )  # when it became the current one

    class Meta:
        verbose_name = _("opdrachtwijziging")
        verbose_name_plural = _("opdrachtwijzigingen")
        ordering = ["ondersteuner", "-vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["ondersteuner", "vanaf"], name="opdrachtwijziging_uniek_per_dag"),
            models.CheckConstraint(
                condition=models.Q(opdracht_procent__gte=1, opdracht_procent__lte=100),
                name="opdrachtwijziging_1_tot_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ondersteuner}: {self.opdracht_procent} % vanaf {self.vanaf:%d/%m/%Y}"


class Afwezigheid(models.Model):
    """A supporter's leave, from–to (both days included): a kind, never a medical detail."""

    class Soort(models.TextChoices):
        ZIEKTE = "ziekte", _("Ziekte")
        VERLOF = "verlof", _("Verlof")
        ANDERE = "andere", _("Andere")

    ondersteuner = models.ForeignKey(Ondersteuner, on_delete=models.CASCADE, related_name="afwezigheden")
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    door = models.ForeignKey(Gebruiker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")
        ordering = ["ondersteuner", "van"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gte=models.F("van")), name="afwezigheid_tot_na_van"
            )
        ]
        indexes = [models.Index(fields=["ondersteuner", "tot"], name="afwezigheid_ondersteuner_tot")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.van:%d/%m/%Y}–{self.tot:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.van and self.tot and self.tot < self.van:
            raise ValidationError({"tot": _("De laatste dag ligt voor de eerste.")})


class Clb(models.Model):
    """A pupil guidance centre (centrum voor leerlingenbegeleiding): writes the reports."""

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    gemeente = models.CharField(_("gemeente"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("CLB")
        verbose_name_plural = _("CLB's")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Wijziging(models.Model):
    """Every change, through one function (`netwerk.audit.log_actie`): who, when, what, before and after.

    `traject_id` groups the changes of one trajectory (its goals and evaluations too) for its timeline.
    """

    wanneer = models.DateTimeField(_("wanneer"), auto_now_add=True, db_index=True)
    # Who, kept as it was: no constraint and no SET_NULL, so deleting an account changes no audit row
    # (the rows are append-only in the database); a deleted account's id simply no longer joins.
    door = models.ForeignKey(
        Gebruiker, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )
    actie = models.CharField(_("actie"), max_length=60)
    object_soort = models.CharField(_("soort object"), max_length=60)
    object_id = models.BigIntegerField(_("object"))
    traject_id = models.BigIntegerField(null=True, blank=True)
    wijzigingen = models.JSONField(_("wijzigingen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        indexes = [
            models.Index(fields=["traject_id", "wanneer"]),
            models.Index(fields=["object_soort", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.wanneer:%Y-%m-%d %H:%M} {self.actie} {self.object_soort} {self.object_id}"


class Inzage(models.Model):
    """A read of pupil-level data (a trajectory page, its PDF, an export, a list page with pupils' names):
    who read what, when."""

    class Soort(models.TextChoices):
        PAGINA = "pagina", _("pagina")
        PDF = "pdf", _("PDF")
        EXPORT = "export", _("export")
        LIJST = "lijst", _("lijst")

    wanneer = models.DateTimeField(_("wanneer"), auto_now_add=True)
    door = models.ForeignKey(
        Gebruiker, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )  # as Wijziging.door
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    traject_id = models.BigIntegerField(null=True, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzages")
        indexes = [models.Index(fields=["traject_id", "wanneer"]), models.Index(fields=["door", "wanneer"])]

    def __str__(self) -> str:
        return f"{self.wanneer:%Y-%m-%d %H:%M} {self.soort} {self.traject_id}"


class Verzending(models.Model):
    """The last POST of one user to one URL, kept for a few seconds so that the same form sent twice in a
    row (a double click, a resent request) takes effect once: see netwerk/eenmalig.py. Keyed hashes only,
    never the form's content."""

    sleutel = models.CharField(max_length=64, unique=True)  # user and URL
    vingerafdruk = models.CharField(max_length=64)  # the form's content
    token = models.CharField(max_length=32)  # which request holds the claim
    ontvangen_op = models.DateTimeField(db_index=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    koppen = models.JSONField(default=dict, blank=True)  # the answer's Location and HX-* headers

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")

    def __str__(self) -> str:
        return f"{self.ontvangen_op:%Y-%m-%d %H:%M:%S} {self.status or '…'}"


class Meldingsoort(models.TextChoices):
    """What a person can be notified of. Each user chooses per kind how it reaches them (Meldingvoorkeur)."""

    FOCUS_INGEROEPEN = "focus_ingeroepen", _("Je focusteam is ingeroepen")
    VRAAG_GESTELD = "vraag_gesteld", _("Een collega stelt je een vraag")
    VRAAG_BEANTWOORD = "vraag_beantwoord", _("Je vraag is beantwoord")
    FOCUS_EINDE = "focus_einde", _("Een focustraject loopt af")
    AFSLUITVRAGEN = "afsluitvragen", _("De school beantwoordde de afsluitvragen")
    OVERLEG_VERPLAATST = "overleg_verplaatst", _("Een schoolbeeldoverleg is verplaatst")
    AFSPRAAK_VERVALT = "afspraak_vervalt", _("Een afspraak vervalt binnenkort")
    EVALUATIE_VERVALT = "evaluatie_vervalt", _("Een evaluatie is aan de beurt")
    WISVERZOEK = "wisverzoek", _("Een wisverzoek wacht op je beslissing")
    AFSTEMMING_GEVRAAGD = "afstemming_gevraagd", _("Een school vraagt een afstemmingsgesprek")
    AFSTEMMING_BIJGEWERKT = "afstemming_bijgewerkt", _("Je afstemmingsgesprek is gepland of afgesloten")
    BEZORGDHEID = "bezorgdheid", _("Een school deelt een bezorgdheid met jou")
    BEZORGDHEID_AFGEHANDELD = "bezorgdheid_afgehandeld", _("Je bezorgdheid is afgehandeld")
    VORMING_GEWIJZIGD = "vorming_gewijzigd", _("Een vorming waarvoor je ingeschreven bent, is gewijzigd")


class Kanaal(models.TextChoices):
    APP = "app", _("Alleen in Honingraat")
    DIGEST = "digest", _("Eén mail per dag")
    MAIL = "mail", _("Meteen een mail")


class Melding(models.Model):
    """One notification for one person. Its title and link name no pupil: a mail carries them as they are.

    `sleutel` makes a notification about the same thing once per person (an evaluation due is found again
    every morning; it is notified once). The mail columns are the notification's own outbox: a worker
    takes a waiting row under a row lock (SKIP LOCKED), sends it and marks it in the same transaction.
    """

    class Mail(models.TextChoices):
        GEEN = "geen", _("Geen mail")
        WACHTEND = "wachtend", _("Wacht op de mail")
        DIGEST = "digest", _("Wacht op de dagelijkse mail")
        VERSTUURD = "verstuurd", _("Gemaild")
        MISLUKT = "mislukt", _("Mail mislukt")

    ontvanger = models.ForeignKey(Gebruiker, on_delete=models.CASCADE, related_name="meldingen")
    soort = models.CharField(_("soort"), max_length=30, choices=Meldingsoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    url = models.CharField(_("link"), max_length=300)
    sleutel = models.CharField(max_length=120, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    mail = models.CharField(max_length=10, choices=Mail.choices, default=Mail.GEEN)
    mail_pogingen = models.PositiveSmallIntegerField(default=0)
    mail_volgende_poging = models.DateTimeField(null=True, blank=True)
    gemaild_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "soort", "sleutel"],
                condition=~models.Q(sleutel=""),
                name="melding_eenmaal_per_sleutel",
            )
        ]
        indexes = [
            models.Index(fields=["ontvanger", "gelezen_op"], name="melding_ongelezen"),
            # A person's list, newest first, a page at a time.
            models.Index(fields=["ontvanger", "-aangemaakt_op", "-id"], name="melding_lijst"),
            models.Index(
                fields=["mail_volgende_poging"],
                condition=models.Q(mail__in=["wachtend", "digest"]),
                name="melding_te_mailen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aangemaakt_op:%Y-%m-%d %H:%M} {self.soort} → {self.ontvanger_id}"


class Meldingvoorkeur(models.Model):
    """How one kind of notification reaches one person; without a row: in the app only."""

    gebruiker = models.ForeignKey(Gebruiker, on_delete=models.CASCADE, related_name="meldingvoorkeuren")
    soort = models.CharField(_("soort"), max_length=30, choices=Meldingsoort.choices)
    kanaal = models.CharField(_("hoe"), max_length=10, choices=Kanaal.choices, default=Kanaal.APP)

    class Meta:
        verbose_name = _("meldingvoorkeur")
        verbose_name_plural = _("meldingvoorkeuren")
        constraints = [models.UniqueConstraint(fields=["gebruiker", "soort"], name="meldingvoorkeur_uniek")]

    def __str__(self) -> str:
        return f"{self.gebruiker_id} {self.soort}: {self.kanaal}"


# --- issue 20 part 4: professional development (vormingen, coaching) ---------------------------------------


class Vorming(models.Model):
    """A training of the LSC's own offer, with one or more sessions (Vormingsessie)."""

    class Soort(models.TextChoices):
        COMMUNICATIE = "communicatie", _("Basisvorming communicatie")
        OPLOSSINGSGERICHT = "oplossingsgericht", _("Basisvorming oplossingsgericht werken")
        COACHING = "coaching", _("Basisvorming coaching")
        BASISVORMING = "basisvorming", _("Andere basisvorming")
        ANDERE = "andere", _("Andere vorming")

    lsc = models.ForeignKey(Leersteuncentrum, on_delete=models.CASCADE, related_name="vormingen")
    titel = models.CharField(_("titel"), max_length=150)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=4000)
    max_plaatsen = models.PositiveSmallIntegerField(
        _("maximum aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_(
            "Leeg: geen maximum. Wie zich inschrijft als de vorming volzet is, komt op de wachtlijst."
        ),
    )
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    door = models.ForeignKey(Gebruiker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vorming")
        verbose_name_plural = _("vormingen")
        ordering = ["titel", "pk"]
        indexes = [models.Index(fields=["lsc", "geannuleerd_op"], name="vorming_lsc")]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_basisvorming(self) -> bool:
        return self.soort != self.Soort.ANDERE


class Vormingsessie(models.Model):
    vorming = models.ForeignKey(Vorming, on_delete=models.CASCADE, related_name="sessies")
    datum = models.DateField(_("datum"))
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"))
    plaats = models.CharField(_("plaats"), max_length=150)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["vorming", "datum", "van", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gt=models.F("van")), name="vormingsessie_tot_na_van"
            )
        ]

    def __str__(self) -> str:
        return f"{self.datum:%d/%m/%Y} {self.van:%H:%M}–{self.tot:%H:%M}, {self.plaats}"


class Inschrijving(models.Model):
    """A supporter's registration; on the waiting list while the training is full (first come, first in)."""

    vorming = models.ForeignKey(Vorming, on_delete=models.CASCADE, related_name="inschrijvingen")
    ondersteuner = models.ForeignKey(Ondersteuner, on_delete=models.CASCADE, related_name="inschrijvingen")
    wachtlijst = models.BooleanField(_("op de wachtlijst"), default=False)
    ingeschreven_op = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    door = models.ForeignKey(Gebruiker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["vorming", "wachtlijst", "ingeschreven_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vorming", "ondersteuner"], name="inschrijving_eenmaal")
        ]

    def __str__(self) -> str:
        return f"{self.ondersteuner_id} → {self.vorming_id}"


class Aanwezigheid(models.Model):
    """Attendance of one registered supporter at one session, recorded by the policy team afterwards."""

    class Status(models.TextChoices):
        AANWEZIG = "aanwezig", _("Aanwezig")
        AFWEZIG = "afwezig", _("Afwezig")
        VERONTSCHULDIGD = "verontschuldigd", _("Verontschuldigd")

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="aanwezigheden")
    sessie = models.ForeignKey(Vormingsessie, on_delete=models.CASCADE, related_name="aanwezigheden")
    status = models.CharField(_("aanwezigheid"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "sessie"], name="aanwezigheid_eenmaal")
        ]

    def __str__(self) -> str:
        return f"{self.inschrijving_id} {self.sessie_id}: {self.status}"


class Coachingsmoment(models.Model):
    """A coaching moment, recorded by the coach: read only by that coach, the supporter and the policy team.
    The notes never go into the audit."""

    ondersteuner = models.ForeignKey(Ondersteuner, on_delete=models.CASCADE, related_name="coachingsmomenten")
    coach = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="coachingsmomenten")
    datum = models.DateField(_("datum"))
    onderwerp = models.CharField(_("onderwerp"), max_length=150)
    notities = models.TextField(_("notities"), blank=True, max_length=4000)
    afspraken = models.TextField(_("afspraken"), blank=True, max_length=2000)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coachingsmoment")
        verbose_name_plural = _("coachingsmomenten")
        ordering = ["ondersteuner", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.datum:%d/%m/%Y} {self.onderwerp}"
