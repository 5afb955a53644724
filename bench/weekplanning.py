"""Benchmark: the week planning (CP-SAT) at 150 schools / 100 supporters and 400 / 250, beside the hand-made
baseline (each school's anchor does all its hours).

    .venv/bin/python bench/weekplanning.py [--tijdslimiet 60] [--runs 3] [--workers 2]
        [--groottes 150/100,400/250] [--oplossers geheel,perteam]

A synthetic but realistic network in East Flanders: schools and supporters spread over 30 municipalities
(approximate centres below, a school or home within ~2 km of its centre), regio teams of ~12 schools and
~8 supporters, frames of 2–6 h/week (4 on average), assignments of 50–100 %. The planning covers the brede
types only, so each supporter's capacity is the part of their assignment for it: scaled so that the team
has ~10 % more hours than its schools' frames (the rest of an assignment goes to kleine types and other
work). Two thirds of a team (the largest assignments) are anchors, of ~2 schools each; a third of the
supporters also serve a school of a neighbouring team (a running trajectory, asking 1-2 h a week of them
there: a soft demand, weighed by the standard weight `traject`); the current plan (continuity)
is the anchors plus one colleague at half of the schools; a few visits are pinned. Each run solves the same
network with another solver seed, once in one piece (`los_op`) and once per regio team (`los_op_per_team`);
the table gives the median run by gap and the gaps of all runs, stderr the machine's load (`uptime`).
"""

import argparse
import math
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from capaciteit.rekenen.weekplanning import (
    Instellingen,
    Invoer,
    Ondersteuner,
    Pin,
    School,
    basislijn,
    beschikbare_dagen,
    kengetallen,
    los_op,
    los_op_per_team,
)

# Approximate centres (latitude, longitude) and a weight for how many schools a municipality has.
GEMEENTEN: dict[str, tuple[float, float, int]] = {
    "Dendermonde": (51.028, 4.101, 4),
    "Lokeren": (51.104, 3.992, 4),
    "Sint-Niklaas": (51.166, 4.143, 6),
    "Aalst": (50.937, 4.040, 6),
    "Wetteren": (51.005, 3.883, 3),
    "Zele": (51.066, 4.040, 2),
    "Hamme": (51.098, 4.135, 2),
    "Temse": (51.126, 4.213, 3),
    "Beveren": (51.213, 4.256, 4),
    "Lebbeke": (50.999, 4.134, 2),
    "Buggenhout": (51.016, 4.201, 2),
    "Berlare": (51.032, 3.975, 2),
    "Wichelen": (50.973, 3.969, 1),
    "Lede": (50.966, 3.986, 2),
    "Erpe-Mere": (50.926, 3.968, 2),
    "Denderleeuw": (50.884, 4.073, 2),
    "Ninove": (50.834, 4.024, 3),
    "Geraardsbergen": (50.773, 3.882, 3),
    "Zottegem": (50.869, 3.810, 3),
    "Oosterzele": (50.953, 3.797, 1),
    "Merelbeke": (50.994, 3.745, 2),
    "Melle": (51.003, 3.800, 1),
    "Destelbergen": (51.056, 3.797, 2),
    "Lochristi": (51.097, 3.832, 2),
    "Waasmunster": (51.106, 4.086, 1),
    "Stekene": (51.209, 4.036, 2),
    "Kruibeke": (51.170, 4.310, 2),
    "Sint-Gillis-Waas": (51.219, 4.123, 2),
    "Moerbeke": (51.174, 3.931, 1),
    "Laarne": (51.030, 3.850, 1),
}
SCHOLEN_PER_TEAM = 12


def _bij(rng: random.Random, gemeente: str) -> tuple[float, float]:
    lat, lon, _ = GEMEENTEN[gemeente]
    return (lat + rng.uniform(-0.015, 0.015), lon + rng.uniform(-0.022, 0.022))


def netwerk(n_scholen: int, n_ondersteuners: int, seed: int = 1) -> Invoer:
    rng = random.Random(seed)
    namen = list(GEMEENTEN)
    gewichten = [GEMEENTEN[g][2] for g in namen]
    plaatsen = sorted(rng.choices(namen, weights=gewichten, k=n_scholen))
    posities = [_bij(rng, g) for g in plaatsen]
    # Teams of ~12 neighbouring schools: a snake through latitude bands, cut in consecutive pieces.
    n_teams = max(1, round(n_scholen / SCHOLEN_PER_TEAM))
    banden = max(1, round(math.sqrt(n_teams / 2)))
    lats = [p[0] for p in posities]
    laag, hoog = min(lats), max(lats) + 1e-9

    def slang(i: int) -> tuple[int, float]:
        band = int((posities[i][0] - laag) / (hoog - laag) * banden)
        return band, posities[i][1] if band % 2 == 0 else -posities[i][1]

    volgorde = sorted(range(n_scholen), key=slang)
    team_van_school = {}
    for plek, i in enumerate(volgorde):
        team_van_school[i] = min(plek * n_teams // n_scholen, n_teams - 1)
    teams = [[i for i in volgorde if team_van_school[i] == t] for t in range(n_teams)]
    doelen = [round(rng.triangular(2, 6, 4) * 2) for _ in range(n_scholen)]  # blocks a week: 4 h on average

    # Supporters: spread over the teams, living in one of their team's municipalities (70 %) or anywhere.
    team_van_ondersteuner = [t * n_teams // n_ondersteuners for t in range(n_ondersteuners)]
    procenten = [rng.choice([50, 60, 70, 80, 80, 90, 100, 100]) for _ in range(n_ondersteuners)]
    werkdagen = []
    for pct in procenten:
        aantal = 5 if pct == 100 else 4 if pct >= 80 else 3
        werkdagen.append(frozenset(rng.sample(range(5), aantal)))
    totaal_doel = sum(doelen)
    factor = 1.10 * totaal_doel / sum(procenten)
    capaciteit = [max(4, round(pct * factor)) for pct in procenten]
    leden = [[o for o in range(n_ondersteuners) if team_van_ondersteuner[o] == t] for t in range(n_teams)]

    ankers: dict[int, int] = {}
    for t, scholen in enumerate(teams):
        team = leden[t] or [rng.randrange(n_ondersteuners)]
        ankerteam = sorted(team, key=lambda o: -procenten[o])[: max(1, math.ceil(len(team) * 2 / 3))]
        for j, i in enumerate(scholen):
            ankers[i] = ankerteam[j % len(ankerteam)]

    ondersteuners, huidig, vraag = [], set(), {}
    rng_vraag = random.Random(seed + 1000)  # apart, so the network is the one of the earlier tables
    for o in range(n_ondersteuners):
        t = team_van_ondersteuner[o]
        kandidaten = {f"s{i}" for i in teams[t]}
        if rng.random() < 1 / 3:  # a running trajectory at a school of a neighbouring team
            buur = teams[min(n_teams - 1, max(0, t + rng.choice([-1, 1])))]
            extra = f"s{rng.choice(buur)}"
            kandidaten.add(extra)
            huidig.add((f"o{o}", extra))
            vraag[f"o{o}", extra] = rng_vraag.choice([2, 3, 4])
        woonplaats = plaatsen[rng.choice(teams[t])] if rng.random() < 0.7 else rng.choice(namen)
        ondersteuners.append(
            Ondersteuner(
                id=f"o{o}",
                naam=f"Ondersteuner {o}",
                capaciteit_blokken=capaciteit[o],
                werkdagen=werkdagen[o],
                positie=_bij(rng, woonplaats),
                kandidaten=frozenset(kandidaten),
            )
        )
    scholen = [
        School(
            id=f"s{i}",
            naam=f"School {i} ({plaatsen[i]})",
            doel_blokken=doelen[i],
            positie=posities[i],
            ankers=frozenset({f"o{ankers[i]}"}),
        )
        for i in range(n_scholen)
    ]
    for i in range(n_scholen):
        huidig.add((f"o{ankers[i]}", f"s{i}"))
        team = [o for o in leden[team_van_school[i]] if o != ankers[i]]
        if team and rng.random() < 0.5:
            huidig.add((f"o{rng.choice(team)}", f"s{i}"))
    inst = Instellingen()
    pins = []
    for i in rng.sample(range(n_scholen), max(1, n_scholen // 50)):
        o = ondersteuners[ankers[i]]
        dagen = beschikbare_dagen(o, inst)
        if dagen and o.capaciteit_blokken >= 4:
            pins.append(Pin(o.id, f"s{i}", rng.choice(dagen), 4))
    return Invoer(ondersteuners, scholen, inst, huidig=frozenset(huidig), pins=tuple(pins), vraag=vraag)


def _cijfers(cijfers: dict) -> str:
    ops = cijfers["ondersteuners_per_school"]
    uren = sum(o["gepland"] for o in cijfers["ondersteuners"].values()) / 2
    return " | ".join(
        [
            f"{uren:,.0f}",
            str(cijfers["dagen_boven_max"]),
            f"{ops['gemiddeld']:.2f} / {ops['max']}",
            f"{cijfers['km_per_week']:,.0f}",
            f"{cijfers['scholen_onder_tolerantie']} / {cijfers['scholen_boven_tolerantie']}",
            str(cijfers["ankers_zonder_bezoek"]),
            f"{cijfers['trajecten']['gedekt'] / 2:g} / {cijfers['trajecten']['gevraagd'] / 2:g}",
        ]
    )


def _uptime() -> str:
    """The machine's load as `uptime` says it (the benchmark shares 2 cores with other work)."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "uptime: not available"


OPLOSSERS = {
    "geheel": ("CP-SAT, the network in one piece (los_op)", los_op),
    "perteam": ("CP-SAT per regio team (los_op_per_team)", los_op_per_team),
}


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--tijdslimiet", type=float, default=60.0)
    argumenten.add_argument("--runs", type=int, default=3)
    argumenten.add_argument("--workers", type=int, default=2)
    argumenten.add_argument("--groottes", default="150/100,400/250")
    argumenten.add_argument("--oplossers", default="geheel,perteam")
    args = argumenten.parse_args()
    print(f"# load before: {_uptime()}", file=sys.stderr, flush=True)
    rijen = []
    for grootte in args.groottes.split(","):
        n_s, n_o = map(int, grootte.split("/"))
        basis = netwerk(n_s, n_o)
        variabelen = sum(
            len(beschikbare_dagen(o, basis.instellingen)) * len(o.kandidaten) for o in basis.ondersteuners
        )
        for naam in args.oplossers.split(","):
            label, oplosser = OPLOSSERS[naam]
            runs = []
            for run in range(args.runs):
                inst = Instellingen(tijdslimiet_s=args.tijdslimiet, workers=args.workers, seed=run)
                invoer = Invoer(
                    basis.ondersteuners,
                    basis.scholen,
                    inst,
                    huidig=basis.huidig,
                    pins=basis.pins,
                    vraag=basis.vraag,
                )
                meldingen: list[tuple[int | None, int, float]] = []
                begin = time.perf_counter()
                uitkomst = oplosser(invoer, voortgang=lambda o, g, s, m=meldingen: m.append((o, g, s)))
                seconden = time.perf_counter() - begin
                eerste = meldingen[0][2] if meldingen and naam == "geheel" else float("nan")
                # When the plan came within 1 % of the final objective (the per-team solve reports once).
                binnen = next(
                    (
                        s
                        for o, _g, s in meldingen
                        if naam == "geheel"
                        and uitkomst.objectief is not None
                        and o <= 1.01 * uitkomst.objectief
                    ),
                    float("nan"),
                )
                runs.append((seconden, eerste, binnen, uitkomst))
                extra = {
                    k: uitkomst.kengetallen.get(k)
                    for k in ("teams", "teams_hersteld", "teams_bewezen", "ontspannen_objectief", "terugval")
                    if k in uitkomst.kengetallen
                }
                print(
                    f"# {grootte} {naam} run {run}: {uitkomst.status} in {seconden:.1f} s, objective "
                    f"{uitkomst.objectief}, bound {uitkomst.grens}, gap "
                    f"{'–' if uitkomst.gap is None else format(uitkomst.gap, '.1%')}, "
                    f"{uitkomst.oplossingen} solutions {extra or ''}; {_uptime()}",
                    file=sys.stderr,
                    flush=True,
                )
            # The median run by gap (every run uses the whole time limit unless it proves optimality).
            runs.sort(key=lambda r: r[3].gap if r[3].gap is not None else math.inf)
            seconden, eerste, binnen, uitkomst = runs[len(runs) // 2]
            gaps = ", ".join(f"{r[3].gap:.1%}" for r in runs if r[3].gap is not None)
            eerste_tekst = f"{eerste:.1f} / {binnen:.1f}" if naam == "geheel" else "– / –"
            cellen = [
                f"{n_s} / {n_o} (~{variabelen:,} triples)",
                label,
                uitkomst.status,
                f"{statistics.median(r[0] for r in runs):.1f}",
                eerste_tekst,
                f"{uitkomst.objectief:,} / {uitkomst.grens:,}" if uitkomst.heeft_plan else "– / –",
                f"{uitkomst.gap:.1%} ({gaps})" if uitkomst.heeft_plan else f"– ({gaps})",
                _cijfers(uitkomst.kengetallen) if uitkomst.heeft_plan else " | ".join(["–"] * 7),
            ]
            rijen.append("| " + " | ".join(cellen) + " |")
        basis_cijfers = _cijfers(kengetallen(basis, basislijn(basis)))
        rijen.append(
            f"| {n_s} / {n_o} | baseline: the anchor does all | – | – | – | – | – | {basis_cijfers} |"
        )
    print(f"# load after: {_uptime()}", file=sys.stderr, flush=True)
    print(
        "| schools / supporters | plan | status | time (s, median) | first plan / within 1 % of the end (s) "
        "| objective / bound | gap, median (all runs) | hours planned per week | days > 2 schools "
        "| supporters per school (mean / max) | km per week | schools under / over tolerance "
        "| anchors without a visit | trajectory hours per week planned / asked |"
    )
    print("|" + "---|" * 14)
    for rij in rijen:
        print(rij)


if __name__ == "__main__":
    main()
