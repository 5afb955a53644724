"""Mijn kilometers: a supporter's route per school day of a month, for reimbursement, on screen and as
CSV/XLSX with exactly the same rows (rekenen/kilometers.py). The coordination sees the same page and files
for each supporter of their LSC (another LSC's supporter is not found).

The days are the school days of the month up to today; the month is `?maand=jjjj-mm` (this month when
absent or not a month). Five queries: the supporter, the published plan of that school year, the plan on
the month's dates (its changes, the visits, the absences) and the month's marks of visits done.
"""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from capaciteit import gemeenten, queries
from capaciteit.models import Bezoekgedaan
from capaciteit.rekenen import kilometers
from capaciteit.rekenen.opvolging import MAANDNAMEN
from capaciteit.services.weekplan import school_positie
from capaciteit.views import gedeeld
from capaciteit.views.mijn_week import _eigen_ondersteuner
from netwerk import export
from netwerk.models import Ondersteuner
from netwerk.schooljaar import schooljaar_van


def _maand(tekst: str | None) -> dt.date:
    """The first day of the month asked for, or of this month."""
    try:
        eerste = dt.datetime.strptime(tekst or "", "%Y-%m").date()
    except ValueError:
        eerste = timezone.localdate().replace(day=1)
    return eerste


def _volgende(eerste: dt.date) -> dt.date:
    return (eerste + dt.timedelta(days=32)).replace(day=1)


def overzicht(ondersteuner: Ondersteuner, eerste: dt.date) -> list[kilometers.Reisdag]:
    tot = min(_volgende(eerste) - dt.timedelta(days=1), timezone.localdate())
    if tot < eerste:
        return []
    plan = queries.gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=schooljaar_van(eerste))
    kal = queries.plan_op_datums(plan, van=eerste, tot=tot, ondersteuner_id=ondersteuner.pk)
    gedaan = set(
        Bezoekgedaan.objects.filter(ondersteuner=ondersteuner, datum__gte=eerste, datum__lte=tot).values_list(
            "school_id", "datum"
        )
    )
    return kilometers.reisdagen(
        (
            kilometers.Bezoekdag(
                b.datum,
                b.school.pk,
                b.school.naam,
                school_positie(b.school),
                (b.school.pk, b.datum) in gedaan,
            )
            for b in kal.bezoeken
        ),
        gemeenten.positie(ondersteuner.woonplaats),
    )


def _pagina(request: HttpRequest, ondersteuner: Ondersteuner, *, eigen: bool) -> HttpResponse:
    eerste = _maand(request.GET.get("maand"))
    dagen = overzicht(ondersteuner, eerste)
    vorige = (eerste - dt.timedelta(days=1)).replace(day=1)
    if eigen:
        export_url = lambda formaat: reverse("mijn_kilometers_export", args=[formaat])  # noqa: E731
    else:
        export_url = lambda formaat: reverse(  # noqa: E731
            "kilometers_ondersteuner_export", args=[ondersteuner.pk, formaat]
        )
    return render(
        request,
        "capaciteit/weekplan/mijn_kilometers.html",
        {
            "ondersteuner": ondersteuner,
            "eigen": eigen,
            "maand": f"{eerste:%Y-%m}",
            "maandnaam": f"{MAANDNAMEN[eerste.month]} {eerste.year}",
            "vorige": f"{vorige:%Y-%m}",
            "volgende": f"{_volgende(eerste):%Y-%m}",
            "dagen": dagen,
            "totaal": kilometers.totaal(dagen),
            "thuis_onbekend": gemeenten.positie(ondersteuner.woonplaats) is None,
            "xlsx_url": export_url("xlsx"),
            "csv_url": export_url("csv"),
        },
    )


def _bestand(request: HttpRequest, ondersteuner: Ondersteuner, formaat: str) -> HttpResponse:
    eerste = _maand(request.GET.get("maand"))
    rijen = kilometers.als_rijen(overzicht(ondersteuner, eerste))
    blad = f"Kilometers {eerste:%Y-%m}"
    inhoud = export.als_csv(rijen) if formaat == "csv" else export.als_xlsx(rijen, blad=blad)
    return export.antwoord(
        inhoud, formaat=formaat, bestandsnaam=f"kilometers-{ondersteuner.pk}-{eerste:%Y-%m}"
    )


def _van_lsc(request: HttpRequest, pk: int) -> Ondersteuner:
    gedeeld.toegang(request)
    return get_object_or_404(
        Ondersteuner.objects.select_related("gebruiker"), pk=pk, lsc_id=request.user.lsc_id
    )


@require_safe
def mijn_kilometers(request: HttpRequest) -> HttpResponse:
    return _pagina(request, _eigen_ondersteuner(request), eigen=True)


@require_safe
def mijn_kilometers_export(request: HttpRequest, formaat: str) -> HttpResponse:
    if formaat not in export.SOORTEN:
        raise Http404
    return _bestand(request, _eigen_ondersteuner(request), formaat)


@require_safe
def kilometers_ondersteuner(request: HttpRequest, pk: int) -> HttpResponse:
    return _pagina(request, _van_lsc(request, pk), eigen=False)


@require_safe
def kilometers_ondersteuner_export(request: HttpRequest, pk: int, formaat: str) -> HttpResponse:
    ondersteuner = _van_lsc(request, pk)
    if formaat not in export.SOORTEN:
        raise Http404
    return _bestand(request, ondersteuner, formaat)
