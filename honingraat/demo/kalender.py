"""School days for the demo network: every date that needs school (a visit, a meeting, a due date) is drawn
from the Flemish school calendar, so the demo never meets on a Sunday, on All Saints' Day or in the
Christmas holidays.

A supporter is at a school on their own working days, and never on Wednesday: that is the day the
supporters learn together (collegiaal overleg, intervisie), which the week planning keeps free.
"""

import datetime as dt
import random
from collections.abc import Collection
from fractions import Fraction
from functools import lru_cache

from netwerk.kalender import is_schooldag, schooljaar_begin

DAG = dt.timedelta(days=1)
COLLEGIALE_DAG = 2  # Wednesday, as in the week planning's default settings
WEEKDAGEN = range(5)


@lru_cache(maxsize=4096)
def _is_schooldag(datum: dt.date) -> bool:
    # The demo asks about the same few hundred days thousands of times (every log line, every meeting).
    return is_schooldag(datum)


def bezoekdagen(werkdagen: Collection[int] | None) -> frozenset[int]:
    """The weekdays (0 = Monday) a supporter can be at a school: their working days, but not Wednesday."""
    return frozenset(werkdagen or WEEKDAGEN) - {COLLEGIALE_DAG}


def _past(datum: dt.date, weekdagen: Collection[int]) -> bool:
    return datum.weekday() in weekdagen and _is_schooldag(datum)


def schooldagen(van: dt.date, tot: dt.date, weekdagen: Collection[int] = WEEKDAGEN) -> list[dt.date]:
    """The school days from `van` to `tot`, both included, on the given weekdays."""
    return [van + i * DAG for i in range((tot - van).days + 1) if _past(van + i * DAG, weekdagen)]


def schooldag_vanaf(datum: dt.date, weekdagen: Collection[int] = WEEKDAGEN) -> dt.date:
    """`datum` itself when it is a school day (on one of `weekdagen`), else the first one after it."""
    while not _past(datum, weekdagen):
        datum += DAG
    return datum


def schooldag_tot(datum: dt.date, weekdagen: Collection[int] = WEEKDAGEN) -> dt.date:
    """`datum` itself when it is a school day (on one of `weekdagen`), else the last one before it."""
    while not _past(datum, weekdagen):
        datum -= DAG
    return datum


def schooldag_tussen(
    rng: random.Random, van: dt.date, tot: dt.date, weekdagen: Collection[int] = WEEKDAGEN
) -> dt.date:
    """A school day drawn evenly from `van` to `tot`. Every school day in the window is equally likely, so a
    window over a holiday does not pile its dates on the Monday after it. A window without a school day
    (a weekend, a holiday) gives the first school day after it."""
    dagen = schooldagen(van, tot, weekdagen)
    return rng.choice(dagen) if dagen else schooldag_vanaf(van, weekdagen)


def deel_van_het_schooljaar(schooljaar: int, vandaag: dt.date) -> Fraction:
    """How much of the school year's frame is due by `vandaag` (inclusive), 0 to 1.

    Two readings exist: the share of the school days (1 September to 30 June) gone by, which is when support
    happens, and the share of calendar days, which the follow-up page reads today. They differ by up to a
    fifth around the autumn holiday; the demo aims at their mean, so its schools sit inside the normal band
    whichever reading the follow-up uses.
    """
    begin, einde = schooljaar_begin(schooljaar), dt.date(schooljaar + 1, 6, 30)
    tot = min(max(vandaag, begin - DAG), einde)
    per_schooldag = Fraction(len(schooldagen(begin, tot)), len(schooldagen(begin, einde)))
    per_kalenderdag = Fraction((tot - begin).days + 1, (einde - begin).days + 1)
    return (per_schooldag + per_kalenderdag) / 2
