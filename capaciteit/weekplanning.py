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

Soft (minimised, weighted by the coordinator's `Gewichten`, all in integers):
- kader: |school total − frame| per block, ten times heavier beyond the tolerance than within it;
- ondersteuners_per_school: each supporter at a school who is not one of its anchors;
- reistijd: km of each visit as a return trip (haversine, whole km, at least 1 so that unknown positions
  still favour fewer, longer visits);
- continuiteit: each pair of the current plan or of a running trajectory (`huidig`) that is not kept.

`knelpunten` explains in Dutch why no plan can exist, naming the school or supporter; every message is a
proof (a necessary condition that fails), so `los_op` returns them without searching. When CP-SAT proves
infeasibility that the pre-check did not see, a second solve with one assumption per anchor, pin and (hard)
frame names the rules that exclude each other.
"""

import itertools
import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, TypeAlias

from ortools.sat.python import cp_model

from capaciteit.cijfers import BLOK_MINUTEN

DAGNAMEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
BUITEN_TOLERANTIE_FACTOR = 10  # a block beyond the tolerance costs this many blocks within it

Id: TypeAlias = int | str
Positie: TypeAlias = tuple[float, float]  # (latitude, longitude) in degrees
Status = Literal["optimaal", "haalbaar", "onhaalbaar", "geen_oplossing"]
Voortgang = Callable[[int, int, float], None]  # (objective, bound, seconds)


class PlanningFout(ValueError):
    """Input that is not a planning problem at all (unknown ids, bad settings); the message is Dutch."""


@dataclass(frozen=True)
class Gewichten:
    kader: int = 10  # per block away from the frame, within the tolerance (×10 beyond)
    ondersteuners_per_school: int = 40  # per supporter at a school beyond its anchors
    reistijd: int = 1  # per km (return trip) of each visit
    continuiteit: int = 30  # per current pair not kept


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


def dagnaam(dag: int, instellingen: Instellingen) -> str:
    naam = DAGNAMEN[dag % 5]
    return f"{naam} (week {dag // 5 + 1})" if instellingen.cyclus_weken > 1 else naam


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
    waarde = blokken * BLOK_MINUTEN / 60
    if instellingen is not None:
        waarde /= instellingen.cyclus_weken
    tekst = f"{waarde:.2f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _procent(instellingen: Instellingen) -> str:
    return f"{round(instellingen.tolerantie * 100)} %"


def _opsomming(namen: Sequence[str], hoogstens: int = 4) -> str:
    namen = list(namen)
    if len(namen) > hoogstens:
        return ", ".join(namen[:hoogstens]) + f" en nog {len(namen) - hoogstens}"
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " en " + namen[-1]


# ----------------------------------------------------------------------------------------- the input, indexed


class _Index:
    """The input checked and looked up once: who can go where on which days, the pins, the frames."""

    def __init__(self, invoer: Invoer):
        self.invoer = invoer
        self.inst = inst = invoer.instellingen
        _controleer_instellingen(inst)
        self.ondersteuners = {o.id: o for o in invoer.ondersteuners}
        self.scholen = {s.id: s for s in invoer.scholen}
        if len(self.ondersteuners) != len(invoer.ondersteuners):
            raise PlanningFout("Een ondersteuner staat twee keer in de planning.")
        if len(self.scholen) != len(invoer.scholen):
            raise PlanningFout("Een school staat twee keer in de planning.")
        self.volgorde_o = {o.id: i for i, o in enumerate(invoer.ondersteuners)}
        self.volgorde_s = {s.id: i for i, s in enumerate(invoer.scholen)}
        for o in invoer.ondersteuners:
            if o.capaciteit_blokken < 0:
                raise PlanningFout(f"De capaciteit van {o.naam} kan niet negatief zijn.")
            if not o.werkdagen <= set(range(5)):
                raise PlanningFout(f"De werkdagen van {o.naam} zijn weekdagen 0 (maandag) tot 4 (vrijdag).")
        for s in invoer.scholen:
            if s.doel_blokken < 0:
                raise PlanningFout(f"Het kader van {s.naam} kan niet negatief zijn.")
            onbekend = [a for a in s.ankers if a not in self.ondersteuners]
            if onbekend:
                raise PlanningFout(f"{s.naam} heeft een anker dat niet in de planning staat ({onbekend[0]}).")
        for p in invoer.pins:
            if p.ondersteuner_id not in self.ondersteuners or p.school_id not in self.scholen:
                raise PlanningFout(
                    f"Een vastgezette toewijzing verwijst naar een onbekende ondersteuner of school "
                    f"({p.ondersteuner_id} → {p.school_id})."
                )
            if p.blokken < 1:
                raise PlanningFout("Een vastgezette toewijzing duurt minstens een half uur.")
        self.dagen = {o.id: beschikbare_dagen(o, inst) for o in invoer.ondersteuners}
        self.ankers_van = defaultdict(list)  # supporter → schools they anchor, in input order
        for s in invoer.scholen:
            for a in sorted(s.ankers, key=self.volgorde_o.__getitem__):
                self.ankers_van[a].append(s.id)
        self.pins: dict[tuple[Id, Id, int], Pin] = {}
        self.dubbele_pins: list[Pin] = []
        for p in invoer.pins:
            sleutel = (p.ondersteuner_id, p.school_id, p.dag)
            if sleutel in self.pins and self.pins[sleutel].blokken != p.blokken:
                self.dubbele_pins.append(p)
            self.pins[sleutel] = p
        # Who may serve which school: their candidates, the schools they anchor, the schools pinned to them.
        self.kandidaten: dict[Id, list[Id]] = {}
        for o in invoer.ondersteuners:
            ids = {k for k in o.kandidaten if k in self.scholen}
            ids |= set(self.ankers_van[o.id])
            ids |= {p.school_id for p in invoer.pins if p.ondersteuner_id == o.id}
            self.kandidaten[o.id] = sorted(ids, key=self.volgorde_s.__getitem__)
        self.bedieners: dict[Id, list[Id]] = defaultdict(list)  # school → supporters who may come
        for o in invoer.ondersteuners:
            if self.dagen[o.id]:
                for k in self.kandidaten[o.id]:
                    self.bedieners[k].append(o.id)
        self.tol = {s.id: tolerantie_blokken(s, inst) for s in invoer.scholen}

    def ondergrens(self, school: School) -> int:
        return max(0, school.doel_blokken - self.tol[school.id])

    def bovengrens(self, school: School) -> int:
        return school.doel_blokken + self.tol[school.id]

    def gepind(self, ondersteuner_id: Id, *, dag: int | None = None, buiten: Id | None = None) -> int:
        """Blocks pinned for a supporter (on one day; at schools other than `buiten`)."""
        return sum(
            p.blokken
            for (o, k, d), p in self.pins.items()
            if o == ondersteuner_id and (dag is None or d == dag) and (buiten is None or k != buiten)
        )

    def aanbod(self, ondersteuner_id: Id, school_id: Id) -> int:
        """An upper bound on the blocks a supporter can give one school, pins elsewhere counted."""
        o = self.ondersteuners[ondersteuner_id]
        dagen_vrij = sum(
            max(0, dagcapaciteit(self.inst, d) - self.gepind(o.id, dag=d, buiten=school_id))
            for d in self.dagen[o.id]
        )
        return max(0, min(o.capaciteit_blokken - self.gepind(o.id, buiten=school_id), dagen_vrij))


def _controleer_instellingen(inst: Instellingen) -> None:
    if inst.cyclus_weken not in (1, 2):
        raise PlanningFout("Een cyclus duurt 1 of 2 weken.")
    if inst.collegiale_dag is not None and inst.collegiale_dag not in range(5):
        raise PlanningFout("De collegiale dag is een weekdag: 0 (maandag) tot 4 (vrijdag).")
    if inst.blokken_per_dag < 1 or inst.collegiale_dag_blokken < 0:
        raise PlanningFout("Een dag biedt een positief aantal halve uren.")
    if inst.max_scholen_per_dag < 1:
        raise PlanningFout("Een ondersteuner moet per dag minstens één school kunnen bezoeken.")
    if inst.min_bezoek_blokken < 1:
        raise PlanningFout("Een bezoek duurt minstens een half uur.")
    if not 0 <= inst.tolerantie < 1:
        raise PlanningFout("De tolerantie ligt tussen 0 en 100 %.")
    if min(vars(inst.gewichten).values()) < 0:
        raise PlanningFout("De gewichten kunnen niet negatief zijn.")
    if inst.tijdslimiet_s <= 0 or inst.workers < 1:
        raise PlanningFout("De tijdslimiet en het aantal workers zijn positief.")


# ---------------------------------------------------------------------------------------------- the pre-check


def knelpunten(invoer: Invoer) -> list[str]:
    """Why no plan can exist, in Dutch, naming the school or supporter; empty if the pre-check finds none.

    Every message is a necessary condition that fails, so a non-empty list proves that `los_op` would find
    no plan. The frame is checked only when it is hard (`kader_hard`); for a soft frame, `kaderreden` says
    why a school stays outside its tolerance.
    """
    ix = _Index(invoer)
    return _pin_knelpunten(ix) + _anker_knelpunten(ix) + (_kader_knelpunten(ix) if ix.inst.kader_hard else [])


def _pin_knelpunten(ix: _Index) -> list[str]:
    inst, uit = ix.inst, []
    for p in ix.dubbele_pins:
        o, s = ix.ondersteuners[p.ondersteuner_id], ix.scholen[p.school_id]
        uit.append(
            f"{o.naam} is twee keer vastgezet bij {s.naam} op {dagnaam(p.dag, inst)}, met een andere duur."
        )
    for p in ix.pins.values():
        o, s = ix.ondersteuners[p.ondersteuner_id], ix.scholen[p.school_id]
        wat = f"De vastgezette toewijzing van {o.naam} aan {s.naam}"
        if p.dag not in dagen(inst):
            uit.append(f"{wat} valt buiten de cyclus van {inst.cyclus_weken} week (dag {p.dag}).")
        elif p.dag % 5 not in o.werkdagen:
            uit.append(f"{wat} valt op {dagnaam(p.dag, inst)}, maar {o.naam} werkt dan niet.")
        elif p.dag in o.onbeschikbaar:
            uit.append(f"{wat} valt op {dagnaam(p.dag, inst)}, maar {o.naam} is dan onbeschikbaar.")
        elif dagcapaciteit(inst, p.dag) == 0:
            uit.append(f"{wat} valt op {dagnaam(p.dag, inst)}, de collegiale dag die vrij blijft.")
    per_dag: dict[tuple[Id, int], list[Pin]] = defaultdict(list)
    for p in ix.pins.values():
        per_dag[p.ondersteuner_id, p.dag].append(p)
    for (oid, d), pins in per_dag.items():
        o, cap = ix.ondersteuners[oid], dagcapaciteit(inst, d)
        if len(pins) > inst.max_scholen_per_dag:
            uit.append(
                f"{o.naam} is op {dagnaam(d, inst)} vastgezet bij {len(pins)} scholen; "
                f"hoogstens {inst.max_scholen_per_dag} per dag."
            )
        totaal = sum(p.blokken for p in pins)
        if 0 < cap < totaal:
            uit.append(
                f"De vastgezette toewijzingen van {o.naam} op {dagnaam(d, inst)} duren samen "
                f"{uren(totaal)} uur, meer dan de {uren(cap)} uur van die dag."
            )
    for o in ix.invoer.ondersteuners:
        totaal = ix.gepind(o.id)
        if totaal > o.capaciteit_blokken:
            uit.append(
                f"De vastgezette toewijzingen van {o.naam} duren samen {uren(totaal, inst)} uur per week, "
                f"meer dan de opdracht ({uren(o.capaciteit_blokken, inst)} uur per week)."
            )
    return uit


def _anker_knelpunten(ix: _Index) -> list[str]:
    inst, uit = ix.inst, []
    for o in ix.invoer.ondersteuners:
        scholen = ix.ankers_van[o.id]
        if not scholen:
            continue
        namen = [ix.scholen[k].naam for k in scholen]
        beschikbaar = ix.dagen[o.id]
        if not beschikbaar:
            uit.append(
                f"{o.naam} is anker van {_opsomming(namen)} maar kan op geen enkele dag van de cyclus komen."
            )
            continue
        # Schools that a pin does not already bring them to, and the day slots left for them.
        bezocht = {k for (oid, k, _d) in ix.pins if oid == o.id}
        nog = [k for k in scholen if k not in bezocht]
        vrije_plaatsen = sum(
            max(0, inst.max_scholen_per_dag - len({k for (oid, k, dd) in ix.pins if oid == o.id and dd == d}))
            for d in beschikbaar
        )
        if len(nog) > vrije_plaatsen:
            per = "per week" if inst.cyclus_weken == 1 else f"in een cyclus van {inst.cyclus_weken} weken"
            uit.append(
                f"{o.naam} is anker van {len(scholen)} scholen ({_opsomming(namen)}) maar werkt "
                f"{len(beschikbaar)} {'dag' if len(beschikbaar) == 1 else 'dagen'} {per}: met hoogstens "
                f"{inst.max_scholen_per_dag} scholen per dag kan {o.naam} er maar "
                f"{vrije_plaatsen + len(scholen) - len(nog)} bezoeken."
            )
            continue
        nodig = ix.gepind(o.id) + len(nog) * inst.min_bezoek_blokken
        kan = min(o.capaciteit_blokken, sum(dagcapaciteit(inst, d) for d in beschikbaar))
        if nodig > kan and nodig > ix.gepind(o.id):
            uit.append(
                f"{o.naam} is anker van {len(scholen)} scholen ({_opsomming(namen)}); elk bezoek duurt "
                f"minstens {uren(inst.min_bezoek_blokken)} uur, maar {o.naam} heeft maar {uren(kan, inst)} "
                f"uur per week."
            )
    return uit


def _kader_knelpunten(ix: _Index) -> list[str]:
    uit = []
    for s in ix.invoer.scholen:
        reden = _tekort_school(ix, s)
        if reden:
            uit.append(reden)
        minimum, extra = _minimum_school(ix, s, hard=True)
        if minimum > ix.bovengrens(s):
            uit.append(_te_veel(ix, s, minimum, extra))
    uit.extend(_tekort_groepen(ix, {s.id for s in ix.invoer.scholen if not _tekort_school(ix, s)}))
    return uit


def _minimum_school(ix: _Index, s: School, *, hard: bool) -> tuple[int, bool]:
    """The fewest blocks any plan gives a school: its pins and a shortest visit of each anchor not pinned;
    with a hard frame, one more shortest visit when that is below the floor and nothing can be lengthened.
    Also says whether that extra visit was counted."""
    inst, minimum, flexibel = ix.inst, 0, False
    gepinde = set()
    for (oid, k, _d), p in ix.pins.items():
        if k == s.id:
            minimum += p.blokken
            gepinde.add(oid)
    for a in s.ankers:
        if a not in gepinde and ix.dagen[a]:
            minimum += min(min(inst.min_bezoek_blokken, dagcapaciteit(inst, d)) for d in ix.dagen[a])
            flexibel = True
    kortste = [
        min(inst.min_bezoek_blokken, dagcapaciteit(inst, d)) for o in ix.bedieners[s.id] for d in ix.dagen[o]
    ]
    if hard and minimum < ix.ondergrens(s) and not flexibel and kortste:
        return minimum + min(kortste), True
    return minimum, False


def _te_veel(ix: _Index, s: School, minimum: int, extra_bezoek: bool) -> str:
    inst = ix.inst
    gepind = sum(p.blokken for (_o, k, _d), p in ix.pins.items() if k == s.id)
    grens = f"meer dan haar kader met tolerantie ({uren(ix.bovengrens(s), inst)} uur per week)"
    if extra_bezoek:
        return (
            f"{s.naam} heeft minstens {uren(ix.ondergrens(s), inst)} uur per week nodig"
            + (f", naast {uren(gepind, inst)} uur vastgezet" if gepind else "")
            + f"; een bezoek duurt minstens {uren(inst.min_bezoek_blokken)} uur, en dat is {grens}."
        )
    if gepind >= minimum:
        return f"Vastgezette toewijzingen geven {s.naam} samen {uren(gepind, inst)} uur per week, {grens}."
    return (
        f"{s.naam} krijgt minstens {uren(minimum, inst)} uur per week: elk van haar "
        f"{'anker' if len(s.ankers) == 1 else f'{len(s.ankers)} ankers'} komt minstens één keer "
        f"(minstens {uren(inst.min_bezoek_blokken)} uur)"
        + (", naast de vastgezette toewijzingen" if gepind else "")
        + f"; {grens}."
    )


def _tekort_school(ix: _Index, s: School) -> str | None:
    """A school whose floor (frame − tolerance) is more than all who may come can offer it."""
    nodig = ix.ondergrens(s)
    if nodig == 0:
        return None
    aanbod = sum(ix.aanbod(o, s.id) for o in ix.bedieners[s.id])
    if aanbod >= nodig:
        return None
    inst = ix.inst
    wie = (
        "haar anker en de ondersteuners die er kunnen komen"
        if len(s.ankers) == 1
        else "haar ankers en de ondersteuners die er kunnen komen"
        if s.ankers
        else "de ondersteuners die er kunnen komen"
    )
    if not ix.bedieners[s.id]:
        return (
            f"{s.naam} heeft {uren(nodig, inst)} uur per week nodig ({_procent(inst)} tolerantie op "
            f"{uren(s.doel_blokken, inst)} uur), maar geen enkele ondersteuner kan er komen."
        )
    return (
        f"{s.naam} heeft {uren(nodig, inst)} uur per week nodig ({_procent(inst)} tolerantie op "
        f"{uren(s.doel_blokken, inst)} uur); {wie} bieden samen hoogstens {uren(aanbod, inst)} uur."
    )


def _tekort_groepen(ix: _Index, scholen: set[Id]) -> list[str]:
    """Schools that share their supporters (a connected group) needing more than those supporters have."""
    inst, uit, gezien = ix.inst, [], set()
    for start in ix.invoer.scholen:
        if start.id in gezien or start.id not in scholen:
            continue
        groep, mensen, rij = set(), set(), [start.id]
        while rij:
            k = rij.pop()
            if k in groep:
                continue
            groep.add(k)
            for o in ix.bedieners[k]:
                if o not in mensen:
                    mensen.add(o)
                    rij.extend(kk for kk in ix.kandidaten[o] if kk not in groep)
        gezien |= groep
        if len(groep) < 2:
            continue
        nodig = sum(ix.ondergrens(ix.scholen[k]) for k in groep)
        heeft = sum(
            min(
                ix.ondersteuners[o].capaciteit_blokken,
                sum(dagcapaciteit(inst, d) for d in ix.dagen[o]),
            )
            for o in mensen
        )
        if nodig > heeft:
            namen = [ix.scholen[k].naam for k in sorted(groep, key=ix.volgorde_s.__getitem__)]
            uit.append(
                f"De scholen {_opsomming(namen)} hebben samen minstens {uren(nodig, inst)} uur per week "
                f"nodig; de {len(mensen)} ondersteuners die er kunnen komen hebben samen hoogstens "
                f"{uren(heeft, inst)} uur."
            )
    return uit


def kaderreden(invoer: Invoer, school_id: Id, gepland_blokken: int) -> str:
    """Why a plan leaves a school outside the tolerance of its frame, in Dutch."""
    ix = _Index(invoer)
    return _kaderreden(ix, ix.scholen[school_id], gepland_blokken)


def _kaderreden(ix: _Index, s: School, gepland: int) -> str:
    inst = ix.inst
    if gepland < ix.ondergrens(s):
        tekort = _tekort_school(ix, s)
        if tekort:
            return tekort
        groepen = _tekort_groepen(ix, {s.id})
        if groepen:
            return groepen[0]
        return (
            f"{s.naam} krijgt {uren(gepland, inst)} van {uren(s.doel_blokken, inst)} uur per week: de "
            f"ondersteuners die er kunnen komen zijn elders ingezet (het plan weegt kader, reistijd en het "
            f"aantal ondersteuners af)."
        )
    if gepland > ix.bovengrens(s):
        minimum, extra = _minimum_school(ix, s, hard=False)
        if minimum > ix.bovengrens(s):
            return _te_veel(ix, s, minimum, extra)
        return (
            f"{s.naam} krijgt {uren(gepland, inst)} uur per week, meer dan haar kader "
            f"({uren(s.doel_blokken, inst)} uur)."
        )
    return ""


# -------------------------------------------------------------------------------------------------- the model


@dataclass
class _Model:
    model: cp_model.CpModel
    x: dict[tuple[Id, Id, int], cp_model.IntVar]  # supporter comes to school on day
    b: dict[tuple[Id, Id, int], cp_model.IntVar]  # blocks of that visit
    aannames: dict[int, str]  # assumption literal index → the rule it enforces, in Dutch
    literalen: dict[int, cp_model.IntVar]  # the same index → the literal, in the order of the rules


def _uitwisselbare_dagen(ix: _Index, ondersteuner_id: Id) -> list[list[int]]:
    """A supporter's days that any plan may swap: the same blocks, no pins. Groups of two or more."""
    if not ix.kandidaten[ondersteuner_id]:
        return []
    gepind = {d for (o, _k, d) in ix.pins if o == ondersteuner_id}
    groepen: dict[int, list[int]] = defaultdict(list)
    for d in ix.dagen[ondersteuner_id]:
        if d not in gepind:
            groepen[dagcapaciteit(ix.inst, d)].append(d)
    return [g for g in groepen.values() if len(g) > 1]


def _startplan(ix: _Index) -> dict[tuple[Id, Id, int], int]:
    """A quick plan that keeps the hard rules when it can, as the solver's first hint: the pins, a shortest
    visit of every anchor, then each school's frame filled by its anchors, the colleagues already there or
    working there now, then the nearest; schools with the fewest possible supporters first."""
    inst = ix.inst
    plan: dict[tuple[Id, Id, int], int] = defaultdict(int)
    op_dag: dict[tuple[Id, int], set[Id]] = defaultdict(set)
    blokken_op_dag: dict[tuple[Id, int], int] = defaultdict(int)
    totaal: dict[Id, int] = defaultdict(int)
    per_school: dict[Id, int] = defaultdict(int)

    def ruimte(o: Id, k: Id, d: int) -> int:
        if (o, k, d) in ix.pins or (k not in op_dag[o, d] and len(op_dag[o, d]) >= inst.max_scholen_per_dag):
            return 0
        vrij_dag = dagcapaciteit(inst, d) - blokken_op_dag[o, d]
        return max(0, min(vrij_dag, ix.ondersteuners[o].capaciteit_blokken - totaal[o]))

    def zet(o: Id, k: Id, d: int, n: int) -> None:
        plan[o, k, d] += n
        op_dag[o, d].add(k)
        blokken_op_dag[o, d] += n
        totaal[o] += n
        per_school[k] += n

    for (o, k, d), p in ix.pins.items():
        if d in ix.dagen[o]:
            zet(o, k, d, p.blokken)
    for s in ix.invoer.scholen:
        for a in sorted(s.ankers, key=ix.volgorde_o.__getitem__):
            if any(plan.get((a, s.id, d)) for d in ix.dagen[a]):
                continue
            dagen_ok = [d for d in ix.dagen[a] if ruimte(a, s.id, d) >= inst.min_bezoek_blokken]
            if dagen_ok:
                d = max(dagen_ok, key=lambda d, a=a, k=s.id: (ruimte(a, k, d), -d))
                zet(a, s.id, d, inst.min_bezoek_blokken)
    for s in sorted(ix.invoer.scholen, key=lambda s: (len(ix.bedieners[s.id]), ix.volgorde_s[s.id])):
        rest = s.doel_blokken - per_school[s.id]
        wie = sorted(
            ix.bedieners[s.id],
            key=lambda o, s=s: (
                o not in s.ankers,
                not any(plan.get((o, s.id, d)) for d in ix.dagen[o]),
                (o, s.id) not in ix.invoer.huidig,
                km(ix.ondersteuners[o].positie, s.positie),
            ),
        )
        for o in wie:
            for d in sorted(
                ix.dagen[o], key=lambda d, o=o, k=s.id: (k not in op_dag[o, d], -ruimte(o, k, d))
            ):
                if rest <= 0:
                    break
                n = min(rest, ruimte(o, s.id, d))
                if n > 0 and (s.id in op_dag[o, d] or n >= inst.min_bezoek_blokken):
                    zet(o, s.id, d, n)
                    rest -= n
    # The same day order as the symmetry rule: among interchangeable days, the fuller day first.
    for o in ix.invoer.ondersteuners:
        for groep in _uitwisselbare_dagen(ix, o.id):
            inhoud = sorted(
                ({k: n for (oo, k, d), n in plan.items() if oo == o.id and d == dag} for dag in groep),
                key=lambda bezoeken: -sum(bezoeken.values()),
            )
            for dag in groep:
                for k in ix.kandidaten[o.id]:
                    plan.pop((o.id, k, dag), None)
            for dag, bezoeken in zip(groep, inhoud, strict=True):
                for k, n in bezoeken.items():
                    plan[o.id, k, dag] = n
    return {sleutel: n for sleutel, n in plan.items() if n > 0}


def _bouw(ix: _Index, *, met_aannames: bool = False) -> _Model:
    inst, g = ix.inst, ix.inst.gewichten
    m = cp_model.CpModel()
    x: dict[tuple[Id, Id, int], cp_model.IntVar] = {}
    b: dict[tuple[Id, Id, int], cp_model.IntVar] = {}
    aannames: dict[int, str] = {}
    literalen: dict[int, cp_model.IntVar] = {}
    onwaar = m.new_constant(0)

    def regel(tekst: str) -> list[cp_model.IntVar]:
        """The enforcement literal of a rule that may cause infeasibility, when looking for the culprits."""
        if not met_aannames:
            return []
        lit = m.new_bool_var(tekst)
        m.add_assumption(lit)
        aannames[lit.index] = tekst
        literalen[lit.index] = lit
        return [lit]

    def onmogelijk(lits: list[cp_model.IntVar]) -> None:
        m.add(onwaar >= 1).only_enforce_if(lits)

    for o in ix.invoer.ondersteuners:
        for d in ix.dagen[o.id]:
            cap = dagcapaciteit(inst, d)
            for k in ix.kandidaten[o.id]:
                sleutel = (o.id, k, d)
                x[sleutel] = xv = m.new_bool_var(f"x[{o.id},{k},{d}]")
                # No optimal plan sends one visit beyond the frame's upper tolerance (shortening it costs
                # nothing hard and saves frame cost), except a pin: a cut that tightens the LP bound.
                hoogst = min(cap, o.capaciteit_blokken)
                if sleutel not in ix.pins:
                    hoogst = min(hoogst, max(inst.min_bezoek_blokken, ix.bovengrens(ix.scholen[k])))
                b[sleutel] = bv = m.new_int_var(0, hoogst, f"b[{o.id},{k},{d}]")
                m.add(bv <= hoogst * xv)
                pin = ix.pins.get(sleutel)
                m.add(bv >= min(inst.min_bezoek_blokken, pin.blokken if pin else cap) * xv)
            vandaag = [x[o.id, k, d] for k in ix.kandidaten[o.id]]
            if vandaag:
                m.add(sum(vandaag) <= inst.max_scholen_per_dag)
                m.add(sum(b[o.id, k, d] for k in ix.kandidaten[o.id]) <= cap)
        alles = [b[o.id, k, d] for d in ix.dagen[o.id] for k in ix.kandidaten[o.id]]
        if alles:
            m.add(sum(alles) <= o.capaciteit_blokken)
        # Symmetry: days with the same blocks and no pins are interchangeable; the earlier one carries more.
        for groep in _uitwisselbare_dagen(ix, o.id):
            for d1, d2 in itertools.pairwise(groep):
                m.add(
                    sum(b[o.id, k, d1] for k in ix.kandidaten[o.id])
                    >= sum(b[o.id, k, d2] for k in ix.kandidaten[o.id])
                )

    for p in ix.pins.values():
        o, s = ix.ondersteuners[p.ondersteuner_id], ix.scholen[p.school_id]
        lits = regel(f"de vastgezette toewijzing van {o.naam} aan {s.naam} op {dagnaam(p.dag, inst)}")
        sleutel = (p.ondersteuner_id, p.school_id, p.dag)
        if sleutel in x:
            m.add(x[sleutel] == 1).only_enforce_if(lits)
            m.add(b[sleutel] == p.blokken).only_enforce_if(lits)
        else:
            onmogelijk(lits)

    for s in ix.invoer.scholen:
        for a in sorted(s.ankers, key=ix.volgorde_o.__getitem__):
            lits = regel(f"{ix.ondersteuners[a].naam} komt als anker naar {s.naam}")
            bezoeken = [x[a, s.id, d] for d in ix.dagen[a] if (a, s.id, d) in x]
            if bezoeken:
                m.add(sum(bezoeken) >= 1).only_enforce_if(lits)
            else:
                onmogelijk(lits)

    kosten = []
    per_school: dict[Id, list[cp_model.IntVar]] = defaultdict(list)
    per_paar: dict[tuple[Id, Id], list[cp_model.IntVar]] = defaultdict(list)
    for (oid, k, d), xv in x.items():
        per_school[k].append(b[oid, k, d])
        per_paar[oid, k].append(xv)
        kosten.append(g.reistijd * km_retour(ix.ondersteuners[oid], ix.scholen[k]) * xv)

    for s in ix.invoer.scholen:
        totaal = sum(per_school[s.id])
        hoogst = sum(dagcapaciteit(inst, d) for d in dagen(inst)) * max(1, len(ix.bedieners[s.id]))
        binnen = m.new_int_var(0, ix.tol[s.id], f"binnen[{s.id}]")
        buiten = m.new_int_var(0, max(s.doel_blokken, hoogst), f"buiten[{s.id}]")
        m.add(binnen + buiten >= totaal - s.doel_blokken)
        m.add(binnen + buiten >= s.doel_blokken - totaal)
        kosten.append(g.kader * binnen + g.kader * BUITEN_TOLERANTIE_FACTOR * buiten)
        if inst.kader_hard:
            lits = regel(
                f"{s.naam} krijgt {uren(ix.ondergrens(s), inst)} tot {uren(ix.bovengrens(s), inst)} uur "
                f"per week"
            )
            if per_school[s.id]:
                m.add(totaal >= ix.ondergrens(s)).only_enforce_if(lits)
                m.add(totaal <= ix.bovengrens(s)).only_enforce_if(lits)
            elif ix.ondergrens(s) > 0:
                onmogelijk(lits)

    for (oid, k), xs in per_paar.items():
        anker = oid in ix.scholen[k].ankers
        y = m.new_bool_var(f"y[{oid},{k}]")
        m.add_max_equality(y, xs)
        # Another cut from the same argument: beyond the frame's upper tolerance, a supporter's visits to a
        # school are shortened to the shortest visit, or dropped but one; pins excepted.
        gepind = sum(p.blokken for (o, kk, _d), p in ix.pins.items() if o == oid and kk == k)
        hoogst = min(
            ix.ondersteuners[oid].capaciteit_blokken,
            max(ix.bovengrens(ix.scholen[k]), gepind + inst.min_bezoek_blokken),
        )
        m.add(sum(b[oid, k, d] for d in ix.dagen[oid]) <= hoogst * y)
        if not anker:
            kosten.append(g.ondersteuners_per_school * y)
        if (oid, k) in ix.invoer.huidig:
            kosten.append(g.continuiteit * (1 - y))

    m.minimize(sum(kosten))
    return _Model(m, x, b, aannames, literalen)


class _Terugmelder(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution, and each better bound once there is a solution, to `voortgang`."""

    def __init__(self, voortgang: Voortgang | None):
        super().__init__()
        self.voortgang = voortgang
        self.oplossingen = 0
        self.objectief: int | None = None
        self.grens: int | None = None
        self.begin = time.perf_counter()
        self.slot = threading.Lock()

    def on_solution_callback(self) -> None:
        with self.slot:
            self.oplossingen += 1
            self.objectief = round(self.objective_value)
            self.grens = round(self.best_objective_bound)
            self._meld()

    def betere_grens(self, grens: float) -> None:
        with self.slot:
            self.grens = round(grens)
            if self.objectief is not None:
                self._meld()

    def _meld(self) -> None:
        if self.voortgang is not None and self.objectief is not None and self.grens is not None:
            self.voortgang(self.objectief, self.grens, time.perf_counter() - self.begin)


def los_op(invoer: Invoer, *, voortgang: Voortgang | None = None, voorcontrole: bool = True) -> Uitkomst:
    """The best plan CP-SAT finds within the time limit.

    `voortgang(objectief, grens, seconden)` is called on every improving solution and every better bound
    after the first solution, from the solver's threads, one call at a time (throttle database writes in
    it). With `voorcontrole` (the default) the pre-check's proofs of
    infeasibility are returned without searching.
    """
    begin = time.perf_counter()
    ix = _Index(invoer)
    inst = ix.inst
    if voorcontrole:
        redenen = knelpunten(invoer)
        if redenen:
            return Uitkomst("onhaalbaar", redenen=tuple(redenen), seconden=time.perf_counter() - begin)
    gebouwd = _bouw(ix)
    start = _startplan(ix)
    for sleutel, xv in gebouwd.x.items():
        gebouwd.model.add_hint(xv, sleutel in start)
        gebouwd.model.add_hint(gebouwd.b[sleutel], start.get(sleutel, 0))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = inst.tijdslimiet_s
    solver.parameters.num_workers = inst.workers
    solver.parameters.random_seed = inst.seed
    terug = _Terugmelder(voortgang)
    solver.best_bound_callback = terug.betere_grens
    status = solver.solve(gebouwd.model, terug)
    seconden = time.perf_counter() - begin

    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        regels = tuple(
            sorted(
                (
                    Regel(oid, k, d, solver.value(gebouwd.b[oid, k, d]))
                    for (oid, k, d), xv in gebouwd.x.items()
                    if solver.boolean_value(xv)
                ),
                key=lambda r: (ix.volgorde_o[r.ondersteuner_id], r.dag, ix.volgorde_s[r.school_id]),
            )
        )
        objectief, grens = round(solver.objective_value), round(solver.best_objective_bound)
        per_school = {s.id: 0 for s in invoer.scholen}
        for r in regels:
            per_school[r.school_id] += r.blokken
        return Uitkomst(
            "optimaal" if status == cp_model.OPTIMAL else "haalbaar",
            regels=regels,
            objectief=objectief,
            grens=grens,
            gap=abs(objectief - grens) / max(abs(objectief), 1),
            seconden=seconden,
            oplossingen=max(terug.oplossingen, 1),
            per_school=per_school,
            kengetallen=_kengetallen(ix, regels),
        )
    if status == cp_model.INFEASIBLE:
        redenen = knelpunten(invoer) or _kern(ix)
        return Uitkomst("onhaalbaar", redenen=tuple(redenen), seconden=time.perf_counter() - begin)
    if status == cp_model.MODEL_INVALID:
        raise PlanningFout(f"Het model is ongeldig: {gebouwd.model.validate()}")
    return Uitkomst(
        "geen_oplossing",
        redenen=(
            f"Binnen de tijdslimiet van {inst.tijdslimiet_s:g} seconden vond de planner geen plan; "
            f"geef meer tijd of maak de opdracht kleiner (minder vastgezette toewijzingen of scholen).",
        ),
        seconden=seconden,
    )


def _kern(ix: _Index) -> list[str]:
    """The rules that exclude each other: a second solve with one assumption per anchor, pin and (hard) frame
    gives a core, which is then shrunk by dropping one rule at a time while the rest stays infeasible."""
    gebouwd = _bouw(ix, met_aannames=True)
    eind = time.perf_counter() + min(10.0, ix.inst.tijdslimiet_s)

    def kern_van(indices: list[int]) -> list[int] | None:
        """A core within `indices` when infeasible is proven in time, else None."""
        rest = eind - time.perf_counter()
        if rest <= 0:
            return None
        gebouwd.model.clear_assumptions()
        gebouwd.model.add_assumptions([gebouwd.literalen[i] for i in indices])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = rest
        solver.parameters.num_workers = 1  # a core of assumptions comes from a single worker
        solver.parameters.random_seed = ix.inst.seed
        if solver.solve(gebouwd.model) != cp_model.INFEASIBLE:
            return None
        kern = set(solver.sufficient_assumptions_for_infeasibility())
        return [i for i in indices if i in kern] or indices

    kern = kern_van(list(gebouwd.literalen))
    if not kern:
        return ["De combinatie van vastgezette toewijzingen en ankers laat geen plan toe."]
    i = 0
    while i < len(kern):
        kleiner = kern_van(kern[:i] + kern[i + 1 :])
        if kleiner is None:
            i += 1  # this rule is needed (or time is up)
        else:
            kern = kleiner
    return [
        "Deze regels samen laten geen plan toe: "
        + "; ".join(gebouwd.aannames[i] for i in kern)
        + ". Maak er één los om een plan te krijgen."
    ]


# ------------------------------------------------------------------------------------------ baseline, figures


def basislijn(invoer: Invoer) -> list[Regel]:
    """The hand-made plan: pins first, then each school's first anchor does all its remaining hours.

    The anchor's days are filled greedily, the day with the most blocks free first (so whole days before
    pieces), within the day's blocks and the anchor's capacity, and ignoring the rule of at most two schools
    a day: that is what the solver is compared with. Hours an anchor cannot give are left open.
    """
    ix = _Index(invoer)
    inst = ix.inst
    blokken: dict[tuple[Id, Id, int], int] = defaultdict(int)
    per_dag: dict[tuple[Id, int], int] = defaultdict(int)
    per_ondersteuner: dict[Id, int] = defaultdict(int)
    per_school: dict[Id, int] = defaultdict(int)
    for p in ix.pins.values():
        blokken[p.ondersteuner_id, p.school_id, p.dag] += p.blokken
        per_dag[p.ondersteuner_id, p.dag] += p.blokken
        per_ondersteuner[p.ondersteuner_id] += p.blokken
        per_school[p.school_id] += p.blokken
    volgorde = sorted(invoer.scholen, key=lambda s: (-s.doel_blokken, ix.volgorde_s[s.id]))
    for s in volgorde:
        if not s.ankers:
            continue
        a = ix.ondersteuners[min(s.ankers, key=ix.volgorde_o.__getitem__)]
        rest = s.doel_blokken - per_school[s.id]
        while rest > 0:
            ruimte = a.capaciteit_blokken - per_ondersteuner[a.id]
            vrij = [(dagcapaciteit(inst, d) - per_dag[a.id, d], -d) for d in ix.dagen[a.id]]
            if ruimte <= 0 or not vrij or max(vrij)[0] <= 0:
                break
            vrije, min_d = max(vrij)
            d, n = -min_d, min(rest, vrije, ruimte)
            blokken[a.id, s.id, d] += n
            per_dag[a.id, d] += n
            per_ondersteuner[a.id] += n
            per_school[s.id] += n
            rest -= n
    return sorted(
        (Regel(o, k, d, n) for (o, k, d), n in blokken.items() if n > 0),
        key=lambda r: (ix.volgorde_o[r.ondersteuner_id], r.dag, ix.volgorde_s[r.school_id]),
    )


def kengetallen(invoer: Invoer, regels: Iterable[Regel]) -> dict:
    """Figures to compare plans (JSON-ready, ids as strings):

    - bezoeken: number of visits; dagen_boven_max: supporter-days with more than the maximum of schools;
    - ondersteuners_per_school: mean and max number of different supporters over all schools;
    - km_per_week: every visit a return trip from the supporter's position (0 when unknown);
    - scholen_onder_tolerantie / scholen_boven_tolerantie and buiten_tolerantie (per school, with a reason);
    - ankers_zonder_bezoek; overboekt (supporters planned beyond capacity); ondersteuners: planned blocks
      against capacity per supporter.
    """
    return _kengetallen(_Index(invoer), list(regels))


def _kengetallen(ix: _Index, regels: Sequence[Regel]) -> dict:
    inst = ix.inst
    scholen_per_dag: dict[tuple[Id, int], set[Id]] = defaultdict(set)
    wie_per_school: dict[Id, set[Id]] = defaultdict(set)
    gepland_o: dict[Id, int] = defaultdict(int)
    gepland_s: dict[Id, int] = defaultdict(int)
    kilometers = 0.0
    for r in regels:
        scholen_per_dag[r.ondersteuner_id, r.dag].add(r.school_id)
        wie_per_school[r.school_id].add(r.ondersteuner_id)
        gepland_o[r.ondersteuner_id] += r.blokken
        gepland_s[r.school_id] += r.blokken
        kilometers += 2 * km(ix.ondersteuners[r.ondersteuner_id].positie, ix.scholen[r.school_id].positie)
    aantallen = [len(wie_per_school[s.id]) for s in ix.invoer.scholen]
    buiten = []
    for s in ix.invoer.scholen:
        gepland = gepland_s[s.id]
        if gepland < ix.ondergrens(s) or gepland > ix.bovengrens(s):
            buiten.append(
                {
                    "school": str(s.id),
                    "naam": s.naam,
                    "doel_blokken": s.doel_blokken,
                    "gepland_blokken": gepland,
                    "richting": "onder" if gepland < ix.ondergrens(s) else "boven",
                    "reden": _kaderreden(ix, s, gepland),
                }
            )
    return {
        "bezoeken": len(regels),
        "dagen_boven_max": sum(1 for v in scholen_per_dag.values() if len(v) > inst.max_scholen_per_dag),
        "ondersteuners_per_school": {
            "gemiddeld": round(sum(aantallen) / len(aantallen), 2) if aantallen else 0.0,
            "max": max(aantallen, default=0),
        },
        "km_per_week": round(kilometers / inst.cyclus_weken, 1),
        "scholen_onder_tolerantie": sum(1 for b in buiten if b["richting"] == "onder"),
        "scholen_boven_tolerantie": sum(1 for b in buiten if b["richting"] == "boven"),
        "buiten_tolerantie": buiten,
        "ankers_zonder_bezoek": sum(
            1 for s in ix.invoer.scholen for a in s.ankers if a not in wie_per_school[s.id]
        ),
        "overboekt": sum(1 for o in ix.invoer.ondersteuners if gepland_o[o.id] > o.capaciteit_blokken),
        "ondersteuners": {
            str(o.id): {"gepland": gepland_o[o.id], "capaciteit": o.capaciteit_blokken}
            for o in ix.invoer.ondersteuners
        },
    }
