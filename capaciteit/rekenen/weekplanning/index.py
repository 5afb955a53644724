"""The solver's input checked and indexed once: who can go where on which days, the pins, the frames, what
the running trajectories ask."""

from collections import defaultdict

from capaciteit.rekenen.weekplanning.typen import (
    Id,
    Instellingen,
    Invoer,
    Pin,
    PlanningFout,
    School,
    beschikbare_dagen,
    dagcapaciteit,
    tolerantie_blokken,
)


class _Index:
    """The input checked and looked up once: who can go where on which days, the pins, the frames."""

    def __init__(self, invoer: Invoer, vast: dict[Id, int] | None = None):
        self.invoer = invoer
        # School → blocks that supporters outside this input give it, fixed: a part of a network solved on its
        # own, where other teams' supporters keep their visits (`perteam`). They count for its frame.
        self.vast = vast or {}
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
        for (o, k), n in invoer.vraag.items():
            if o not in self.ondersteuners or k not in self.scholen:
                raise PlanningFout(
                    f"Een traject verwijst naar een onbekende ondersteuner of school ({o} → {k})."
                )
            if n < 0:
                raise PlanningFout("De afgesproken tijd van een traject kan niet negatief zijn.")
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
        # Who may serve which school: their candidates, the schools they anchor, the schools pinned to them,
        # the schools of their running trajectories.
        self.kandidaten: dict[Id, list[Id]] = {}
        for o in invoer.ondersteuners:
            ids = {k for k in o.kandidaten if k in self.scholen}
            ids |= set(self.ankers_van[o.id])
            ids |= {p.school_id for p in invoer.pins if p.ondersteuner_id == o.id}
            ids |= {k for (oo, k), n in invoer.vraag.items() if oo == o.id and n > 0}
            self.kandidaten[o.id] = sorted(ids, key=self.volgorde_s.__getitem__)
        self.bedieners: dict[Id, list[Id]] = defaultdict(list)  # school → supporters who may come
        for o in invoer.ondersteuners:
            if self.dagen[o.id]:
                for k in self.kandidaten[o.id]:
                    self.bedieners[k].append(o.id)
        self.tol = {s.id: tolerantie_blokken(s, inst) for s in invoer.scholen}
        # What the trajectories ask, capped at what the supporter can give that school in any plan the
        # objective prefers (`paar_hoogst`): a block that cannot be planned costs nothing, so the soft demand
        # never changes which plans are best beyond what is possible, and the model's cuts stay valid.
        self.vraag: dict[tuple[Id, Id], int] = {}
        for (o, k), n in invoer.vraag.items():
            if n > 0 and self.dagen[o]:
                gevraagd = min(n, self.aanbod(o, k), self.paar_hoogst(o, k))
                if gevraagd > 0:
                    self.vraag[o, k] = gevraagd

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

    def paar_hoogst(self, ondersteuner_id: Id, school_id: Id) -> int:
        """The most blocks a supporter gives one school in a plan the objective prefers: no more than the
        frame's upper tolerance (or their pins there and one shortest visit), nor than their capacity."""
        gepind = sum(
            p.blokken for (o, k, _d), p in self.pins.items() if o == ondersteuner_id and k == school_id
        )
        return min(
            self.ondersteuners[ondersteuner_id].capaciteit_blokken,
            max(self.bovengrens(self.scholen[school_id]), gepind + self.inst.min_bezoek_blokken),
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
