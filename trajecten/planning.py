"""Where a supporter is expected on a day, asked by the day sheet of this app from the week plan above it.

The week plan lives in `capaciteit`, a layer above `trajecten`: this app may not import it. The app that
plans registers how to read its plan when Django starts (capaciteit/apps.py); without one, no school is
planned and the day sheet simply starts from the supporter's first school.
"""

import datetime as dt
from collections.abc import Callable

from netwerk.models import Ondersteuner

# (supporter, date) -> the ids of the schools planned that day, in the order of the plan.
Planning = Callable[[Ondersteuner, dt.date], list[int]]
_planning: list[Planning] = []


def planning_registreren(planning: Planning) -> None:
    if planning not in _planning:
        _planning.append(planning)


def geplande_scholen(ondersteuner: Ondersteuner, datum: dt.date) -> list[int]:
    gepland: list[int] = []
    for planning in _planning:
        gepland += [school for school in planning(ondersteuner, datum) if school not in gepland]
    return gepland


# (supporter, date) -> the ids of the schools whose planned visit that day the supporter marked done.
Gedaan = Callable[[Ondersteuner, dt.date], set[int]]
_gedaan: list[Gedaan] = []


def gedaan_registreren(gedaan: Gedaan) -> None:
    if gedaan not in _gedaan:
        _gedaan.append(gedaan)


def gedane_scholen(ondersteuner: Ondersteuner, datum: dt.date) -> set[int]:
    gedaan: set[int] = set()
    for vraag in _gedaan:
        gedaan |= vraag(ondersteuner, datum)
    return gedaan
