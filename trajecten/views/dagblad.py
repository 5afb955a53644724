"""A supporter's day sheet: one school, one date, a row per trajectory they log on there, saved at once.

The sheet opens on today and the school the published week plan puts the supporter at today (asked through
trajecten/planning.py), else on their first school. Each row starts from the supporter's last line (its
activity, its duration as a quick choice); rows left empty are skipped. Saving is one transaction with the
checks of a single entry (services.dag_loggen): a refused row keeps every input and saves nothing.

Every rendered form carries a one-time key. The key makes a retry harmless: a form sent again after a lost
connection, whose first attempt did arrive, finds the day already saved and adds nothing
(static/js/offline.js keeps the input and retries when the connection is back).
"""

import datetime as dt
import re
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.audit import log_inzage
from netwerk.duur import als_uren
from netwerk.invoer import fouten_op_formulier
from netwerk.models import Inzage, Ondersteuner
from scholen.models import Bediening, School
from trajecten import rules, services
from trajecten.forms import DagbladForm, DagregelForm
from trajecten.models import Dagverzending, Logboekregel, Traject
from trajecten.planning import gedane_scholen, geplande_scholen
from trajecten.services import OVERGANGEN, na_afsluiting
from trajecten.views.gedeeld import ondersteuner_van

SJABLOON = "trajecten/dagblad.html"
# A row's fields as the form names them: `t<trajectory id>-<field>`.
RIJVELD = re.compile(r"^t(\d+)-(snel|minuten|notitie)$")


def _ondersteuner(request: HttpRequest) -> Ondersteuner:
    ondersteuner = ondersteuner_van(request.user) if rules.heeft_mijn_trajecten(request.user) else None
    if ondersteuner is None:
        raise PermissionDenied
    return ondersteuner


def _datum(tekst: str | None) -> dt.date:
    """The date asked for in the URL, or today; never a day in the future."""
    vandaag = timezone.localdate()
    try:
        datum = dt.date.fromisoformat(tekst or "")
    except ValueError:
        return vandaag
    return min(datum, vandaag)


def _lsc_scholen(ondersteuner: Ondersteuner) -> QuerySet[School]:
    """The schools the supporter's LSC serves: another LSC's school is not found (404)."""
    return School.objects.filter(
        Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=ondersteuner.lsc_id))
    )


def _loggen_kan(ondersteuner: Ondersteuner) -> Q:
    """The trajectories whose logbook takes a line of this supporter today, as the single entry allows:
    assigned, of their LSC, running or closed a few days ago."""
    return Q(
        lsc=ondersteuner.lsc_id,
        toewijzingen__ondersteuner=ondersteuner,
        status__in=OVERGANGEN["loggen"],
    ) & (Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=timezone.localdate() - na_afsluiting()))


def _scholen(ondersteuner: Ondersteuner, gepland: list[int]) -> list[School]:
    """The supporter's schools of the day sheet, in one query: those planned that day first, then every
    school with a trajectory they may log on, by name."""
    met_trajecten = Traject.objects.filter(_loggen_kan(ondersteuner), school=OuterRef("pk"))
    scholen = _lsc_scholen(ondersteuner).filter(Q(pk__in=gepland) | Exists(met_trajecten)).order_by("naam")
    scholen = list(scholen.only("pk", "naam"))
    for school in scholen:
        school.gepland = school.pk in gepland
    return sorted(scholen, key=lambda school: not school.gepland)


def _rijen(ondersteuner: Ondersteuner, school: School) -> list[Traject]:
    """The trajectories of the sheet, each with the supporter's last line on it (or else their last line at
    all) to start from: one query, however many rows."""
    mijn = Logboekregel.objects.filter(ondersteuner=ondersteuner).order_by("-aangemaakt_op", "-pk")
    hier = mijn.filter(traject=OuterRef("pk"))
    return list(
        Traject.objects.filter(_loggen_kan(ondersteuner), school=school)
        .select_related("leerling")
        .annotate(
            vorige_minuten=Coalesce(
                Subquery(hier.values("minuten")[:1]), Subquery(mijn.values("minuten")[:1])
            ),
            vorige_activiteit=Coalesce(
                Subquery(hier.values("activiteit")[:1]), Subquery(mijn.values("activiteit")[:1])
            ),
        )
        .order_by("leerling__voornaam", "groep", "pk")
    )


def _rijformulieren(data, rijen: list[Traject]) -> list[tuple[Traject, DagregelForm]]:
    return [
        (
            traject,
            DagregelForm(
                data,
                prefix=f"t{traject.pk}",
                auto_id="id_%s",
                vorige=(traject.vorige_minuten, traject.vorige_activiteit)
                if traject.vorige_minuten
                else None,
            ),
        )
        for traject in rijen
    ]


def _vreemde_rijen(data, rijen: list[Traject]) -> bool:
    """Input for a trajectory that is not (or no longer) on the sheet: it cannot be saved, so nothing is."""
    op_het_blad = {traject.pk for traject in rijen}
    return any(
        (treffer := RIJVELD.match(naam)) and int(treffer[1]) not in op_het_blad and data.get(naam, "").strip()
        for naam in data
    )


def _tonen(
    request: HttpRequest, ondersteuner: Ondersteuner, school: School | None, kop: DagbladForm, rijen, **extra
) -> HttpResponse:
    datum = kop.cleaned_data["datum"] if kop.is_bound and kop.is_valid() else kop.initial.get("datum")
    datum_of_vandaag = datum or timezone.localdate()
    gepland = geplande_scholen(ondersteuner, datum_of_vandaag)
    is_gepland = school is not None and school.pk in gepland
    context = {
        "school": school,
        "scholen": _scholen(ondersteuner, gepland),
        "gepland": is_gepland,
        # Planned versus done: the planned visit of this school that day, marked done with one tap.
        "gedaan": is_gepland and school.pk in gedane_scholen(ondersteuner, datum_of_vandaag),
        "kop": kop,
        "rijen": rijen,
        "datum": datum,
        **extra,
    }
    if ids := [str(traject.pk) for traject, _formulier in rijen if traject.leerling_id]:
        log_inzage(door=request.user, soort=Inzage.Soort.LIJST, omschrijving="dagblad " + " ".join(ids))
    if request.htmx and request.method == "POST":
        return render(request, SJABLOON + "#formulier", context)
    return render(request, SJABLOON, context)


def _nieuw(request: HttpRequest, ondersteuner: Ondersteuner, school: School | None, datum: dt.date):
    kop = DagbladForm(initial={"datum": datum, "sleutel": secrets.token_urlsafe(24)})
    rijen = _rijformulieren(None, _rijen(ondersteuner, school)) if school else []
    return _tonen(request, ondersteuner, school, kop, rijen)


@require_safe
def dagblad(request: HttpRequest) -> HttpResponse:
    """Today (or ?datum=) at the school planned that day, else the first of the supporter's schools."""
    ondersteuner = _ondersteuner(request)
    datum = _datum(request.GET.get("datum"))
    gepland = geplande_scholen(ondersteuner, datum)
    scholen = _scholen(ondersteuner, gepland)
    school = next((s for s in scholen if s.gepland), scholen[0] if scholen else None)
    return _nieuw(request, ondersteuner, school, datum)


@require_http_methods(["GET", "POST"])
def dagblad_school(request: HttpRequest, school_pk: int) -> HttpResponse:
    ondersteuner = _ondersteuner(request)
    school = get_object_or_404(_lsc_scholen(ondersteuner), pk=school_pk)
    if request.method != "POST":
        return _nieuw(request, ondersteuner, school, _datum(request.GET.get("datum")))
    # A form whose key saved a day already is that day, whatever changed since (a row closed meanwhile):
    # the retry of a form that did arrive leads to what it saved, before any check could refuse it.
    kop = DagbladForm(request.POST)
    kop_geldig = kop.is_valid()
    eerder = Dagverzending.objects.filter(ondersteuner=ondersteuner, sleutel=kop.cleaned_data.get("sleutel"))
    if "sleutel" in kop.cleaned_data and (verzending := eerder.first()):
        return _bewaard(request, verzending, nieuw=False)
    rijen = _rijformulieren(request.POST, _rijen(ondersteuner, school))
    ingevuld = [(traject, formulier) for traject, formulier in rijen if not formulier.leeg]
    # Every row is checked, not up to the first error: each shows its own.
    rijen_geldig = [formulier.is_valid() for _traject, formulier in ingevuld]
    geldig = kop_geldig and all(rijen_geldig)
    if not all(rijen_geldig):
        kop.add_error(None, services.DagbladGeweigerd.MELDING)
    if _vreemde_rijen(request.POST, [traject for traject, _formulier in rijen]):
        kop.add_error(
            None, _("Er is tijd ingevuld bij een traject dat hier niet (meer) open staat: herlaad de pagina.")
        )
        geldig = False
    if not geldig:
        return _tonen(request, ondersteuner, school, kop, rijen)
    regels = [
        services.Dagregel(
            traject_id=traject.pk,
            minuten=formulier.cleaned_data["minuten"],
            activiteit=formulier.cleaned_data["activiteit"],
            notitie=formulier.cleaned_data["notitie"],
        )
        for traject, formulier in ingevuld
    ]
    try:
        verzending, nieuw = services.dag_loggen(
            door=request.user,
            ondersteuner=ondersteuner,
            school=school,
            datum=kop.cleaned_data["datum"],
            regels=regels,
            sleutel=kop.cleaned_data["sleutel"],
        )
    except services.DagbladGeweigerd as fout:
        per_traject = {traject.pk: formulier for traject, formulier in rijen}
        for traject_id, rijfout in fout.per_traject.items():
            fouten_op_formulier(per_traject[traject_id], rijfout)
        kop.add_error(None, fout.message)
        return _tonen(request, ondersteuner, school, kop, rijen)
    except ValidationError as fout:
        fouten_op_formulier(kop, fout)
        return _tonen(request, ondersteuner, school, kop, rijen)
    return _bewaard(request, verzending, nieuw=nieuw)


def _bewaard(request: HttpRequest, verzending: Dagverzending, *, nieuw: bool) -> HttpResponse:
    """To the page of the saved day: htmx follows HX-Redirect, a plain form the redirect."""
    if not nieuw:
        messages.info(request, _("Dit dagblad was al bewaard: er is niets dubbel gelogd."))
    bestemming = reverse("dagblad_bewaard", args=[verzending.sleutel])
    if request.htmx:
        antwoord = HttpResponse(status=204)
        antwoord["HX-Redirect"] = bestemming
        return antwoord
    return redirect(bestemming)


def _verzending(request: HttpRequest, sleutel: str) -> Dagverzending:
    """A saved day is found by its key, and only by the supporter who saved it."""
    ondersteuner = _ondersteuner(request)
    return get_object_or_404(
        Dagverzending.objects.select_related("school"), ondersteuner=ondersteuner, sleutel=sleutel
    )


@require_safe
def dagblad_bewaard(request: HttpRequest, sleutel: str) -> HttpResponse:
    """What a day sheet saved: the total, each line with a link to its trajectory, and the undo."""
    verzending = _verzending(request, sleutel)
    regels = list(
        Logboekregel.objects.filter(pk__in=verzending.regels)
        .select_related("traject__leerling")
        .order_by("traject__leerling__voornaam", "traject__groep", "pk")
    )
    if ids := [str(regel.traject_id) for regel in regels if regel.traject.leerling_id]:
        log_inzage(door=request.user, soort=Inzage.Soort.LIJST, omschrijving="dagblad " + " ".join(ids))
    aantal = len(verzending.regels)
    return render(
        request,
        "trajecten/dagblad_bewaard.html",
        {
            "verzending": verzending,
            "regels": regels,
            "samenvatting": ngettext(
                "%(aantal)d regel bewaard, in totaal %(duur)s.",
                "%(aantal)d regels bewaard, in totaal %(duur)s.",
                aantal,
            )
            % {"aantal": aantal, "duur": als_uren(verzending.minuten)},
            "terug_te_draaien": services.dag_nog_terug_te_draaien(verzending, vandaag=timezone.localdate())
            and bool(regels),
        },
    )


@require_POST
def dagblad_ongedaan(request: HttpRequest, sleutel: str) -> HttpResponse:
    """Removes exactly the lines of this day sheet; back to the sheet of that school and day."""
    verzending = _verzending(request, sleutel)
    try:
        weg = services.dag_ongedaan_maken(door=request.user, verzending=verzending)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("dagblad_bewaard", sleutel=verzending.sleutel)
    messages.success(
        request,
        ngettext(
            "Ongedaan gemaakt: %(aantal)d regel (%(duur)s) is uit het logboek verwijderd.",
            "Ongedaan gemaakt: %(aantal)d regels (%(duur)s) zijn uit het logboek verwijderd.",
            len(weg),
        )
        % {"aantal": len(weg), "duur": als_uren(sum(regel.minuten for regel in weg))},
    )
    return redirect(
        f"{reverse('dagblad_school', args=[verzending.school_id])}?datum={verzending.datum.isoformat()}"
    )
