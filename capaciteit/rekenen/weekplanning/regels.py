"""The hard rules of a plan, checked on a plan as it stands: the one checker for the solver's joined plan
(`perteam`) and for a coordinator's manual change (a visit moved to another day or supporter, two visits
swapped). Pure, like the solver: the rules the solver never breaks (see the package's docstring), each broken
one a `Schending` with a short code, the supporter, school and day it concerns, and a Dutch sentence.

`nieuwe_schendingen(invoer, voor, na)` gives the rules `na` breaks that `voor` did not, or breaks further,
compared by what they concern (code, supporter, school, day) and how far they go, not by their sentence: a
change is refused for what it breaks or makes worse, not for what was already so (a proposal made under
other settings, or a published plan from before an absence).
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from capaciteit.rekenen.weekplanning.index import _Index
from capaciteit.rekenen.weekplanning.typen import Id, Invoer, Regel, dagcapaciteit, dagnaam, uren

SOORTEN = (
    "dag",  # a day outside the cycle
    "scholen_per_dag",  # more schools on a day than the settings allow
    "werkdag",  # a day the supporter does not work
    "onbeschikbaar",  # a day the supporter is absent
    "dag_te_lang",  # more blocks on a day than the day offers
    "opdracht",  # more blocks in the cycle than the assignment gives
    "anker",  # an anchor who never comes to their school
    "kandidaat",  # a school the supporter may not come to
    "te_kort",  # a visit shorter than the shortest visit (pins excepted)
    "kader_hard",  # a school outside its frame and tolerance, when the frame is hard
    "pin",  # a pinned visit not kept as pinned
)
ALLE = frozenset(SOORTEN)
# What a coordinator's manual change is checked against. Not the others: a coordinator may send a supporter to
# any school of the network (the supporters offered are the LSC's, not the school's candidates); a moved visit
# keeps its length and its school, so it makes no visit shorter and no school's hours other; and a moved visit
# is pinned anew where it lands.
HANDMATIG = frozenset(
    {"dag", "scholen_per_dag", "werkdag", "onbeschikbaar", "dag_te_lang", "opdracht", "anker"}
)


@dataclass(frozen=True)
class Schending:
    """One hard rule a plan breaks: its code (one of `SOORTEN`), what it concerns (None where it concerns no
    single supporter, school or day) and the Dutch sentence that names them."""

    soort: str
    ondersteuner_id: Id | None
    school_id: Id | None
    dag: int | None
    tekst: str
    maat: int = 0  # how far it goes (schools on the day, blocks on the day or in the cycle); 0: yes or no

    @property
    def sleutel(self) -> tuple[str, Id | None, Id | None, int | None]:
        return (self.soort, self.ondersteuner_id, self.school_id, self.dag)


def schendingen(
    invoer: Invoer, regels: Iterable[Regel], *, soorten: Collection[str] = ALLE
) -> list[Schending]:
    """Every hard rule of the kinds `soorten` the plan `regels` breaks, per supporter (by name) and day, then
    the assignments, the anchors, the hard frames and the pins."""
    onbekend = set(soorten) - ALLE
    if onbekend:
        raise ValueError(f"Onbekende soorten regels: {sorted(onbekend)}")
    ix = _Index(invoer)
    inst = ix.inst
    ondersteuners, scholen = ix.ondersteuners, ix.scholen
    per_dag: dict[tuple[Id, int], dict[Id, int]] = defaultdict(lambda: defaultdict(int))
    totaal: dict[Id, int] = defaultdict(int)
    per_school: dict[Id, int] = defaultdict(int)
    wie_gaat: dict[Id, set[Id]] = defaultdict(set)
    for r in regels:
        per_dag[r.ondersteuner_id, r.dag][r.school_id] += r.blokken
        totaal[r.ondersteuner_id] += r.blokken
        per_school[r.school_id] += r.blokken
        wie_gaat[r.school_id].add(r.ondersteuner_id)

    def naam_o(pk: Id) -> str:
        return ondersteuners[pk].naam if pk in ondersteuners else str(pk)

    def naam_s(pk: Id) -> str:
        return scholen[pk].naam if pk in scholen else str(pk)

    fouten: list[Schending] = []

    def fout(soort: str, o: Id | None, k: Id | None, dag: int | None, tekst: str, maat: int = 0) -> None:
        if soort in soorten:
            fouten.append(Schending(soort, o, k, dag, tekst, maat))

    for (o, dag), bezoeken in sorted(per_dag.items(), key=lambda item: (naam_o(item[0][0]), item[0][1])):
        if not 0 <= dag < 5 * inst.cyclus_weken:
            fout("dag", o, None, dag, f"{naam_o(o)}: die dag bestaat niet in de cyclus.")
            continue
        wanneer = dagnaam(dag, inst.cyclus_weken)
        if len(bezoeken) > inst.max_scholen_per_dag:
            fout(
                "scholen_per_dag",
                o,
                None,
                dag,
                f"{naam_o(o)} zou op {wanneer} naar {len(bezoeken)} scholen gaan "
                f"({', '.join(sorted(naam_s(s) for s in bezoeken))}); hoogstens {inst.max_scholen_per_dag} "
                "scholen per dag.",
                len(bezoeken),
            )
        persoon = ondersteuners.get(o)
        if persoon is not None and dag % 5 not in persoon.werkdagen:
            fout("werkdag", o, None, dag, f"{naam_o(o)} werkt niet op {wanneer}.")
        elif persoon is not None and dag in persoon.onbeschikbaar:
            fout("onbeschikbaar", o, None, dag, f"{naam_o(o)} is niet beschikbaar op {wanneer}.")
        blokken = sum(bezoeken.values())
        if blokken > dagcapaciteit(inst, dag):
            fout(
                "dag_te_lang",
                o,
                None,
                dag,
                f"{naam_o(o)} zou op {wanneer} {uren(blokken)} uur werken; die dag biedt "
                f"{uren(dagcapaciteit(inst, dag))} uur.",
                blokken,
            )
        for k in sorted(bezoeken, key=naam_s):
            if k not in ix.kandidaten.get(o, ()):
                fout("kandidaat", o, k, dag, f"{naam_o(o)} kan niet naar {naam_s(k)} komen.")
            kort = bezoeken[k] < 1 or (bezoeken[k] < inst.min_bezoek_blokken and (o, k, dag) not in ix.pins)
            if kort:
                fout(
                    "te_kort",
                    o,
                    k,
                    dag,
                    f"Het bezoek van {naam_o(o)} aan {naam_s(k)} op {wanneer} duurt {uren(bezoeken[k])} uur; "
                    f"een bezoek duurt minstens {uren(inst.min_bezoek_blokken)} uur.",
                )
    for o, blokken in sorted(totaal.items(), key=lambda item: naam_o(item[0])):
        persoon = ondersteuners.get(o)
        if persoon is not None and blokken > persoon.capaciteit_blokken:
            fout(
                "opdracht",
                o,
                None,
                None,
                f"{naam_o(o)} zou {uren(blokken)} uur per cyclus werken; de opdracht geeft "
                f"{uren(persoon.capaciteit_blokken)} uur.",
                blokken,
            )
    for s in sorted(invoer.scholen, key=lambda s: s.naam):
        for anker in sorted(s.ankers - wie_gaat[s.id], key=naam_o):
            fout(
                "anker",
                anker,
                s.id,
                None,
                f"{naam_o(anker)} is anker van {s.naam} en zou er geen enkele keer meer komen.",
            )
    if inst.kader_hard:
        for s in sorted(invoer.scholen, key=lambda s: s.naam):
            if not ix.ondergrens(s) <= per_school[s.id] <= ix.bovengrens(s):
                fout(
                    "kader_hard",
                    None,
                    s.id,
                    None,
                    f"{s.naam} zou {uren(per_school[s.id])} uur per cyclus krijgen; het kader vraagt "
                    f"{uren(ix.ondergrens(s))} tot {uren(ix.bovengrens(s))} uur.",
                )
    for (o, k, dag), p in sorted(ix.pins.items(), key=lambda item: (naam_o(item[0][0]), item[0][2])):
        gepland = per_dag.get((o, dag), {}).get(k, 0)
        if gepland != p.blokken:
            fout(
                "pin",
                o,
                k,
                dag,
                f"Het vastgezette bezoek van {naam_o(o)} aan {naam_s(k)} op "
                f"{dagnaam(dag, inst.cyclus_weken)} duurt {uren(p.blokken)} uur; het plan geeft "
                f"{uren(gepland)} uur.",
            )
    return fouten


def nieuwe_schendingen(
    invoer: Invoer, voor: Iterable[Regel], na: Iterable[Regel], *, soorten: Collection[str] = ALLE
) -> list[Schending]:
    """The hard rules of the kinds `soorten` that `na` breaks and `voor` kept, or breaks further (a day
    already at three schools that gets a fourth, an assignment already exceeded that grows): what a change
    from `voor` to `na` would break, compared by code, supporter, school and day, and by how far it goes."""
    al = {s.sleutel: s.maat for s in schendingen(invoer, voor, soorten=soorten)}
    return [s for s in schendingen(invoer, na, soorten=soorten) if s.maat > al.get(s.sleutel, -1)]
