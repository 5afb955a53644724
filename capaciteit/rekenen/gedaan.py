"""Planned, done and logged, per school and per supporter, pure.

- planned: the minutes of the visits the published plan gives on dates up to today (laid on the calendar:
  holidays, absences and one-off changes applied);
- done: the minutes of those visits their supporter marked done (a mark on a date without a planned visit
  there, for instance after a later change of the plan, counts nothing);
- logged: the minutes in the logbook.

`per_school_en_ondersteuner` adds up visits already laid on their dates; `per_school_en_ondersteuner_geteld`
gives exactly the same from the cycle, counting school dates per day of the cycle (the follow-up page).
"""

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from capaciteit.rekenen.weekplanning import kalender
from netwerk.kalender import waarom_geen_schooldag

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
    _gelogd_erbij(scholen, ondersteuners, gelogd)
    return dict(scholen), dict(ondersteuners)


def _gelogd_erbij(
    scholen: dict[int, Drie], ondersteuners: dict[int, Drie], gelogd: Iterable[tuple[int, int, int]]
) -> None:
    """The logged minutes, for the schools and supporters with a planned visit only."""
    for school_id, ondersteuner_id, minuten in gelogd:
        if school_id in scholen:
            scholen[school_id].gelogd += minuten
        if ondersteuner_id in ondersteuners:
            ondersteuners[ondersteuner_id].gelogd += minuten


# ------------------------------------------------------------------ the plan counted, not laid on every date


@lru_cache(maxsize=32)
def _schooldagen(van: dt.date, tot: dt.date, cyclus_weken: int) -> dict[dt.date, int]:
    """{school date from `van` to `tot`: its day of the cycle}. The calendar is pure, so this is kept."""
    gevonden = {}
    datum = van
    while datum <= tot:
        dag = kalender.dag_van_de_cyclus(datum, cyclus_weken=cyclus_weken)
        if dag is not None and waarom_geen_schooldag(datum) is None:
            gevonden[datum] = dag
        datum += kalender.DAG
    return gevonden


def per_school_en_ondersteuner_geteld(
    vaste: Iterable[kalender.Vast],
    *,
    cyclus_weken: int,
    van: dt.date,
    tot: dt.date,
    afwezigheden: Mapping[int, Sequence[kalender.Periode]] | None = None,
    wijzigingen: Iterable[kalender.Wijziging] = (),
    gedaan: set[tuple[int, int, dt.date]],
    gelogd: Iterable[tuple[int, int, int]],
) -> tuple[dict[int, Drie], dict[int, Drie]]:
    """Exactly `per_school_en_ondersteuner` over the visits `kalender.bezoeken` lays on every date from `van`
    to `tot`, without laying them: a visit of the cycle happens on each school date of its day of the cycle,
    less its supporter's days of absence; then each one-off change takes that visit away from its date and
    `kalender.bezoeken` lays just that visit, changed, on the one date it goes to.
    """
    vaste = list(vaste)
    afwezigheden = afwezigheden or {}
    schooldagen = _schooldagen(van, tot, cyclus_weken)
    op_volgorde = list(schooldagen)  # sorted
    per_dag = Counter(schooldagen.values())
    # Per supporter, the school dates they are absent on.
    afwezig: dict[int, set[dt.date]] = {
        ondersteuner_id: {
            datum
            for a, b in perioden
            for datum in op_volgorde[bisect_left(op_volgorde, a) : bisect_right(op_volgorde, b)]
        }
        for ondersteuner_id, perioden in afwezigheden.items()
    }

    # Per (supporter, school): how many visits and their minutes; per (supporter, school, date): the minutes
    # the changes took away from or brought to that date, for the marks.
    aantal: dict[tuple[int, int], int] = defaultdict(int)
    minuten: dict[tuple[int, int], int] = defaultdict(int)
    op_datum: dict[tuple[int, int, dt.date], int] = defaultdict(int)

    # 1. As the cycle plans them: the school dates of the day of the cycle, less the days of absence.
    afwezig_per_dag = {
        ondersteuner_id: Counter(schooldagen[d] for d in datums)
        for ondersteuner_id, datums in afwezig.items()
    }
    per_cyclusdag: dict[tuple[int, int, int], int] = defaultdict(int)  # (supporter, school, day): minutes
    for vast in vaste:
        keer = per_dag[vast.dag] - afwezig_per_dag.get(vast.ondersteuner_id, Counter())[vast.dag]
        sleutel = (vast.ondersteuner_id, vast.school_id)
        per_cyclusdag[(*sleutel, vast.dag)] += vast.blokken * MINUTEN_PER_BLOK
        aantal[sleutel] += keer
        minuten[sleutel] += keer * vast.blokken * MINUTEN_PER_BLOK

    # 2. Each change (the last per visit and date, as `kalender.bezoeken` keeps them): the planned visit
    # leaves its date, and the changed one is laid on the date it goes to.
    per_regel = {v.regel_id: v for v in vaste}
    for w in {(w.regel_id, w.datum): w for w in wijzigingen}.values():
        vast = per_regel.get(w.regel_id)
        if vast is None:
            continue
        if schooldagen.get(w.datum) == vast.dag and w.datum not in afwezig.get(vast.ondersteuner_id, ()):
            sleutel = (vast.ondersteuner_id, vast.school_id)
            aantal[sleutel] -= 1
            minuten[sleutel] -= vast.blokken * MINUTEN_PER_BLOK
            op_datum[(*sleutel, w.datum)] -= vast.blokken * MINUTEN_PER_BLOK
        doel = w.nieuwe_datum if w.soort == kalender.Soort.VERPLAATST and w.nieuwe_datum else w.datum
        if not van <= doel <= tot:
            continue
        for bezoek in kalender.bezoeken(
            [vast], cyclus_weken=cyclus_weken, van=doel, tot=doel, afwezigheden=afwezigheden, wijzigingen=[w]
        ):
            if bezoek.oorspronkelijke_datum != w.datum:  # the visit as planned on `doel`: counted in 1.
                continue
            sleutel = (bezoek.ondersteuner_id, bezoek.school_id)
            aantal[sleutel] += 1
            minuten[sleutel] += bezoek.blokken * MINUTEN_PER_BLOK
            op_datum[(*sleutel, bezoek.datum)] += bezoek.blokken * MINUTEN_PER_BLOK

    # 3. The marks: the minutes planned for that supporter at that school on that date.
    klaar: dict[tuple[int, int], int] = defaultdict(int)
    for ondersteuner_id, school_id, datum in gedaan:
        dag = schooldagen.get(datum)
        if dag is None:
            continue
        sleutel = (ondersteuner_id, school_id)
        if datum not in afwezig.get(ondersteuner_id, ()):
            klaar[sleutel] += per_cyclusdag.get((*sleutel, dag), 0)
        klaar[sleutel] += op_datum.get((*sleutel, datum), 0)

    scholen: dict[int, Drie] = defaultdict(Drie)
    ondersteuners: dict[int, Drie] = defaultdict(Drie)
    for (ondersteuner_id, school_id), keer in aantal.items():
        if keer == 0:
            continue
        for drie in (scholen[school_id], ondersteuners[ondersteuner_id]):
            drie.gepland += minuten[(ondersteuner_id, school_id)]
            drie.gedaan += klaar.get((ondersteuner_id, school_id), 0)
    _gelogd_erbij(scholen, ondersteuners, gelogd)
    return dict(scholen), dict(ondersteuners)
