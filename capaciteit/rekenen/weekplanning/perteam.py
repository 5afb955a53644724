"""The week plan solved per regio team, the teams side by side: the same input and outcome as `los_op`.

A network's regio teams share little: a supporter may come to the schools of their own team, and only a
running trajectory brings them to a school of another team. Every term of the objective belongs to one
school (its frame, each visit's km, each supporter there beyond its anchors, each current pair there not
kept, each block a trajectory there is planned short), so the objective splits over the teams of the
schools; only a supporter who works in two teams ties two teams' problems together (their days, their
blocks a day and their capacity).

1. The teams are read from the input (`teams`), or given.
2. Relaxed: each team is solved on its own schools with every supporter who may come there, each with their
   full week (a supporter of two teams is counted twice, once in each). Each team's problem is a relaxation
   of the network's problem restricted to that team's schools, so **the sum of the teams' bounds is a lower
   bound on the whole network's optimum**: an honest bound for the whole problem, not only for a plan with
   the cross-team visits fixed.
3. Joined: the teams' plans together. When no supporter of two teams is planned beyond a day's schools or
   blocks or their capacity, the joined plan keeps every hard rule and is the plan. Otherwise the visits
   such supporters make outside their own team (the team with most of their schools) are fixed as planned,
   and their own team is solved again with what is left of their days and capacity (`_Index.extern`); the
   visits of other teams' supporters at that team's schools stay as the relaxed plan had them.
4. The objective of the joined plan is recomputed for the whole network (`kosten`), and the gap is measured
   against the bound of step 2: the gap is a proven gap of the whole problem.

The teams are solved in parallel, one CP-SAT worker each, as many at a time as `instellingen.workers`. When a
team has no plan in time, or a team's problem has none at all, the network is solved in one piece
(`los_op`) with the time that is left, so the outcome is never worse than having no plan, and the reasons
for an impossible plan are the same as `los_op` gives.
"""

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from capaciteit.rekenen.weekplanning.index import _Index
from capaciteit.rekenen.weekplanning.knelpunten import knelpunten
from capaciteit.rekenen.weekplanning.model import _Gevonden, _uitkomst, _zoek, los_op
from capaciteit.rekenen.weekplanning.regels import schendingen
from capaciteit.rekenen.weekplanning.typen import (
    BUITEN_TOLERANTIE_FACTOR,
    Id,
    Invoer,
    Regel,
    Uitkomst,
    Voortgang,
    dagcapaciteit,
    km_retour,
)

# Shares of the time limit: the first round gives every team an equal share of this part, a second round
# gives the teams without a proof of optimality the rest of the relaxed part; repairs get what is left.
EERSTE_RONDE = 0.3
ONTSPANNEN = 0.6
# A team's problem is small enough for CP-SAT's fuller LP (linearization_level 2: every constraint, the
# "y = max(x)" of a supporter at a school included, in the LP): on one worker it proves most teams of the
# benchmark optimal in seconds, where the default LP leaves a team 25-35 % from its bound.
LINEARISATIE = 2
# The most teams solved again together as one cluster in the repair (see `los_op_per_team`).
GROOTSTE_CLUSTER = 3


def teams(invoer: Invoer) -> list[list[Id]]:
    """The schools grouped in regio teams, read from who may come where.

    Two schools are in one team when at least half of the supporters who may come to either may come to both
    (transitively). The service offers each supporter the schools of their regio team and those of their own
    running trajectories, so the teams come back as they are, the trajectories in another team being the
    exceptions: a team of eight shares one supporter with its neighbour's school, not four. Schools nobody
    may come to form a team of their own. The teams and their schools are in input order.
    """
    ix = _Index(invoer)
    wie: dict[Id, set[Id]] = defaultdict(set)
    for o, scholen in ix.kandidaten.items():
        for k in scholen:
            wie[k].add(o)
    ouder = {s.id: s.id for s in invoer.scholen}

    def wortel(k: Id) -> Id:
        while ouder[k] != k:
            ouder[k] = ouder[ouder[k]]
            k = ouder[k]
        return k

    for scholen in ix.kandidaten.values():
        for i, a in enumerate(scholen):
            for b in scholen[i + 1 :]:
                if wortel(a) != wortel(b) and 2 * len(wie[a] & wie[b]) >= len(wie[a] | wie[b]):
                    ouder[max(wortel(a), wortel(b), key=ix.volgorde_s.__getitem__)] = min(
                        wortel(a), wortel(b), key=ix.volgorde_s.__getitem__
                    )
    groepen: dict[Id, list[Id]] = defaultdict(list)
    for s in invoer.scholen:
        groepen[wortel(s.id)].append(s.id)
    return list(groepen.values())


def kosten(invoer: Invoer, regels: list[Regel] | tuple[Regel, ...]) -> int:
    """The objective `los_op` minimises, computed from a plan alone (the same terms, the same weights)."""
    ix = _Index(invoer)
    g = ix.inst.gewichten
    totaal = 0
    per_school: Counter[Id] = Counter()
    paren = set()
    per_paar: Counter[tuple[Id, Id]] = Counter()
    for r in regels:
        per_school[r.school_id] += r.blokken
        paren.add((r.ondersteuner_id, r.school_id))
        per_paar[r.ondersteuner_id, r.school_id] += r.blokken
        totaal += g.reistijd * km_retour(ix.ondersteuners[r.ondersteuner_id], ix.scholen[r.school_id])
    for s in invoer.scholen:
        afwijking = abs(per_school[s.id] - s.doel_blokken)
        binnen = min(afwijking, ix.tol[s.id])
        totaal += g.kader * binnen + g.kader * BUITEN_TOLERANTIE_FACTOR * (afwijking - binnen)
    for o, k in paren:
        if o not in ix.scholen[k].ankers:
            totaal += g.ondersteuners_per_school
    for o, k in invoer.huidig:
        # A pair costs continuity only when the supporter could come at all (as in the model).
        if o in ix.ondersteuners and k in ix.kandidaten[o] and ix.dagen[o] and (o, k) not in paren:
            totaal += g.continuiteit
    for paar, gevraagd in ix.vraag.items():
        totaal += g.traject * max(0, gevraagd - per_paar[paar])
    return totaal


@dataclass
class _Team:
    scholen: list[Id]
    gevonden: _Gevonden | None = None  # the best relaxed plan so far
    grens: int | None = None  # the best bound so far on the team's relaxed problem

    @property
    def bewezen(self) -> bool:
        g = self.gevonden
        return g is not None and g.heeft_plan and self.grens is not None and self.grens >= g.objectief


def _ontspannen(invoer: Invoer, ix: _Index, scholen: list[Id]) -> Invoer:
    """The relaxed problem of a team: its schools, every supporter who may come there with their full week."""
    hier = set(scholen)
    return Invoer(
        [
            replace(o, kandidaten=frozenset(ix.kandidaten[o.id]) & hier)
            for o in invoer.ondersteuners
            if hier.intersection(ix.kandidaten[o.id])
        ],
        [ix.scholen[k] for k in scholen],
        invoer.instellingen,
        huidig=frozenset((o, k) for o, k in invoer.huidig if k in hier),
        pins=tuple(p for p in invoer.pins if p.school_id in hier),
        # Capped as in the whole network: a team's supporter has no pins elsewhere here, and a larger cap
        # would cost the team more than the network and break the bound.
        vraag={(o, k): n for (o, k), n in ix.vraag.items() if k in hier},
    )


def _thuisteam(ix: _Index, team_van: Mapping[Id, int]) -> dict[Id, int]:
    """Each supporter's own team: the one with most of the schools they may come to (then of their anchor
    schools, then the first)."""
    thuis = {}
    for o, scholen in ix.kandidaten.items():
        if scholen:
            tel = Counter(team_van[k] for k in scholen)
            ankers = Counter(team_van[k] for k in ix.ankers_van[o])
            thuis[o] = min(tel, key=lambda t, tel=tel, ankers=ankers: (-tel[t], -ankers[t], t))
    return thuis


def _grootte(ix: _Index) -> int:
    """The number of (supporter, school, day) triples of a problem: its size."""
    return sum(len(scholen) * len(ix.dagen[o]) for o, scholen in ix.kandidaten.items())


def _te_veel(ix: _Index, regels: list[Regel]) -> set[Id]:
    """Supporters whom the joined relaxed plans give too many schools or blocks on a day or in the cycle."""
    scholen_op_dag: dict[tuple[Id, int], set[Id]] = defaultdict(set)
    blokken_op_dag: Counter[tuple[Id, int]] = Counter()
    totaal: Counter[Id] = Counter()
    for r in regels:
        scholen_op_dag[r.ondersteuner_id, r.dag].add(r.school_id)
        blokken_op_dag[r.ondersteuner_id, r.dag] += r.blokken
        totaal[r.ondersteuner_id] += r.blokken
    te_veel = {o for (o, _d), v in scholen_op_dag.items() if len(v) > ix.inst.max_scholen_per_dag}
    te_veel |= {o for (o, d), n in blokken_op_dag.items() if n > dagcapaciteit(ix.inst, d)}
    te_veel |= {o for o, n in totaal.items() if n > ix.ondersteuners[o].capaciteit_blokken}
    return te_veel


def _binnen_de_week(ix: _Index, bezoeken: dict[tuple[Id, Id, int], int], wie: set[Id]) -> dict:
    """The visits of the supporters `wie` cut to fit their week, as a repair's hint that keeps the hard rules
    (unless a hard frame needs more): their pins first, then their anchor schools, the schools of their
    trajectories' demand, the rest; a visit that does not fit a day's schools or blocks or their capacity is
    shortened (not below the shortest visit) or dropped. Other supporters' visits stay as they are."""
    inst = ix.inst
    uit = {sleutel: n for sleutel, n in bezoeken.items() if sleutel[0] not in wie}
    scholen_op_dag: dict[tuple[Id, int], set[Id]] = defaultdict(set)
    blokken_op_dag: Counter[tuple[Id, int]] = Counter()
    totaal: Counter[Id] = Counter()

    def rang(item: tuple[tuple[Id, Id, int], int]) -> tuple:
        (o, k, d), _n = item
        return ((o, k, d) not in ix.pins, o not in ix.scholen[k].ankers, (o, k) not in ix.vraag, d)

    for (o, k, d), n in sorted((item for item in bezoeken.items() if item[0][0] in wie), key=rang):
        if k not in scholen_op_dag[o, d] and len(scholen_op_dag[o, d]) >= inst.max_scholen_per_dag:
            continue
        ruimte = min(
            dagcapaciteit(inst, d) - blokken_op_dag[o, d], ix.ondersteuners[o].capaciteit_blokken - totaal[o]
        )
        if (o, k, d) not in ix.pins:
            n = min(n, ruimte)
        if n > ruimte or n < 1 or ((o, k, d) not in ix.pins and n < inst.min_bezoek_blokken):
            continue
        uit[o, k, d] = n
        scholen_op_dag[o, d].add(k)
        blokken_op_dag[o, d] += n
        totaal[o] += n
    return uit


def _herstelprobleem(
    invoer: Invoer, ix: _Index, team: set[Id], eigen: set[Id], regels: list[Regel]
) -> tuple[_Index, dict[tuple[Id, Id, int], int]]:
    """A team solved again as a part of the joined plan `regels`: its own supporters (`eigen`) free over every
    school they may come to (the team's and those of their trajectories elsewhere), with their full week;
    the visits of all other supporters to those schools stay as planned and count for the frames (`vast`).
    Returns the index of that problem and the plan's part in it as a hint."""
    scholen = set(team)
    for o in eigen:
        scholen.update(ix.kandidaten[o])
    vast: Counter[Id] = Counter()
    for r in regels:
        if r.school_id in scholen and r.ondersteuner_id not in eigen:
            vast[r.school_id] += r.blokken
    deel = Invoer(
        [
            replace(o, kandidaten=frozenset(ix.kandidaten[o.id]))
            for o in invoer.ondersteuners
            if o.id in eigen
        ],
        [
            replace(s, ankers=s.ankers & eigen)  # other anchors come as planned: their visit is in `vast`
            for s in invoer.scholen
            if s.id in scholen
        ],
        invoer.instellingen,
        huidig=frozenset((o, k) for o, k in invoer.huidig if o in eigen and k in scholen),
        pins=tuple(p for p in invoer.pins if p.ondersteuner_id in eigen),
        vraag={(o, k): n for (o, k), n in ix.vraag.items() if o in eigen and k in scholen},
    )
    hint = {(r.ondersteuner_id, r.school_id, r.dag): r.blokken for r in regels if r.ondersteuner_id in eigen}
    return _Index(deel, vast=dict(vast)), hint


def los_op_per_team(
    invoer: Invoer,
    *,
    voortgang: Voortgang | None = None,
    voorcontrole: bool = True,
    indeling: list[list[Id]] | None = None,
    teams_klaar: Callable[[int, int], None] | None = None,
) -> Uitkomst:
    """The week plan solved per regio team in parallel (see the module's text); `indeling` gives the teams
    (lists of school ids) instead of reading them from the input.

    Progress, one call at a time, from the teams' threads: after each team's relaxed solve, `teams_klaar(
    klaar, totaal)` says how many teams have a plan, and `voortgang(None, grens, seconden)` gives the sum of
    the bounds found so far (every cost is at least 0, so it is a bound on the whole network's optimum) and no
    objective: there is no plan of the whole network yet. Once the joined plan exists, `voortgang` is called
    with its objective and the bound; when the network is solved in one piece after all, `los_op` reports as
    it does. The outcome's `kengetallen` add `teams` (how many), `teams_hersteld` (solved again
    with the cross-team visits fixed), `teams_bewezen` (relaxed problems proven optimal) and `terugval`
    (True when the network was solved in one piece after all)."""
    begin = time.perf_counter()
    ix = _Index(invoer)
    inst = ix.inst
    eind = begin + inst.tijdslimiet_s
    if voorcontrole:
        redenen = knelpunten(invoer)
        if redenen:
            return Uitkomst("onhaalbaar", redenen=tuple(redenen), seconden=time.perf_counter() - begin)
    groepen = indeling if indeling is not None else teams(invoer)
    team_van = {k: t for t, scholen in enumerate(groepen) for k in scholen}
    if sorted(map(str, team_van)) != sorted(str(s.id) for s in invoer.scholen) or len(team_van) != len(
        ix.scholen
    ):
        raise ValueError("De indeling in teams moet elke school precies één keer bevatten.")
    ploeg = [_Team(scholen) for scholen in groepen]
    delen = [_Index(_ontspannen(invoer, ix, team.scholen)) for team in ploeg]
    slot = threading.Lock()

    def meld() -> None:
        with slot:
            klaar = sum(1 for team in ploeg if team.gevonden is not None and team.gevonden.heeft_plan)
            if teams_klaar is not None:
                teams_klaar(klaar, len(ploeg))
            if voortgang is not None and klaar:
                grens = sum(team.grens for team in ploeg if team.grens is not None)
                voortgang(None, grens, time.perf_counter() - begin)

    def terugval(reden: str) -> Uitkomst:
        rest = max(1.0, eind - time.perf_counter())
        uitkomst = los_op(
            replace(invoer, instellingen=replace(inst, tijdslimiet_s=rest)),
            voortgang=voortgang,
            voorcontrole=False,
        )
        return replace(
            uitkomst,
            seconden=time.perf_counter() - begin,
            kengetallen={**uitkomst.kengetallen, "teams": len(ploeg), "terugval": reden}
            if uitkomst.heeft_plan
            else uitkomst.kengetallen,
        )

    def los_team(t: int, limiet: float) -> None:
        team = ploeg[t]
        hint = None
        if team.gevonden is not None and team.gevonden.heeft_plan:
            hint = {(r.ondersteuner_id, r.school_id, r.dag): r.blokken for r in team.gevonden.regels}
        gevonden = _zoek(
            delen[t], tijdslimiet_s=max(0.1, limiet), workers=1, hint=hint, linearisatie=LINEARISATIE
        )
        if gevonden.heeft_plan:
            if (
                team.gevonden is None
                or not team.gevonden.heeft_plan
                or gevonden.objectief < team.gevonden.objectief
            ):
                team.gevonden = gevonden
            team.grens = max(gevonden.grens, team.grens if team.grens is not None else gevonden.grens)
        elif team.gevonden is None:
            team.gevonden = gevonden
        meld()

    def ronde(welke: list[int], tot: float) -> None:
        """The relaxed problems of `welke`, the largest first, each an equal share of the time until `tot`."""
        welke = sorted(welke, key=lambda t: -_grootte(delen[t]))
        if not welke:
            return
        per_team = max(0.2, (tot - time.perf_counter()) * inst.workers / len(welke))
        with ThreadPoolExecutor(max_workers=inst.workers) as pool:
            list(pool.map(lambda t: los_team(t, min(per_team, max(0.2, eind - time.perf_counter()))), welke))

    ronde(list(range(len(ploeg))), begin + EERSTE_RONDE * inst.tijdslimiet_s)
    if any(team.gevonden.status == cp_model.INFEASIBLE for team in ploeg):
        return terugval("een team heeft geen plan")  # the network has none either: los_op says why
    ronde([t for t, team in enumerate(ploeg) if not team.bewezen], begin + ONTSPANNEN * inst.tijdslimiet_s)
    if not all(team.gevonden.heeft_plan for team in ploeg):
        return terugval("een team vond geen plan in de tijd")

    regels = [r for team in ploeg for r in team.gevonden.regels]
    thuis = _thuisteam(ix, team_van)
    te_veel = _te_veel(ix, regels)
    # Teams tied by a supporter planned beyond their week are solved again together: the supporter's own team
    # and every team where the joined plan has them visit, with all their supporters (a cluster), up to
    # GROOTSTE_CLUSTER teams. Beyond that the supporter is still free over every school they may come to in
    # their own team's cluster, but the other team's supporters keep their visits. (Without the cap, running
    # trajectories that ask hours in a neighbouring team tie most teams into one cluster: the whole network,
    # solved again in the time left.)
    cluster = list(range(len(ploeg)))
    omvang = [1] * len(ploeg)

    def kop(t: int) -> int:
        while cluster[t] != t:
            t = cluster[t]
        return t

    for r in regels:
        if r.ondersteuner_id in te_veel:
            a, b = kop(thuis[r.ondersteuner_id]), kop(team_van[r.school_id])
            if a != b and omvang[a] + omvang[b] <= GROOTSTE_CLUSTER:
                cluster[max(a, b)] = min(a, b)
                omvang[min(a, b)] += omvang[max(a, b)]
    herstellen = sorted({kop(thuis[o]) for o in te_veel})
    if herstellen:
        leden_van = {c: [t for t in range(len(ploeg)) if kop(t) == c] for c in herstellen}
        eigen = {c: {o for o, t in thuis.items() if kop(t) == c} for c in herstellen}
        team_scholen = {c: {k for t in leden_van[c] for k in ploeg[t].scholen} for c in herstellen}
        raakt = {c: team_scholen[c].union(*(ix.kandidaten[o] for o in eigen[c])) for c in herstellen}
        mislukt = []
        # One cluster after the other, each on all workers (a cluster is bigger than a team, and CP-SAT's
        # neighbourhood search, which needs two workers or more, finds better plans in it), each a share of
        # the time left in proportion to its number of schools; the next starts from the plan as repaired.
        for i, c in enumerate(herstellen):
            rest = sum(len(raakt[cc]) for cc in herstellen[i:])
            limiet = max(0.5, (eind - time.perf_counter()) * len(raakt[c]) / rest)
            deel, hint = _herstelprobleem(invoer, ix, team_scholen[c], eigen[c], regels)
            hint = _binnen_de_week(ix, hint, te_veel)
            gevonden = _zoek(
                deel, tijdslimiet_s=limiet, workers=inst.workers, hint=hint, linearisatie=LINEARISATIE
            )
            if gevonden.heeft_plan:
                regels = [r for r in regels if r.ondersteuner_id not in eigen[c]] + list(gevonden.regels)
            else:
                mislukt.append(c)
        if mislukt:
            return terugval("een team vond met de vaste bezoeken van andere teams geen plan")
    regels = sorted(
        regels, key=lambda r: (ix.volgorde_o[r.ondersteuner_id], r.dag, ix.volgorde_s[r.school_id])
    )
    if schendingen(invoer, regels):
        return terugval("het samengevoegde plan brak een harde regel")
    objectief = kosten(invoer, regels)
    grens = min(objectief, sum(team.grens for team in ploeg))
    if voortgang is not None:
        voortgang(objectief, grens, time.perf_counter() - begin)
    return _uitkomst(
        ix,
        "optimaal" if grens == objectief else "haalbaar",
        tuple(regels),
        objectief,
        grens,
        seconden=time.perf_counter() - begin,
        oplossingen=sum(team.gevonden.oplossingen for team in ploeg),
        kengetallen={
            "teams": len(ploeg),
            "teams_hersteld": len(herstellen),
            "teams_bewezen": sum(team.bewezen for team in ploeg),
            # The relaxed plans' objectives summed: what the joined plan would cost if no supporter of two
            # teams were planned twice; the joined plan's objective minus this is the price of repairing.
            "ontspannen_objectief": sum(team.gevonden.objectief for team in ploeg),
            "terugval": None,
        },
    )
