"""Benchmark: the trajectory pages at 1,000 and at 1,000,000 trajectories (server time and queries).

    .venv/bin/python bench/trajecten_paginas.py --klein postgres://…/honingraat_schaal_klein \
                                                --groot postgres://…/honingraat_schaal [--runs 30]

Both databases are filled by `manage.py seed_schaal` (factor 0.001 and 1). Each page is requested
in-process through Django's test client (the whole middleware stack, no network): the time is the
server's own. The baseline, measured in the same run on the same database, is a bare page through the
same middleware (the health endpoint). Reports median and p95 per page and its query count.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def meet(database_url: str, runs: int) -> list[dict]:
    """Runs in a child process per database, so each gets its own settings and connections."""
    uit = subprocess.run(
        [sys.executable, __file__, "--kind", database_url, "--runs", str(runs)],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    import json

    return json.loads(uit.stdout.strip().splitlines()[-1])


def _kind(runs: int) -> None:
    import json
    import time

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "honingraat.settings")
    os.environ.update(
        SECRET_KEY="bench-" + "x" * 50,
        HTTPS="false",
        ALLOWED_HOSTS="testserver",
        DEBUG="false",
        MFA_VERPLICHT="false",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from netwerk.models import Gebruiker
    from trajecten.models import Traject

    call_command("collectstatic", "--noinput", verbosity=0)  # production static files (manifest)
    coordinator = Gebruiker.objects.get(email="coordinator1@schaal.example")
    ondersteuner = Gebruiker.objects.get(email="ondersteuner1@schaal.example")
    traject = Traject.objects.filter(lsc=coordinator.lsc_id, status="lopend").order_by("-id").first()
    paginas = [
        ("vloer: /gezondheid/", coordinator, reverse("gezondheid")),
        ("mijn trajecten (ondersteuner)", ondersteuner, reverse("mijn_trajecten")),
        ("overzicht coördinator", coordinator, reverse("traject_lijst")),
        ("overzicht met filters", coordinator, reverse("traject_lijst") + "?status=lopend&type=9"),
        ("trajectpagina", coordinator, reverse("traject_detail", args=[traject.pk])),
    ]
    resultaten = []
    for naam, gebruiker, url in paginas:
        client = Client()
        client.force_login(gebruiker)
        antwoord = client.get(url)  # warm-up, and a check that it is a real page
        assert antwoord.status_code == 200, (url, antwoord.status_code, antwoord.get("Location"))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        aantal_queries = len(queries)  # now: every later request clears the connection's query log
        tijden = []
        for _ in range(runs):
            begin = time.perf_counter()
            client.get(url)
            tijden.append((time.perf_counter() - begin) * 1000)
        tijden.sort()
        resultaten.append(
            {
                "pagina": naam,
                "mediaan_ms": round(statistics.median(tijden), 1),
                "p95_ms": round(tijden[max(0, int(len(tijden) * 0.95) - 1)], 1),
                "queries": aantal_queries,
                "trajecten": Traject.objects.count() if naam.startswith("vloer") else None,
            }
        )
    print(json.dumps(resultaten))


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--klein")
    argumenten.add_argument("--groot")
    argumenten.add_argument("--kind")
    argumenten.add_argument("--runs", type=int, default=30)
    args = argumenten.parse_args()
    if args.kind:
        _kind(args.runs)
        return
    metingen = {"klein": meet(args.klein, args.runs), "groot": meet(args.groot, args.runs)}
    aantal = {k: v[0]["trajecten"] for k, v in metingen.items()}
    klein, groot = f"{aantal['klein']:,}", f"{aantal['groot']:,}"
    print(f"| pagina | mediaan ({klein}) | p95 | queries | mediaan ({groot}) | p95 | queries |")
    print("|---|---|---|---|---|---|---|")
    for k, g in zip(metingen["klein"], metingen["groot"], strict=True):
        print(
            f"| {k['pagina']} | {k['mediaan_ms']} ms | {k['p95_ms']} ms | {k['queries']} "
            f"| {g['mediaan_ms']} ms | {g['p95_ms']} ms | {g['queries']} |"
        )


if __name__ == "__main__":
    main()
