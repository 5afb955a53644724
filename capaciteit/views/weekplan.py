"""The week planning on screen: the coordinator's settings, the solver's live progress, the review of a
proposal beside the published plan (pins, moves, publication). A supporter's own week is `mijn_week`.

Coordinators and directors work on their own LSC's plans only (another LSC's plan is not found). The
detail page costs a fixed number of queries whatever the number of visits: the plan, its visits with
supporter and school, the published plan to compare with, the regio teams and the schools to filter on.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from capaciteit import queries, services
from capaciteit.forms import NADRUK, WeekplanInstellingenForm, nadruk_van
from capaciteit.models import Planregel, Weekplan
from capaciteit.rekenen import cijfers
from capaciteit.rekenen.opvolging import beschikbaar_van
from capaciteit.rekenen.weekplanning import dagnaam, woorden
from capaciteit.views import gedeeld
from netwerk.invoer import geheel_getal
from netwerk.models import Ondersteuner, Regioteam
from netwerk.schooljaar import als_tekst, schooljaar_uit_verzoek

RECENTE_VOORSTELLEN = 10
BEZIG = {Weekplan.Status.WACHTRIJ, Weekplan.Status.BEZIG}
MET_PLAN = {Weekplan.Status.VOORSTEL, Weekplan.Status.GEPUBLICEERD, Weekplan.Status.VERVANGEN}
KENGETALLEN = [
    ("dagen_boven_max", gettext_lazy("Dagen met meer dan 2 scholen")),
    ("ondersteuners_gemiddeld", gettext_lazy("Ondersteuners per school (gemiddeld)")),
    ("ondersteuners_max", gettext_lazy("Ondersteuners per school (hoogstens)")),
    ("km_per_week", gettext_lazy("Kilometers per week")),
    ("scholen_onder_tolerantie", gettext_lazy("Scholen onder hun tijdskader")),
    ("scholen_boven_tolerantie", gettext_lazy("Scholen boven hun tijdskader")),
    # Every figure the sentence in words names is in the table beside it.
    ("ankers_zonder_bezoek", gettext_lazy("Ankers die hun school niet bezoeken")),
    ("trajecturen_niet_gedekt", gettext_lazy("Afgesproken trajecturen per week die niet ingepland zijn")),
]


# ------------------------------------------------------------------------------------------------ access


def _plan_van(request: HttpRequest, pk: int) -> Weekplan:
    gedeeld.toegang(request)
    return get_object_or_404(
        Weekplan.objects.select_related("aangemaakt_door", "gepubliceerd_door"),
        pk=pk,
        lsc_id=request.user.lsc_id,
    )


def _regel_van(request: HttpRequest, pk: int) -> Planregel:
    gedeeld.toegang(request)
    return get_object_or_404(
        Planregel.objects.select_related("weekplan", "school", "ondersteuner__gebruiker"),
        pk=pk,
        weekplan__lsc_id=request.user.lsc_id,
    )


def _detail_url(plan_id: int, request: HttpRequest | None = None) -> str:
    """The plan's page, keeping the review's filters when the form sent them along."""
    url = reverse("weekplan_detail", args=[plan_id])
    filters = request.POST.get("filters", "") if request is not None else ""
    return f"{url}?{filters}" if filters else url


# ------------------------------------------------------------------------------------------------ overview


def _overzicht(request: HttpRequest, schooljaar: int, formulier: WeekplanInstellingenForm) -> HttpResponse:
    lsc_id = request.user.lsc_id
    gepubliceerd = queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=schooljaar)
    recente = queries.recente_voorstellen(lsc_id=lsc_id, schooljaar=schooljaar, aantal=RECENTE_VOORSTELLEN)
    context = {
        "schooljaar": schooljaar,
        "schooljaar_tekst": als_tekst(schooljaar),
        "gepubliceerd": gepubliceerd,
        "kengetallen": _vergelijking(gepubliceerd) if gepubliceerd else [],
        "recente": recente,
        "formulier": formulier,
    }
    return render(request, "capaciteit/weekplan/overzicht.html", context)


def weekplan_overzicht(request: HttpRequest) -> HttpResponse:
    gedeeld.toegang(request)
    schooljaar = schooljaar_uit_verzoek(request)
    van = geheel_getal(request.GET.get("van"))
    bron = None
    if van is not None:
        bron = Weekplan.objects.filter(pk=van, lsc_id=request.user.lsc_id).first()
    if bron is None:
        bron = Weekplan.objects.filter(lsc_id=request.user.lsc_id, schooljaar=schooljaar).first()
    formulier = WeekplanInstellingenForm.met_waarden(bron.instellingen if bron else None)
    return _overzicht(request, schooljaar, formulier)


@require_POST
def weekplan_voorstellen(request: HttpRequest) -> HttpResponse:
    gedeeld.toegang(request)
    schooljaar = schooljaar_uit_verzoek(request)
    formulier = WeekplanInstellingenForm.met_waarden(data=request.POST)
    if formulier.is_valid():
        try:
            plan = services.weekplan_voorstellen(
                door=request.user,
                lsc_id=request.user.lsc_id,
                schooljaar=schooljaar,
                instellingen=formulier.instellingen(),
            )
        except services.WeekplanFout as fout:
            formulier.add_error(None, str(fout))
        else:
            return redirect("weekplan_detail", pk=plan.pk)
    return _overzicht(request, schooljaar, formulier)


# ------------------------------------------------------------------------------------------------ a plan


def _waarde(kengetallen: dict, sleutel: str):
    if not kengetallen:
        return None
    if sleutel == "ondersteuners_gemiddeld":
        return kengetallen["ondersteuners_per_school"]["gemiddeld"]
    if sleutel == "ondersteuners_max":
        return kengetallen["ondersteuners_per_school"]["max"]
    return kengetallen.get(sleutel)


def _vergelijking(plan: Weekplan, huidig: Weekplan | None = None) -> list[dict]:
    """Rows of figures: this plan, the published one (when it is another) and the hand-made baseline."""
    eigen = plan.kengetallen.get("plan", {})
    ander = huidig.kengetallen.get("plan", {}) if huidig else {}
    basis = plan.kengetallen.get("basislijn", {})
    return [
        {
            "label": label,
            "plan": _waarde(eigen, sleutel),
            "huidig": _waarde(ander, sleutel),
            "basislijn": _waarde(basis, sleutel),
        }
        for sleutel, label in KENGETALLEN
    ]


def _voortgang(plan: Weekplan) -> dict:
    limiet = int(plan.instellingen.get("tijdslimiet_s", services.STANDAARD["tijdslimiet_s"]))
    verstreken = 0
    if plan.begonnen_op:
        einde = plan.klaar_op or timezone.now()
        verstreken = min(limiet, int((einde - plan.begonnen_op).total_seconds()))
    return {
        "limiet": limiet,
        "verstreken": verstreken,
        "procent": round(100 * verstreken / limiet) if limiet else 0,
        "gap": None if plan.gap is None else round(plan.gap * 100, 1),
    }


ALLE_TEAMS = "alle"


def _regioteams(request: HttpRequest, plan: Weekplan) -> list[Regioteam]:
    """The LSC's regio teams by name, the ones the user coaches first."""
    teams = Regioteam.objects.filter(lsc_id=plan.lsc_id).order_by("naam")
    return sorted(teams, key=lambda team: team.coach_id != request.user.pk)


def _gekozen_regioteam(request: HttpRequest, regioteams: list[Regioteam], school: int | None) -> int | None:
    """The grid shows one regio team unless "alle regioteams" is chosen: the whole LSC is hundreds of rows.
    A school chosen shows everyone who goes there, whatever their team (the form sends the team along)."""
    if school is not None:
        return None  # the form sends the team shown along: a chosen school wins over it
    gevraagd = request.GET.get("regioteam")
    if gevraagd is None and regioteams:
        return regioteams[0].pk
    return geheel_getal(gevraagd)


@dataclass
class Rasterrij:
    ondersteuner: Ondersteuner
    dagen: list[list[Planregel]]
    gepland: str = ""  # hours per week in this plan, against what the supporter has available
    beschikbaar: str = ""
    week_vast: bool = False  # every visit of the week pinned


def _raster(plan: Weekplan, regels: list[Planregel], aantal_dagen: int) -> list[Rasterrij]:
    """One row per supporter: their visits per day, and their week as every page shows it (capaciteit.
    cijfers): planned in this plan, available by their assignment and the year's envelope."""
    envelop = queries.envelop_van(plan.lsc_id, plan.schooljaar)
    cyclus = plan.cyclus_weken
    rijen: dict[int, Rasterrij] = {}
    for regel in regels:
        rij = rijen.get(regel.ondersteuner_id)
        if rij is None:
            rij = rijen[regel.ondersteuner_id] = Rasterrij(
                regel.ondersteuner, [[] for _ in range(aantal_dagen)]
            )
        rij.dagen[min(regel.dag, aantal_dagen - 1)].append(regel)
    for rij in rijen.values():
        blokken = sum(r.blokken for dag in rij.dagen for r in dag)
        rij.week_vast = all(r.vastgezet for dag in rij.dagen for r in dag)
        rij.gepland = cijfers.uren(cijfers.gepland_per_week(blokken=blokken, cyclus_weken=cyclus))
        rij.beschikbaar = cijfers.uren(beschikbaar_van(rij.ondersteuner, envelop).minuten_per_week)
    return list(rijen.values())


def weekplan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_van(request, pk)
    if request.htmx and request.htmx.target == "voortgang":
        if plan.status in BEZIG:
            return render(
                request,
                "capaciteit/weekplan/detail.html#voortgang",
                {"plan": plan, "voortgang": _voortgang(plan), "bezig": True},
            )
        antwoord = HttpResponse(status=204)
        antwoord["HX-Refresh"] = "true"  # done: the whole page changes, from progress to the plan
        return antwoord
    cyclus = plan.cyclus_weken
    collegiaal = plan.instellingen.get("collegiale_dag")
    dagen = [
        {
            "dag": d,
            "naam": dagnaam(d, cyclus),
            "collegiaal": collegiaal is not None and d % 5 == collegiaal,
        }
        for d in range(5 * cyclus)
    ]
    context = {"plan": plan, "voortgang": _voortgang(plan), "dagen": dagen, "bezig": plan.status in BEZIG}
    if plan.status in MET_PLAN:
        context.update(_review(request, plan, dagen))
    return render(request, "capaciteit/weekplan/detail.html", context)


def _review(request: HttpRequest, plan: Weekplan, dagen: list[dict]) -> dict:
    huidig = queries.gepubliceerd_weekplan(lsc_id=plan.lsc_id, schooljaar=plan.schooljaar)
    if huidig is not None and huidig.pk == plan.pk:
        huidig = None
    school = geheel_getal(request.GET.get("school"))
    regioteams = _regioteams(request, plan)
    regioteam = _gekozen_regioteam(request, regioteams, school)
    regels = queries.weekplanregels(plan, regioteam=regioteam, school=school)
    team_filter = (
        ALLE_TEAMS if regioteam is None and request.GET.get("regioteam") == ALLE_TEAMS else regioteam
    )
    filters = "&".join(
        f"{naam}={waarde}"
        for naam, waarde in (("regioteam", team_filter), ("school", school))
        if waarde is not None
    )
    buiten = plan.kengetallen.get("plan", {}).get("buiten_tolerantie", [])
    cyclus = plan.cyclus_weken
    eigen = plan.kengetallen.get("plan", {})
    return {
        "huidig": huidig,
        "in_woorden": {
            "huidig": woorden.samengevat(eigen, huidig.kengetallen.get("plan", {})) if huidig else "",
            "basislijn": woorden.samengevat(eigen, plan.kengetallen.get("basislijn", {})),
        },
        "nadruk": NADRUK.get(nadruk_van(plan.instellingen), (_("zelf afgesteld"), ""))[0],
        "kengetallen": _vergelijking(plan, huidig),
        "buiten_tolerantie": [
            {
                **b,
                "doel_uren": cijfers.uren(
                    cijfers.gepland_per_week(blokken=b["doel_blokken"], cyclus_weken=cyclus)
                ),
                "gepland_uren": cijfers.uren(
                    cijfers.gepland_per_week(blokken=b["gepland_blokken"], cyclus_weken=cyclus)
                ),
            }
            for b in buiten
        ],
        "raster": _raster(plan, list(regels), len(dagen)),
        "regioteams": regioteams,
        "alle_teams": ALLE_TEAMS,
        "scholen": queries.scholen_in_plan(plan),
        "gekozen_regioteam": regioteam,
        "gekozen_school": school,
        "filters": filters,
        "bewerkbaar": plan.status == Weekplan.Status.VOORSTEL,
    }


@require_POST
def weekplan_regel_vastzetten(request: HttpRequest, pk: int) -> HttpResponse:
    regel = _regel_van(request, pk)
    try:
        regel = services.regel_vastzetten(
            door=request.user, regel=regel, vast=request.POST.get("vast") == "1"
        )
    except services.WeekplanFout as fout:
        messages.error(request, str(fout))
        return redirect(_detail_url(regel.weekplan_id, request))
    if request.htmx:
        regel = Planregel.objects.select_related("weekplan", "school", "ondersteuner__gebruiker").get(
            pk=regel.pk
        )
        plan = regel.weekplan
        dagen = [{"dag": d, "naam": dagnaam(d, plan.cyclus_weken)} for d in range(5 * plan.cyclus_weken)]
        context = {
            "regel": regel,
            "plan": plan,
            "dagen": dagen,
            "bewerkbaar": True,
            "filters": request.POST.get("filters", ""),
        }
        return render(request, "capaciteit/weekplan/detail.html#regel", context)
    return redirect(_detail_url(regel.weekplan_id, request))


@require_safe
def weekplan_regel(request: HttpRequest, pk: int) -> HttpResponse:
    """One visit of a proposal and what the coordinator can do with it: move it to another day and/or
    supporter, swap it with another visit of that day or that school, pin it. Each change is checked against
    the plan's hard rules at once; a refusal says why, on this page."""
    regel = _regel_van(request, pk)
    plan = regel.weekplan
    cyclus = plan.cyclus_weken
    context = {
        "regel": regel,
        "plan": plan,
        "bewerkbaar": plan.status == Weekplan.Status.VOORSTEL,
        "dag_naam": dagnaam(regel.dag, cyclus),
        "dagen": [{"dag": d, "naam": dagnaam(d, cyclus)} for d in range(5 * cyclus)],
        "ondersteuners": queries.ondersteuners_voor_plan(plan),
        "ruilbaar": [(r, dagnaam(r.dag, cyclus)) for r in queries.ruilbare_bezoeken(regel)],
        "filters": request.GET.get("filters", ""),
    }
    return render(request, "capaciteit/weekplan/regel.html", context)


def _regel_url(regel_id: int, request: HttpRequest) -> str:
    """The visit's page, keeping the grid's filters for the way back."""
    url = reverse("weekplan_regel", args=[regel_id])
    filters = request.POST.get("filters", "")
    return f"{url}?filters={quote(filters)}" if filters else url


@require_POST
def weekplan_regel_verplaatsen(request: HttpRequest, pk: int) -> HttpResponse:
    regel = _regel_van(request, pk)
    dag = geheel_getal(request.POST.get("dag"))
    ondersteuner_id = geheel_getal(request.POST.get("ondersteuner"))
    plan_id = regel.weekplan_id
    try:
        if dag is None:
            raise services.WeekplanFout(_("Kies een dag om het bezoek naartoe te verplaatsen."))
        regel = services.regel_verplaatsen(
            door=request.user, regel=regel, dag=dag, ondersteuner_id=ondersteuner_id
        )
    except services.WeekplanFout as fout:
        messages.error(request, str(fout))
        if request.POST.get("terug") == "regel":
            return redirect(_regel_url(pk, request))
    else:
        regel = Planregel.objects.select_related("school", "ondersteuner__gebruiker").get(pk=regel.pk)
        messages.success(
            request,
            _("Het bezoek aan %(school)s staat nu op %(dag)s bij %(wie)s en is vastgezet.")
            % {
                "school": regel.school.naam,
                "dag": dagnaam(regel.dag, regel.weekplan.cyclus_weken),
                "wie": regel.ondersteuner.gebruiker.naam,
            },
        )
    return redirect(_detail_url(plan_id, request))


@require_POST
def weekplan_regel_ruilen(request: HttpRequest, pk: int) -> HttpResponse:
    regel = _regel_van(request, pk)
    plan_id = regel.weekplan_id
    met_id = geheel_getal(request.POST.get("met"))
    met = (
        Planregel.objects.filter(pk=met_id, weekplan_id=plan_id).select_related("weekplan").first()
        if met_id is not None
        else None
    )
    try:
        if met is None:
            raise services.WeekplanFout(_("Kies het bezoek waarmee je wilt ruilen."))
        regel, met = services.regels_ruilen(door=request.user, regel=regel, met=met)
    except services.WeekplanFout as fout:
        messages.error(request, str(fout))
        return redirect(_regel_url(pk, request))
    messages.success(request, _("De twee bezoeken zijn geruild en vastgezet."))
    return redirect(_detail_url(plan_id, request))


@require_POST
def weekplan_week_vastzetten(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_van(request, pk)
    ondersteuner_id = geheel_getal(request.POST.get("ondersteuner"))
    vast = request.POST.get("vast") == "1"
    try:
        if ondersteuner_id is None:
            raise services.WeekplanFout(_("Kies een ondersteuner."))
        aantal = services.week_vastzetten(
            door=request.user, weekplan=plan, ondersteuner_id=ondersteuner_id, vast=vast
        )
    except services.WeekplanFout as fout:
        messages.error(request, str(fout))
    else:
        if vast:
            messages.success(
                request,
                _("De hele week staat vast (%(aantal)s bezoeken): opnieuw oplossen houdt ze.")
                % {"aantal": aantal},
            )
        else:
            messages.success(request, _("De week is losgemaakt (%(aantal)s bezoeken).") % {"aantal": aantal})
    return redirect(_detail_url(plan.pk, request))


@require_POST
def weekplan_opnieuw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_van(request, pk)
    if plan.status in BEZIG:
        messages.error(request, _("De planner rekent nog aan dit plan."))
        return redirect("weekplan_detail", pk=plan.pk)
    try:
        nieuw = services.weekplan_voorstellen(
            door=request.user,
            lsc_id=plan.lsc_id,
            schooljaar=plan.schooljaar,
            instellingen=plan.instellingen,
            van=plan,
        )
    except services.WeekplanFout as fout:
        messages.error(request, str(fout))
        return redirect("weekplan_detail", pk=plan.pk)
    return redirect(_detail_url(nieuw.pk, request))


@require_POST
def weekplan_publiceren(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_van(request, pk)
    try:
        plan = services.weekplan_publiceren(door=request.user, weekplan=plan)
    except services.WeekplanFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            _("Versie %(versie)s van het weekplan is gepubliceerd: ondersteuners en scholen zien het nu.")
            % {"versie": plan.versie},
        )
    return redirect("weekplan_detail", pk=plan.pk)
