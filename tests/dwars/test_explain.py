"""No page reads the trajectory or logbook table from start to end.

Every query a main page sends is explained by PostgreSQL with sequential scans priced out
(`enable_seqscan = off`): the planner then takes any index that can serve the query, so a sequential scan
that is still chosen means no index can. At a million trajectories and ten million logbook lines such a
query is the page that times out.
"""

import json
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerk.models import Rol
from tests import factories
from trajecten.models import Traject
from trajecten.views.lijsten import NA, VOOR, _cursor

GROTE_TABELLEN = {"trajecten_traject", "trajecten_logboekregel"}


def _sequentieel(plan: dict) -> list[str]:
    gevonden = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in GROTE_TABELLEN:
        gevonden.append(plan["Relation Name"])
    for kind in plan.get("Plans", []):
        gevonden += _sequentieel(kind)
    return gevonden


def _volledige_scans(queries) -> list[tuple[str, list[str]]]:
    fout = []
    for query in queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT") or not any(t in sql for t in GROTE_TABELLEN):
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
        if tabellen := _sequentieel(plan[0]["Plan"]):
            fout.append((re.sub(r"\s+", " ", sql)[:300], tabellen))
    return fout


@pytest.fixture
def gevuld(wereld_met_trajecten):
    wereld = wereld_met_trajecten
    traject = wereld.eigen_traject
    for nummer in range(5):
        factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status="lopend")
        factories.TrajectFactory(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school)
        if hasattr(factories, "LogboekregelFactory"):
            factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, minuten=30 + nummer)
    return wereld


def _cursors(wereld) -> tuple[str, str]:
    """The overview's cursors after and before the world's own trajectory: a deeper page, either way."""

    return _cursor(NA, wereld.eigen_traject), _cursor(VOOR, wereld.eigen_traject)


def _paginas(wereld):
    school, traject = wereld.eigen_school.pk, wereld.eigen_traject.pk
    na, voor = _cursors(wereld)
    return [
        (Rol.COORDINATOR, reverse("home"), {}),
        (Rol.COORDINATOR, reverse("traject_lijst"), {}),
        (Rol.COORDINATOR, reverse("traject_lijst"), {"status": "alle", "school": school}),
        (Rol.COORDINATOR, reverse("traject_lijst"), {"status": "alle", "type": "basisaanbod", "pagina": 2}),
        (Rol.COORDINATOR, reverse("traject_lijst"), {"status": "alle", "pagina": na}),
        (Rol.COORDINATOR, reverse("traject_lijst"), {"pagina": voor}),
        (Rol.TEAMCOACH, reverse("traject_lijst"), {"status": "alle", "pagina": na}),
        (Rol.ZORG, reverse("traject_lijst"), {"status": "alle", "pagina": voor}),
        (Rol.ONDERSTEUNER, reverse("mijn_trajecten"), {"status": "alle", "bereik": "alle", "pagina": 2}),
        (Rol.COORDINATOR, reverse("traject_detail", args=[traject]), {}),
        (Rol.COORDINATOR, reverse("capaciteit_planning"), {}),
        (Rol.COORDINATOR, reverse("capaciteit_opvolging"), {}),
        (Rol.COORDINATOR, reverse("tijdskader_school", args=[school]), {}),
        (Rol.COORDINATOR, reverse("school_detail", args=[school]), {}),
        (Rol.TEAMCOACH, reverse("traject_lijst"), {}),
        (Rol.ONDERSTEUNER, reverse("home"), {}),
        (Rol.ONDERSTEUNER, reverse("mijn_trajecten"), {"status": "alle"}),
        (Rol.ONDERSTEUNER, reverse("traject_detail", args=[traject]), {}),
        (Rol.ZORG, reverse("home"), {}),
        (Rol.ZORG, reverse("tijdskader_school", args=[school]), {}),
        (Rol.ZORG, reverse("traject_lijst"), {}),
        (Rol.CLB, reverse("home"), {}),
        # The school's dossier (issue 19): its trajectories, requests and frame.
        (Rol.COORDINATOR, reverse("school_dossier", args=[school]), {}),
        (Rol.ZORG, reverse("school_dossier", args=[school]), {"status": "alle", "type": "9"}),
        (Rol.ONDERSTEUNER, reverse("school_dossier", args=[school]), {}),
    ]


@pytest.mark.django_db
def test_geen_pagina_leest_de_grote_tabellen_sequentieel(client, gevuld, settings):
    settings.HONINGRAAT_MFA_VERPLICHT = False
    fouten, uitgelegd = [], 0
    for rol, url, parameters in _paginas(gevuld):
        client.force_login(gevuld.gebruikers[rol])
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(url, parameters)
        assert antwoord.status_code == 200, (rol, url)
        uitgelegd += sum(1 for q in vastgelegd.captured_queries if any(t in q["sql"] for t in GROTE_TABELLEN))
        fouten += [(rol.value, url, *fout) for fout in _volledige_scans(vastgelegd.captured_queries)]
    assert uitgelegd >= 15, "the pages must really query the big tables, or this test proves nothing"
    assert fouten == [], "\n".join(map(str, fouten))


@pytest.mark.django_db
def test_de_controle_ziet_een_volledige_scan():
    """A query no index can serve is caught: the check itself works."""

    with CaptureQueriesContext(connection) as vastgelegd:
        list(Traject.objects.filter(vraag_leerkracht__contains="x"))
    assert _volledige_scans(vastgelegd.captured_queries)
