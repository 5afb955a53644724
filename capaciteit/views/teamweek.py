"""A team coach's read of the published week plan: the visits to the schools their regio teams serve, day by
day. Read only: planning and publishing stay with the coordination (capaciteit.views.weekplan).

Two queries whatever the size of the plan: the published plan, and its visits to the coach's schools with
supporter, school and regio team.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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
    context = {"plan": plan, "dagen": list(dagen.values()), "schooljaar": als_tekst(jaar)}
    return render(request, "capaciteit/weekplan/teams.html", context)
