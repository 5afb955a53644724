"""Data migrations of the consultation, run back and forth on the test database itself."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from overleg.models import Mailsoort, Schoolbeeldoverleg, Uitgaandemail
from tests import factories

VOOR_DAG_EN_UUR = ("overleg", "0003_wachtende_mails_op_volgorde")


def _naar_de_laatste() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_een_tweede_moment_om_middernacht_wordt_een_dag_zonder_uur_in_brusselse_tijd():
    """Before, the second moment was one timestamp and a planner who knew only the day typed 00:00. The
    migration keeps the Brussels day (not the UTC day before it) and forgets that made-up hour; a real
    hour stays. Invitations already sent keep their SEQUENCE: the consultation's version."""
    school = factories.SchoolFactory()
    lsc = factories.LscFactory()
    zorg = factories.GebruikerFactory()
    middernacht = Schoolbeeldoverleg.objects.create(lsc=lsc, school=school, schooljaar=2026, versie=4)
    met_uur = Schoolbeeldoverleg.objects.create(lsc=lsc, school=factories.SchoolFactory(), schooljaar=2026)
    Uitgaandemail.objects.create(
        overleg=middernacht, soort=Mailsoort.UITNODIGING, ontvanger=zorg, adres=zorg.email
    )
    try:
        MigrationExecutor(connection).migrate([VOOR_DAG_EN_UUR])
        with connection.cursor() as cursor:
            for pk, tijdstip in (
                (middernacht.pk, "2027-02-09 00:00:00+01:00"),
                (met_uur.pk, "2027-03-10 14:30:00+01:00"),
            ):
                cursor.execute(
                    "UPDATE overleg_schoolbeeldoverleg SET tussentijds_op = %s WHERE id = %s", [tijdstip, pk]
                )
    finally:
        _naar_de_laatste()
    middernacht.refresh_from_db()
    met_uur.refresh_from_db()
    assert (middernacht.tussentijds_op, middernacht.tussentijds_uur) == (dt.date(2027, 2, 9), None)
    assert (met_uur.tussentijds_op, met_uur.tussentijds_uur) == (dt.date(2027, 3, 10), dt.time(14, 30))
    assert middernacht.agenda_volgnummer == 4
    assert Uitgaandemail.objects.get(overleg=middernacht).volgnummer == 4
