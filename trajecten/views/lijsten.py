"""The lists: a supporter's own trajectories, the role-scoped overview, and its export.

Everything is filtered, sorted, counted and paginated in SQL, so a page costs the same number of queries
whatever the number of trajectories. Filters are ids and codes only: no pupil name ever goes in a URL.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from netwerk.audit import log_inzage
from netwerk.models import Inzage
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening
from scholen.queries import ondersteuners_zichtbaar_voor, regioteams_zichtbaar_voor
from trajecten import rules
from trajecten.forms import MijnFilterForm, TrajectFilterForm, ZoekForm
from trajecten.mails import VOORUITKIJKEN
from trajecten.models import OPEN_STATUSSEN, Status, Toewijzing, Traject
from trajecten.queries import (
    achterstallig,
    evaluatie_verschuldigd,
    scholen_voor_trajectfilter,
    trajecten_zichtbaar_voor,
    zoek,
)
from trajecten.services import OVERGANGEN
from trajecten.views.gedeeld import minuten_dit_schooljaar

PER_PAGINA = 25
EXPORTSOORTEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _op_status(trajecten: QuerySet[Traject], status: str | None) -> QuerySet[Traject]:
    if not status:
        return trajecten.filter(status__in=OPEN_STATUSSEN)
    if status == "alle":
        return trajecten
    return trajecten.filter(status=status)


def _scholen_van(gebruiker) -> list[tuple[int, str]]:
    return list(scholen_voor_trajectfilter(gebruiker).order_by("naam").values_list("pk", "naam"))


def _resultaten_of_pagina(request: HttpRequest, template: str) -> str:
    return template + "#resultaten" if request.htmx and not request.htmx.boosted else template


def _zoekopdracht(request: HttpRequest) -> str:
    zoekopdracht = request.GET.copy()
    zoekopdracht.pop("pagina", None)
    return zoekopdracht.urlencode()


# Mijn trajecten


def _toegewezen_aan(gebruiker) -> Exists:
    return Exists(Toewijzing.objects.filter(traject=OuterRef("pk"), ondersteuner__gebruiker=gebruiker))


def _via_anker(gebruiker) -> Exists:
    return Exists(
        Ankertoewijzing.objects.filter(
            school=OuterRef("school"),
            lsc=OuterRef("lsc"),
            ondersteuner__gebruiker=gebruiker,
            schooljaar=huidig_schooljaar(),
        )
    )


def mijn_rijen(gebruiker) -> QuerySet[Traject]:
    """A supporter's rows, most urgent first: evaluations due this week (the late ones first), then requests
    waiting for an answer (the oldest first), then the rest by school."""
    vandaag = timezone.localdate()
    tegen = vandaag + VOORUITKIJKEN
    prioriteit = Case(
        When(status=Status.LOPEND, volgende_evaluatie__lte=tegen, then=Value(0)),
        When(status=Status.AANGEMELD, then=Value(1)),
        default=Value(2),
    )
    urgent_sinds = Case(
        When(prioriteit=0, then=F("volgende_evaluatie")),
        When(prioriteit=1, then=F("aangemeld_op")),
        output_field=DateField(),
    )
    return (
        trajecten_zichtbaar_voor(gebruiker)
        .select_related("school", "leerling", "lsc")
        .annotate(
            toegewezen=_toegewezen_aan(gebruiker),
            via_anker=_via_anker(gebruiker),
            minuten_jaar=minuten_dit_schooljaar(),
            prioriteit=prioriteit,
            evaluatie_te_laat=ExpressionWrapper(
                Q(status=Status.LOPEND, volgende_evaluatie__lt=vandaag), output_field=BooleanField()
            ),
        )
        .annotate(
            kan_loggen=ExpressionWrapper(
                Q(toegewezen=True, status__in=OVERGANGEN["loggen"]), output_field=BooleanField()
            )
        )
        .order_by("prioriteit", urgent_sinds.asc(nulls_last=True), "school__naam", "-aangemeld_op", "-pk")
    )


def _mijn_gefilterd(trajecten: QuerySet[Traject], filters: dict) -> QuerySet[Traject]:
    bereik = filters.get("bereik")
    if bereik == "anker":
        trajecten = trajecten.filter(via_anker=True)
    elif bereik != "alle":
        trajecten = trajecten.filter(toegewezen=True)
    trajecten = _op_status(trajecten, filters.get("status"))
    for veld in ("school", "type"):
        if waarde := filters.get(veld):
            trajecten = trajecten.filter(**{veld: waarde})
    return trajecten


@require_safe
def mijn_trajecten(request: HttpRequest) -> HttpResponse:
    if not rules.heeft_mijn_trajecten(request.user):
        raise PermissionDenied
    formulier = MijnFilterForm(request.GET or None, scholen=_scholen_van(request.user))
    filters = formulier.filters() if request.GET else {}
    rijen = _mijn_gefilterd(mijn_rijen(request.user), filters)
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    _log_lijst(request, pagina)
    return render(
        request,
        _resultaten_of_pagina(request, "trajecten/mijn_trajecten.html"),
        {
            "pagina": pagina,
            "formulier": formulier,
            "filters": filters,
            "zoekopdracht": _zoekopdracht(request),
            "vandaag": timezone.localdate(),
            "schooljaar": als_tekst(huidig_schooljaar()),
            "mag_aanmelden": rules.mag_traject_aanmaken(request.user),
        },
    )


def tellingen_voor_ondersteuner(gebruiker) -> dict:
    """For the supporter's home page, in one query: evaluations due this week on their own trajectories,
    and requests still waiting for an answer, their own and those of the schools they anchor."""
    tegen = timezone.localdate() + VOORUITKIJKEN
    return (
        trajecten_zichtbaar_voor(gebruiker)
        .alias(toegewezen=_toegewezen_aan(gebruiker))
        .aggregate(
            te_evalueren=Count(
                "pk", filter=Q(toegewezen=True, status=Status.LOPEND, volgende_evaluatie__lte=tegen)
            ),
            zonder_antwoord=Count("pk", filter=Q(status=Status.AANGEMELD)),
            open=Count("pk", filter=Q(toegewezen=True, status__in=OPEN_STATUSSEN)),
        )
    )


# The overview


def _lijstfilter(request: HttpRequest, zichtbaar: QuerySet[Traject]) -> TrajectFilterForm:
    # Choices come from what the user may see of the organisation, not from scanning every trajectory.
    ondersteuners = (
        ondersteuners_zichtbaar_voor(request.user)
        .order_by("gebruiker__naam")
        .values_list("pk", "gebruiker__naam")
    )
    return TrajectFilterForm(
        request.GET or None,
        scholen=_scholen_van(request.user),
        regioteams=regioteams_zichtbaar_voor(request.user).order_by("naam").values_list("pk", "naam"),
        ondersteuners=list(ondersteuners),
    )


def _lijst_gefilterd(trajecten: QuerySet[Traject], filters: dict) -> QuerySet[Traject]:
    trajecten = _op_status(trajecten, filters.get("status"))
    for veld in ("school", "type"):
        if waarde := filters.get(veld):
            trajecten = trajecten.filter(**{veld: waarde})
    if regioteam := filters.get("regioteam"):
        trajecten = trajecten.filter(
            Exists(
                Bediening.objects.filter(school=OuterRef("school"), lsc=OuterRef("lsc"), regioteam=regioteam)
            )
        )
    if focus := filters.get("focus"):
        trajecten = trajecten.filter(focussen__contains=[focus])
    if ondersteuner := filters.get("ondersteuner"):
        trajecten = trajecten.filter(
            Exists(Toewijzing.objects.filter(traject=OuterRef("pk"), ondersteuner=ondersteuner))
        )
    if filters.get("achterstallig"):
        trajecten = achterstallig(trajecten)
    if filters.get("verschuldigd"):
        trajecten = evaluatie_verschuldigd(trajecten, tegen=timezone.localdate())
    return trajecten


def _lijstrijen(trajecten: QuerySet[Traject]) -> QuerySet[Traject]:
    toewijzingen = Toewijzing.objects.select_related("ondersteuner__gebruiker").order_by(
        "rol", "ondersteuner__gebruiker__naam"
    )
    return (
        trajecten.select_related("school", "leerling")
        .annotate(minuten_jaar=minuten_dit_schooljaar())
        .prefetch_related(Prefetch("toewijzingen", queryset=toewijzingen))
        .order_by("-aangemeld_op", "-pk")
    )


def _zoekterm(request: HttpRequest) -> str:
    """The search comes as POST: it may hold a pupil's first name, which must stay out of URLs and logs."""
    if request.method != "POST":
        return ""
    zoekformulier = ZoekForm(request.POST)
    return zoekformulier.cleaned_data["q"] if zoekformulier.is_valid() else ""


@require_http_methods(["GET", "POST"])
def traject_lijst(request: HttpRequest) -> HttpResponse:
    context = {
        "heeft_inzage": request.user.ziet_leerlinggegevens,
        "mag_exporteren": rules.mag_trajecten_exporteren(request.user),
        "mag_aanmelden": rules.mag_traject_aanmaken(request.user),
        "schooljaar": als_tekst(huidig_schooljaar()),
        "zoekopdracht": _zoekopdracht(request),
    }
    if not context["heeft_inzage"]:
        return render(request, "trajecten/traject_lijst.html", context)
    zichtbaar = trajecten_zichtbaar_voor(request.user)
    formulier = _lijstfilter(request, zichtbaar)
    filters = formulier.filters() if request.GET else {}
    zoekterm = _zoekterm(request)
    trajecten = _lijst_gefilterd(zichtbaar, filters)
    if zoekterm:
        trajecten = zoek(trajecten, zoekterm)
    pagina_nummer = request.POST.get("pagina") or request.GET.get("pagina")
    context.update(
        pagina=Paginator(_lijstrijen(trajecten), PER_PAGINA).get_page(pagina_nummer),
        formulier=formulier,
        zoekformulier=ZoekForm(initial={"q": zoekterm}),
        filters=filters,
        zoekterm=zoekterm,
        vandaag=timezone.localdate(),
    )
    _log_lijst(request, context["pagina"])
    return render(request, _resultaten_of_pagina(request, "trajecten/traject_lijst.html"), context)


def _log_lijst(request: HttpRequest, pagina) -> None:
    """A list page shows pupils' names and classes: it is a read too, of the rows on this page (their ids;
    the page is evaluated here once and rendered from the same rows)."""
    ids = [str(traject.pk) for traject in pagina.object_list if traject.leerling_id]
    if ids:
        log_inzage(door=request.user, soort=Inzage.Soort.LIJST, omschrijving="trajecten " + " ".join(ids))


@require_safe
def traject_export(request: HttpRequest, formaat: str) -> HttpResponse:
    """The overview as the user filtered it, without pupil names or free text, and logged as a read."""
    from scholen.exporteren import als_csv, als_xlsx
    from trajecten.views.export import trajectrijen

    if not rules.mag_trajecten_exporteren(request.user):
        raise PermissionDenied
    zichtbaar = trajecten_zichtbaar_voor(request.user)
    filters = _lijstfilter(request, zichtbaar).filters() if request.GET else {}
    trajecten = _lijst_gefilterd(zichtbaar, filters).order_by("school__naam", "aangemeld_op", "pk")
    rijen = list(trajectrijen(trajecten))
    inhoud = als_xlsx(rijen) if formaat == "xlsx" else als_csv(rijen)
    log_inzage(
        door=request.user,
        soort="export",
        omschrijving=f"{formaat}: {len(rijen) - 1} trajecten; {urlencode(filters)}",
    )
    antwoord = HttpResponse(inhoud, content_type=EXPORTSOORTEN[formaat])
    bestandsnaam = f"trajecten-{timezone.localdate():%Y-%m-%d}.{formaat}"
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
