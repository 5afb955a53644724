"""Why no plan can exist, or why a plan leaves a school outside its frame: Dutch sentences that name the
school or supporter. Every message of `knelpunten` is a proof (a necessary condition that fails)."""

from collections import defaultdict

from capaciteit.rekenen.weekplanning.index import _Index
from capaciteit.rekenen.weekplanning.typen import (
    Id,
    Invoer,
    Pin,
    School,
    _opsomming,
    _procent,
    dagcapaciteit,
    dagen,
    dagnaam,
    uren,
)


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
    cyclus = inst.cyclus_weken
    for p in ix.dubbele_pins:
        o, s = ix.ondersteuners[p.ondersteuner_id], ix.scholen[p.school_id]
        uit.append(
            f"{o.naam} is twee keer vastgezet bij {s.naam} op {dagnaam(p.dag, cyclus)}, met een andere duur."
        )
    for p in ix.pins.values():
        o, s = ix.ondersteuners[p.ondersteuner_id], ix.scholen[p.school_id]
        wat = f"De vastgezette toewijzing van {o.naam} aan {s.naam}"
        if p.dag not in dagen(inst):
            uit.append(f"{wat} valt buiten de cyclus van {inst.cyclus_weken} week (dag {p.dag}).")
        elif p.dag % 5 not in o.werkdagen:
            uit.append(f"{wat} valt op {dagnaam(p.dag, cyclus)}, maar {o.naam} werkt dan niet.")
        elif p.dag in o.onbeschikbaar:
            uit.append(f"{wat} valt op {dagnaam(p.dag, cyclus)}, maar {o.naam} is dan onbeschikbaar.")
        elif dagcapaciteit(inst, p.dag) == 0:
            uit.append(f"{wat} valt op {dagnaam(p.dag, cyclus)}, de collegiale dag die vrij blijft.")
    per_dag: dict[tuple[Id, int], list[Pin]] = defaultdict(list)
    for p in ix.pins.values():
        per_dag[p.ondersteuner_id, p.dag].append(p)
    for (oid, d), pins in per_dag.items():
        o, cap = ix.ondersteuners[oid], dagcapaciteit(inst, d)
        if len(pins) > inst.max_scholen_per_dag:
            uit.append(
                f"{o.naam} is op {dagnaam(d, cyclus)} vastgezet bij {len(pins)} scholen; "
                f"hoogstens {inst.max_scholen_per_dag} per dag."
            )
        totaal = sum(p.blokken for p in pins)
        if 0 < cap < totaal:
            uit.append(
                f"De vastgezette toewijzingen van {o.naam} op {dagnaam(d, cyclus)} duren samen "
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
