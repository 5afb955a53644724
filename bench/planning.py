"""Benchmark: the coordinator's capacity planning page for an LSC with 3,500 schools.

    createdb honingraat_planning && DATABASE_URL=postgres://…/honingraat_planning manage.py migrate
    DATABASE_URL=… manage.py seed_schaal --factor 0.01 --lscs 1 --scholen 3500
    DATABASE_URL=postgres://…/honingraat_planning .venv/bin/python bench/planning.py [--runs 20]

In-process through Django's test client with production settings (server time, no network): the page
with its preview (the key over 3,500 schools), before and after a published version (then also the
differences, the current frames and the chart). Baseline in the same run: the health endpoint.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=20)
    runs = argumenten.parse_args().runs
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
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from capaciteit.models import Envelop
    from capaciteit.services import verdeling_publiceren
    from netwerk.models import Gebruiker
    from netwerk.schooljaar import huidig_schooljaar

    call_command("collectstatic", "--noinput", verbosity=0)
    coordinator = Gebruiker.objects.get(email="coordinator1@schaal.example")
    jaar = huidig_schooljaar()
    envelop, _ = Envelop.objects.update_or_create(
        lsc=coordinator.lsc, schooljaar=jaar, defaults={"uren": 120_000, "verslagsoorten": ["gc"]}
    )
    envelop.verdelingen.all().delete()
    client = Client()
    client.force_login(coordinator)
    planning = reverse("capaciteit_planning") + f"?schooljaar={jaar}"

    def meet(naam: str, url: str) -> str:
        antwoord = client.get(url)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        aantal = len(queries)
        tijden = []
        for _ in range(runs):
            begin = time.perf_counter()
            client.get(url)
            tijden.append((time.perf_counter() - begin) * 1000)
        tijden.sort()
        p95 = tijden[max(0, int(len(tijden) * 0.95) - 1)]
        return f"| {naam} | {statistics.median(tijden):.1f} | {p95:.1f} | {aantal} |"

    rijen = [meet("vloer: /gezondheid/", reverse("gezondheid")), meet("planning, enkel voorbeeld", planning)]
    try:
        verdeling_publiceren(door=coordinator, envelop=envelop)
        rijen.append(meet("planning met gepubliceerde versie", planning))
    finally:
        with transaction.atomic():  # the sum trigger checks at commit, when the version is gone too
            for verdeling in envelop.verdelingen.all():
                verdeling.tijdskaders.all().delete()
                verdeling.delete()
    print("| pagina (3.500 scholen) | mediaan (ms) | p95 (ms) | queries |")
    print("|---|---|---|---|")
    print("\n".join(rijen))


if __name__ == "__main__":
    main()
