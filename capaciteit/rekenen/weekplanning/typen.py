"""The week planning's vocabulary: settings, supporters, schools, pins, visits, the outcome, and the small
helpers every part uses (a day's blocks, the day's name, distances, hours as text)."""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, TypeAlias

from capaciteit.rekenen.cijfers import BLOK_MINUTEN
from netwerk.kalender import WEEKDAGEN
from netwerk.opmaak import als_breuk, getal

DAGNAMEN = WEEKDAGEN[:5]
BUITEN_TOLERANTIE_FACTOR = 10  # a block beyond the tolerance costs this many blocks within it

Id: TypeAlias = int | str
Positie: TypeAlias = tuple[float, float]  # (latitude, longitude) in degrees
Status = Literal["optimaal", "haalbaar", "onhaalbaar", "geen_oplossing"]
# (objective, bound, seconds); the objective is None while there is a bound but no plan of the whole yet.
Voortgang = Callable[[int | None, int, float], None]


class PlanningFout(ValueError):
    """Input that is not a planning problem at all (unknown ids, bad settings); the message is Dutch."""


@dataclass(frozen=True)
class Gewichten:
    kader: int = 10  # per block away from the frame, within the tolerance (×10 beyond)
    ondersteuners_per_school: int = 40  # per supporter at a school beyond its anchors
    reistijd: int = 1  # per km (return trip) of each visit
    continuiteit: int = 30  # per current pair not kept
    # Per block a supporter is planned short of what their running trajectories at a school ask for: above a
    # block within the frame's tolerance (so a trajectory gets its hours even a little beyond the frame), far
    # below a block beyond it (×10) and below a supporter more at a school (so a one-hour trajectory alone
    # does not bring a supporter from far away).
    traject: int = 20


@dataclass(frozen=True)
class Instellingen:
    cyclus_weken: int = 1  # 1 or 2: days are 0..4 or 0..9, weekday = dag % 5
    blokken_per_dag: int = 16
    collegiale_dag: int | None = 2  # weekday (0 = Monday) of the collegial day; None: there is none
    collegiale_dag_blokken: int = 0  # 0 = kept free, 8 = half free
    max_scholen_per_dag: int = 2
    min_bezoek_blokken: int = 2
    tolerantie: float = 0.10  # fraction of a school's frame
    kader_hard: bool = False
    gewichten: Gewichten = field(default_factory=Gewichten)
    tijdslimiet_s: float = 60.0
    workers: int = 2
    seed: int = 0


@dataclass(frozen=True)
class Ondersteuner:
    id: Id
    naam: str
    capaciteit_blokken: int  # per cycle, from the assignment
    werkdagen: frozenset[int] = frozenset(range(5))  # weekdays 0..4
    onbeschikbaar: frozenset[int] = frozenset()  # day indices in the cycle
    positie: Positie | None = None
    kandidaten: frozenset[Id] = frozenset()  # schools they may serve (anchor schools are added)


@dataclass(frozen=True)
class School:
    id: Id
    naam: str
    doel_blokken: int  # per cycle
    positie: Positie | None = None
    ankers: frozenset[Id] = frozenset()


@dataclass(frozen=True)
class Pin:
    ondersteuner_id: Id
    school_id: Id
    dag: int
    blokken: int


@dataclass(frozen=True)
class Invoer:
    ondersteuners: Sequence[Ondersteuner]
    scholen: Sequence[School]
    instellingen: Instellingen = field(default_factory=Instellingen)
    huidig: frozenset[tuple[Id, Id]] = frozenset()  # (ondersteuner_id, school_id) working together now
    pins: Sequence[Pin] = ()
    # (ondersteuner_id, school_id) → blocks per cycle that the supporter's running trajectories at that school
    # ask for (soft: each block short costs `gewichten.traject`); the school becomes one of their candidates.
    vraag: Mapping[tuple[Id, Id], int] = field(default_factory=dict)


@dataclass(frozen=True)
class Regel:
    ondersteuner_id: Id
    school_id: Id
    dag: int
    blokken: int


@dataclass(frozen=True)
class Uitkomst:
    status: Status
    regels: tuple[Regel, ...] = ()
    objectief: int | None = None
    grens: int | None = None
    gap: float | None = None  # |objective − bound| / max(|objective|, 1)
    seconden: float = 0.0
    oplossingen: int = 0
    redenen: tuple[str, ...] = ()
    per_school: dict[Id, int] = field(default_factory=dict)  # planned blocks per cycle
    kengetallen: dict = field(default_factory=dict)

    @property
    def heeft_plan(self) -> bool:
        return self.status in ("optimaal", "haalbaar")


# ---------------------------------------------------------------------------------------------- small helpers


def dagcapaciteit(instellingen: Instellingen, dag: int) -> int:
    """Blocks a supporter can work on day `dag` of the cycle."""
    if instellingen.collegiale_dag is not None and dag % 5 == instellingen.collegiale_dag:
        return min(instellingen.collegiale_dag_blokken, instellingen.blokken_per_dag)
    return instellingen.blokken_per_dag


def dagen(instellingen: Instellingen) -> range:
    return range(5 * instellingen.cyclus_weken)


def beschikbare_dagen(ondersteuner: Ondersteuner, instellingen: Instellingen) -> list[int]:
    """The cycle's days a supporter can be planned: a working day, available, with blocks to offer."""
    return [
        d
        for d in dagen(instellingen)
        if d % 5 in ondersteuner.werkdagen
        and d not in ondersteuner.onbeschikbaar
        and dagcapaciteit(instellingen, d) > 0
    ]


def dagnaam(dag: int, cyclus_weken: int) -> str:
    """Day `dag` of a cycle as every page and message names it: "dinsdag", or "dinsdag (week 2)" in a
    cycle of two weeks."""
    naam = DAGNAMEN[dag % 5]
    return f"{naam} (week {dag // 5 + 1})" if cyclus_weken > 1 else naam


def km(a: Positie | None, b: Positie | None) -> float:
    """Great-circle distance in km (haversine); 0 when a position is not known."""
    if a is None or b is None:
        return 0.0
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def km_retour(ondersteuner: Ondersteuner, school: School) -> int:
    """What one visit costs in the objective: the return trip in whole km, at least 1."""
    return max(1, round(2 * km(ondersteuner.positie, school.positie)))


def tolerantie_blokken(school: School, instellingen: Instellingen) -> int:
    """The frame's tolerance in whole blocks, rounded down (10 % of 12 blocks is 1 block)."""
    return math.floor(Fraction(str(instellingen.tolerantie)) * school.doel_blokken)


def uren(blokken: int | float, instellingen: Instellingen | None = None) -> str:
    """Blocks (per cycle, when `instellingen` is given: then per week) as Dutch hours: '12', '6,5'."""
    waarde = als_breuk(blokken) * BLOK_MINUTEN / 60
    if instellingen is not None:
        waarde /= instellingen.cyclus_weken
    return getal(waarde, 2)


def _procent(instellingen: Instellingen) -> str:
    return f"{round(instellingen.tolerantie * 100)} %"


def _opsomming(namen: Sequence[str], hoogstens: int = 4) -> str:
    namen = list(namen)
    if len(namen) > hoogstens:
        return ", ".join(namen[:hoogstens]) + f" en nog {len(namen) - hoogstens}"
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " en " + namen[-1]
