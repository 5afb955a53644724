"""Benchmark: reading an import file with the previous reader and with the bounded one (issue 15, point 5).

    DEBUG=1 .venv/bin/python bench/import_grenzen.py [--runs 3]

Files made on the spot in a temporary directory:

- the file of the issue: an XLSX of 281 KB with 32 million empty <row/> elements;
- one million empty rows in 6 MB of XML, under the size limits (refused on its rows);
- one million skipped row numbers: a row of figures on line 1,000,003 and nothing in between;
- a real file: 28,000 rows of figures (3,500 schools × 8 school years), to see what the bounds cost it.

The previous reader is the previous `scholen/importeren.py` itself, taken from git (`VORIGE`); the
bounded one is the current `lees_bestand`. Then the preview of the real file: the previous preview parsed
the file again on every GET, the current one loads the table stored at upload (`Tabel.van_json`); the
check against the database that follows is the same in both and left out (no database is used).
Median of `--runs` runs, wall-clock seconds.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VORIGE = "50036d5"  # the commit before the bounded reader


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=3)
    runs = argumenten.parse_args().runs
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "honingraat.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    with tempfile.TemporaryDirectory() as map_:
        _meet(Path(map_), runs)


def _vorige_lezer() -> types.ModuleType:
    bron = subprocess.run(
        ["git", "show", f"{VORIGE}:scholen/importeren.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("importeren_vorig")
    exec(compile(bron, "importeren_vorig.py", "exec"), module.__dict__)  # noqa: S102 (our own history)
    return module


def _bestanden(map_: Path) -> dict[str, Path]:
    import openpyxl

    from tests.support.bestanden import rekenblad_met_lege_rijen

    echt = map_ / "cijfers.xlsx"
    boek = openpyxl.Workbook(write_only=True)
    blad = boek.create_sheet()
    blad.append(
        ["instellingsnummer", "schooljaar", "leerlingen", "gc_verslagen", "iac_verslagen", "ov4_verslagen"]
    )
    for school in range(3_500):
        for jaar in range(2017, 2025):
            blad.append([100_000 + school, f"{jaar}-{jaar + 1}", 250 + school % 50, 5, 1, 0])
    boek.save(echt)
    return {
        "281 KB, 32 miljoen lege rijen": rekenblad_met_lege_rijen(map_ / "issue.xlsx", lege_rijen=32_000_000),
        "6 MB XML, 1 miljoen lege rijen": rekenblad_met_lege_rijen(map_ / "rijen.xlsx", lege_rijen=1_000_000),
        "1 miljoen overgeslagen rijnummers": rekenblad_met_lege_rijen(
            map_ / "gat.xlsx", lege_rijen=1_000_000, vorm="gat"
        ),
        "28.000 echte rijen": echt,
    }


def _tijd(lezer: types.ModuleType, pad: Path, soort) -> tuple[float, str]:
    begin = time.perf_counter()
    try:
        uitkomst = f"{len(lezer.lees_bestand(pad, soort=soort).rijen)} rijen"
    except lezer.Bestandsfout as fout:
        uitkomst = f"geweigerd: {str(fout)[:70]}…"
    return time.perf_counter() - begin, uitkomst


def _meet(map_: Path, runs: int) -> None:
    from netwerk import inlezen
    from scholen.importeren import CIJFERS

    vorig = _vorige_lezer()
    print("| bestand | grootte | vorige lezer (s) | uitkomst | begrensde lezer (s) | uitkomst |")
    print("|---|---|---|---|---|---|")
    bestanden = _bestanden(map_)
    for naam, pad in bestanden.items():
        oud = [_tijd(vorig, pad, vorig.CIJFERS) for _ in range(runs)]
        nieuw = [_tijd(inlezen, pad, CIJFERS) for _ in range(runs)]
        print(
            f"| {naam} | {pad.stat().st_size / 1000:,.0f} kB "
            f"| {statistics.median(t for t, _ in oud):.4f} | {oud[0][1]} "
            f"| {statistics.median(t for t, _ in nieuw):.4f} | {nieuw[0][1]} |"
        )
    echt = bestanden["28.000 echte rijen"]
    opgeslagen = inlezen.lees_bestand(echt, soort=CIJFERS).naar_json()
    opnieuw = [_tijd(vorig, echt, vorig.CIJFERS)[0] for _ in range(runs)]
    geladen = []
    for _ in range(runs):
        begin = time.perf_counter()
        inlezen.Tabel.van_json(opgeslagen)
        geladen.append(time.perf_counter() - begin)
    print(
        f"\nVoorbeeld van de 28.000 echte rijen, per GET: vorige {statistics.median(opnieuw):.3f} s (het "
        f"bestand opnieuw lezen), nu {statistics.median(geladen):.3f} s (de opgeslagen tabel laden, "
        f"{len(opgeslagen) / 1024 / 1024:.1f} MB JSON)."
    )


if __name__ == "__main__":
    main()
