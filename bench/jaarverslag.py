"""Benchmark: the yearly report (issue 20.5) on the demo network: its content, its PDF and its XLSX.

    .venv/bin/python bench/jaarverslag.py [--runs 3]

Works in a scratch database `honingraat_bench_jaarverslag` on the server of DATABASE_URL (only the server is
taken from it), which it drops if it exists, creates, migrates, fills with the demo and drops again at the
end; files go to a temporary MEDIA_ROOT. Production-like settings (DEBUG off, a dummy SECRET_KEY). Each run
computes every part (`DELEN`, the queries), renders the PDF (WeasyPrint) and writes the XLSX, the coordinator
of the demo's general LSC asking; the medians are printed.

The baseline, measured in the same runs: a blank one-page PDF (the report's document head with the house
print style, an empty body) through the same call (`netwerk.pdf.pdf_en_paginas`), so the ratio says what the
report costs beyond WeasyPrint's fixed cost on this machine at this moment. One blank render before the runs
loads WeasyPrint (about a second, once per process) and is not counted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import kladdatabank

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "honingraat_bench_jaarverslag"
# The baseline: the report's document head and house print style, and nothing on the page.
LEGE_PAGINA = """<!DOCTYPE html>
<html lang="nl-BE"><head><meta charset="utf-8"><title>Leeg</title>
<style>{% include "netwerk/pdf/huisstijl.css" %}</style></head><body></body></html>"""


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=3)
    runs = argumenten.parse_args().runs
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat")
    kladdatabank.maak_database(server, BENCH_DB)
    try:
        with tempfile.TemporaryDirectory() as media:
            os.environ.update(
                DATABASE_URL=kladdatabank.met_naam(server, BENCH_DB),
                DJANGO_SETTINGS_MODULE="honingraat.settings",
                SECRET_KEY="bench-" + "x" * 50,
                DEBUG="false",
                HTTPS="false",
                MEDIA_ROOT=media,
                LOG_LEVEL="WARNING",
            )
            sys.path.insert(0, str(ROOT))
            import django

            django.setup()
            _meet(runs)
            kladdatabank.sluit_django()
    finally:
        kladdatabank.verwijder_database(server, BENCH_DB)


def _meet(runs: int) -> None:
    from django.core.management import call_command
    from django.template import Template
    from django.template.context import Context
    from django.utils import timezone

    from honingraat import jaarverslag
    from honingraat.demo import COORDINATOR, laad_demo
    from netwerk.models import Gebruiker
    from netwerk.pdf import pdf_en_paginas
    from netwerk.schooljaar import huidig_schooljaar

    call_command("migrate", verbosity=0)
    laad_demo(schrijf=lambda _: None)
    verslag = jaarverslag.jaarverslag_aanvragen(
        door=Gebruiker.objects.get(email=COORDINATOR), schooljaar=huidig_schooljaar()
    )
    bron = jaarverslag._bron(verslag)
    leeg = Template(LEGE_PAGINA).render(Context())
    assert pdf_en_paginas(leeg)[1] == 1  # the warm-up: WeasyPrint loaded before anything is timed
    inhoud, pdf, xlsx, basis = [], [], [], []
    for _ in range(runs):
        begin = time.perf_counter()
        pdf_en_paginas(leeg)
        basis.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        secties = [deel(bron) for deel in jaarverslag.DELEN]
        inhoud.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        _pdf, paginas = jaarverslag.als_pdf(
            lsc=bron.lsc, jaar=bron.jaar, secties=secties, gemaakt_op=timezone.localtime()
        )
        pdf.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        jaarverslag.als_xlsx(jaar=bron.jaar, secties=secties)
        xlsx.append(time.perf_counter() - begin)
    print(f"jaarverslag op de demo ({paginas} pagina's), mediaan van {runs}:")
    for naam, tijden in (
        ("inhoud (queries)", inhoud),
        ("PDF (WeasyPrint)", pdf),
        ("XLSX", xlsx),
        ("basislijn: lege pagina", basis),
    ):
        losse = ", ".join(f"{t:.2f}" for t in tijden)
        print(f"  {naam:24} {statistics.median(tijden) * 1000:8.0f} ms   ({losse} s)")
    verhouding = statistics.median(pdf) / statistics.median(basis)
    print(
        f"  PDF ÷ basislijn: {verhouding:.0f}× (mediaan ÷ mediaan); per pagina {verhouding / paginas:.1f}× "
        "een lege pagina"
    )


if __name__ == "__main__":
    main()
