"""A supporter's week: their visits in the LSC's published week plan, day by day, and the same week as a
calendar feed behind a secret link for calendar apps that cannot log in."""

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
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from capaciteit import queries, services
from capaciteit.models import Agendasleutel, Weekplan
from capaciteit.rekenen.weekplanning import dagnaam, uren
from capaciteit.rekenen.weekplanning.agenda import kloktijden, week_een, week_van_de_cyclus
from capaciteit.views.kalender import WEKEN, maandag_van
from netwerk.linksleutels import linksleutel_hash
from netwerk.models import Ondersteuner, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import School

BRUSSEL = ZoneInfo("Europe/Brussels")
NIEUWE_AGENDALINK = "weekplan_nieuwe_agendalink"  # in the session, between making the link and showing it


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
    regels = list(queries.bezoeken_in_plan(plan, ondersteuner))
    tijden = kloktijden((r.dag, r.blokken) for r in regels)
    return [
        Bezoek(r.dag, dagnaam(r.dag, plan.cyclus_weken), r.school, begin, einde, uren(r.blokken))
        for r, (begin, einde) in zip(regels, tijden, strict=True)
    ]


def _eigen_ondersteuner(request: HttpRequest) -> Ondersteuner:
    if not request.user.is_authenticated or request.user.rol != Rol.ONDERSTEUNER:
        raise PermissionDenied
    return get_object_or_404(Ondersteuner.objects.select_related("lsc", "gebruiker"), gebruiker=request.user)


def mijn_week(request: HttpRequest) -> HttpResponse:
    ondersteuner = _eigen_ondersteuner(request)
    schooljaar = huidig_schooljaar()
    plan = queries.gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=schooljaar)
    cyclus = plan.cyclus_weken if plan else 1
    bezoeken = bezoeken_van(plan, ondersteuner)
    dagen = [
        {"naam": dagnaam(dag, cyclus), "bezoeken": [b for b in bezoeken if b.dag == dag]}
        for dag in range(5 * cyclus)
    ]
    maandag = maandag_van(request.GET.get("week"), timezone.localdate())
    op_datum = queries.plan_op_datums(
        plan, van=maandag, tot=maandag + dt.timedelta(days=7 * WEKEN - 3), ondersteuner_id=ondersteuner.pk
    )
    context = {
        "plan": plan,
        "dagen": dagen,
        "datums": queries.dagen_van(op_datum, ondersteuner.pk),
        "vorige": (maandag - dt.timedelta(weeks=WEKEN)).isoformat(),
        "volgende": (maandag + dt.timedelta(weeks=WEKEN)).isoformat(),
        "bezoeken": bezoeken,
        "cyclus": cyclus,
        "week_een": week_een(schooljaar),
        "deze_week": week_van_de_cyclus(timezone.localdate(), cyclus_weken=cyclus, schooljaar=schooljaar),
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
    sleutel = services.agendasleutel_maken(door=request.user, ondersteuner=ondersteuner)
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
    plan = queries.gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=schooljaar)
    kalender = Calendar()
    kalender.add("prodid", "-//Honingraat//Weekplan//NL")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", _("Leersteun: mijn week"))
    kalender.add("x-wr-timezone", "Europe/Brussels")
    if plan is not None:
        # Every visit on its date, from the week the plan was published to the end of June: no event on a
        # holiday, a free day or a day of absence, and the day's changes applied (issue 21). One UID per
        # visit of the cycle and date: a calendar app that fetches again updates the same events.
        vanaf = timezone.localdate(plan.gepubliceerd_op) if plan.gepubliceerd_op else timezone.localdate()
        vanaf -= dt.timedelta(days=vanaf.weekday())
        op_datum = queries.plan_op_datums(
            plan, van=vanaf, tot=dt.date(schooljaar + 1, 6, 30), ondersteuner_id=ondersteuner.pk
        )
        for bezoek in op_datum.bezoeken:
            wijziging = bezoek.wijziging
            oorspronkelijk = wijziging.datum if wijziging else bezoek.datum
            gebeurtenis = Event()
            gebeurtenis.add("uid", f"weekplan-{bezoek.regel.pk}-{oorspronkelijk:%Y%m%d}@honingraat")
            gebeurtenis.add("sequence", (plan.versie or 0) * 100 + (1 if wijziging else 0))
            gebeurtenis.add(
                "dtstamp", wijziging.wanneer if wijziging else plan.gepubliceerd_op or timezone.now()
            )
            gebeurtenis.add("dtstart", dt.datetime.combine(bezoek.datum, bezoek.begin, tzinfo=BRUSSEL))
            gebeurtenis.add("dtend", dt.datetime.combine(bezoek.datum, bezoek.einde, tzinfo=BRUSSEL))
            gebeurtenis.add("summary", _("Leersteun: %(school)s") % {"school": bezoek.school.naam})
            if adres := _adres(bezoek.school):
                gebeurtenis.add("location", adres)
            kalender.add_component(gebeurtenis)
        kalender.add_missing_timezones()
    antwoord = HttpResponse(kalender.to_ical(), content_type="text/calendar; charset=utf-8")
    antwoord["Content-Disposition"] = 'inline; filename="weekplan.ics"'
    antwoord["Cache-Control"] = "private, max-age=900"
    return antwoord
