"""Week plans written by hand, not solved: a solver's plan differs with the time it gets, a test's page
height or journey must not. `handplan`: a proposal for the demo network; `gepubliceerd_plan`: a published
plan with the visits a test names."""

from django.utils import timezone

from capaciteit.models import Planregel, Weekplan
from capaciteit.services import weekplan as weekplannen
from netwerk.models import Gebruiker, Leersteuncentrum, Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Bediening, School

Bezoek = tuple[Ondersteuner, School, int, int]  # who, where, day of the cycle (0 = Monday), half hours


def handplan(coordinator: Gebruiker, *, dagen=(0, 1, 3, 4), blokken: int = 2) -> Weekplan:
    """A proposal in which every supporter of a regio team visits two schools of that team on each of
    `dagen` (the densest the rules allow), `blokken` each."""
    plan = Weekplan.objects.create(
        lsc_id=coordinator.lsc_id,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen=dict(weekplannen.STANDAARD),
        kengetallen={"plan": {}, "basislijn": {}, "seconden": 0},
        aangemaakt_door=coordinator,
    )
    scholen: dict[int, list[int]] = {}
    for team_id, school_id in Bediening.objects.filter(
        lsc_id=coordinator.lsc_id, regioteam__isnull=False
    ).values_list("regioteam_id", "school_id"):
        scholen.setdefault(team_id, []).append(school_id)
    regels = []
    for nummer, o in enumerate(
        Ondersteuner.objects.filter(lsc_id=coordinator.lsc_id, regioteam__isnull=False).order_by("pk")
    ):
        eigen = scholen.get(o.regioteam_id, [])
        for dag in dagen:
            for keer in range(min(2, len(eigen))):
                school_id = eigen[(nummer + dag + keer) % len(eigen)]
                regels.append(
                    Planregel(weekplan=plan, ondersteuner=o, school_id=school_id, dag=dag, blokken=blokken)
                )
    Planregel.objects.bulk_create(regels, ignore_conflicts=True)
    return plan


def gepubliceerd_plan(lsc: Leersteuncentrum, *bezoeken: Bezoek) -> Weekplan:
    """The published week plan (version 1, a one-week cycle, the standard settings) of `lsc` for this school
    year, with `bezoeken`."""
    plan = Weekplan.objects.create(
        lsc=lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        versie=1,
        gepubliceerd_op=timezone.now(),
        instellingen=dict(weekplannen.STANDAARD),
    )
    for ondersteuner, school, dag, blokken in bezoeken:
        Planregel.objects.create(
            weekplan=plan, ondersteuner=ondersteuner, school=school, dag=dag, blokken=blokken
        )
    return plan
