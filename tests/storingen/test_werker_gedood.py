"""A Celery worker killed with SIGKILL in the middle of its job (an OOM kill, a pulled plug).

The job resumes on the next worker by itself, once: the week plan's solver search is started again and
ends in one proposal; a mail batch sent by production's prefork pool (two child processes sharing the
outbox) loses no mail and sends none twice, even with both children killed while the mail server holds
a mail of each.
"""

import asyncio
import os
import signal
import threading
import time
from collections import Counter

import psutil
import pytest
from django.db import connection

from capaciteit.gemeenten import CENTRA
from capaciteit.models import Weekplan
from capaciteit.services import verdeling_publiceren
from capaciteit.services import weekplan as weekplannen
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import services
from overleg.models import Mailstatus
from tests import factories
from tests.support.omgeving import wacht_tot
from tests.support.werelden import uitnodigingswereld
from tests.support.werker import start_celery_worker, stop_celery_worker

pytestmark = [pytest.mark.storing, pytest.mark.django_db(transaction=True)]


def _doden(proces) -> int:
    """SIGKILL to the worker and all its children at once; returns how many processes died."""
    try:
        groep = [psutil.Process(proces.pid), *psutil.Process(proces.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        groep = []
    for deel in groep:
        os.kill(deel.pid, signal.SIGKILL)
    proces.wait(timeout=10)
    psutil.wait_procs(groep, timeout=10)
    return len(groep)


# ------------------------------------------------------------------------------------------ the week plan


def _groot_netwerk(wereld, *, scholen: int, ondersteuners: int):
    """One regio team with enough schools and supporters that the solver searches for a while."""
    gemeenten = sorted(CENTRA)
    for i in range(scholen):
        school = factories.SchoolFactory(naam=f"School {i:02d}", gemeente=gemeenten[i % len(gemeenten)])
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        factories.CijfersFactory(school=school, leerlingen=150 + 17 * i, gc_verslagen=2 + i % 7)
    for i in range(ondersteuners):
        factories.OndersteunerFactory(
            lsc=wereld.lsc,
            regioteam=wereld.regioteam,
            woonplaats=gemeenten[(7 * i) % len(gemeenten)],
            opdracht_procent=50 + 10 * (i % 6),
        )
    envelop = wereld.eigen_verdeling.envelop
    envelop.uren = 36 * 12 * scholen  # about twelve hours a week per school
    envelop.save()
    verdeling_publiceren(door=None, envelop=envelop)


def _adviesslot_vrij(plan_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted",
            [plan_id],
        )
        return cursor.fetchone()[0] == 0


def test_de_weekplanner_gedood_tijdens_het_zoeken_zoekt_op_de_volgende_worker_opnieuw(
    wereld_met_trajecten, tmp_path
):
    _groot_netwerk(wereld_met_trajecten, scholen=30, ondersteuners=20)
    eerste = start_celery_worker(tmp_path)
    try:
        plan = weekplannen.weekplan_voorstellen(
            door=wereld_met_trajecten.gebruikers[Rol.COORDINATOR],
            lsc_id=wereld_met_trajecten.lsc.pk,
            schooljaar=huidig_schooljaar(),
            instellingen={"tijdslimiet_s": 20},
        )
        wacht_tot(
            lambda: Weekplan.objects.filter(
                pk=plan.pk, status=Weekplan.Status.BEZIG, oplossingen__gte=1
            ).exists(),
            timeout=120,
        )
        gedood = _doden(eerste)
    finally:
        if eerste.poll() is None:
            stop_celery_worker(eerste)
    gedood_om = time.monotonic()
    onderbroken = Weekplan.objects.get(pk=plan.pk)
    assert onderbroken.status == Weekplan.Status.BEZIG and not onderbroken.regels.exists()
    wacht_tot(lambda: _adviesslot_vrij(plan.pk), timeout=30)  # PostgreSQL saw the connection go

    tweede = start_celery_worker(tmp_path)
    try:
        wacht_tot(
            lambda: Weekplan.objects.get(pk=plan.pk).status == Weekplan.Status.VOORSTEL, timeout=180, stap=0.5
        )
    finally:
        stop_celery_worker(tweede)
    klaar_na = time.monotonic() - gedood_om

    plan.refresh_from_db()
    assert Weekplan.objects.filter(lsc=wereld_met_trajecten.lsc).count() == 1
    assert plan.begonnen_op > onderbroken.begonnen_op  # searched again from the start
    assert plan.regels.exists() and plan.klaar_op is not None and plan.oplossingen >= 1
    print(
        f"\nWeekplanner gedood ({gedood} proces) na {onderbroken.oplossingen} oplossing(en); "
        f"voorstel {klaar_na:.0f} s later, door de volgende worker, {plan.regels.count()} bezoeken"
    )


# ---------------------------------------------------------------------------------------------- the mails


def _vasthouden_vanaf(postbus, volgnummer: int) -> dict:
    """From the `volgnummer`-th mail on, the SMTP server holds every mail (its data received, no answer)
    until `postbus.doorgaan` is set; the returned counts say how many are held and how many were cut off."""
    stand = {"gezien": 0, "vast": 0, "afgebroken": 0}
    slot = threading.Lock()
    origineel = postbus.handle_DATA

    async def handle_DATA(server, session, envelope):
        with slot:
            stand["gezien"] += 1
            vasthouden = stand["gezien"] >= volgnummer and not postbus.doorgaan.is_set()
            stand["vast"] += vasthouden
        if vasthouden:
            try:
                while not postbus.doorgaan.is_set():
                    await asyncio.sleep(0.01)
            except asyncio.CancelledError:  # the client's connection is gone: never acknowledged
                with slot:
                    stand["afgebroken"] += 1
                raise
        return await origineel(server, session, envelope)

    postbus.handle_DATA = handle_DATA
    return stand


def test_een_prefork_worker_gedood_midden_in_een_batch_verstuurt_elke_mail_een_keer(postbus, tmp_path):
    wereld = uitnodigingswereld(20)
    verwacht = Counter((pk, adres) for pk, adressen in wereld.verwacht.items() for adres in adressen)
    stand = _vasthouden_vanaf(postbus, 20)
    # The batch waits before the worker starts: its nudge and the worker's own sweep give both children
    # a share of the outbox at once.
    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
    eerste = start_celery_worker(tmp_path, pool="prefork", EMAIL_URL=postbus.url)
    try:
        wacht_tot(lambda: stand["vast"] == 2, timeout=180, stap=0.05)
        gedood = _doden(eerste)
    finally:
        if eerste.poll() is None:
            stop_celery_worker(eerste)
    wacht_tot(lambda: stand["afgebroken"] == 2, timeout=10)
    verstuurd_bij_dood = batch.mails.filter(status=Mailstatus.VERSTUURD).count()
    assert verstuurd_bij_dood == len(postbus.ontvangen) == 19

    postbus.doorgaan.set()
    tweede = start_celery_worker(tmp_path, pool="prefork", EMAIL_URL=postbus.url)
    try:
        wacht_tot(lambda: not batch.mails.filter(status=Mailstatus.WACHTEND).exists(), timeout=180)
    finally:
        stop_celery_worker(tweede)

    per_id = Counter(o.bericht["Message-ID"] for o in postbus.ontvangen)
    assert set(per_id.values()) == {1}
    ontvangen = Counter(
        (int(o.bericht["Message-ID"].split("-")[1]), adres)
        for o in postbus.ontvangen
        for adres in o.ontvangers
    )
    assert ontvangen == verwacht  # 0 lost, 0 twice
    assert batch.mails.filter(status=Mailstatus.VERSTUURD).count() == len(verwacht)
    print(
        f"\nPrefork-worker gedood ({gedood} processen, 2 mails in de lucht) na {verstuurd_bij_dood} van "
        f"{len(verwacht)} mails; daarna {len(postbus.ontvangen)} aangekomen, elk één keer"
    )
