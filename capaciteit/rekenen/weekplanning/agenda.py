"""A plan's cycle on the calendar: when a supporter's visits start and end on their day, which date a day of
the cycle falls on, and which week of the cycle runs now."""

import datetime as dt
from collections.abc import Iterable

from capaciteit.rekenen.cijfers import BLOK_MINUTEN
from netwerk.kalender import schooljaar_begin

DAGBEGIN = dt.time(8, 30)  # a supporter's first visit of the day starts here; the next follows on


def kloktijden(bezoeken: Iterable[tuple[int, int]]) -> list[tuple[dt.time, dt.time]]:
    """(begin, end) of each visit, given as (day of the cycle, blocks) in the order of the day: the first of
    a day starts at DAGBEGIN, the next follows on."""
    klok: dict[int, dt.datetime] = {}
    tijden = []
    for dag, blokken in bezoeken:
        begin = klok.get(dag, dt.datetime.combine(dt.date.min, DAGBEGIN))
        einde = begin + dt.timedelta(minutes=blokken * BLOK_MINUTEN)
        klok[dag] = einde
        tijden.append((begin.time(), einde.time()))
    return tijden


def week_een(schooljaar: int) -> dt.date:
    """The Monday of week 1 of a cycle: the week of 1 September, so the even and odd weeks stay put."""
    eerste = schooljaar_begin(schooljaar)
    return eerste - dt.timedelta(days=eerste.weekday())


def week_van_de_cyclus(vandaag: dt.date, *, cyclus_weken: int, schooljaar: int) -> int:
    """1 or 2: the week of the cycle `vandaag` falls in."""
    return ((vandaag - week_een(schooljaar)).days // 7) % cyclus_weken + 1


def eerste_keer(dag: int, cyclus_weken: int, schooljaar: int, vanaf: dt.date) -> dt.date:
    """The first date of a day of the cycle on or after the Monday of `vanaf`'s week."""
    maandag = vanaf - dt.timedelta(days=vanaf.weekday())
    datum = week_een(schooljaar) + dt.timedelta(days=7 * (dag // 5) + dag % 5)
    if datum < maandag:
        stappen = -(-(maandag - datum).days // (7 * cyclus_weken))
        datum += dt.timedelta(weeks=cyclus_weken * stappen)
    return datum
