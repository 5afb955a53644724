"""The CP-SAT model: hard rules as constraints, the soft ones as a weighted objective, a quick start plan
as a hint, progress reported while it searches; when it proves infeasibility the pre-check did not see, a
second solve with assumptions names the rules that exclude each other."""

import itertools
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from capaciteit.rekenen.weekplanning.index import _Index
from capaciteit.rekenen.weekplanning.kengetallen import _kengetallen
from capaciteit.rekenen.weekplanning.knelpunten import knelpunten
from capaciteit.rekenen.weekplanning.typen import (
    BUITEN_TOLERANTIE_FACTOR,
    Id,
    Invoer,
    PlanningFout,
    Regel,
    Status,
    Uitkomst,
    Voortgang,
    dagcapaciteit,
    dagen,
    dagnaam,
    km,
    km_retour,
    uren,
)


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
    working there now, then the nearest; schools with the fewest possible supporters first. The trajectories'
    demands are placed after the anchors' visits, before the frames are filled."""
    inst = ix.inst
    plan: dict[tuple[Id, Id, int], int] = defaultdict(int)
    op_dag: dict[tuple[Id, int], set[Id]] = defaultdict(set)
    blokken_op_dag: dict[tuple[Id, int], int] = defaultdict(int)
    totaal: dict[Id, int] = defaultdict(int)
    per_school: dict[Id, int] = defaultdict(int, ix.vast)

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
    # What the running trajectories ask, the largest demand first, on the days with most room.
    for (o, k), gevraagd in sorted(ix.vraag.items(), key=lambda item: (-item[1], ix.volgorde_o[item[0][0]])):
        rest = gevraagd - sum(plan.get((o, k, d), 0) for d in ix.dagen[o])
        for d in sorted(ix.dagen[o], key=lambda d, o=o, k=k: (k not in op_dag[o, d], -ruimte(o, k, d))):
            n = min(rest, ruimte(o, k, d))
            if rest > 0 and n > 0 and (k in op_dag[o, d] or n >= inst.min_bezoek_blokken):
                zet(o, k, d, n)
                rest -= n
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
        dag = dagnaam(p.dag, inst.cyclus_weken)
        lits = regel(f"de vastgezette toewijzing van {o.naam} aan {s.naam} op {dag}")
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
        totaal = sum(per_school[s.id]) + ix.vast.get(s.id, 0)
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
            elif not ix.ondergrens(s) <= ix.vast.get(s.id, 0) <= ix.bovengrens(s):
                onmogelijk(lits)

    for (oid, k), xs in per_paar.items():
        anker = oid in ix.scholen[k].ankers
        y = m.new_bool_var(f"y[{oid},{k}]")
        m.add_max_equality(y, xs)
        # Another cut from the same argument: beyond the frame's upper tolerance, a supporter's visits to a
        # school are shortened to the shortest visit, or dropped but one; pins excepted. (A trajectory's
        # demand is capped at this bound, `_Index.vraag`, so shortening never leaves it short.)
        samen = sum(b[oid, k, d] for d in ix.dagen[oid])
        m.add(samen <= ix.paar_hoogst(oid, k) * y)
        if not anker:
            kosten.append(g.ondersteuners_per_school * y)
        if (oid, k) in ix.invoer.huidig:
            kosten.append(g.continuiteit * (1 - y))
        if (gevraagd := ix.vraag.get((oid, k), 0)) > 0:
            tekort = m.new_int_var(0, gevraagd, f"tekort[{oid},{k}]")
            m.add(tekort >= gevraagd - samen)
            kosten.append(g.traject * tekort)

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


@dataclass
class _Gevonden:
    """What one CP-SAT search found: its status (cp_model's), and the plan, objective and bound if any."""

    status: int
    regels: tuple[Regel, ...] = ()
    objectief: int | None = None
    grens: int | None = None
    oplossingen: int = 0
    model: _Model | None = None

    @property
    def heeft_plan(self) -> bool:
        return self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _zoek(
    ix: _Index,
    *,
    tijdslimiet_s: float,
    workers: int,
    hint: dict[tuple[Id, Id, int], int] | None = None,
    terug: "_Terugmelder | None" = None,
    linearisatie: int | None = None,
) -> _Gevonden:
    """One CP-SAT search on the model of `ix`, hinted with `hint` (the quick start plan when None);
    `linearisatie` sets CP-SAT's linearization_level (its default, 1, when None)."""
    gebouwd = _bouw(ix)
    start = _startplan(ix) if hint is None else hint
    for sleutel, xv in gebouwd.x.items():
        gebouwd.model.add_hint(xv, sleutel in start)
        gebouwd.model.add_hint(gebouwd.b[sleutel], start.get(sleutel, 0))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = tijdslimiet_s
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = ix.inst.seed
    if linearisatie is not None:
        solver.parameters.linearization_level = linearisatie
    if terug is not None:
        solver.best_bound_callback = terug.betere_grens
    status = solver.solve(gebouwd.model, terug)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _Gevonden(status, model=gebouwd)
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
    return _Gevonden(
        status,
        regels,
        round(solver.objective_value),
        round(solver.best_objective_bound),
        oplossingen=max(terug.oplossingen if terug else 0, 1),
        model=gebouwd,
    )


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
    terug = _Terugmelder(voortgang)
    gevonden = _zoek(ix, tijdslimiet_s=inst.tijdslimiet_s, workers=inst.workers, terug=terug)
    seconden = time.perf_counter() - begin

    if gevonden.heeft_plan:
        return _uitkomst(
            ix,
            "optimaal" if gevonden.status == cp_model.OPTIMAL else "haalbaar",
            gevonden.regels,
            gevonden.objectief,
            gevonden.grens,
            seconden=seconden,
            oplossingen=gevonden.oplossingen,
        )
    if gevonden.status == cp_model.INFEASIBLE:
        redenen = knelpunten(invoer) or _kern(ix)
        return Uitkomst("onhaalbaar", redenen=tuple(redenen), seconden=time.perf_counter() - begin)
    if gevonden.status == cp_model.MODEL_INVALID:
        raise PlanningFout(f"Het model is ongeldig: {gevonden.model.model.validate()}")
    return _geen_oplossing(inst.tijdslimiet_s, seconden)


def _uitkomst(
    ix: _Index,
    status: Status,
    regels: tuple[Regel, ...],
    objectief: int,
    grens: int,
    *,
    seconden: float,
    oplossingen: int,
    kengetallen: dict | None = None,
) -> Uitkomst:
    per_school = {s.id: 0 for s in ix.invoer.scholen}
    for r in regels:
        per_school[r.school_id] += r.blokken
    return Uitkomst(
        status,
        regels=regels,
        objectief=objectief,
        grens=grens,
        gap=abs(objectief - grens) / max(abs(objectief), 1),
        seconden=seconden,
        oplossingen=oplossingen,
        per_school=per_school,
        kengetallen={**_kengetallen(ix, regels), **(kengetallen or {})},
    )


def _geen_oplossing(tijdslimiet_s: float, seconden: float) -> Uitkomst:
    return Uitkomst(
        "geen_oplossing",
        redenen=(
            f"Binnen de tijdslimiet van {tijdslimiet_s:g} seconden vond de planner geen plan; "
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
