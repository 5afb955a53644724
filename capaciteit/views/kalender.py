"""The published week plan on real dates, for the coordination: one supporter's two weeks with holidays,
absences and one-off changes; the visits that fall in an absence with who could go instead; and the form
that changes one visit on one date (cancel, another school, another date, another supporter, undo).

Coordinators and directors of the LSC only, like the rest of the week planning; a visit of another LSC's
plan is not found. The page costs a fixed number of queries whatever the number of visits.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capaciteit import gemeenten, queries
from capaciteit.forms import PlanwijzigingForm, WeekplanAfwezigheidForm
from capaciteit.models import Planregel, Weekplan
from capaciteit.rekenen import cijfers
from capaciteit.rekenen.opvolging import beschikbaar_van
from capaciteit.rekenen.weekplanning import kalender
from capaciteit.rekenen.weekplanning.agenda import eerste_keer
from capaciteit.services import kalender as planwijzigingen
from capaciteit.services.weekplan import WeekplanFout, instellingen_uit, school_positie
from capaciteit.views import gedeeld
from netwerk.invoer import geheel_getal
from netwerk.kalender import schooljaar_van
from netwerk.models import Afwezigheid, Ondersteuner
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Bediening

WEKEN = 2


def maandag_van(tekst: str | None, vandaag: dt.date) -> dt.date:
    """The Monday of the week a page asks for (?week=2026-10-26), else of this week."""
    try:
        datum = dt.date.fromisoformat(str(tekst or "")[:10])
    except ValueError:
        datum = vandaag
    if abs((datum - vandaag).days) > 400:
        datum = vandaag
    return datum - dt.timedelta(days=datum.weekday())


# ------------------------------------------------------------------------------------------------ the page


def _in_afwezigheid(
    plan: Weekplan, ondersteuners: list[Ondersteuner], van: dt.date, tot: dt.date
) -> list[dict]:
    """Every visit of the range that does not happen because its supporter is absent (and that no change
    covers yet), with up to three supporters who could go instead (`kalender.vervangers`)."""
    regels = {r.pk: r for r in plan.regels.select_related("school", "ondersteuner__gebruiker")}
    if not regels:
        return []
    wijzigingen = [queries.als_wijziging(w) for w in plan.wijzigingen.all()]
    gewijzigd = {(w.regel_id, w.datum) for w in wijzigingen}
    vaste = [queries.als_vast(r) for r in regels.values()]
    afwezig = queries.afwezigheden_van([o.pk for o in ondersteuners], van=van, tot=tot)
    open_bezoeken = [
        (datum, vast)
        for datum, vast in kalender.volgens_cyclus(vaste, cyclus_weken=plan.cyclus_weken, van=van, tot=tot)
        if (vast.regel_id, datum) not in gewijzigd
        and kalender.afwezig_op(datum, afwezig.get(vast.ondersteuner_id, ()))
    ]
    if not open_bezoeken:
        return []
    per_team: dict[int, set[int]] = {}
    for school_id, team_id in Bediening.objects.filter(lsc_id=plan.lsc_id).values_list(
        "school_id", "regioteam_id"
    ):
        per_team.setdefault(team_id, set()).add(school_id)
    eigen: dict[int, set[int]] = {}
    for vast in vaste:
        eigen.setdefault(vast.ondersteuner_id, set()).add(vast.school_id)
    envelop = queries.envelop_van(plan.lsc_id, plan.schooljaar)
    kandidaten = [
        kalender.Kandidaat(
            o.pk,
            gemeenten.positie(o.woonplaats),
            frozenset(per_team.get(o.regioteam_id, set()) | eigen.get(o.pk, set())),
            frozenset(o.werkdagen or range(5)),
            cijfers.capaciteit_blokken(
                beschikbaar_per_week=beschikbaar_van(o, envelop).minuten_per_week, cyclus_weken=1
            ),
        )
        for o in ondersteuners
    ]
    # The range is whole weeks (Monday–Friday), so the absences cover each replaced visit's week.
    instellingen = instellingen_uit(plan.instellingen)
    per_id = {o.pk: o for o in ondersteuners}
    rijen = []
    for datum, vast in open_bezoeken:
        regel = regels[vast.regel_id]
        uitkomst = kalender.vervanging(
            vast.regel_id,
            datum,
            kandidaten=kandidaten,
            school_positie=school_positie(regel.school),
            vaste=vaste,
            cyclus_weken=plan.cyclus_weken,
            afwezigheden=afwezig,
            wijzigingen=wijzigingen,
            instellingen=instellingen,
        )
        rijen.append(
            {
                "datum": datum,
                "regel": regel,
                "voorstellen": [
                    {
                        "ondersteuner": per_id[v.ondersteuner_id],
                        "km": None if v.km is None else round(v.km),
                        "al_daar": v.al_daar,
                    }
                    for v in uitkomst.voorstellen
                ],
                "waarom_niemand": uitkomst.reden,
            }
        )
    return rijen


def _kalenderpagina(
    request: HttpRequest, *, afwezigheidformulier: WeekplanAfwezigheidForm | None = None, status: int = 200
) -> HttpResponse:
    lsc_id = request.user.lsc_id
    schooljaar = huidig_schooljaar()
    plan = queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=schooljaar)
    maandag = maandag_van(request.GET.get("week"), timezone.localdate())
    van, tot = maandag, maandag + dt.timedelta(days=7 * WEKEN - 3)
    ondersteuners = queries.actieve_ondersteuners(lsc_id)
    gekozen = geheel_getal(request.GET.get("ondersteuner"))
    gekozen = next((o for o in ondersteuners if o.pk == gekozen), None)
    if afwezigheidformulier is None:
        afwezigheidformulier = WeekplanAfwezigheidForm(
            initial={"ondersteuner": gekozen.pk if gekozen else None, "van": van, "tot": van},
            ondersteuners=ondersteuners,
        )
    context = {
        "plan": plan,
        "schooljaar_tekst": als_tekst(schooljaar),
        "van": van,
        "tot": tot,
        "vorige": (maandag - dt.timedelta(weeks=WEKEN)).isoformat(),
        "volgende": (maandag + dt.timedelta(weeks=WEKEN)).isoformat(),
        "week": maandag.isoformat(),
        "ondersteuners": ondersteuners,
        "gekozen": gekozen,
        "afwezigheidformulier": afwezigheidformulier,
    }
    if plan is not None:
        if gekozen is not None:
            kal = queries.plan_op_datums(plan, van=van, tot=tot, ondersteuner_id=gekozen.pk)
            context["dagen"] = queries.dagen_van(kal, gekozen.pk)
        context["in_afwezigheid"] = _in_afwezigheid(plan, ondersteuners, van, tot)
        context["afwezigheden"] = (
            Afwezigheid.objects.filter(ondersteuner__lsc_id=lsc_id, van__lte=tot, tot__gte=van)
            .select_related("ondersteuner__gebruiker")
            .order_by("van", "ondersteuner__gebruiker__naam")
        )
    return render(request, "capaciteit/weekplan/kalender.html", context, status=status)


@require_safe
def weekplan_kalender(request: HttpRequest) -> HttpResponse:
    gedeeld.toegang(request)
    return _kalenderpagina(request)


# ------------------------------------------------------------------------------------------------ absences


@require_POST
def weekplan_afwezigheid(request: HttpRequest) -> HttpResponse:
    """The coordinator enters a supporter's leave on the plan by date; the page then shows the visits that
    fall in it with who could go instead. Refused with the reason, nothing saved, the form kept."""
    gedeeld.toegang(request)
    lsc_id = request.user.lsc_id
    plan = queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=huidig_schooljaar())
    if plan is None:
        messages.error(
            request, _("Je leersteuncentrum heeft voor dit schooljaar nog geen weekplan gepubliceerd.")
        )
        return redirect("weekplan_kalender")
    ondersteuners = queries.actieve_ondersteuners(lsc_id)
    formulier = WeekplanAfwezigheidForm(request.POST, ondersteuners=ondersteuners)
    if formulier.is_valid():
        gegevens = formulier.cleaned_data
        ondersteuner = next(o for o in ondersteuners if o.pk == formulier.cleaned_data["ondersteuner"])
        try:
            afwezigheid = planwijzigingen.afwezigheid_invoeren(
                door=request.user,
                plan=plan,
                ondersteuner=ondersteuner,
                van=gegevens["van"],
                tot=gegevens["tot"],
                soort=gegevens["soort"],
            )
        except ValidationError as fout:
            formulier.add_error(None, fout)
        else:
            aantal, _gewijzigd = planwijzigingen.in_de_afwezigheid(plan, afwezigheid)
            messages.success(
                request,
                ngettext(
                    "De afwezigheid van %(naam)s van %(van)s tot en met %(tot)s is bewaard: "
                    "%(aantal)s bezoek valt erin.",
                    "De afwezigheid van %(naam)s van %(van)s tot en met %(tot)s is bewaard: "
                    "%(aantal)s bezoeken vallen erin.",
                    aantal,
                )
                % {
                    "naam": ondersteuner.gebruiker.naam,
                    "van": f"{afwezigheid.van:%d/%m/%Y}",
                    "tot": f"{afwezigheid.tot:%d/%m/%Y}",
                    "aantal": aantal,
                },
            )
            return redirect(kalender_url(ondersteuner.pk, afwezigheid.van))
    return _kalenderpagina(request, afwezigheidformulier=formulier, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def weekplan_afwezigheid_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a leave after a confirmation that says what goes: the leave itself, and for how many visits
    the supporter is planned again (changes made meanwhile, such as a replacement, stay)."""
    gedeeld.toegang(request)
    afwezigheid = get_object_or_404(
        Afwezigheid.objects.select_related("ondersteuner__gebruiker"),
        pk=pk,
        ondersteuner__lsc_id=request.user.lsc_id,
    )
    terug = kalender_url(afwezigheid.ondersteuner_id, afwezigheid.van)
    if request.method == "POST":
        planwijzigingen.afwezigheid_verwijderen(door=request.user, afwezigheid=afwezigheid)
        messages.success(
            request,
            _("De afwezigheid van %(naam)s van %(van)s tot en met %(tot)s is verwijderd.")
            % {
                "naam": afwezigheid.ondersteuner.gebruiker.naam,
                "van": f"{afwezigheid.van:%d/%m/%Y}",
                "tot": f"{afwezigheid.tot:%d/%m/%Y}",
            },
        )
        return redirect(terug)
    plan = queries.gepubliceerd_weekplan(
        lsc_id=request.user.lsc_id, schooljaar=schooljaar_van(afwezigheid.van)
    )
    aantal, gewijzigd = planwijzigingen.in_de_afwezigheid(plan, afwezigheid) if plan else (0, 0)
    return render(
        request,
        "capaciteit/weekplan/afwezigheid_verwijderen.html",
        {"afwezigheid": afwezigheid, "aantal": aantal, "gewijzigd": gewijzigd, "terug": terug},
    )


# ------------------------------------------------------------------------------------------------ the form


def kalender_url(ondersteuner_id: int, datum: dt.date) -> str:
    maandag = datum - dt.timedelta(days=datum.weekday())
    query = urlencode({"ondersteuner": ondersteuner_id, "week": maandag.isoformat()})
    return f"{reverse('weekplan_kalender')}?{query}"


def _getoonde_datum(formulier: PlanwijzigingForm) -> dt.date:
    waarde = formulier["datum"].value()
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(str(waarde or "")[:10])
    except ValueError:
        return timezone.localdate()


@require_http_methods(["GET", "HEAD", "POST"])
def weekplan_regel_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    gedeeld.toegang(request)
    regel = get_object_or_404(
        Planregel.objects.select_related("weekplan", "school", "ondersteuner__gebruiker"),
        pk=pk,
        weekplan__lsc_id=request.user.lsc_id,
    )
    plan = regel.weekplan
    keuzes = {
        "scholen": planwijzigingen.scholen_van_lsc(plan.lsc_id),
        "ondersteuners": [
            o for o in queries.actieve_ondersteuners(plan.lsc_id) if o.pk != regel.ondersteuner_id
        ],
    }
    if request.method == "POST":
        formulier = PlanwijzigingForm(request.POST, **keuzes)
        if formulier.is_valid():
            gegevens = formulier.cleaned_data
            try:
                planwijzigingen.bezoek_op_datum(door=request.user, regel=regel, **gegevens)
            except WeekplanFout as fout:
                formulier.add_error(None, str(fout))
            else:
                melding = (
                    _("Het bezoek aan %(school)s op %(datum)s gaat weer zoals gepland.")
                    if gegevens["soort"] == PlanwijzigingForm.ONGEDAAN
                    else _("De wijziging aan het bezoek aan %(school)s op %(datum)s is bewaard.")
                )
                messages.success(
                    request, melding % {"school": regel.school.naam, "datum": f"{gegevens['datum']:%d/%m/%Y}"}
                )
                return redirect(kalender_url(regel.ondersteuner_id, gegevens["datum"]))
    else:
        try:
            datum = dt.date.fromisoformat(request.GET.get("datum", "")[:10])
        except ValueError:
            datum = eerste_keer(regel.dag, plan.cyclus_weken, plan.schooljaar, timezone.localdate())
        bestaand = regel.wijzigingen.filter(datum=datum).first()
        begin = {
            "datum": datum,
            "soort": request.GET.get("soort") or (bestaand.soort if bestaand else "geschrapt"),
        }
        if ondersteuner := geheel_getal(request.GET.get("ondersteuner")):
            begin["ondersteuner"] = ondersteuner
        formulier = PlanwijzigingForm(initial=begin, **keuzes)
    context = {
        "regel": regel,
        "plan": plan,
        "formulier": formulier,
        "gepubliceerd": plan.status == Weekplan.Status.GEPUBLICEERD,
        "terug": kalender_url(regel.ondersteuner_id, _getoonde_datum(formulier)),
    }
    return render(request, "capaciteit/weekplan/wijzigen.html", context)
