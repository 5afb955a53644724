"""Benchmark: the policy team's pictures page (/beelden/) at the demo's size, and the chart module alone.

    .venv/bin/python bench/beelden.py [--runs 20]

Works in a scratch database `honingraat_bench_beelden` on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/…; only the server is taken from it), which it drops if it exists,
creates, migrates, fills with `manage.py demo` and drops again at the end. Production-like settings (DEBUG
off, a dummy SECRET_KEY). The demo's coordinator and a team coach request the page `--runs` times in-process
through Django's test client (the whole middleware stack); baseline in the same run, interleaved: the
coordinator's capacity follow-up (/capaciteit/opvolging/), which reads the same frames and supporters and
draws no chart. Apart from that, `netwerk.grafiek.staven` alone on 150 bullet rows (a whole LSC's schools).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import kladdatabank

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "honingraat_bench_beelden"


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=20)
    runs = argumenten.parse_args().runs
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat")
    kladdatabank.maak_database(server, BENCH_DB)
    try:
        os.environ.update(
            DATABASE_URL=kladdatabank.met_naam(server, BENCH_DB),
            DJANGO_SETTINGS_MODULE="honingraat.settings",
            SECRET_KEY="bench-" + "x" * 50,
            ALLOWED_HOSTS="testserver",
            DEBUG="false",
            HTTPS="false",
            MFA_VERPLICHT="false",
            LOG_LEVEL="WARNING",
        )
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        _meet(runs)
    finally:
        kladdatabank.verwijder_database(server, BENCH_DB)


def _ms(functie) -> float:
    begin = time.perf_counter()
    functie()
    return (time.perf_counter() - begin) * 1000


def _meet(runs: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from netwerk import grafiek
    from netwerk.models import Gebruiker, Rol

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # production static files (manifest)
    call_command("demo", verbosity=0)
    print(f"runs: {runs}; demo: {_omvang()}")
    print(
        "| pagina | rol | mediaan (ms) | max (ms) | queries | HTML (kB) | basislijn opvolging (ms) "
        "| verhouding |"
    )
    print("|---|---|---|---|---|---|---|---|")
    coordinator = Gebruiker.objects.filter(rol=Rol.COORDINATOR).first()
    basis_client = Client()
    basis_client.force_login(coordinator)
    # The page opens on one picture (the frames); "?beeld=alle" draws the five, as the page did before.
    for rol in (Rol.COORDINATOR, Rol.TEAMCOACH):
        client = Client()
        client.force_login(Gebruiker.objects.filter(rol=rol).first())
        for adres in ("/beelden/", "/beelden/?beeld=alle"):
            antwoord = client.get(adres)  # warm-up, and a check that it is a real page
            assert antwoord.status_code == 200, antwoord.status_code
            assert basis_client.get("/capaciteit/opvolging/").status_code == 200
            with CaptureQueriesContext(connection) as queries:
                client.get(adres)
            aantal_queries = len(queries)  # now: every later request clears the connection's query log
            tijden, basis = [], []
            for _ in range(runs):
                tijden.append(_ms(lambda c=client, a=adres: c.get(a)))
                basis.append(_ms(lambda: basis_client.get("/capaciteit/opvolging/")))
            print(
                f"| {adres} | {rol} | {statistics.median(tijden):.1f} | {max(tijden):.1f} | {aantal_queries} "
                f"| {len(antwoord.content) / 1024:.0f} | {statistics.median(basis):.1f} "
                f"| {statistics.median(tijden) / statistics.median(basis):.2f}× |"
            )
    rijen = [
        grafiek.Rij(f"School {i:03d}", (i * 3.5,), band=400, merktekens=((200.0, "prorata", "pro rata"),))
        for i in range(150)
    ]
    losse = [
        _ms(lambda: grafiek.staven(id="b", titel="T", beschrijving="B", reeksen=["gebruikt"], rijen=rijen))
        for _ in range(runs)
    ]
    print(f"\nnetwerk.grafiek.staven, 150 kogelrijen: mediaan {statistics.median(losse):.2f} ms")


def _omvang() -> str:
    from netwerk.models import Ondersteuner, Regioteam
    from scholen.models import Bediening
    from trajecten.models import Logboekregel, Traject

    return (
        f"{Bediening.objects.count()} bedieningen, {Regioteam.objects.count()} regioteams, "
        f"{Ondersteuner.objects.count()} ondersteuners, {Traject.objects.count()} trajecten, "
        f"{Logboekregel.objects.count()} logboekregels"
    )


if __name__ == "__main__":
    main()
