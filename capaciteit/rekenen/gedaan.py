"""Planned, done and logged, per school and per supporter, pure.

- planned: the minutes of the visits the published plan gives on dates up to today (laid on the calendar:
  holidays, absences and one-off changes applied);
- done: the minutes of those visits their supporter marked done (a mark on a date without a planned visit
  there, for instance after a later change of the plan, counts nothing);
- logged: the minutes in the logbook.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

MINUTEN_PER_BLOK = 30


@dataclass
class Drie:
    gepland: int = 0  # minutes
    gedaan: int = 0
    gelogd: int = 0


@dataclass(frozen=True)
class Geplandbezoek:
    ondersteuner_id: int
    school_id: int
    datum: dt.date
    blokken: int


def per_school_en_ondersteuner(
    bezoeken: Iterable[Geplandbezoek],
    gedaan: set[tuple[int, int, dt.date]],
    gelogd: Iterable[tuple[int, int, int]],
) -> tuple[dict[int, Drie], dict[int, Drie]]:
    """({school id: Drie}, {supporter id: Drie}) from the dated visits, the marks (supporter, school, date)
    and the logged minutes (school id, supporter id, minutes)."""
    scholen: dict[int, Drie] = defaultdict(Drie)
    ondersteuners: dict[int, Drie] = defaultdict(Drie)
    for bezoek in bezoeken:
        minuten = bezoek.blokken * MINUTEN_PER_BLOK
        for drie in (scholen[bezoek.school_id], ondersteuners[bezoek.ondersteuner_id]):
            drie.gepland += minuten
            if (bezoek.ondersteuner_id, bezoek.school_id, bezoek.datum) in gedaan:
                drie.gedaan += minuten
    for school_id, ondersteuner_id, minuten in gelogd:
        if school_id in scholen:
            scholen[school_id].gelogd += minuten
        if ondersteuner_id in ondersteuners:
            ondersteuners[ondersteuner_id].gelogd += minuten
    return dict(scholen), dict(ondersteuners)
