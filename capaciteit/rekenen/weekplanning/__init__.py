"""The week planning, pure: supporters, schools and settings in, a plan of visits out. No ORM, no Django.

A plan says which supporter goes to which school on which day of the cycle (1 or 2 weeks) for how many
blocks of 30 minutes. CP-SAT (OR-Tools) finds it.

Hard rules (a plan breaking one is never returned):
- at most `max_scholen_per_dag` schools per supporter per day (the LSC's rule: 2);
- a day offers `blokken_per_dag` blocks, the collegial weekday `collegiale_dag_blokken`; a supporter works
  only on their working days, not on the days they are unavailable, and in total within their capacity;
- a visit lasts at least `min_bezoek_blokken` (no half-hour visits), unless a pin says otherwise;
- every anchor of a school visits it at least once per cycle;
- pins stay: that supporter at that school on that day for exactly those blocks;
- only when `kader_hard`: each school's total within its frame ± the tolerance.
`regels.schendingen` checks a plan as it stands against these rules (and that each visit goes to a school
the supporter may come to): the joined plan of `los_op_per_team`, and a coordinator's change by hand.

Soft (minimised, weighted by the coordinator's `Gewichten`, all in integers):
- kader: |school total − frame| per block, ten times heavier beyond the tolerance than within it;
- ondersteuners_per_school: each supporter at a school who is not one of its anchors;
- reistijd: km of each visit as a return trip (haversine, whole km, at least 1 so that unknown positions
  still favour fewer, longer visits);
- continuiteit: each pair of the current plan or of a running trajectory (`huidig`) that is not kept.
- traject: each block a supporter is planned short of what their running trajectories at a school ask
  (`vraag`, blocks per cycle; capped at what they can give that school, so a demand never makes a plan
  impossible and a block that cannot be planned costs nothing).

`los_op_per_team` takes the same input and gives the same outcome, solving the regio teams side by side
(`perteam`): its bound is the sum of the teams' relaxed bounds, a bound on the whole network's optimum.

`knelpunten` explains in Dutch why no plan can exist, naming the school or supporter; every message is a
proof (a necessary condition that fails), so `los_op` returns them without searching. When CP-SAT proves
infeasibility that the pre-check did not see, a second solve with one assumption per anchor, pin and (hard)
frame names the rules that exclude each other.
"""

from capaciteit.rekenen.weekplanning.kengetallen import basislijn, kengetallen
from capaciteit.rekenen.weekplanning.knelpunten import kaderreden, knelpunten
from capaciteit.rekenen.weekplanning.model import los_op
from capaciteit.rekenen.weekplanning.perteam import kosten, los_op_per_team, teams
from capaciteit.rekenen.weekplanning.typen import (
    BUITEN_TOLERANTIE_FACTOR,
    DAGNAMEN,
    Gewichten,
    Id,
    Instellingen,
    Invoer,
    Ondersteuner,
    Pin,
    PlanningFout,
    Positie,
    Regel,
    School,
    Status,
    Uitkomst,
    Voortgang,
    beschikbare_dagen,
    dagcapaciteit,
    dagen,
    dagnaam,
    km,
    km_retour,
    tolerantie_blokken,
    uren,
)

__all__ = [
    "BUITEN_TOLERANTIE_FACTOR",
    "DAGNAMEN",
    "Gewichten",
    "Id",
    "Instellingen",
    "Invoer",
    "Ondersteuner",
    "Pin",
    "PlanningFout",
    "Positie",
    "Regel",
    "School",
    "Status",
    "Uitkomst",
    "Voortgang",
    "basislijn",
    "beschikbare_dagen",
    "dagcapaciteit",
    "dagen",
    "dagnaam",
    "kaderreden",
    "kengetallen",
    "km",
    "km_retour",
    "knelpunten",
    "kosten",
    "los_op",
    "los_op_per_team",
    "teams",
    "tolerantie_blokken",
    "uren",
]
