"""One definition of every capacity figure, pure: numbers in, numbers out; no Django, no ORM.

Every page, PDF and export that shows one of these figures takes it from here, so a supporter's hours and a
school's use of its frame read the same on the supporter page, the follow-up, the week plan and the school's
frame page. Time is counted in minutes, the logbook's unit; hours appear only in `uren`, for display.

A supporter's week (brede types: the time the envelope pays for)
- beschikbaar = opdracht % × U ÷ S, with U the envelope's hours per full-time assignment for the brede types
  and S its school weeks; an envelope without U counts a full-time week as 38 hours.
- gepland = Σ half hours of their visits in the published week plan × 30 ÷ the weeks in its cycle.
- the week plan's capacity per cycle, in whole half hours: ⌊beschikbaar × cycle ÷ 30⌋ (the planner plans in
  half hours, so it never plans more than is available); a school's target per cycle is its frame per week
  (frame ÷ S) × cycle in the nearest whole half hours.
- afgesproken = Σ over their running trajectories of the agreed intensity × how often per week (per week 1,
  every two weeks ½, per month ¼): what was agreed with the schools, which is not what is planned.
  The week plan asks, per supporter and school, this sum over the running trajectories of brede types there
  × cycle weeks ÷ 30 in the nearest whole half hours (`traject_blokken`), as a soft demand.

A school's use of its frame (`kadergebruik`; brede types only, the kleine types are shown apart)
- the school days are the weekdays from 1 September to 30 June that are no holiday, public holiday or free
  day (`schooldagen`, the Flemish calendar of netwerk.kalender);
- deel = school days up to and including today ÷ all school days of the year;
- school weeks elapsed = S × deel, and pro rata = frame × deel: the frame is full on 30 June, whatever the
  holidays, and nothing counts as elapsed during a holiday;
- a month's frame = frame × its school days ÷ all school days;
- resterend = frame − used (what is left for the rest of the year; below zero: used beyond the frame);
- verhouding = used ÷ pro rata; projectie = used ÷ deel (the pace so far, carried to the end of the year);
- signaal: too early to tell before MINSTE_SCHOOLWEKEN school weeks (then there is no projection either),
  far above when used > VER_BOVEN × pro rata, far below when used < VER_ONDER × pro rata.
"""

import bisect
import datetime as dt
import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from netwerk.kalender import is_schooldag, schooljaar_begin
from netwerk.opmaak import als_breuk, getal

BLOK_MINUTEN = 30  # the week plan's unit: half an hour
VOLTIJDSE_WEEK_UREN = 38  # a full-time week when the envelope sets no hours per full-time assignment
# How often a trajectory's intensity comes back, per week (keys: the stored values of trajecten's Frequentie).
KEER_PER_WEEK = {"week": Fraction(1), "2weken": Fraction(1, 2), "maand": Fraction(1, 4)}

VER_BOVEN = Fraction(6, 5)  # far above: more than 120 % of the pro-rata frame
VER_ONDER = Fraction(1, 2)  # far below: less than 50 %
STANDAARD_SCHOOLWEKEN = 36  # an envelope's school weeks until the coordinator sets them
# Before this many school weeks a signal says nothing yet: trajectories are still being requested and
# started, and the school consultation has only just set the year's priorities.
MINSTE_SCHOOLWEKEN = 6


class CijferFout(ValueError):
    """Input that is no capacity figure; the message is Dutch."""


# ------------------------------------------------------------------------------------ a supporter's week


@dataclass(frozen=True)
class Beschikbaar:
    """A supporter's available time per week and the inputs it comes from, to show as a formula."""

    opdracht_procent: int
    uren_per_voltijdse: int | None  # the envelope's; None: a full-time week of 38 hours
    schoolweken: int

    @property
    def voltijds_minuten_per_week(self) -> Fraction:
        if self.uren_per_voltijdse:
            return Fraction(self.uren_per_voltijdse * 60, self.schoolweken)
        return Fraction(VOLTIJDSE_WEEK_UREN * 60)

    @property
    def minuten_per_week(self) -> Fraction:
        return self.voltijds_minuten_per_week * self.opdracht_procent / 100

    @property
    def uit_envelop(self) -> bool:
        return bool(self.uren_per_voltijdse)


def beschikbaar(*, opdracht_procent: int, uren_per_voltijdse: int | None, schoolweken: int) -> Beschikbaar:
    """beschikbaar = opdracht % × U ÷ S per week (U: hours per full-time assignment, S: school weeks), or
    opdracht % × 38 hours without U."""
    if not 0 <= opdracht_procent <= 100:
        raise CijferFout(f"Een opdracht van {opdracht_procent} % ligt niet tussen 0 en 100 %.")
    if schoolweken < 1:
        raise CijferFout("Een schooljaar heeft minstens één schoolweek.")
    if uren_per_voltijdse is not None and uren_per_voltijdse < 0:
        raise CijferFout("De uren per voltijdse opdracht kunnen niet negatief zijn.")
    return Beschikbaar(opdracht_procent, uren_per_voltijdse, schoolweken)


def gepland_per_week(*, blokken: int, cyclus_weken: int) -> Fraction:
    """gepland = Σ half hours of the visits in one cycle × 30 ÷ the cycle's weeks, in minutes per week."""
    if cyclus_weken < 1:
        raise CijferFout("Een cyclus duurt minstens één week.")
    if blokken < 0:
        raise CijferFout("Een aantal halve uren kan niet negatief zijn.")
    return Fraction(blokken * BLOK_MINUTEN, cyclus_weken)


def capaciteit_blokken(*, beschikbaar_per_week: Fraction, cyclus_weken: int) -> int:
    """The week plan's capacity: ⌊available minutes per week × cycle weeks ÷ 30⌋ whole half hours."""
    return math.floor(beschikbaar_per_week * cyclus_weken / BLOK_MINUTEN)


def kader_per_week(*, uren: int, schoolweken: int) -> Fraction:
    """A school's frame per school week, in minutes: frame × 60 ÷ S (the frame in words starts here)."""
    if schoolweken < 1:
        raise CijferFout("Een schooljaar heeft minstens één schoolweek.")
    return Fraction(uren * 60, schoolweken)


def doel_blokken(*, uren: int, schoolweken: int, cyclus_weken: int) -> int:
    """The week plan's target for a school per cycle: its frame per week × cycle weeks in the nearest whole
    half hours (a tie goes to the even number)."""
    return round(kader_per_week(uren=uren, schoolweken=schoolweken) * cyclus_weken / BLOK_MINUTEN)


def traject_blokken(*, afgesproken_per_week: Fraction, cyclus_weken: int) -> int:
    """What a supporter's running trajectories at a school ask of the week plan per cycle: their agreed
    minutes per week × cycle weeks in the nearest whole half hours (a tie goes to the even number), as a
    school's target."""
    return round(Fraction(afgesproken_per_week) * cyclus_weken / BLOK_MINUTEN)


def afgesproken_per_week(*, intensiteit_minuten: int | None, frequentie: str) -> Fraction:
    """A trajectory's agreed intensity in minutes per week; an unknown intensity or frequency counts 0."""
    if not intensiteit_minuten or frequentie not in KEER_PER_WEEK:
        return Fraction(0)
    return intensiteit_minuten * KEER_PER_WEEK[frequentie]


# ------------------------------------------------------------------------------------ the school year


def _laatste_dag(schooljaar: int) -> dt.date:
    return dt.date(schooljaar + 1, 6, 30)


@lru_cache(maxsize=32)
def schooldagen(schooljaar: int) -> tuple[dt.date, ...]:
    """The school days from 1 September to 30 June, in order: the one place the calendar comes in."""
    dag, einde, dagen = schooljaar_begin(schooljaar), _laatste_dag(schooljaar), []
    while dag <= einde:
        if is_schooldag(dag):
            dagen.append(dag)
        dag += dt.timedelta(days=1)
    return tuple(dagen)


def verstreken_deel(*, schooljaar: int, vandaag: dt.date) -> Fraction:
    """deel = school days up to and including `vandaag` ÷ all school days of the school year (0 to 1)."""
    dagen = schooldagen(schooljaar)
    return Fraction(bisect.bisect_right(dagen, vandaag), len(dagen))


# ------------------------------------------------------------------------------- a school's frame in use


class Signaal(enum.StrEnum):
    TE_VROEG = "te_vroeg"
    BOVEN = "boven"
    ONDER = "onder"
    BINNEN = "binnen"

    @property
    def gemarkeerd(self) -> bool:
        return self in (Signaal.BOVEN, Signaal.ONDER)


def signaal(*, gebruikt: Fraction, pro_rata: Fraction, verstreken_weken: Fraction) -> Signaal:
    """Too early before MINSTE_SCHOOLWEKEN school weeks; then far above (> VER_BOVEN × pro rata), far below
    (< VER_ONDER × pro rata) or within."""
    if verstreken_weken < MINSTE_SCHOOLWEKEN:
        return Signaal.TE_VROEG
    if gebruikt > VER_BOVEN * pro_rata:
        return Signaal.BOVEN
    if gebruikt < VER_ONDER * pro_rata:
        return Signaal.ONDER
    return Signaal.BINNEN


def belasting(*, gepland: Fraction | None, beschikbaar: Fraction) -> str:
    """A supporter's week against their assignment: "boven" (more planned than available), "onder" (less
    than VER_ONDER of it), "binnen", or "" without a published plan. One rule for the team list, the
    follow-up and the home pages."""
    if gepland is None:
        return ""
    if gepland > beschikbaar:
        return "boven"
    if gepland < VER_ONDER * beschikbaar:
        return "onder"
    return "binnen"


@dataclass(frozen=True)
class Maand:
    eerste: dt.date  # the first of the month
    kader: Fraction  # minutes of the frame that fall in this month's school days
    gebruikt: int  # minutes logged on brede types
    klein: int  # minutes logged on kleine types, outside the frame
    kader_cumulatief: Fraction
    gebruikt_cumulatief: int
    verstreken: bool  # the month has begun


@dataclass(frozen=True)
class Kadergebruik:
    kader: int  # minutes in the frame for the year
    maanden: tuple[Maand, ...]
    gebruikt: int  # minutes on brede types this school year
    klein: int  # minutes on kleine types, not counted
    deel: Fraction
    verstreken_weken: Fraction
    pro_rata: Fraction  # minutes of the frame that fit the school days elapsed
    projectie: Fraction | None  # minutes by the end of the year at this pace; None while too early
    verhouding: Fraction | None  # used ÷ pro rata; None while nothing is pro rata
    signaal: Signaal

    @property
    def resterend(self) -> int:
        """Minutes of the frame not used yet: negative when more was used than the frame holds."""
        return self.kader - self.gebruikt


SCHOOLMAANDEN = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)


def kadergebruik(
    *,
    uren: int,
    schoolweken: int,
    schooljaar: int,
    minuten: Mapping[dt.date, tuple[int, int]],
    vandaag: dt.date,
) -> Kadergebruik:
    """A frame of `uren` hours against the minutes logged, per month (`minuten` maps the first of a month to
    (brede minutes, kleine minutes)), on `vandaag`. The formulas are in the module's docstring."""
    if uren < 0:
        raise CijferFout("Een tijdskader kan niet negatief zijn.")
    if schoolweken < 1:
        raise CijferFout("Een schooljaar heeft minstens één schoolweek.")
    kader = uren * 60
    dagen = schooldagen(schooljaar)
    per_maand: dict[tuple[int, int], int] = {}
    for dag in dagen:
        per_maand[dag.year, dag.month] = per_maand.get((dag.year, dag.month), 0) + 1
    nummers = list(SCHOOLMAANDEN)
    nummers += [m for m in (7, 8) if any(eerste.month == m for eerste in minuten)]  # summer, when logged
    maanden, kader_cum, gebruikt_cum = [], Fraction(0), 0
    for nummer in nummers:
        eerste = dt.date(schooljaar if nummer >= 9 else schooljaar + 1, nummer, 1)
        breed, klein = minuten.get(eerste, (0, 0))
        deel_kader = Fraction(kader * per_maand.get((eerste.year, eerste.month), 0), len(dagen))
        kader_cum += deel_kader
        gebruikt_cum += breed
        maanden.append(Maand(eerste, deel_kader, breed, klein, kader_cum, gebruikt_cum, eerste <= vandaag))
    gebruikt = sum(b for b, _ in minuten.values())
    klein = sum(k for _, k in minuten.values())
    deel = verstreken_deel(schooljaar=schooljaar, vandaag=vandaag)
    pro_rata = kader * deel
    weken = schoolweken * deel
    gevonden = signaal(gebruikt=Fraction(gebruikt), pro_rata=pro_rata, verstreken_weken=weken)
    return Kadergebruik(
        kader=kader,
        maanden=tuple(maanden),
        gebruikt=gebruikt,
        klein=klein,
        deel=deel,
        verstreken_weken=weken,
        pro_rata=pro_rata,
        projectie=None if gevonden == Signaal.TE_VROEG else gebruikt / deel,
        verhouding=gebruikt / pro_rata if pro_rata else None,
        signaal=gevonden,
    )


# ------------------------------------------------------------------------------------------- display
# Written as every page writes a number (netwerk.opmaak): hours with at most one decimal, whole percents.


def uren(minuten, plaatsen: int = 1) -> str:
    """Minutes shown as hours: 1335 → "22,3", 90 → "1,5", 120 → "2"."""
    return getal(als_breuk(minuten) / 60, plaatsen)


def procent(verhouding, plaatsen: int = 0) -> str:
    """A ratio as a percentage, without the sign: 49/100 → "49"."""
    return getal(als_breuk(verhouding) * 100, plaatsen)
