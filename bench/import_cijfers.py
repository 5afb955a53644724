"""Benchmark: importing the figures of 3,500 schools × 8 school years (28,000 rows) from an XLSX file.

    DEBUG=1 .venv/bin/python bench/import_cijfers.py [--runs 5]

Works in a scratch database `honingraat_bench` on the server of DATABASE_URL (default 127.0.0.1), which
it creates, migrates and drops again. The schools are imported first through the schools import; then
each run reads and checks the figures file and applies it, timed as a whole and per part. The baseline,
measured in the same run, is openpyxl alone reading every cell of the same file: what no import can
avoid. Goal: under 10 s and under 300 MB peak memory (the whole process, ru_maxrss).
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import kladdatabank

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "honingraat_bench"
SCHOLEN = 3_500
JAREN = range(2017, 2025)
DOEL_SECONDEN = 10.0
DOEL_MB = 300


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=5)
    runs = argumenten.parse_args().runs
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat")
    kladdatabank.maak_database(server, BENCH_DB)
    try:
        os.environ["DATABASE_URL"] = kladdatabank.met_naam(server, BENCH_DB)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "honingraat.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        with tempfile.TemporaryDirectory() as map_:
            _meet(Path(map_), runs)
    finally:
        kladdatabank.verwijder_database(server, BENCH_DB)


def _meet(map_: Path, runs: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    lsc = _scholen_importeren(map_)
    nieuw = _cijferbestand(map_ / "cijfers.xlsx", extra=0)
    anders = _cijferbestand(map_ / "cijfers-anders.xlsx", extra=1)
    basislijn = [_openpyxl_alleen(nieuw) for _ in range(runs)]
    metingen = {
        "nieuw": [_import(nieuw, leeg_eerst=True) for _ in range(runs)],
        # Every run changes every row: the second file and the first take turns.
        "bijwerken": [_import(anders if run % 2 == 0 else nieuw, leeg_eerst=False) for run in range(runs)],
    }
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _rapport(lsc, metingen, basislijn, piek, runs)


def _scholen_importeren(map_: Path):
    from netwerk.models import Leersteuncentrum
    from scholen.importeren import SCHOLEN as KOLOMMEN
    from scholen.importeren import plan_scholen
    from scholen.services.importeren import scholen_importeren

    rijen = (
        [
            f"{100000 + i}",
            f"School {i}",
            f"Dorpsstraat {i}",
            "9000",
            "Gent",
            "basis",
            "vrij",
            "SG Gent",
            f"CLB {i % 40}",
        ]
        for i in range(SCHOLEN)
    )
    pad = _xlsx(map_ / "scholen.xlsx", KOLOMMEN.kolommen, rijen)
    lsc = Leersteuncentrum.objects.create(naam="LSC Bench")
    telling = scholen_importeren(plan=plan_scholen(pad, lsc=lsc), lsc=lsc)
    assert telling.nieuw == SCHOLEN, telling
    return lsc


def _cijferbestand(pad: Path, *, extra: int) -> Path:
    from scholen.importeren import CIJFERS

    rijen = (
        [100000 + i, f"{jaar}-{jaar + 1}", 200 + i % 300 + extra, i % 20, i % 3, i % 2]
        for i in range(SCHOLEN)
        for jaar in JAREN
    )
    return _xlsx(pad, CIJFERS.kolommen, rijen)


def _xlsx(pad: Path, kop, rijen) -> Path:
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet()
    blad.append(list(kop))
    for rij in rijen:
        blad.append(rij)
    boek.save(pad)
    return pad


def _openpyxl_alleen(pad: Path) -> float:
    import openpyxl

    begin = time.perf_counter()
    boek = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    for _rij in boek.worksheets[0].iter_rows(values_only=True):
        pass
    boek.close()
    return time.perf_counter() - begin


def _import(pad: Path, *, leeg_eerst: bool) -> tuple[float, float, float]:
    """(total, reading and checking, applying) in seconds."""
    from scholen.importeren import plan_cijfers
    from scholen.models import Schooljaarcijfers
    from scholen.services.importeren import cijfers_importeren

    if leeg_eerst:
        Schooljaarcijfers.objects.all().delete()
    begin = time.perf_counter()
    plan = plan_cijfers(pad)
    gelezen = time.perf_counter()
    telling = cijfers_importeren(plan=plan)
    einde = time.perf_counter()
    verwacht = SCHOLEN * len(JAREN)
    assert (telling.nieuw if leeg_eerst else telling.bijgewerkt) == verwacht, telling
    return einde - begin, gelezen - begin, einde - gelezen


def _rapport(lsc, metingen: dict, basislijn: list[float], piek: float, runs: int) -> None:
    basis = statistics.median(basislijn)
    print(
        f"\nImport cijfers: {SCHOLEN} scholen × {len(JAREN)} schooljaren = {SCHOLEN * len(JAREN)} rijen, XLSX"
    )
    print(f"{runs} runs per meting; mediaan; basislijn = openpyxl leest elke cel (mediaan {basis:.2f} s)\n")
    print(
        "| meting | totaal (s) | lezen + controleren (s) | toepassen (s) | basislijn openpyxl (s) "
        "| verhouding | max RSS (MB) | doel |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for naam, reeks in metingen.items():
        totaal = statistics.median(t for t, _l, _a in reeks)
        lezen = statistics.median(gelezen for _t, gelezen, _a in reeks)
        toepassen = statistics.median(a for _t, _l, a in reeks)
        gehaald = "gehaald" if totaal < DOEL_SECONDEN and piek < DOEL_MB else "NIET gehaald"
        print(
            f"| cijfers {naam}, 28.000 rijen | {totaal:.2f} | {lezen:.2f} | {toepassen:.2f} | {basis:.2f} "
            f"| {totaal / basis:.1f}× | {piek:.0f} | < {DOEL_SECONDEN:.0f} s, < {DOEL_MB} MB: {gehaald} |"
        )


if __name__ == "__main__":
    main()
