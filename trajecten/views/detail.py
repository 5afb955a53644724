"""The trajectory page and its PDF: one case, for those who may see it; every read is logged."""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Value, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from netwerk.audit import log_inzage
from netwerk.invoer import geheel_getal
from netwerk.jsonrijen import Rijen, zet_terug
from netwerk.models import BELEIDSROLLEN, Focus, Inzage, Wijziging
from trajecten import focus, pdf, rules
from trajecten.models import (
    Betrokkene,
    Collegavraag,
    Doel,
    Doelevaluatie,
    Evaluatie,
    Focusvraag,
    Inhoud,
    Traject,
    Vorm,
)
from trajecten.queries import (
    TOEWIJZINGEN,
    achterstallig,
    minuten_som,
    toegewezen_aan,
    trajecten_zichtbaar_voor,
    via_anker_van,
)
from trajecten.services import OVERGANGEN, logboek_open
from trajecten.tijdlijn import tijdlijn
from trajecten.views.gedeeld import traject_of_404

LOGBOEK_REGELS = 20
INZAGE_REGELS = 50
MAX_PAGINA = 10_000  # far beyond any trajectory's logbook; a larger number is no page, as a word is not

# The actions on the page: URL name, button text, and the transition whose statuses allow it.
ACTIES = [
    ("traject_antwoord", _("Antwoord geven"), "antwoorden"),
    ("traject_starten", _("Traject starten"), "starten"),
    ("traject_evaluatie", _("Evaluatie"), "evalueren"),
    ("traject_doel", _("Doel toevoegen"), "doel_toevoegen"),
    ("traject_afronden", _("Afronden"), "afronden"),
    ("traject_stopzetten", _("Stopzetten"), "stopzetten"),
    ("traject_heropenen", _("Heropenen"), "heropenen"),
    ("traject_toewijzen", _("Ondersteuner toewijzen"), None),
    ("traject_afspraken", _("Afspraken bijwerken"), "bijwerken"),
    ("traject_betrokkene", _("Betrokkene toevoegen"), "bijwerken"),
]


# The page's short lists, each a JSON column of the trajectory's own query (netwerk/jsonrijen.py), in the
# order shown: however many goals, evaluations, changes or questions, the trajectory is one query.
BETROKKENEN = Rijen(Betrokkene.objects.filter(traject=OuterRef("pk")).order_by("pk"))
DOELEN = Rijen(Doel.objects.filter(traject=OuterRef("pk")))
EVALUATIES = Rijen(
    Evaluatie.objects.filter(traject=OuterRef("pk")),
    samen=("door",),
    lijsten={
        "doelen": Rijen(
            Doelevaluatie.objects.filter(evaluatie=OuterRef("pk")).order_by("doel__volgorde", "pk"),
            samen=("doel",),
        )
    },
)
FOCUSVRAGEN = Rijen(
    Focusvraag.objects.filter(traject=OuterRef("pk")).order_by("gevraagd_op", "pk"),
    samen=("ondersteuner", "ondersteuner__gebruiker", "gevraagd_door"),
)
COLLEGAVRAGEN = Rijen(
    Collegavraag.objects.filter(traject=OuterRef("pk")).order_by("gesteld_op", "pk"),
    samen=("gesteld_door", "aan", "beantwoord_door"),
)
LIJSTEN = {
    "toewijzingen": TOEWIJZINGEN,
    "betrokkenen": BETROKKENEN,
    "doelen": DOELEN,
    "evaluaties": EVALUATIES,
    "focusvragen": FOCUSVRAGEN,
    "collegavragen": COLLEGAVRAGEN,
}
WIJZIGINGEN = Rijen(
    Wijziging.objects.filter(traject_id=OuterRef("pk")).order_by("-wanneer", "-pk"), samen=("door",)
)
INZAGES = Rijen(
    Inzage.objects.filter(traject_id=OuterRef("pk")).order_by("-wanneer", "-pk")[:INZAGE_REGELS],
    samen=("door",),
)


def _trajecten(gebruiker) -> QuerySet[Traject]:
    """The trajectory with everything the page shows but its logbook, in one query: its lists as JSON
    columns, the user's rights on it (rules.py reads them) and whether its answer is late. The read log
    (who opened it) only for coordination and direction."""
    kolommen = {f"json_{naam}": rijen.expressie() for naam, rijen in LIJSTEN.items()}
    kolommen["json_wijzigingen"] = WIJZIGINGEN.expressie()
    if gebruiker.rol in BELEIDSROLLEN:
        kolommen["json_inzages"] = INZAGES.expressie()
    return (
        trajecten_zichtbaar_voor(gebruiker)
        .select_related("school", "leerling", "lsc", "afsluitvraag")
        .annotate(
            minuten_totaal=minuten_som(),
            toegewezen=toegewezen_aan(gebruiker),
            via_anker=via_anker_van(gebruiker),
            rechten_voor=Value(gebruiker.pk, output_field=IntegerField()),  # whose rights (rules.py)
            is_achterstallig=Exists(achterstallig(Traject.objects.filter(pk=OuterRef("pk")))),
            **kolommen,
        )
    )


def _uitgepakt(traject: Traject) -> Traject:
    """The JSON columns put back as the lists `prefetch_related` would have filled."""
    for naam, rijen in LIJSTEN.items():
        zet_terug(traject, naam, rijen, getattr(traject, f"json_{naam}"))
    return traject


def _labels(keuzes, waarden: list[str]) -> list[str]:
    return [str(keuzes(waarde).label) for waarde in waarden]


def _acties(traject: Traject, gebruiker, mag_bewerken: bool) -> dict:
    if not mag_bewerken:
        return {"knoppen": [], "tijd": False}
    enkel_focus = rules.is_enkel_focus(gebruiker, traject)  # their part only (rules.FOCUSACTIES)
    knoppen = [
        {"url": url, "label": label}
        for url, label, overgang in ACTIES
        if (overgang is None or traject.status in OVERGANGEN[overgang])
        and (not enkel_focus or url in rules.FOCUSACTIES)
    ]
    toegewezen = any(t.ondersteuner.gebruiker_id == gebruiker.pk for t in traject.toewijzingen.all())
    return {"knoppen": knoppen, "tijd": toegewezen and logboek_open(traject, vandaag=timezone.localdate())}


@dataclass(frozen=True)
class Logboekpagina:
    """One page of a trajectory's logbook, newest first, with the numbers of the pages beside it."""

    regels: list
    nummer: int
    paginas: int
    aantal: int

    @property
    def vorige(self) -> int | None:
        return self.nummer - 1 if self.nummer > 1 else None

    @property
    def volgende(self) -> int | None:
        return self.nummer + 1 if self.nummer < self.paginas else None

    @property
    def eerste(self) -> int:
        return (self.nummer - 1) * LOGBOEK_REGELS + 1

    @property
    def laatste(self) -> int:
        return self.eerste + len(self.regels) - 1


def logboekpaginanummer(waarde) -> int:
    nummer = geheel_getal(waarde)
    return nummer if nummer is not None and 1 <= nummer <= MAX_PAGINA else 1


def logboekpagina(request: HttpRequest, traject: Traject, nummer: int) -> Logboekpagina:
    """A page by OFFSET with the count as a window in the same query: a logbook holds hundreds of lines at
    most, read along its index (traject, -datum). Each line knows what the user may do with it (no query)."""
    regels = traject.logboek.select_related("ondersteuner__gebruiker").annotate(
        aantal_regels=Window(Count("pk"))
    )
    begin = (nummer - 1) * LOGBOEK_REGELS
    lijst = list(regels[begin : begin + LOGBOEK_REGELS])
    if not lijst and nummer > 1:  # past the end, or lines deleted since: the first page
        nummer, lijst = 1, list(regels[:LOGBOEK_REGELS])
    vandaag = timezone.localdate()
    for regel in lijst:
        regel.recht = rules.recht_op_logboekregel(request.user, regel, traject, vandaag=vandaag)
    aantal = lijst[0].aantal_regels if lijst else 0
    return Logboekpagina(lijst, nummer, max(1, -(-aantal // LOGBOEK_REGELS)), aantal)


def _inzages(traject: Traject, gebruiker) -> list[Inzage] | None:
    """Who read this file, for coordination and direction only (read with the trajectory): None for
    everyone else."""
    if gebruiker.rol not in BELEIDSROLLEN:
        return None
    return INZAGES.instanties(traject.json_inzages)


def detail_context(request: HttpRequest, pk: int, *, logboek_pagina: int = 1, **extra) -> dict:
    traject = _uitgepakt(traject_of_404(request, pk, _trajecten(request.user)))
    mag_bewerken = rules.mag_traject_bewerken(request.user, traject)
    return {
        "traject": traject,
        "focussen": _labels(Focus, traject.focussen),
        "vormen": _labels(Vorm, traject.vormen),
        "inhoud": _labels(Inhoud, traject.inhoud),
        "afsluitvraag": getattr(traject, "afsluitvraag", None),
        "logboek": logboekpagina(request, traject, logboek_pagina),
        "tijdlijn": tijdlijn(WIJZIGINGEN.instanties(traject.json_wijzigingen)),
        "inzages": _inzages(traject, request.user),
        "achterstallig": traject.is_achterstallig,
        "evaluatie_te_laat": traject.volgende_evaluatie and traject.volgende_evaluatie < timezone.localdate(),
        "mag_bewerken": mag_bewerken,
        "acties": _acties(traject, request.user, mag_bewerken),
        "mag_wissen": mag_bewerken and not rules.is_enkel_focus(request.user, traject),
        **focus.op_het_traject(traject, request.user, mag_bewerken=mag_bewerken),
        **extra,
    }


@require_safe
def traject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = detail_context(request, pk)
    log_inzage(door=request.user, soort="pagina", traject_id=context["traject"].pk)
    return render(request, "trajecten/traject_detail.html", context)


@require_safe
def traject_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    traject = traject_of_404(request, pk)
    inhoud = pdf.traject_pdf(traject)
    log_inzage(door=request.user, soort="pdf", traject_id=traject.pk)
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    # The id only: a pupil's name must not end up in a file name in someone's downloads.
    antwoord["Content-Disposition"] = f'attachment; filename="traject-{traject.pk}.pdf"'
    return antwoord
