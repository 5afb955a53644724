"""Figures to compare plans, and the hand-made baseline they are compared with."""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from capaciteit.rekenen.cijfers import BLOK_MINUTEN
from capaciteit.rekenen.weekplanning.index import _Index
from capaciteit.rekenen.weekplanning.knelpunten import _kaderreden
from capaciteit.rekenen.weekplanning.typen import Id, Invoer, Positie, Regel, dagcapaciteit, km


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


def route_km(thuis: Positie | None, scholen: Sequence[Positie | None]) -> float:
    """A supporter's day as one trip: from home to the nearest of the day's schools, on to the nearest one
    left, and back home (two schools a day: the order does not matter). A leg to or from an unknown
    position counts 0, as `km` does."""
    rest = list(scholen)
    hier, totaal = thuis, 0.0
    while rest:
        volgende = min(rest, key=lambda p: km(hier, p) if hier is not None and p is not None else math.inf)
        rest.remove(volgende)
        totaal += km(hier, volgende)
        hier = volgende if volgende is not None else hier
    return totaal + km(hier, thuis)


def kengetallen(invoer: Invoer, regels: Iterable[Regel]) -> dict:
    """Figures to compare plans (JSON-ready, ids as strings):

    - bezoeken: number of visits; dagen_boven_max: supporter-days with more than the maximum of schools;
    - ondersteuners_per_school: mean and max number of different supporters over all schools;
    - km_per_week: each supporter's day as one route, home → the day's schools → home (`route_km`; a leg with
      an unknown position counts 0);
    - scholen_onder_tolerantie / scholen_boven_tolerantie and buiten_tolerantie (per school, with a reason);
    - ankers_zonder_bezoek; overboekt (supporters planned beyond capacity); ondersteuners: planned blocks
      against capacity per supporter;
    - trajecten: the blocks per cycle the running trajectories ask (`gevraagd`, as the input gives them, not
      capped) and how many of them the plan gives (`gedekt`: per supporter and school, the planned blocks up
      to the demand); trajecturen_niet_gedekt: the rest, in hours per week.
    """
    return _kengetallen(_Index(invoer), list(regels))


def _kengetallen(ix: _Index, regels: Sequence[Regel]) -> dict:
    inst = ix.inst
    scholen_per_dag: dict[tuple[Id, int], set[Id]] = defaultdict(set)
    wie_per_school: dict[Id, set[Id]] = defaultdict(set)
    gepland_o: dict[Id, int] = defaultdict(int)
    gepland_s: dict[Id, int] = defaultdict(int)
    gepland_paar: dict[tuple[Id, Id], int] = defaultdict(int)
    for r in regels:
        gepland_paar[r.ondersteuner_id, r.school_id] += r.blokken
        scholen_per_dag[r.ondersteuner_id, r.dag].add(r.school_id)
        wie_per_school[r.school_id].add(r.ondersteuner_id)
        gepland_o[r.ondersteuner_id] += r.blokken
        gepland_s[r.school_id] += r.blokken
    kilometers = sum(
        route_km(ix.ondersteuners[o].positie, [ix.scholen[s].positie for s in scholen])
        for (o, _dag), scholen in scholen_per_dag.items()
    )
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
    gevraagd = sum(n for n in ix.invoer.vraag.values() if n > 0)
    gedekt = sum(min(n, gepland_paar[paar]) for paar, n in ix.invoer.vraag.items() if n > 0)
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
        "trajecten": {"gevraagd": gevraagd, "gedekt": gedekt},
        "trajecturen_niet_gedekt": round((gevraagd - gedekt) * BLOK_MINUTEN / 60 / inst.cyclus_weken, 2),
    }
