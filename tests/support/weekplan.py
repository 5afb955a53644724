"""A week-plan proposal for the demo network written by hand, not solved: a solver's plan differs with the
time it gets, a test's page height or journey must not."""

from capaciteit.models import Planregel, Weekplan
from capaciteit.services import weekplan as weekplannen
from netwerk.models import Gebruiker, Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Bediening


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
