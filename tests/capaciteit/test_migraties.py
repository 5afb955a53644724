"""Data migrations of capacity, run back and forth on the test database itself."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from capaciteit.models import Agendasleutel
from tests import factories

VOOR_HASH = ("capaciteit", "0003_weekplanning")


def _naar_de_laatste() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_een_bestaand_agenda_abonnement_blijft_werken_na_de_hash(client):
    """Before, the key itself was stored; the migration stores its hash, so the URL a calendar app already
    has keeps working."""
    ondersteuner = factories.OndersteunerFactory()
    oud = "sleutel-van-voor-de-migratie-0123456789abcdef"
    try:
        MigrationExecutor(connection).migrate([VOOR_HASH])
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO capaciteit_agendasleutel (ondersteuner_id, sleutel, aangemaakt_op) "
                "VALUES (%s, %s, now())",
                [ondersteuner.pk, oud],
            )
    finally:
        _naar_de_laatste()
    rij = Agendasleutel.objects.get(ondersteuner=ondersteuner)
    assert rij.sleutel_hash == hashlib.sha256(oud.encode()).hexdigest()
    antwoord = client.get(reverse("weekplan_agenda", kwargs={"sleutel": oud}))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "text/calendar; charset=utf-8"
