"""The lists: a supporter's own trajectories, the role-scoped overview, and its export.

Everything is filtered, sorted, counted and paginated in SQL, so a page costs the same number of queries
whatever the number of trajectories. Filters are ids and codes only: no pupil name ever goes in a URL.

The overview pages by keyset (the sort key of the last row seen), not by OFFSET, and counts its rows only up
to a cap: at a million trajectories neither a deep page nor the count reads more than a page's and the cap's
worth of index entries.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.expressions import ArraySubquery
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, JSONObject, NullIf
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from netwerk import export
from netwerk.audit import log_inzage, log_inzages
from netwerk.models import Inzage
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Bediening
from scholen.queries import ondersteuners_zichtbaar_voor, regioteams_zichtbaar_voor
from trajecten import rules
from trajecten.forms import MijnFilterForm, TrajectFilterForm, ZoekForm
from trajecten.models import OPEN_STATUSSEN, Status, Toewijzing, Traject
from trajecten.queries import (
    VOORUITKIJKEN,
    achterstallig,
    evaluatie_verschuldigd,
    minuten_dit_schooljaar,
    scholen_voor_trajectfilter,
    toegewezen_aan,
    trajecten_zichtbaar_voor,
    via_anker_van,
    zoek,
)
from trajecten.services import OVERGANGEN, na_afsluiting
from trajecten.views.export import trajectexport

PER_PAGINA = 25
TELGRENS = 1000
# The overview's order, of its pages and of its export alike; the index traject_lsc_recent serves it.
VOLGORDE = ("-aangemeld_op", "-pk")


def _op_status(trajecten: QuerySet[Traject], status: str | None) -> QuerySet[Traject]:
    if not status:
        return trajecten.filter(status__in=OPEN_STATUSSEN)
    if status == "alle":
        return trajecten
    return trajecten.filter(status=status)


def _scholen_van(gebruiker) -> list[tuple[int, str]]:
    return list(scholen_voor_trajectfilter(gebruiker).order_by("naam").values_list("pk", "naam"))


@dataclass(frozen=True)
class Pagina:
    """One page of a list: its rows, the values of `pagina` that lead to the pages beside it (None: there is
    none), and how many rows the list has, or `meer` when there are more than the cap."""

    object_list: list
    vorige: str | None
    volgende: str | None
    aantal: int
    meer: bool = False
    nummer: int | None = None
    paginas: int | None = None


def _resultaten_of_pagina(request: HttpRequest, template: str) -> str:
    return template + "#resultaten" if request.htmx and not request.htmx.boosted else template


def _zoekopdracht(request: HttpRequest) -> str:
    zoekopdracht = request.GET.copy()
    zoekopdracht.pop("pagina", None)
    return zoekopdracht.urlencode()


# Mijn trajecten


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
            toegewezen=toegewezen_aan(gebruiker),
            via_anker=via_anker_van(gebruiker),
            rechten_voor=Value(gebruiker.pk, output_field=IntegerField()),  # whose rights (rules.py)
            minuten_jaar=minuten_dit_schooljaar(),
            prioriteit=prioriteit,
            evaluatie_te_laat=ExpressionWrapper(
                Q(status=Status.LOPEND, volgende_evaluatie__lt=vandaag), output_field=BooleanField()
            ),
        )
        .annotate(
            kan_loggen=ExpressionWrapper(
                Q(toegewezen=True, status__in=OVERGANGEN["loggen"])
                & (Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=vandaag - na_afsluiting())),
                output_field=BooleanField(),
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
    pagina = _genummerde_pagina(rijen, request.GET.get("pagina"))
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


def _paginanummer(waarde: str | None) -> int:
    """A number from 1 up; past 1,000 pages (far beyond any supporter's list) it is no page, as a number that
    no OFFSET can hold is not: both give the first page."""
    try:
        nummer = int(waarde or 1)
    except ValueError:
        return 1
    return nummer if 1 <= nummer <= 1000 else 1


def _genummerde_pagina(rijen: QuerySet[Traject], waarde: str | None) -> Pagina:
    """Numbered pages by OFFSET, with the count as a window over the same query.

    A supporter's list is small by nature (their own trajectories and their anchor schools': a few hundred
    at most, however large the installation), and its order is computed (the priority depends on today), so
    no index can serve it: PostgreSQL sorts the whole visible set for any page, keyset or not. Counting it
    in the same pass costs nothing extra and saves a query; OFFSET skips rows that are sorted anyway."""
    nummer = _paginanummer(waarde)
    rijen = rijen.annotate(aantal_rijen=Window(Count("pk")))
    begin = (nummer - 1) * PER_PAGINA
    object_list = list(rijen[begin : begin + PER_PAGINA])
    if not object_list and nummer > 1:
        nummer, object_list = 1, list(rijen[:PER_PAGINA])
    aantal = object_list[0].aantal_rijen if object_list else 0
    paginas = max(1, -(-aantal // PER_PAGINA))
    return Pagina(
        object_list=object_list,
        vorige=str(nummer - 1) if nummer > 1 else None,
        volgende=str(nummer + 1) if nummer < paginas else None,
        aantal=aantal,
        nummer=nummer,
        paginas=paginas,
    )


# The overview


def _filterkeuzes(gebruiker) -> dict[str, list[tuple[int, str]]]:
    """The schools, regio teams and supporters to filter on, in one query (a UNION ALL of the three).

    Choices come from what the user may see of the organisation, not from scanning every trajectory."""
    soorten = {
        "school": scholen_voor_trajectfilter(gebruiker).annotate(label=F("naam")),
        "regioteam": regioteams_zichtbaar_voor(gebruiker).annotate(label=F("naam")),
        "ondersteuner": ondersteuners_zichtbaar_voor(gebruiker).annotate(label=F("gebruiker__naam")),
    }
    delen = [
        rijen.order_by()
        .annotate(soort=Value(soort), sleutel=F("pk"))
        .values_list("soort", "sleutel", "label")
        for soort, rijen in soorten.items()
    ]
    keuzes = {soort: [] for soort in soorten}
    for soort, sleutel, label in delen[0].union(*delen[1:], all=True).order_by("soort", "label"):
        keuzes[soort].append((sleutel, label))
    return keuzes


def _lijstfilter(request: HttpRequest) -> TrajectFilterForm:
    keuzes = _filterkeuzes(request.user)
    return TrajectFilterForm(
        request.GET or None,
        scholen=keuzes["school"],
        regioteams=keuzes["regioteam"],
        ondersteuners=keuzes["ondersteuner"],
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
    """The rows with their supporters as an array in the same query (no second query per page), and the
    number of rows of the whole filtered list up to the cap (an uncorrelated subquery: run once)."""
    toewijzingen = (
        Toewijzing.objects.filter(traject=OuterRef("pk"))
        .order_by("rol", "ondersteuner__gebruiker__naam")
        .values(
            rij=JSONObject(
                naam=Coalesce(
                    NullIf("ondersteuner__gebruiker__naam", Value("")), "ondersteuner__gebruiker__email"
                ),
                rol="rol",
            )
        )
    )
    return (
        trajecten.select_related("school", "leerling")
        .annotate(
            minuten_jaar=minuten_dit_schooljaar(),
            ondersteuners_rij=ArraySubquery(toewijzingen),
            aantal_begrensd=_begrensde_telling(trajecten),
        )
        .order_by(*VOLGORDE)
    )


def _begrensde_telling(trajecten: QuerySet[Traject]) -> RawSQL:
    """COUNT(*) over at most TELGRENS + 1 ids: the cost is bounded by the cap, not by the list. The ORM has
    no aggregate over a sliced subquery, so the subquery's compiled SQL is wrapped (its values stay
    parameters). Ordered as the page, PostgreSQL walks the page's index and stops at the cap (all statuses of
    an LSC with 25,000 trajectories: 0.6 ms, unordered it bitmaps every id first: 8.5 ms, and more each school
    year). The open ones (three statuses, no ordered index path in PostgreSQL 15) are sorted first: 4.6 ms for
    2,500, a number that follows the open caseload, not the years of history."""
    begrensd = trajecten.order_by(*VOLGORDE).values("pk")[: TELGRENS + 1]
    sql, parameters = begrensd.query.sql_with_params()
    telling = f"SELECT COUNT(*) FROM ({sql}) AS begrensd"  # noqa: S608 - the ORM's SQL, values as parameters
    return RawSQL(telling, parameters, output_field=IntegerField())  # noqa: S611


# The cursor: the sort key (date and id) of the row a page starts after or ends before, signed so that
# a changed cursor is recognised and gives the first page. It carries no name, only a date and an id.
_CURSOR = signing.Signer(salt="trajecten.lijst.cursor", sep=".")  # "." needs no escaping in a URL
NA, VOOR = "na", "voor"


def _cursor(richting: str, traject: Traject) -> str:
    return _CURSOR.sign_object([richting, traject.aangemeld_op.isoformat(), traject.pk])


def _lees_cursor(waarde: str | None) -> tuple[str, dt.date, int] | None:
    if not waarde:
        return None
    try:
        richting, datum, pk = _CURSOR.unsign_object(waarde)
        plaats = (str(richting), dt.date.fromisoformat(datum), int(pk))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return plaats if plaats[0] in {NA, VOOR} else None


def _keyset_pagina(rijen: QuerySet[Traject], waarde: str | None) -> Pagina:
    """A page of rows ordered `-aangemeld_op, -pk` (the index traject_lsc_recent), PER_PAGINA + 1 fetched to
    know whether another page follows. Going back reads the rows before the cursor in reverse order."""
    plaats = _lees_cursor(waarde)
    if plaats is None:
        object_list = list(rijen[: PER_PAGINA + 1])
        heeft_vorige, heeft_volgende = False, len(object_list) > PER_PAGINA
        object_list = object_list[:PER_PAGINA]
    else:
        richting, datum, pk = plaats
        if richting == NA:
            voorbij = Q(aangemeld_op__lt=datum) | Q(aangemeld_op=datum, pk__lt=pk)
            object_list = list(rijen.filter(voorbij, aangemeld_op__lte=datum)[: PER_PAGINA + 1])
            heeft_vorige, heeft_volgende = True, len(object_list) > PER_PAGINA
            object_list = object_list[:PER_PAGINA]
        else:
            ervoor = Q(aangemeld_op__gt=datum) | Q(aangemeld_op=datum, pk__gt=pk)
            achteruit = rijen.filter(ervoor, aangemeld_op__gte=datum).order_by("aangemeld_op", "pk")
            object_list = list(achteruit[: PER_PAGINA + 1])
            heeft_vorige, heeft_volgende = len(object_list) > PER_PAGINA, True
            object_list = object_list[:PER_PAGINA][::-1]
        if not object_list or (not heeft_vorige and len(object_list) < PER_PAGINA):
            # A cursor past the end, or a first page shortened by changes since: start at the beginning.
            return _keyset_pagina(rijen, None)
    aantal = object_list[0].aantal_begrensd if object_list else 0
    return Pagina(
        object_list=object_list,
        vorige=_cursor(VOOR, object_list[0]) if heeft_vorige else None,
        volgende=_cursor(NA, object_list[-1]) if heeft_volgende else None,
        aantal=min(aantal, TELGRENS),
        meer=aantal > TELGRENS,
    )


def _zoekterm(request: HttpRequest) -> str:
    """The search comes as POST: it may hold a pupil's first name, which must stay out of URLs and logs."""
    if request.method != "POST":
        return ""
    zoekformulier = ZoekForm(request.POST)
    return zoekformulier.cleaned_data["q"] if zoekformulier.is_valid() else ""


def _huidige_lijst(request: HttpRequest) -> tuple[TrajectFilterForm, dict, str, QuerySet[Traject]]:
    """The trajectories of the overview as the user has narrowed it: filters from the query string, the
    search term from the POSTed form. The list and its export both ask here, so they cannot differ."""
    formulier = _lijstfilter(request)
    filters = formulier.filters() if request.GET else {}
    zoekterm = _zoekterm(request)
    trajecten = _lijst_gefilterd(trajecten_zichtbaar_voor(request.user), filters)
    if zoekterm:
        trajecten = zoek(trajecten, zoekterm)
    return formulier, filters, zoekterm, trajecten


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
    formulier, filters, zoekterm, trajecten = _huidige_lijst(request)
    cursor = request.POST.get("pagina") or request.GET.get("pagina")
    context.update(
        pagina=_keyset_pagina(_lijstrijen(trajecten), cursor),
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


@never_cache
@require_http_methods(["GET", "POST"])
def traject_export(request: HttpRequest, formaat: str) -> HttpResponse:
    """Every trajectory of the overview as the user sees it, all pages in the list's order, without pupil
    names or free text. A search comes POSTed, as on the list: the term stays out of the URL and the log.

    Each pupil-bound row is logged as a read of that trajectory, so the pupil's access report shows the
    export; a file with no pupil in it is logged once, without a trajectory."""
    if not rules.mag_trajecten_exporteren(request.user):
        raise PermissionDenied
    _formulier, filters, zoekterm, trajecten = _huidige_lijst(request)
    bestand = trajectexport(trajecten.order_by(*VOLGORDE))
    if formaat == "xlsx":
        inhoud = export.als_xlsx(bestand.rijen, blad=_("Trajecten"))
    else:
        inhoud = export.als_csv(bestand.rijen)
    omschrijving = f"{formaat}: {len(bestand.rijen) - 1} trajecten; {urlencode(filters)}"
    if zoekterm:
        omschrijving += "; met zoekterm"
    if bestand.leerlingtrajecten:
        log_inzages(
            door=request.user,
            soort=Inzage.Soort.EXPORT,
            traject_ids=bestand.leerlingtrajecten,
            omschrijving=omschrijving,
        )
    else:
        log_inzage(door=request.user, soort=Inzage.Soort.EXPORT, omschrijving=omschrijving)
    bestandsnaam = f"trajecten-{timezone.localdate():%Y-%m-%d}"
    return export.antwoord(inhoud, formaat=formaat, bestandsnaam=bestandsnaam)
