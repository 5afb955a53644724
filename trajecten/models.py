"""Leersteuntrajecten: the pupil kept minimal, the trajectory, its goals, evaluations and logbook."""

import datetime as dt
import os
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import OpClass
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.models import Focus
from netwerk.weergave import SnelleLabels


class Type(models.TextChoices):
    BASISAANBOD = "basisaanbod", _("Basisaanbod")
    TYPE2 = "2", _("Type 2 (verstandelijke beperking)")
    TYPE3 = "3", _("Type 3 (emotionele of gedragsstoornis)")
    TYPE4 = "4", _("Type 4 (motorische beperking)")
    TYPE6 = "6", _("Type 6 (visuele beperking)")
    TYPE7 = "7", _("Type 7 (auditieve beperking of STOS)")
    TYPE9 = "9", _("Type 9 (autismespectrumstoornis)")


# Brede types are funded by the closed envelope and count against a school's tijdskader.
BREDE_TYPES = {Type.BASISAANBOD, Type.TYPE3, Type.TYPE9}


class Verslag(models.TextChoices):
    GC = "gc", _("GC-verslag")
    IAC = "iac", _("IAC-verslag")
    OV4 = "ov4", _("OV4-verslag")
    # Reports from before 1 September 2023 (the M-decree's names), still valid for older school years.
    GV = "gv", _("Gemotiveerd verslag (vóór 2023)")
    V = "v", _("Verslag (vóór 2023)")


# The old kinds stop on this date: a report written since is a GC-, IAC- or OV4-verslag.
OUDE_VERSLAGEN_TOT = dt.date(2023, 9, 1)
OUDE_VERSLAGEN = {Verslag.GV, Verslag.V}


class Leerling(SnelleLabels, models.Model):
    """Only what support needs: first name and initial, birth year, class, report kind. No diagnoses."""

    school = models.ForeignKey("scholen.School", on_delete=models.PROTECT, related_name="leerlingen")
    voornaam = models.CharField(_("voornaam"), max_length=50)
    initiaal = models.CharField(_("initiaal familienaam"), max_length=2)
    geboortejaar = models.PositiveSmallIntegerField(
        _("geboortejaar"), validators=[MinValueValidator(1995), MaxValueValidator(2030)]
    )
    klas = models.CharField(_("klas"), max_length=30)
    verslag = models.CharField(_("verslag"), max_length=3, choices=Verslag.choices)
    geanonimiseerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        indexes = [
            # The header's search (honingraat/zoeken.py): a prefix of the first name, as istartswith
            # writes it (UPPER(voornaam::text) LIKE 'MIL%'), read from an index at a million pupils.
            models.Index(
                OpClass(Upper(Cast("voornaam", models.TextField())), name="text_pattern_ops"),
                name="leerling_voornaam_zoek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.initiaal}."


class Status(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    STOPGEZET = "stopgezet", _("Stopgezet")


OPEN_STATUSSEN = {Status.AANGEMELD, Status.IN_BEHANDELING, Status.LOPEND}


class Gebondenheid(models.TextChoices):
    LEERLING = "leerling", _("Leerlinggebonden")
    LEERKRACHT = "leerkracht", _("Leerkrachtgebonden")
    TEAM = "team", _("Teamgebonden")


class Vorm(models.TextChoices):
    INDIVIDUEEL = "individueel", _("Individueel")
    KLAS = "klas", _("Klasondersteunend")
    TEAM = "team", _("Teamondersteunend")
    LEERKRACHT = "leerkracht", _("Ondersteuner van de leerkracht")
    ONDERSTEUNER = "ondersteuner", _("Ondersteuner van de ondersteuner")


class Inhoud(models.TextChoices):
    OVERLEG = "overleg", _("Overleg")
    BASISRUST = "basisrust", _("Basisrust installeren")
    PLAN = "plan", _("Plan van aanpak")
    KADERS = "kaders", _("Kaders voor een langetermijnvisie")


class Frequentie(models.TextChoices):
    WEEK = "week", _("per week")
    TWEE_WEKEN = "2weken", _("om de twee weken")
    MAAND = "maand", _("per maand")


class Traject(SnelleLabels, models.Model):
    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="trajecten")
    school = models.ForeignKey("scholen.School", on_delete=models.PROTECT, related_name="trajecten")
    gebondenheid = models.CharField(_("gebonden aan"), max_length=12, choices=Gebondenheid.choices)
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, null=True, blank=True, related_name="trajecten"
    )
    groep = models.CharField(
        _("klas of groep"),
        max_length=60,
        blank=True,
        help_text=_("Voor een leerkracht- of teamgebonden traject."),
    )
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    focussen = ArrayField(models.CharField(max_length=20, choices=Focus.choices), default=list, blank=True)
    fase = models.PositiveSmallIntegerField(
        _("fase zorgcontinuüm"), choices=[(2, _("Fase 2")), (3, _("Fase 3"))]
    )
    vraag_leerkracht = models.TextField(_("ondersteuningsvraag van de leerkracht(en)"), max_length=2000)
    vraag_leerling_ouders = models.TextField(
        _("vraag van de leerling of de ouders"), max_length=2000, blank=True
    )
    vormen = ArrayField(models.CharField(max_length=20, choices=Vorm.choices), default=list, blank=True)
    inhoud = ArrayField(models.CharField(max_length=20, choices=Inhoud.choices), default=list, blank=True)
    intensiteit_minuten = models.PositiveIntegerField(_("intensiteit (minuten)"), null=True, blank=True)
    frequentie = models.CharField(_("frequentie"), max_length=10, choices=Frequentie.choices, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.AANGEMELD)
    aangemeld_op = models.DateField(_("aangemeld op"))
    antwoord = models.TextField(_("antwoord van het leersteuncentrum"), max_length=2000, blank=True)
    beantwoord_op = models.DateField(_("beantwoord op"), null=True, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    geplande_einde = models.DateField(_("gepland einde"), null=True, blank=True)
    volgende_evaluatie = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    reden_stopzetting = models.CharField(_("reden van stopzetting"), max_length=300, blank=True)
    ondersteuners = models.ManyToManyField(
        "netwerk.Ondersteuner", through="Toewijzing", related_name="trajecten"
    )
    versie = models.PositiveIntegerField(default=1, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leersteuntraject")
        verbose_name_plural = _("leersteuntrajecten")
        indexes = [
            models.Index(fields=["lsc", "status", "-aangemeld_op", "-id"], name="traject_lsc_status"),
            models.Index(fields=["school", "status", "-aangemeld_op"], name="traject_school_status"),
            models.Index(fields=["lsc", "-aangemeld_op", "-id"], name="traject_lsc_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(gebondenheid="leerling") | models.Q(leerling__isnull=False),
                name="traject_leerlinggebonden_heeft_leerling",
            ),
        ]

    def __str__(self) -> str:
        return f"Traject {self.pk}"

    @property
    def brede_type(self) -> bool:
        return self.type in BREDE_TYPES

    @property
    def type_naam(self) -> str:
        """The type's short name ("Type 9") for a narrow column; `type_uitleg` is what it stands for."""
        return str(self.get_type_display()).split(" (")[0]

    @property
    def type_uitleg(self) -> str:
        """What the type stands for ("autismespectrumstoornis"), empty for the basisaanbod."""
        _naam, _haakje, uitleg = str(self.get_type_display()).partition(" (")
        return uitleg.removesuffix(")")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN


class Toewijzing(SnelleLabels, models.Model):
    class Rol(models.TextChoices):
        ANKER = "anker", _("Anker")
        FOCUS = "focus", _("Focus")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="toewijzingen")
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    rol = models.CharField(_("rol"), max_length=10, choices=Rol.choices)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        constraints = [models.UniqueConstraint(fields=["traject", "ondersteuner"], name="toewijzing_uniek")]
        indexes = [models.Index(fields=["ondersteuner", "traject"])]

    def __str__(self) -> str:
        return f"{self.ondersteuner} ({self.get_rol_display()})"


class Betrokkene(models.Model):
    """The network around the pupil: roles and organisations, never a diagnosis."""

    class Rol(models.TextChoices):
        LEERKRACHT = "leerkracht", _("Leerkracht")
        ZORGCOORDINATOR = "zorgcoordinator", _("Zorgcoördinator")
        OUDERS = "ouders", _("Ouders")
        CLB = "clb", _("CLB-medewerker")
        PEDAGOGISCHE_BEGELEIDING = "pb", _("Pedagogisch begeleider")
        DIRECTIE = "directie", _("Directie")
        THERAPEUT = "therapeut", _("Therapeut")
        ANDERE = "andere", _("Andere")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="betrokkenen")
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    naam = models.CharField(_("naam"), max_length=100, blank=True)
    organisatie = models.CharField(_("organisatie"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")

    def __str__(self) -> str:
        return self.get_rol_display()


class Doel(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_UITVOERING = "bezig", _("In uitvoering")
        BEREIKT = "bereikt", _("Bereikt")
        DEELS = "deels", _("Deels bereikt")
        NIET_BEREIKT = "niet", _("Niet bereikt")
        VERVALLEN = "vervallen", _("Vervallen")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="doelen")
    omschrijving = models.CharField(_("doel"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["volgorde", "id"]

    def __str__(self) -> str:
        return self.omschrijving


class Evaluatie(models.Model):
    class Beslissing(models.TextChoices):
        VERDERZETTEN = "verderzetten", _("Verderzetten")
        BIJSTUREN = "bijsturen", _("Bijsturen")
        AFRONDEN = "afronden", _("Afronden")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="evaluaties")
    datum = models.DateField(_("datum"))
    beslissing = models.CharField(_("beslissing"), max_length=15, choices=Beslissing.choices)
    samenvatting = models.TextField(_("samenvatting"), max_length=2000, blank=True)
    door = models.ForeignKey("netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Evaluatie {self.datum}"


class Doelevaluatie(models.Model):
    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="doelen")
    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="evaluaties")
    status = models.CharField(_("status"), max_length=10, choices=Doel.Status.choices)
    vooruitgang = models.CharField(_("vooruitgang"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("vooruitgang op een doel")
        verbose_name_plural = _("vooruitgang op doelen")
        constraints = [models.UniqueConstraint(fields=["evaluatie", "doel"], name="doelevaluatie_uniek")]

    def __str__(self) -> str:
        return f"{self.doel}: {self.get_status_display()}"


class Activiteit(models.TextChoices):
    OVERLEG = "overleg", _("Overleg")
    OBSERVATIE = "observatie", _("Observatie")
    LEERLING = "leerling", _("Begeleiding leerling")
    LEERKRACHT = "leerkracht", _("Coaching leerkracht")
    TEAM = "team", _("Teamondersteuning")
    VOORBEREIDING = "voorbereiding", _("Voorbereiding en verslag")


class Logboekregel(SnelleLabels, models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="logboek")
    ondersteuner = models.ForeignKey("netwerk.Ondersteuner", on_delete=models.PROTECT, related_name="logboek")
    datum = models.DateField(_("datum"))
    minuten = models.PositiveSmallIntegerField(
        _("minuten"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    activiteit = models.CharField(_("activiteit"), max_length=15, choices=Activiteit.choices)
    notitie = models.CharField(_("korte notitie"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboekregels")
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["traject", "-datum"], name="logboek_traject_datum"),
            models.Index(fields=["ondersteuner", "-datum"], name="logboek_ondersteuner_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.datum} {self.minuten} min"


class Afsluitvraag(models.Model):
    """The two closing questions to the school, answered through a link without login: expires, works once."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="afsluitvraag")
    sleutel_hash = models.CharField(max_length=64, unique=True)
    verloopt_op = models.DateTimeField()
    verstuurd_naar = models.EmailField(blank=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    wat_neem_je_mee = models.TextField(_("Wat neem je als school mee?"), max_length=3000, blank=True)
    waar_liggen_kansen = models.TextField(_("Waar liggen nog kansen?"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("afsluitvraag")
        verbose_name_plural = _("afsluitvragen")

    def __str__(self) -> str:
        return f"Afsluitvragen traject {self.traject_id}"


class Wisverzoek(models.Model):
    """A request to erase a pupil's data before its retention ends: someone on the case asks, a coordinator
    or director of the LSC who did not ask decides (four eyes), and an approval erases in one transaction."""

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op een beslissing")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd en gewist")
        GEWEIGERD = "geweigerd", _("Geweigerd")

    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="wisverzoeken")
    reden = models.TextField(_("reden"), max_length=1000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    aangevraagd_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    beslist_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beslist_op = models.DateTimeField(_("beslist op"), null=True, blank=True)
    toelichting = models.CharField(_("toelichting bij de beslissing"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("verzoek tot wissen")
        verbose_name_plural = _("verzoeken tot wissen")
        constraints = [
            models.UniqueConstraint(
                fields=["leerling"],
                condition=models.Q(status="open"),
                name="wisverzoek_een_open_per_leerling",
            ),
        ]
        indexes = [models.Index(fields=["lsc", "status", "-aangevraagd_op"], name="wisverzoek_lsc_status")]

    def __str__(self) -> str:
        return f"Wisverzoek {self.pk}"


class Dagverzending(models.Model):
    """A day sheet as it was saved: the form's one-time key and the lines it added.

    The key comes with the rendered form. A form sent again with the same key (a retry after a lost
    connection whose first attempt did arrive, a browser that resends) finds this row and adds nothing:
    the unique constraint lets exactly one of two simultaneous attempts save."""

    ondersteuner = models.ForeignKey("netwerk.Ondersteuner", on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField(max_length=64)
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    datum = models.DateField(_("datum"))
    regels = ArrayField(models.BigIntegerField(), default=list)
    minuten = models.PositiveIntegerField(default=0)
    bewaard_op = models.DateTimeField(auto_now_add=True)
    ongedaan_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dagblad")
        verbose_name_plural = _("dagbladen")
        constraints = [
            models.UniqueConstraint(fields=["ondersteuner", "sleutel"], name="dagverzending_eenmalig")
        ]

    def __str__(self) -> str:
        return f"Dagblad {self.datum} ({len(self.regels)} regels)"


# Focus teams and colleagues, called in on a trajectory (issue 18, parts 3 and 4).

FOCUS_STANDAARDDUUR_WEKEN = 8


class Focusvraag(models.Model):
    """A supporter calls in a focus team on a trajectory with a short question. A member of that focus in the
    same LSC takes it (or the team coach assigns it): they join the trajectory for a part bounded in time, and
    leave a hand-over note for the anchor when that part ends. Title and texts name no pupil."""

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op een focusondersteuner")
        LOPEND = "lopend", _("Lopend")
        BEEINDIGD = "beeindigd", _("Beëindigd")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="focusvragen")
    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="+")
    focus = models.CharField(_("focusteam"), max_length=20, choices=Focus.choices)
    vraag = models.TextField(_("vraag aan het focusteam"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    gevraagd_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner",
        verbose_name=_("focusondersteuner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focusvragen",
    )
    toegewezen_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    genomen_op = models.DateTimeField(_("aangesloten op"), null=True, blank=True)
    einde = models.DateField(_("einde van het focustraject"), null=True, blank=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overdracht = models.TextField(_("overdracht aan het anker"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("vraag aan een focusteam")
        verbose_name_plural = _("vragen aan focusteams")
        ordering = ["gevraagd_op", "pk"]
        indexes = [
            models.Index(fields=["lsc", "focus", "status", "gevraagd_op"], name="focusvraag_lsc_open"),
            models.Index(fields=["status", "einde"], name="focusvraag_einde"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "focus"],
                condition=models.Q(status__in=["open", "lopend"]),
                name="focusvraag_een_open_per_focus",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(ondersteuner__isnull=False, einde__isnull=False),
                name="focusvraag_genomen_heeft_ondersteuner",
            ),
        ]

    def __str__(self) -> str:
        return f"Traject {self.traject_id}: {self.get_focus_display()}"


class Collegavraag(models.Model):
    """Collegial consultation: an expertise question to a named colleague of the same LSC, or to a focus team,
    without a transfer of the trajectory. The answer is kept with the trajectory as input. Whoever is asked
    sees the question and the trajectory's number, not the pupil."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="collegavragen")
    lsc = models.ForeignKey("netwerk.Leersteuncentrum", on_delete=models.PROTECT, related_name="+")
    gesteld_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aan = models.ForeignKey(
        "netwerk.Gebruiker",
        verbose_name=_("collega"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gekregen_collegavragen",
    )
    focus = models.CharField(_("of een focusteam"), max_length=20, choices=Focus.choices, blank=True)
    vraag = models.TextField(_("vraag"), max_length=1000)
    gesteld_op = models.DateTimeField(_("gesteld op"), default=timezone.now)
    antwoord = models.TextField(_("antwoord"), max_length=2000, blank=True)
    beantwoord_door = models.ForeignKey(
        "netwerk.Gebruiker", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vraag aan een collega")
        verbose_name_plural = _("vragen aan collega's")
        ordering = ["-gesteld_op", "-pk"]
        indexes = [
            models.Index(fields=["aan", "-gesteld_op"], name="collegavraag_aan"),
            models.Index(fields=["lsc", "focus", "-gesteld_op"], name="collegavraag_focus"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(aan__isnull=False) | ~models.Q(focus=""),
                name="collegavraag_aan_iemand",
            )
        ]

    def __str__(self) -> str:
        return f"Vraag bij traject {self.traject_id}"


class Intervisievraag(models.Model):
    """A question on the agenda of a regio team's Wednesday intervisie (collegial day)."""

    regioteam = models.ForeignKey(
        "netwerk.Regioteam", on_delete=models.CASCADE, related_name="intervisievragen"
    )
    ondersteuner = models.ForeignKey(
        "netwerk.Ondersteuner", on_delete=models.CASCADE, related_name="intervisievragen"
    )
    datum = models.DateField(_("intervisie op"))
    vraag = models.TextField(_("vraag"), max_length=1000)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vraag voor de intervisie")
        verbose_name_plural = _("vragen voor de intervisie")
        ordering = ["datum", "aangemaakt_op", "pk"]
        indexes = [models.Index(fields=["regioteam", "datum"], name="intervisie_regio_datum")]
        constraints = [
            # Wednesday: Django's week_day counts from Sunday (1).
            models.CheckConstraint(condition=models.Q(datum__week_day=4), name="intervisie_op_woensdag"),
        ]

    def __str__(self) -> str:
        return f"Intervisie {self.datum}"


# The school's own request (issue 19): what care staff add to the request they submit themselves.


class Bijlagenopslag(FileSystemStorage):
    """Outside MEDIA_ROOT and without a URL: an attachment leaves only through `aanvraag_bijlage`, which
    checks who asks. The place is read from the setting at each use (tests point it elsewhere)."""

    @property
    def base_location(self):
        return settings.HONINGRAAT_BIJLAGEN_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def bijlagenopslag() -> FileSystemStorage:
    return Bijlagenopslag()


def bijlagepad(_aanvraag, _naam: str) -> str:
    """A random name: the uploaded name (which may carry the pupil's name) is never kept."""
    return f"aanvragen/{uuid.uuid4().hex}.pdf"


class Schoolaanvraag(models.Model):
    """A request the school's care staff submitted: the report it rests on, the parents' agreement, what the
    submitter confirmed, and an optional PDF. The trajectory (its LSC, status and answer) is the request
    itself; this row is what the school added to it."""

    class OudersHoe(models.TextChoices):
        GESPREK = "gesprek", _("in een gesprek op school")
        TELEFOON = "telefoon", _("telefonisch")
        MAIL = "mail", _("per mail of brief")
        ANDERS = "anders", _("op een andere manier")

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="schoolaanvraag")
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    verslag = models.CharField(_("verslag"), max_length=3, choices=Verslag.choices, blank=True)
    verslag_datum = models.DateField(_("datum van het verslag"), null=True, blank=True)
    verslag_bewaarplaats = models.CharField(_("waar het verslag bewaard wordt"), max_length=200, blank=True)
    ouders_akkoord = models.BooleanField(_("ouders geïnformeerd en akkoord"), default=False)
    ouders_wie = models.CharField(_("wie gaf akkoord"), max_length=100, blank=True)
    ouders_op = models.DateField(_("akkoord op"), null=True, blank=True)
    ouders_hoe = models.CharField(_("hoe"), max_length=10, choices=OudersHoe.choices, blank=True)
    bevestigd = models.BooleanField(_("gegevens bevestigd door de school"), default=False)
    bijlage = models.FileField(_("bijlage"), storage=bijlagenopslag, upload_to=bijlagepad, blank=True)
    bijlage_grootte = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("aanvraag van de school")
        verbose_name_plural = _("aanvragen van scholen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ouders_akkoord=False)
                | (~models.Q(ouders_wie="") & models.Q(ouders_op__isnull=False) & ~models.Q(ouders_hoe="")),
                name="schoolaanvraag_akkoord_wie_wanneer_hoe",
            ),
        ]

    def __str__(self) -> str:
        return f"Aanvraag van de school, traject {self.traject_id}"
