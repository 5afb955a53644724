"""Redis (the task broker) stopped for a minute under a running installation: web, worker and beat.

Pages and login keep working (sessions and cache live in PostgreSQL), a request that queues work neither
hangs nor fails, the consultation's invitations wait in the outbox and leave once Redis is back (a Redis
that comes back empty), an account invitation leaves at once from the web process. Every mail arrives
exactly once.
"""

import time
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from overleg.models import Mailstatus, Uitgaandemail
from tests.support.omgeving import url_van_testdatabank, wacht_tot
from tests.support.storingen import (
    MONITORING,
    Bezoeker,
    app_omgeving,
    kan_aanmelden,
    start_beat,
    start_web,
    stop_proces,
)
from tests.support.werelden import uitnodigingswereld
from tests.support.werker import start_celery_worker, stop_celery_worker

pytestmark = [pytest.mark.storing, pytest.mark.django_db(transaction=True)]

UITVAL_S = 60  # as the issue asks
HERSTEL_S = 180  # the beat sweeps every minute; a worker reconnects within half a minute


def _paginas(wereld) -> list[str]:
    return [
        reverse("home"),
        reverse("school_lijst"),
        reverse("school_detail", args=[wereld.overleggen[0].school_id]),
        reverse("traject_lijst"),
        reverse("overleg_overzicht"),
    ]


def _bezoek(bezoeker: Bezoeker, pad: str) -> int | str:
    """The page's status, or 'aanmelden' when it sent the user to the login form instead."""
    antwoord = bezoeker.get(pad)
    return antwoord.status if urlsplit(antwoord.url).path == pad else "aanmelden"


def test_redis_een_minuut_weg_niets_hangt_en_elke_mail_komt_een_keer_aan(
    postbus, eigen_valkey, statisch, tmp_path
):
    valkey = eigen_valkey
    wereld = uitnodigingswereld(5)
    *uitgenodigd, later = wereld.overleggen
    verwacht = Counter((o.pk, adres) for o in uitgenodigd for adres in wereld.verwacht[o.pk])
    email = wereld.coordinator.email
    kan_aanmelden(wereld.coordinator)
    omgeving = app_omgeving(
        database_url=url_van_testdatabank(),
        redis_url=valkey.url,
        var=statisch,
        tmp_path=tmp_path,
        EMAIL_URL=postbus.url,
    )
    worker = start_celery_worker(tmp_path, REDIS_URL=valkey.url, EMAIL_URL=postbus.url)
    beat = start_beat(tmp_path, omgeving)
    web = start_web(tmp_path, omgeving)
    paginas = _paginas(wereld)
    try:
        vooraf = Bezoeker(web.url)
        vooraf.aanmelden(email)
        assert [_bezoek(vooraf, p) for p in paginas] == [200] * len(paginas)

        valkey.stop()
        weg_sinds = time.monotonic()
        statussen: Counter = Counter()

        # Someone logs in while Redis is away, and the coordinator invites four schools and a colleague.
        nieuw = Bezoeker(web.url)
        aangemeld = nieuw.aanmelden(email)
        assert aangemeld.status == 200 and nieuw.aangemeld, aangemeld.tekst[-2000:]
        batch_pagina = vooraf.post(reverse("overleg_uitnodigen"), [("overleg", o.pk) for o in uitgenodigd])
        assert batch_pagina.status == 200 and "/overleg/batches/" in batch_pagina.url
        collega = vooraf.post(
            reverse("gebruiker_uitnodigen"),
            {"naam": "Nieuwe Collega", "email": "collega@lsc.example", "rol": "coordinator"},
        )
        assert collega.status == 200 and "collega@lsc.example" in collega.tekst
        statussen.update([aangemeld.status, batch_pagina.status, collega.status])

        gezondheid = nieuw.get(reverse("gezondheid"), koppen=MONITORING)
        assert '"broker": "fout"' in gezondheid.tekst and '"database": "ok"' in gezondheid.tekst
        assert Bezoeker(web.url).get(reverse("gezondheid")).tekst == '{"ok": true}'

        # Browsing goes on for the rest of the minute.
        while time.monotonic() - weg_sinds < UITVAL_S:
            for bezoeker in (vooraf, nieuw):
                for pad in paginas:
                    statussen[_bezoek(bezoeker, pad)] += 1
            time.sleep(1)

        # Nothing of the outbox left during the outage; the account invitation did, from the web process.
        assert Uitgaandemail.objects.filter(status=Mailstatus.WACHTEND).count() == sum(verwacht.values())
        assert [o.ontvangers for o in postbus.ontvangen] == [["collega@lsc.example"]]

        valkey.start()
        terug_om = time.monotonic()
        wacht_tot(
            lambda: not Uitgaandemail.objects.filter(status=Mailstatus.WACHTEND).exists(),
            timeout=HERSTEL_S,
            stap=0.5,
        )
        hersteld_na = time.monotonic() - terug_om

        # The web process queues work again without a restart: a document asked for now is made.
        document = reverse("overleg_document", args=[later.pk, "leidraad"])
        assert vooraf.get(document).status == 200
        wacht_tot(lambda: vooraf.get(document).soort == "application/pdf", timeout=60, stap=1)
    finally:
        web.stop()
        stop_proces(beat)
        stop_celery_worker(worker)

    assert set(statussen) == {200}, statussen
    per_id = Counter(o.bericht["Message-ID"] for o in postbus.ontvangen)
    assert set(per_id.values()) == {1}  # no mail twice
    uitnodigingen = Counter(
        (int(o.bericht["Message-ID"].split("-")[1]), adres)
        for o in postbus.ontvangen
        if o.bericht["Message-ID"].startswith("<overleg-")
        for adres in o.ontvangers
    )
    assert uitnodigingen == verwacht  # none lost
    assert len(postbus.aan("collega@lsc.example")) == 1
    print(
        f"\nRedis {UITVAL_S} s weg: {sum(statussen.values())} verzoeken, statussen {dict(statussen)}; "
        f"{len(postbus.ontvangen)} mails aangekomen van {sum(verwacht.values()) + 1} verstuurd; "
        f"outbox leeg {hersteld_na:.0f} s nadat Redis terug was"
    )
