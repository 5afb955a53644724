"""PostgreSQL restarted under a running web process (gunicorn, production settings, its own cluster).

While the database is away every request ends at once with a short Dutch page and status 503, never a
trace or a hang; once it is back the same web process serves every page again, on every thread, without a
restart: connections cut by the restart are noticed and replaced (CONN_HEALTH_CHECKS).
"""

import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import WACHTWOORD
from tests.support.omgeving import ROOT
from tests.support.storingen import MONITORING, Bezoeker, app_omgeving, start_web

pytestmark = pytest.mark.storing

COORDINATOR = "coordinator@herstart.example"
INRICHTEN = f"""
from netwerk.models import Gebruiker, Leersteuncentrum, Rol
lsc = Leersteuncentrum.objects.create(naam="LSC Herstart")
Gebruiker.objects.create_user(
    "{COORDINATOR}", "{WACHTWOORD}", naam="Coördinator", rol=Rol.COORDINATOR, lsc=lsc
)
"""
PAGINAS = ["home", "school_lijst", "traject_lijst", "overleg_overzicht", "gebruiker_uitnodigen"]


def _manage(omgeving: dict, *args: str) -> None:
    uit = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uit.returncode == 0, uit.stderr[-3000:]


def _ronde(bezoeker: Bezoeker, paden: list[str], *, gelijktijdig: int = 4) -> list:
    """Every page `gelijktijdig` times at once, so that each of gunicorn's threads (and its own database
    connection) serves some; (status, reached the page itself, text) per request."""

    def een(pad: str):
        antwoord = bezoeker.get(pad)
        return antwoord.status, urlsplit(antwoord.url).path == pad, antwoord.tekst

    with ThreadPoolExecutor(gelijktijdig) as pool:
        return list(pool.map(een, [pad for pad in paden for _ in range(gelijktijdig)]))


def test_postgresql_herstart_geeft_een_nette_503_en_herstelt_vanzelf(eigen_postgres, statisch, tmp_path):
    omgeving = app_omgeving(
        database_url=eigen_postgres.url, redis_url=settings.REDIS_URL, var=statisch, tmp_path=tmp_path
    )
    _manage(omgeving, "migrate", "--noinput", "-v", "0")
    _manage(omgeving, "shell", "-c", INRICHTEN)
    web = start_web(tmp_path, omgeving)
    paden = [reverse(naam) for naam in PAGINAS]
    try:
        bezoeker = Bezoeker(web.url)
        bezoeker.aanmelden(COORDINATOR)
        assert bezoeker.aangemeld
        assert {(s, eigen) for s, eigen, _ in _ronde(bezoeker, paden)} == {(200, True)}

        # A restart nobody notices: every thread still holds a connection the restart cut.
        eigen_postgres.stop()
        eigen_postgres.start()
        na_snelle_herstart = _ronde(bezoeker, paden)
        assert {(s, eigen) for s, eigen, _ in na_snelle_herstart} == {(200, True)}

        # A restart with users at work: pages, a login, the health check while the database is away.
        eigen_postgres.stop()
        tijdens = _ronde(bezoeker, paden)
        ander = Bezoeker(web.url)
        aanmelden = ander.aanmelden(COORDINATOR)
        gezondheid = ander.get(reverse("gezondheid"), koppen=MONITORING)
        op_of_neer = ander.get(reverse("gezondheid"))
        begin = time.monotonic()
        eigen_postgres.start()
        hersteld_na = time.monotonic() - begin
        eerste = bezoeker.get(paden[0])
        daarna = _ronde(bezoeker, paden)
    finally:
        web.stop()

    assert {s for s, _, _ in tijdens} == {503}
    for _, _, tekst in tijdens:
        assert "Honingraat is even niet bereikbaar" in tekst and "Er is niets verloren" in tekst
        assert "Traceback" not in tekst and "OperationalError" not in tekst
    assert aanmelden.status == 503 and "even niet bereikbaar" in aanmelden.tekst
    assert gezondheid.status == 503 and '"database": "fout"' in gezondheid.tekst
    assert (op_of_neer.status, op_of_neer.tekst) == (503, '{"ok": false}')
    assert eerste.status == 200 and urlsplit(eerste.url).path == paden[0]
    assert {(s, eigen) for s, eigen, _ in daarna} == {(200, True)}
    print(
        f"\nPostgreSQL herstart: na een stille herstart {len(na_snelle_herstart)} verzoeken, alle 200; "
        f"tijdens de uitval {len(tijdens) + 2} verzoeken: {dict(Counter(s for s, _, _ in tijdens))}, "
        f"aanmelden {aanmelden.status}, gezondheid {gezondheid.status}; PostgreSQL terug in "
        f"{hersteld_na:.1f} s, eerste verzoek daarna {eerste.status}, daarna {len(daarna)} verzoeken "
        f"{dict(Counter(s for s, _, _ in daarna))}"
    )
