"""The week planning on screen: the coordinator's settings, the solver's live progress, the review of a
proposal beside the published plan (pins, moves, publication); a supporter's week with its calendar feed.

Coordinators and directors work on their own LSC's plans only (another LSC's plan is not found). The
detail page costs a fixed number of queries whatever the number of visits: the plan, its visits with
supporter and school, the published plan to compare with, the regio teams and the schools to filter on.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from capaciteit import cijfers, opvolging, rules, weekplannen
from capaciteit import weekplanning as wp
from capaciteit.forms_weekplan import WeekplanInstellingenForm
from capaciteit.models import Agendasleutel, Planregel, Weekplan
from capaciteit.views import _schooljaar
from netwerk.invoer import geheel_getal
from netwerk.linksleutels import linksleutel_hash
from netwerk.models import Ondersteuner, Regioteam, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import School

BRUSSEL = ZoneInfo("Europe/Brussels")
DAGBEGIN = dt.time(8, 30)  # a supporter's first visit of the day starts here; the next follows on
RECENTE_VOORSTELLEN = 10
NIEUWE_AGENDALINK = "weekplan_nieuwe_agendalink"  # in the session, between making the link and showing it
BEZIG = {Weekplan.Status.WACHTRIJ, Weekplan.Status.BEZIG}
MET_PLAN = {Weekplan.Status.VOORSTEL, Weekplan.Status.GEPUBLICEERD, Weekplan.Status.VERVANGEN}
KENGETALLEN = [
    ("dagen_boven_max", gettext_lazy("Dagen met meer dan 2 scholen")),
    ("ondersteuners_gemiddeld", gettext_lazy("Ondersteuners per school (gemiddeld)")),
    ("ondersteuners_max", gettext_lazy("Ondersteuners per school (hoogstens)")),
    ("km_per_week", gettext_lazy("Kilometers per week")),
    ("scholen_onder_tolerantie", gettext_lazy("Scholen onder hun tijdskader")),
    ("scholen_boven_tolerantie", gettext_lazy("Scholen boven hun tijdskader")),
]


# ------------------------------------------------------------------------------------------------ access


def _toegang(request: HttpRequest) -> None:
    if not rules.mag_capaciteit_plannen(request.user):
        raise PermissionDenied


def _plan_van(request: HttpRequest, pk: int) -> Weekplan:
    _toegang(request)
    return get_object_or_404(
        Weekplan.objects.select_related("aangemaakt_door", "gepubliceerd_door"),
        pk=pk,
        lsc_id=request.user.lsc_id,
    )


def _regel_van(request: HttpRequest, pk: int) -> Planregel:
    _toegang(request)
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
    gepubliceerd = weekplannen.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=schooljaar)
    recente = (
        Weekplan.objects.filter(lsc_id=lsc_id, schooljaar=schooljaar)
        .exclude(status=Weekplan.Status.GEPUBLICEERD)
        .select_related("aangemaakt_door")[:RECENTE_VOORSTELLEN]
    )
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
    _toegang(request)
    schooljaar = _schooljaar(request)
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
    _toegang(request)
    schooljaar = _schooljaar(request)
    formulier = WeekplanInstellingenForm.met_waarden(data=request.POST)
    if formulier.is_valid():
        try:
            plan = weekplannen.weekplan_voorstellen(
                door=request.user,
                lsc_id=request.user.lsc_id,
                schooljaar=schooljaar,
                instellingen=formulier.instellingen(),
            )
        except weekplannen.WeekplanFout as fout:
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
    limiet = int(plan.instellingen.get("tijdslimiet_s", weekplannen.STANDAARD["tijdslimiet_s"]))
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


@dataclass
class Rasterrij:
    ondersteuner: Ondersteuner
    dagen: list[list[Planregel]]
    gepland: str = ""  # hours per week in this plan, against what the supporter has available
    beschikbaar: str = ""


def _raster(plan: Weekplan, regels: list[Planregel], aantal_dagen: int) -> list[Rasterrij]:
    """One row per supporter: their visits per day, and their week as every page shows it (capaciteit.
    cijfers): planned in this plan, available by their assignment and the year's envelope."""
    envelop = opvolging.envelop_van(plan.lsc_id, plan.schooljaar)
    cyclus = opvolging.cyclus_van(plan)
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
        rij.gepland = cijfers.uren(cijfers.gepland_per_week(blokken=blokken, cyclus_weken=cyclus))
        rij.beschikbaar = cijfers.uren(opvolging.beschikbaar_van(rij.ondersteuner, envelop).minuten_per_week)
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
    cyclus = int(plan.instellingen.get("cyclus_weken", 1))
    collegiaal = plan.instellingen.get("collegiale_dag")
    dagen = [
        {
            "dag": d,
            "naam": weekplannen.dagnaam(d, cyclus),
            "collegiaal": collegiaal is not None and d % 5 == collegiaal,
        }
        for d in range(5 * cyclus)
    ]
    context = {"plan": plan, "voortgang": _voortgang(plan), "dagen": dagen, "bezig": plan.status in BEZIG}
    if plan.status in MET_PLAN:
        context.update(_review(request, plan, dagen))
    return render(request, "capaciteit/weekplan/detail.html", context)


def _review(request: HttpRequest, plan: Weekplan, dagen: list[dict]) -> dict:
    huidig = weekplannen.gepubliceerd_weekplan(lsc_id=plan.lsc_id, schooljaar=plan.schooljaar)
    if huidig is not None and huidig.pk == plan.pk:
        huidig = None
    regioteam, school = geheel_getal(request.GET.get("regioteam")), geheel_getal(request.GET.get("school"))
    regels = plan.regels.select_related("ondersteuner__gebruiker", "school").order_by(
        "ondersteuner__gebruiker__naam", "ondersteuner_id", "dag", "school__naam"
    )
    if regioteam is not None:
        regels = regels.filter(ondersteuner__regioteam_id=regioteam)
    if school is not None:
        regels = regels.filter(
            ondersteuner_id__in=plan.regels.filter(school_id=school).values("ondersteuner_id")
        )
    filters = "&".join(
        f"{naam}={waarde}"
        for naam, waarde in (("regioteam", regioteam), ("school", school))
        if waarde is not None
    )
    buiten = plan.kengetallen.get("plan", {}).get("buiten_tolerantie", [])
    cyclus = int(plan.instellingen.get("cyclus_weken", 1))
    return {
        "huidig": huidig,
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
        "regioteams": Regioteam.objects.filter(lsc_id=plan.lsc_id).order_by("naam"),
        "scholen": School.objects.filter(planregels__weekplan=plan)
        .distinct()
        .order_by("naam")
        .only("pk", "naam"),
        "gekozen_regioteam": regioteam,
        "gekozen_school": school,
        "filters": filters,
        "bewerkbaar": plan.status == Weekplan.Status.VOORSTEL,
    }


@require_POST
def weekplan_regel_vastzetten(request: HttpRequest, pk: int) -> HttpResponse:
    regel = _regel_van(request, pk)
    try:
        regel = weekplannen.regel_vastzetten(
            door=request.user, regel=regel, vast=request.POST.get("vast") == "1"
        )
    except weekplannen.WeekplanFout as fout:
        messages.error(request, str(fout))
        return redirect(_detail_url(regel.weekplan_id, request))
    if request.htmx:
        regel = Planregel.objects.select_related("weekplan", "school", "ondersteuner__gebruiker").get(
            pk=regel.pk
        )
        plan = regel.weekplan
        cyclus = int(plan.instellingen.get("cyclus_weken", 1))
        dagen = [{"dag": d, "naam": weekplannen.dagnaam(d, cyclus)} for d in range(5 * cyclus)]
        context = {
            "regel": regel,
            "plan": plan,
            "dagen": dagen,
            "bewerkbaar": True,
            "filters": request.POST.get("filters", ""),
        }
        return render(request, "capaciteit/weekplan/detail.html#regel", context)
    return redirect(_detail_url(regel.weekplan_id, request))


@require_POST
def weekplan_regel_verplaatsen(request: HttpRequest, pk: int) -> HttpResponse:
    regel = _regel_van(request, pk)
    dag = geheel_getal(request.POST.get("dag"))
    plan_id = regel.weekplan_id
    try:
        if dag is None:
            raise weekplannen.WeekplanFout(_("Kies een dag om het bezoek naartoe te verplaatsen."))
        regel = weekplannen.regel_verplaatsen(door=request.user, regel=regel, dag=dag)
    except weekplannen.WeekplanFout as fout:
        messages.error(request, str(fout))
    else:
        cyclus = int(regel.weekplan.instellingen.get("cyclus_weken", 1))
        messages.success(
            request,
            _("Het bezoek aan %(school)s staat nu op %(dag)s en is vastgezet.")
            % {"school": regel.school.naam, "dag": weekplannen.dagnaam(dag, cyclus)},
        )
    return redirect(_detail_url(plan_id, request))


@require_POST
def weekplan_opnieuw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_van(request, pk)
    if plan.status in BEZIG:
        messages.error(request, _("De planner rekent nog aan dit plan."))
        return redirect("weekplan_detail", pk=plan.pk)
    try:
        nieuw = weekplannen.weekplan_voorstellen(
            door=request.user,
            lsc_id=plan.lsc_id,
            schooljaar=plan.schooljaar,
            instellingen=plan.instellingen,
            van=plan,
        )
    except weekplannen.WeekplanFout as fout:
        messages.error(request, str(fout))
        return redirect("weekplan_detail", pk=plan.pk)
    return redirect("weekplan_detail", pk=nieuw.pk)


@require_POST
def weekplan_publiceren(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_van(request, pk)
    try:
        plan = weekplannen.weekplan_publiceren(door=request.user, weekplan=plan)
    except weekplannen.WeekplanFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            _("Versie %(versie)s van het weekplan is gepubliceerd: ondersteuners en scholen zien het nu.")
            % {"versie": plan.versie},
        )
    return redirect("weekplan_detail", pk=plan.pk)


# ------------------------------------------------------------------------------------------------ a supporter


@dataclass(frozen=True)
class Bezoek:
    dag: int
    dagnaam: str
    school: School
    begin: dt.time
    einde: dt.time
    uren: str


def bezoeken_van(plan: Weekplan | None, ondersteuner: Ondersteuner) -> list[Bezoek]:
    """A supporter's visits in a plan, day by day: the first starts at 08:30, the next follows on."""
    if plan is None:
        return []
    cyclus = int(plan.instellingen.get("cyclus_weken", 1))
    bezoeken, klok = [], {}
    for regel in (
        plan.regels.filter(ondersteuner=ondersteuner).select_related("school").order_by("dag", "school__naam")
    ):
        begin = klok.get(regel.dag, dt.datetime.combine(dt.date.min, DAGBEGIN))
        einde = begin + dt.timedelta(minutes=regel.blokken * wp.BLOK_MINUTEN)
        klok[regel.dag] = einde
        bezoeken.append(
            Bezoek(
                regel.dag,
                weekplannen.dagnaam(regel.dag, cyclus),
                regel.school,
                begin.time(),
                einde.time(),
                wp.uren(regel.blokken),
            )
        )
    return bezoeken


def _week_een(schooljaar: int) -> dt.date:
    """The Monday of week 1 of a cycle: the week of 1 September, so the even and odd weeks stay put."""
    eerste = dt.date(schooljaar, 9, 1)
    return eerste - dt.timedelta(days=eerste.weekday())


def _eerste_keer(dag: int, cyclus: int, schooljaar: int, vanaf: dt.date) -> dt.date:
    """The first date of a day of the cycle on or after the Monday of `vanaf`'s week."""
    maandag = vanaf - dt.timedelta(days=vanaf.weekday())
    datum = _week_een(schooljaar) + dt.timedelta(days=7 * (dag // 5) + dag % 5)
    if datum < maandag:
        stappen = -(-(maandag - datum).days // (7 * cyclus))
        datum += dt.timedelta(weeks=cyclus * stappen)
    return datum


def _eigen_ondersteuner(request: HttpRequest) -> Ondersteuner:
    if not request.user.is_authenticated or request.user.rol != Rol.ONDERSTEUNER:
        raise PermissionDenied
    return get_object_or_404(Ondersteuner.objects.select_related("lsc", "gebruiker"), gebruiker=request.user)


def mijn_week(request: HttpRequest) -> HttpResponse:
    ondersteuner = _eigen_ondersteuner(request)
    schooljaar = huidig_schooljaar()
    plan = weekplannen.gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=schooljaar)
    cyclus = int(plan.instellingen.get("cyclus_weken", 1)) if plan else 1
    bezoeken = bezoeken_van(plan, ondersteuner)
    dagen = []
    for dag in range(5 * cyclus):
        dagen.append(
            {"naam": weekplannen.dagnaam(dag, cyclus), "bezoeken": [b for b in bezoeken if b.dag == dag]}
        )
    vandaag = timezone.localdate()
    context = {
        "plan": plan,
        "dagen": dagen,
        "bezoeken": bezoeken,
        "cyclus": cyclus,
        "week_een": _week_een(schooljaar),
        "deze_week": ((vandaag - _week_een(schooljaar)).days // 7) % cyclus + 1,
        "agendasleutel": Agendasleutel.objects.filter(ondersteuner=ondersteuner).first(),
        "schooljaar_tekst": als_tekst(schooljaar),
    }
    # Only the key's hash is stored: the link can be shown this once, on the page right after making it.
    if sleutel := request.session.pop(NIEUWE_AGENDALINK, None):
        feed = request.build_absolute_uri(reverse("weekplan_agenda", kwargs={"sleutel": sleutel}))
        context.update(feed=feed, webcal="webcal://" + feed.split("://", 1)[1])
    return render(request, "capaciteit/weekplan/mijn_week.html", context)


@require_POST
def mijn_week_nieuwe_link(request: HttpRequest) -> HttpResponse:
    ondersteuner = _eigen_ondersteuner(request)
    vervangen = Agendasleutel.objects.filter(ondersteuner=ondersteuner).exists()
    sleutel = weekplannen.agendasleutel_maken(door=request.user, ondersteuner=ondersteuner)
    # Carried over the redirect in the session (stored as every session), which drops it as soon as the
    # page shows it: reloading that page does not show it again.
    request.session[NIEUWE_AGENDALINK] = sleutel
    messages.success(
        request,
        _("Je agenda heeft een nieuwe link. De oude werkt niet meer: abonneer je opnieuw met de nieuwe.")
        if vervangen
        else _("Je agendalink is gemaakt."),
    )
    return redirect("mijn_week")


def _adres(school: School) -> str:
    plaats = " ".join(deel for deel in (school.postcode, school.gemeente) if deel)
    return ", ".join(deel for deel in (school.straat, plaats) if deel)


@login_not_required
def weekplan_agenda(request: HttpRequest, sleutel: str) -> HttpResponse:
    """The supporter's published week as a calendar feed: whoever has the secret URL reads the school
    visits (school, address, hours), never anything about pupils."""
    # Hashed first: whatever the URL brings (a NUL byte too) reaches the database as 64 hex digits.
    gevonden = Agendasleutel.objects.select_related("ondersteuner__gebruiker", "ondersteuner__lsc").filter(
        sleutel_hash=linksleutel_hash(sleutel)
    )
    agendasleutel = gevonden.first()
    if agendasleutel is None:
        raise Http404
    ondersteuner = agendasleutel.ondersteuner
    schooljaar = huidig_schooljaar()
    plan = weekplannen.gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=schooljaar)
    kalender = Calendar()
    kalender.add("prodid", "-//Honingraat//Weekplan//NL")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", _("Leersteun: mijn week"))
    kalender.add("x-wr-timezone", "Europe/Brussels")
    if plan is not None:
        cyclus = int(plan.instellingen.get("cyclus_weken", 1))
        vanaf = timezone.localdate(plan.gepubliceerd_op) if plan.gepubliceerd_op else timezone.localdate()
        tot = dt.datetime(schooljaar + 1, 6, 30, 22, 0, tzinfo=dt.UTC)
        for bezoek in bezoeken_van(plan, ondersteuner):
            datum = _eerste_keer(bezoek.dag, cyclus, schooljaar, vanaf)
            gebeurtenis = Event()
            gebeurtenis.add("uid", f"weekplan-{ondersteuner.pk}-{bezoek.school.pk}-{bezoek.dag}@honingraat")
            gebeurtenis.add("sequence", plan.versie or 0)
            gebeurtenis.add("dtstamp", plan.gepubliceerd_op or timezone.now())
            gebeurtenis.add("dtstart", dt.datetime.combine(datum, bezoek.begin, tzinfo=BRUSSEL))
            gebeurtenis.add("dtend", dt.datetime.combine(datum, bezoek.einde, tzinfo=BRUSSEL))
            gebeurtenis.add("rrule", {"freq": "weekly", "interval": cyclus, "until": tot})
            gebeurtenis.add("summary", _("Leersteun: %(school)s") % {"school": bezoek.school.naam})
            if adres := _adres(bezoek.school):
                gebeurtenis.add("location", adres)
            kalender.add_component(gebeurtenis)
        kalender.add_missing_timezones()
    antwoord = HttpResponse(kalender.to_ical(), content_type="text/calendar; charset=utf-8")
    antwoord["Content-Disposition"] = 'inline; filename="weekplan.ics"'
    antwoord["Cache-Control"] = "private, max-age=900"
    return antwoord
