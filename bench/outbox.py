"""Benchmark: the consultation's outbox, 3,500 invitations to a local SMTP server, in mails per second.

    .venv/bin/python bench/outbox.py [--scholen 1167] [--clbs 4] [--werkers 2,4] [--runs 1]

Works in a scratch database `honingraat_bench_outbox` on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/…; only the server is taken from it), which it drops if it exists,
creates, migrates and drops again at the end; the PDFs go to a temporary MEDIA_ROOT, the Celery nudges to
a queue of its own (`honingraat-bench-outbox`, purged at the end: no worker of anyone else is woken).
Production-like settings (DEBUG off, a dummy SECRET_KEY).

The world is `tests.overleg.conftest.uitnodigingswereld(--scholen, clbs=--clbs)`: n schools of one LSC,
3 recipients each (care coordinator, a specific LSC's supporter, the CLB), so 1,167 schools make 3,501
mails. The SMTP server is aiosmtpd on 127.0.0.1, in a thread of this process; its handler only counts
(Message-ID, recipient) pairs instead of parsing each mail like the tests' `Postbus`, so it costs little.
The senders run in processes of their own (forked from the set-up parent after it closed its database
connections, warm before the clock starts), so the server and the senders never share one interpreter lock.

Phases, each timed on its own:
  (a) `services.uitnodigingen_versturen` for every school: participants fixed, one outbox row per recipient;
  (b) the two attachments per school (leidraad, afspraken) rendered and stored by
      `documenten.actueel_document`, as the worker's first mail of a school does, timed per document;
  (c) `outbox.verstuur_wachtende()` in one process, the PDFs already rendered: mails/s;
  (d) the same with 2 and 4 processes at once (`--werkers`), each with its own connection (SKIP LOCKED);
  baseline: the same mails (same attachments, .ics, headers, built before the clock starts) sent straight
      through Django's SMTP backend over one connection, in one process, without the outbox or database.
After each sending phase the server must have received exactly one mail per outbox row (asserted).

A full run takes ~20 minutes on 2 cores (most of it building the world and rendering 2,334 PDFs), so `--runs`
defaults to 1; with more runs the batch is undone (rows, participants, documents) and made again.
"""

import argparse
import multiprocessing
import os
import queue
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import kladdatabank

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "honingraat_bench_outbox"
WACHTRIJ = "honingraat-bench-outbox"
_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(\S+)", re.MULTILINE | re.IGNORECASE)


class Teller:
    """aiosmtpd handler: counts what it accepted per (Message-ID, recipient), with the bytes."""

    def __init__(self) -> None:
        self._slot = threading.Lock()
        self.leeg()

    def leeg(self) -> None:
        with self._slot:
            self.ontvangen: Counter = Counter()
            self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        inhoud = envelope.original_content
        kop = inhoud[: inhoud.find(b"\r\n\r\n")]
        gevonden = _MESSAGE_ID.search(kop)
        message_id = gevonden.group(1).decode() if gevonden else "?"
        with self._slot:
            for ontvanger in envelope.rcpt_tos:
                self.ontvangen[(message_id, ontvanger)] += 1
            self.bytes += len(inhoud)
        return "250 OK"


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--scholen", type=int, default=1167)
    argumenten.add_argument("--clbs", type=int, default=4)
    argumenten.add_argument("--werkers", default="2,4", help="parallel phases, e.g. 2,4; empty: none")
    argumenten.add_argument("--runs", type=int, default=1)
    opties = argumenten.parse_args()
    werkers = [int(w) for w in opties.werkers.split(",") if w.strip()]

    from aiosmtpd.controller import Controller

    teller = Teller()
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    controller = Controller(teller, hostname="127.0.0.1", port=poort, data_size_limit=50_000_000)
    controller.start()

    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat")
    kladdatabank.maak_database(server, BENCH_DB)
    try:
        with tempfile.TemporaryDirectory() as media:
            os.environ.update(
                DATABASE_URL=kladdatabank.met_naam(server, BENCH_DB),
                DJANGO_SETTINGS_MODULE="honingraat.settings",
                SECRET_KEY="bench-" + "x" * 50,
                DEBUG="false",
                HTTPS="false",
                MEDIA_ROOT=media,
                EMAIL_URL=f"smtp://127.0.0.1:{poort}",
                CELERY_QUEUE=WACHTRIJ,
                LOG_LEVEL="WARNING",
            )
            sys.path.insert(0, str(ROOT))
            import django

            django.setup()
            try:
                _meet(opties, werkers, teller)
            finally:
                _wachtrij_legen()
    finally:
        controller.stop()
        kladdatabank.verwijder_database(server, BENCH_DB)


def _meet(opties, werkers: list[int], teller: Teller) -> None:
    from django.core.management import call_command

    from overleg.models import Schoolbeeldoverleg

    call_command("migrate", verbosity=0)
    from tests.support.werelden import uitnodigingswereld

    begin = time.perf_counter()
    wereld = uitnodigingswereld(opties.scholen, clbs=opties.clbs)
    opbouw = time.perf_counter() - begin
    verwacht_per_school = {pk: len(adressen) for pk, adressen in wereld.verwacht.items()}

    metingen: dict[str, list] = {}
    batch = None
    for _ in range(opties.runs):
        if batch is not None:
            _ongedaan_maken(batch)
        overleggen = list(Schoolbeeldoverleg.objects.filter(pk__in=[o.pk for o in wereld.overleggen]))
        batch, rijen, duur = _batch_maken(wereld.coordinator, overleggen)
        assert rijen == sum(verwacht_per_school.values()), (rijen, verwacht_per_school)
        metingen.setdefault("a", []).append((duur, rijen))
        metingen.setdefault("b", []).append(_documenten_maken(batch))
        verwacht = _verwacht(batch)
        metingen.setdefault("c1", []).append(_versturen(batch, 1, teller, verwacht))
        if "queries" not in metingen:
            metingen["queries"] = _queries_per_mail(batch, teller)
        for aantal in werkers:
            metingen.setdefault(f"c{aantal}", []).append(_versturen(batch, aantal, teller, verwacht))
        metingen.setdefault("basis", []).append(_versturen(batch, 1, teller, verwacht, taak="basislijn"))
    _rapport(opties, werkers, metingen, opbouw, metingen.pop("queries"), len(wereld.overleggen))


def _batch_maken(coordinator, overleggen):
    from overleg import services

    begin = time.perf_counter()
    batch = services.uitnodigingen_versturen(door=coordinator, overleggen=overleggen)
    duur = time.perf_counter() - begin
    return batch, batch.mails.count(), duur


def _documenten_maken(batch) -> dict:
    """What `outbox._bijlagen` does before a school's first mail: under the consultation's row lock."""
    from django.db import transaction

    from overleg import documenten as docs
    from overleg.models import Document, Schoolbeeldoverleg
    from overleg.outbox import BIJLAGEN

    per_soort: dict[str, list[float]] = {soort: [] for soort in BIJLAGEN}
    overleg_ids = sorted(set(batch.mails.values_list("overleg_id", flat=True)))
    begin_fase = time.perf_counter()
    for overleg in Schoolbeeldoverleg.objects.select_related("school", "lsc").filter(pk__in=overleg_ids):
        with transaction.atomic():
            Schoolbeeldoverleg.objects.select_for_update().filter(pk=overleg.pk).first()
            for soort in BIJLAGEN:
                begin = time.perf_counter()
                docs.actueel_document(overleg, soort)
                per_soort[soort].append((time.perf_counter() - begin) * 1000)
    fase = time.perf_counter() - begin_fase
    uit = {"fase": fase, "documenten": sum(len(t) for t in per_soort.values())}
    for soort, tijden in per_soort.items():
        rijen = Document.objects.filter(overleg_id__in=overleg_ids, soort=soort)
        uit[soort] = {
            "mediaan": statistics.median(tijden),
            "max": max(tijden),
            "weasyprint": statistics.median(rijen.values_list("render_ms", flat=True)),
            "paginas": sorted(set(rijen.values_list("paginas", flat=True))),
            "kb": statistics.median(d.bestand.size for d in rijen.only("bestand")) / 1024,
        }
    return uit


def _verwacht(batch) -> Counter:
    from overleg.models import Uitgaandemail

    return Counter(
        (f"<overleg-{overleg_id}-mail-{pk}@honingraat>", adres)
        for pk, overleg_id, adres in Uitgaandemail.objects.filter(batch=batch).values_list(
            "pk", "overleg_id", "adres"
        )
    )


def _wachtend_maken(batch) -> None:
    from django.utils import timezone

    from overleg.models import Mailstatus

    batch.mails.update(
        status=Mailstatus.WACHTEND,
        pogingen=0,
        verstuurd_op=None,
        laatste_fout="",
        volgende_poging=timezone.now(),
    )


def _versturen(batch, aantal: int, teller: Teller, verwacht: Counter, taak: str = "outbox") -> dict:
    """`aantal` forked processes; each reports when it is ready, all start together on one signal, and the
    clock runs from the first one's start to the last one's end. Checks that the server got exactly one
    mail per outbox row."""
    from django.db import connections

    from overleg.models import Mailstatus

    if taak == "outbox":
        _wachtend_maken(batch)
    teller.leeg()
    connections.close_all()  # a forked child opens its own connection
    context = multiprocessing.get_context("fork")
    start = context.Event()
    uitkomsten = context.Queue()
    processen = [
        context.Process(target=_kind, args=(taak, batch.pk, start, uitkomsten)) for _ in range(aantal)
    ]
    for proces in processen:
        proces.start()
    try:
        klaar = _ophalen(uitkomsten, processen, aantal)
        assert klaar == ["klaar"] * aantal, klaar
        start.set()
        resultaten = _ophalen(uitkomsten, processen, aantal)
    finally:
        for proces in processen:
            if proces.is_alive() and not start.is_set():
                proces.kill()
            proces.join()
    assert all(proces.exitcode == 0 for proces in processen), [p.exitcode for p in processen]
    begin = min(r[1] for r in resultaten)
    einde = max(r[2] for r in resultaten)
    verstuurd = sum(r[0] for r in resultaten)
    assert verstuurd == sum(verwacht.values()), (verstuurd, sum(verwacht.values()))
    assert teller.ontvangen == verwacht, "de server kreeg niet precies één mail per rij"
    if taak == "outbox":
        assert not batch.mails.exclude(status=Mailstatus.VERSTUURD).exists()
    return {
        "s": einde - begin,
        "mails": verstuurd,
        "per_proces": sorted(r[0] for r in resultaten),
        "kb": teller.bytes / verstuurd / 1024,
    }


def _ophalen(uitkomsten, processen, aantal: int) -> list:
    """`aantal` messages from the children; stops as soon as one of them died."""
    gekregen = []
    while len(gekregen) < aantal:
        try:
            gekregen.append(uitkomsten.get(timeout=1))
        except queue.Empty:
            if dood := [p.exitcode for p in processen if p.exitcode not in (None, 0)]:
                raise RuntimeError(f"een zender stierf (exitcode {dood})") from None
    return gekregen


def _kind(taak: str, batch_id: int, start, uitkomsten) -> None:
    """One sender, forked from the set-up parent: ready first (for the baseline: every mail built), then
    the work when the parent gives the signal."""
    from django.core.mail import get_connection
    from django.db import connections
    from django.urls import reverse

    from overleg import outbox

    reverse("gezondheid")  # the URLconf loaded (the mails link to the school's page) before the clock
    if taak == "basislijn":
        berichten = _berichten(batch_id)
    uitkomsten.put("klaar")
    start.wait()
    begin = time.monotonic()
    if taak == "outbox":
        aantal = outbox.verstuur_wachtende(batch_id=batch_id)
    else:
        verbinding = get_connection()
        verbinding.open()
        try:
            aantal = verbinding.send_messages(berichten)
        finally:
            verbinding.close()
    einde = time.monotonic()
    connections.close_all()
    uitkomsten.put((aantal, begin, einde))


def _berichten(batch_id: int) -> list:
    """Every mail of the batch as the outbox builds it (body, headers, both PDFs, .ics), without a
    connection: what the baseline sends. Built from the database before the clock starts."""
    from overleg.models import Uitgaandemail
    from overleg.outbox import bericht_voor

    documenten: dict = {}  # one school's PDFs at a time, as in the outbox; the messages keep their bytes
    mails = Uitgaandemail.objects.filter(batch_id=batch_id).select_related(
        "overleg__school", "overleg__lsc", "ontvanger", "batch__door"
    )
    return [bericht_voor(mail, documenten=documenten) for mail in mails.order_by("id")]


def _queries_per_mail(batch, teller: Teller) -> float:
    """The first two schools' mails sent again in this process, their queries counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from overleg import outbox
    from overleg.models import Mailstatus

    eerste = sorted(set(batch.mails.values_list("overleg_id", flat=True)))[:2]
    rijen = batch.mails.filter(overleg_id__in=eerste)
    aantal = rijen.count()
    _wachtend_maken(batch)
    batch.mails.exclude(overleg_id__in=eerste).update(status=Mailstatus.VERSTUURD)
    with CaptureQueriesContext(connection) as queries:
        assert outbox.verstuur_wachtende(batch_id=batch.pk) == aantal
    teller.leeg()
    return len(queries) / aantal


def _ongedaan_maken(batch) -> None:
    """Back to before the batch, for the next run: no rows, no participants, no documents."""
    from overleg.models import Deelnemer, Document, Schoolbeeldoverleg, Status

    overleg_ids = list(batch.mails.values_list("overleg_id", flat=True).distinct())
    for document in Document.objects.filter(overleg_id__in=overleg_ids):
        document.bestand.delete(save=False)
        document.delete()
    Deelnemer.objects.filter(overleg_id__in=overleg_ids).delete()
    Schoolbeeldoverleg.objects.filter(pk__in=overleg_ids).update(status=Status.VOORBEREIDING)
    batch.delete()


def _rapport(opties, werkers, metingen, opbouw: float, queries_per_mail: float, scholen: int) -> None:
    def mediaan(sleutel, veld):
        return statistics.median(m[veld] for m in metingen[sleutel])

    def maximum(sleutel, veld):
        return max(m[veld] for m in metingen[sleutel])

    runs = opties.runs
    rijen = metingen["a"][0][1]
    a = [d for d, _ in metingen["a"]]
    print(
        f"{scholen} scholen, {rijen} mails (ontvangers), {opties.clbs} CLB's; runs: {runs}; "
        f"wereld opgebouwd in {opbouw:.0f} s (niet gemeten); {queries_per_mail:.1f} queries per mail "
        f"(2 scholen, PDF's al gemaakt)"
    )
    print()
    print("| fase | mediaan | max | per eenheid |")
    print("|---|---|---|---|")
    print(
        f"| (a) batch aanmaken: {rijen} rijen, deelnemers vastgelegd | {statistics.median(a):.2f} s "
        f"| {max(a):.2f} s | {rijen / statistics.median(a):.0f} rijen/s |"
    )
    b = metingen["b"]
    fase = statistics.median(x["fase"] for x in b)
    print(
        f"| (b) PDF's: {b[0]['documenten']} documenten | {fase:.1f} s | {max(x['fase'] for x in b):.1f} s "
        f"| {fase * 1000 / b[0]['documenten']:.0f} ms per document |"
    )
    for soort in ("leidraad", "afspraken"):
        d = [x[soort] for x in b]
        paginas = sorted({p for x in d for p in x["paginas"]})
        print(
            f"| (b) {soort}, {'/'.join(map(str, paginas))} pagina's, {d[0]['kb']:.0f} kB "
            f"| {statistics.median(x['mediaan'] for x in d):.0f} ms | {max(x['max'] for x in d):.0f} ms "
            f"| waarvan WeasyPrint {statistics.median(x['weasyprint'] for x in d):.0f} ms |"
        )
    basis = rijen / mediaan("basis", "s")
    for sleutel, naam in [("c1", "1 proces"), *((f"c{w}", f"{w} processen") for w in werkers)]:
        snelheid = rijen / mediaan(sleutel, "s")
        print(
            f"| (c) outbox, {naam}, PDF's al gemaakt | {mediaan(sleutel, 's'):.1f} s "
            f"| {maximum(sleutel, 's'):.1f} s | {snelheid:.0f} mails/s ({snelheid / basis:.2f}× basislijn) |"
        )
    print(
        f"| basislijn: dezelfde mails rechtstreeks via Django's SMTP-backend, 1 verbinding "
        f"| {mediaan('basis', 's'):.1f} s | {maximum('basis', 's'):.1f} s | {basis:.0f} mails/s |"
    )
    print()
    print(
        f"mail gemiddeld {metingen['c1'][0]['kb']:.0f} kB; mails per proces: "
        + "; ".join(f"{w}: {metingen[f'c{w}'][0]['per_proces']}" for w in werkers)
    )


def _wachtrij_legen() -> None:
    """The nudges `aanporren` left on the bench's own queue: nobody consumes them."""
    try:
        from honingraat.celery import app

        app.control.purge()
    except Exception as fout:  # Redis down: the nudges never left, nothing to purge
        print(f"wachtrij niet geleegd: {fout}", file=sys.stderr)


if __name__ == "__main__":
    main()
