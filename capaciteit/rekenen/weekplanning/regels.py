"""The hard rules of a plan, checked on a plan as it stands: what a coordinator's manual change (a visit moved
to another day or supporter, two visits swapped) may not break. Pure, like the solver: the same rules the
solver never breaks (see the package's docstring), each broken one named in Dutch.

`nieuwe_schendingen(invoer, voor, na)` gives the rules `na` breaks that `voor` did not: a change is refused
for what it breaks, not for what was already so (a proposal made under other settings, or a published plan
from before an absence).
"""

from collections import defaultdict
from collections.abc import Iterable

from capaciteit.rekenen.weekplanning.typen import Id, Invoer, Regel, dagcapaciteit, dagnaam, uren


def schendingen(invoer: Invoer, regels: Iterable[Regel]) -> list[str]:
    """Every hard rule the plan `regels` breaks, as Dutch sentences naming the supporter, school and day."""
    inst = invoer.instellingen
    ondersteuners = {o.id: o for o in invoer.ondersteuners}
    scholen = {s.id: s for s in invoer.scholen}
    per_dag: dict[tuple[Id, int], dict[Id, int]] = defaultdict(lambda: defaultdict(int))
    totaal: dict[Id, int] = defaultdict(int)
    wie_gaat: dict[Id, set[Id]] = defaultdict(set)
    for r in regels:
        per_dag[r.ondersteuner_id, r.dag][r.school_id] += r.blokken
        totaal[r.ondersteuner_id] += r.blokken
        wie_gaat[r.school_id].add(r.ondersteuner_id)

    def naam_o(pk: Id) -> str:
        return ondersteuners[pk].naam if pk in ondersteuners else str(pk)

    def naam_s(pk: Id) -> str:
        return scholen[pk].naam if pk in scholen else str(pk)

    fouten: list[str] = []
    for (o, dag), bezoeken in sorted(per_dag.items(), key=lambda item: (naam_o(item[0][0]), item[0][1])):
        wanneer = dagnaam(dag, inst.cyclus_weken)
        if not 0 <= dag < 5 * inst.cyclus_weken:
            fouten.append(f"{naam_o(o)}: die dag bestaat niet in de cyclus.")
            continue
        if len(bezoeken) > inst.max_scholen_per_dag:
            fouten.append(
                f"{naam_o(o)} zou op {wanneer} naar {len(bezoeken)} scholen gaan "
                f"({', '.join(sorted(naam_s(s) for s in bezoeken))}); hoogstens {inst.max_scholen_per_dag} "
                "scholen per dag."
            )
        persoon = ondersteuners.get(o)
        if persoon is not None and dag % 5 not in persoon.werkdagen:
            fouten.append(f"{naam_o(o)} werkt niet op {wanneer}.")
        elif persoon is not None and dag in persoon.onbeschikbaar:
            fouten.append(f"{naam_o(o)} is niet beschikbaar op {wanneer}.")
        blokken = sum(bezoeken.values())
        if blokken > dagcapaciteit(inst, dag):
            fouten.append(
                f"{naam_o(o)} zou op {wanneer} {uren(blokken)} uur werken; die dag biedt "
                f"{uren(dagcapaciteit(inst, dag))} uur."
            )
    for o, blokken in sorted(totaal.items(), key=lambda item: naam_o(item[0])):
        persoon = ondersteuners.get(o)
        if persoon is not None and blokken > persoon.capaciteit_blokken:
            fouten.append(
                f"{naam_o(o)} zou {uren(blokken)} uur per cyclus werken; de opdracht geeft "
                f"{uren(persoon.capaciteit_blokken)} uur."
            )
    for s in sorted(invoer.scholen, key=lambda s: s.naam):
        for anker in sorted(s.ankers - wie_gaat[s.id], key=naam_o):
            if anker in ondersteuners:
                fouten.append(f"{naam_o(anker)} is anker van {s.naam} en zou er geen enkele keer meer komen.")
    return fouten


def nieuwe_schendingen(invoer: Invoer, voor: Iterable[Regel], na: Iterable[Regel]) -> list[str]:
    """The hard rules `na` breaks that `voor` kept: what a change from `voor` to `na` would break."""
    al = set(schendingen(invoer, voor))
    return [fout for fout in schendingen(invoer, na) if fout not in al]
