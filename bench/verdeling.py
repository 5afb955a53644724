"""Benchmark: the distribution key for 3,500 schools, pure arithmetic (goal: well under 100 ms).

    .venv/bin/python bench/verdeling.py [--runs 25]

Baseline in the same run: summing the same 3,500 schools' figures into floats, the least any key costs.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from capaciteit.rekenen.verdeling import Invoer, verdeel


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=25)
    runs = argumenten.parse_args().runs
    rng = random.Random(3500)
    scholen = [
        Invoer.per_jaar(
            str(100000 + i), f"School {i}", rng.randint(80, 900), [rng.randint(0, 40) for _ in range(6)]
        )
        for i in range(3500)
    ]
    tijden, basis = [], []
    for _ in range(runs):
        begin = time.perf_counter()
        aandelen = verdeel(uren=120_000, scholen=scholen)
        tijden.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        _ = [s.leerlingen / 1000 + s.verslagen / 6 for s in scholen]
        basis.append((time.perf_counter() - begin) * 1000)
    assert sum(a.uren for a in aandelen) == 120_000
    mediaan, basis_mediaan = statistics.median(tijden), statistics.median(basis)
    print("| meting | mediaan (ms) | max (ms) | basislijn floats (ms) | verhouding |")
    print("|---|---|---|---|---|")
    print(
        f"| 3.500 scholen, 120.000 uur | {mediaan:.1f} | {max(tijden):.1f} | {basis_mediaan:.2f} "
        f"| {mediaan / basis_mediaan:.0f}× |"
    )


if __name__ == "__main__":
    main()
