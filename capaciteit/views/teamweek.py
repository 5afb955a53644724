"""A team coach's read of the published week plan: the visits to the schools their regio teams serve, day by
day. Read only: planning and publishing stay with the coordination (capaciteit.views.weekplan).

A fixed number of queries whatever the size of the plan: the published plan, its visits to the coach's
schools with supporter, school and regio team, and for the dates the coach's schools, the plan's changes,
visits and the absences.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from capaciteit import queries
from capaciteit.models import Planregel
from capaciteit.rekenen.weekplanning import dagnaam
from netwerk.models import Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Bediening


def mag_teamweek_lezen(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol == Rol.TEAMCOACH and gebruiker.lsc_id is not None


def teamweek_regels(gebruiker, plan):
    """The plan's visits to schools that one of this coach's regio teams serves for the plan's LSC."""
    if plan is None:
        return Planregel.objects.none()
    team = Bediening.objects.filter(
        school=OuterRef("school"), lsc=plan.lsc_id, regioteam__coach=gebruiker
    ).order_by("regioteam__naam")
    return (
        Planregel.objects.filter(weekplan=plan)
        .annotate(regioteam_naam=Subquery(team.values("regioteam__naam")[:1]))
        .filter(regioteam_naam__isnull=False)
        .select_related("school", "ondersteuner__gebruiker")
        .order_by("dag", "school__naam", "ondersteuner__gebruiker__naam")
    )


def _op_datum(coach, plan) -> list:
    """This week and next on the calendar (issue 21), the visits at the coach's schools: holidays, absences
    and one-day changes applied."""
    scholen = set(
        Bediening.objects.filter(lsc=plan.lsc_id, regioteam__coach=coach).values_list("school_id", flat=True)
    )
    vandaag = timezone.localdate()
    maandag = vandaag - dt.timedelta(days=vandaag.weekday())
    kalender = queries.plan_op_datums(plan, van=maandag, tot=maandag + dt.timedelta(days=11))
    kalender.bezoeken = [b for b in kalender.bezoeken if b.school.pk in scholen]
    return queries.dagen_van(kalender)


@require_safe
def weekplan_teams(request: HttpRequest) -> HttpResponse:
    if not mag_teamweek_lezen(request.user):
        raise PermissionDenied
    jaar = huidig_schooljaar()
    plan = queries.gepubliceerd_weekplan(lsc_id=request.user.lsc_id, schooljaar=jaar)
    dagen: dict[int, dict] = {}
    for regel in teamweek_regels(request.user, plan):
        dag = dagen.setdefault(regel.dag, {"naam": dagnaam(regel.dag, plan.cyclus_weken), "bezoeken": []})
        dag["bezoeken"].append(regel)
    context = {
        "plan": plan,
        "dagen": list(dagen.values()),
        "datums": _op_datum(request.user, plan) if plan else [],
        "schooljaar": als_tekst(jaar),
    }
    return render(request, "capaciteit/weekplan/teams.html", context)
