"""The bench's measuring middleware (netwerk/meten.py): true figures with HONINGRAAT_BENCH, absent without."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerk.models import Rol
from tests.support.omgeving import ROOT

MET_METEN = ["netwerk.meten.MetenMiddleware", *settings.MIDDLEWARE]


@pytest.mark.django_db
@override_settings(MIDDLEWARE=MET_METEN)
def test_elk_antwoord_zegt_zijn_queries_en_servertijd(client, wereld_met_trajecten):
    client.force_login(wereld_met_trajecten.gebruikers[Rol.COORDINATOR])
    for url in (reverse("gezondheid"), reverse("traject_lijst") + "?status=lopend"):
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(url)
        assert antwoord.status_code == 200
        assert int(antwoord["X-Queries"]) == len(vastgelegd), url
        kosten = {k: float(v) for k, v in re.findall(r"(\w+);dur=([\d.]+)", antwoord["Server-Timing"])}
        assert set(kosten) == {"app", "cpu", "db"}
        assert 0 < kosten["db"] <= kosten["app"]


@pytest.mark.django_db
def test_zonder_bench_geen_meetkoppen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("gezondheid"))
    assert "Server-Timing" not in antwoord
    assert "X-Queries" not in antwoord


@pytest.mark.parametrize(("waarde", "actief"), [("1", True), ("", False)])
def test_enkel_met_honingraat_bench_geregistreerd(waarde, actief):
    """Settings are read once per process: each case in a fresh interpreter."""
    uit = subprocess.run(
        [sys.executable, "-c", "from honingraat import settings; print(settings.MIDDLEWARE[0])"],
        env={**os.environ, "HONINGRAAT_BENCH": waarde},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert (uit.stdout.strip() == "netwerk.meten.MetenMiddleware") is actief
