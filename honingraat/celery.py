"""The Celery app. Tasks stay thin: ids in, a service call, nothing else."""

import os

from celery import Celery, signals
from django.conf import settings

from netwerk.logfilter import filter_op_handlers
from netwerk.opstart import MELDING, geheim_ontbreekt

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "honingraat.settings")

app = Celery("honingraat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Three kinds of work on three queues beside the default one, so that a solver busy for minutes or a batch
# of PDFs never holds up a mail: `<queue>.mail`, `<queue>.pdf`, `<queue>.planner` (settings
# HONINGRAAT_WACHTRIJSOORTEN). One worker may listen to all (`make run`, the tests); on a server each kind
# gets its own workers and concurrency (docs/DEPLOY.md).
SOORT_VAN_TAAK = {
    "overleg.tasks.verstuur_wachtende": "mail",
    "trajecten.tasks.stuur_trajectmail": "mail",
    "trajecten.tasks.stuur_afsluitvraag": "mail",
    "trajecten.tasks.herinneringen_versturen": "mail",
    "netwerk.tasks.stuur_uitnodiging": "mail",
    "netwerk.tasks.stuur_inlogwaarschuwing": "mail",
    "netwerk.tasks.meldingen_mailen": "mail",
    "netwerk.tasks.meldingen_digest": "mail",
    "overleg.tasks.maak_document": "pdf",
    "capaciteit.tasks.los_weekplan_op": "planner",
}


def wachtrij_voor(name, args, kwargs, options, task=None, **_kw) -> dict | None:
    """Celery router: the queue follows the default queue at the moment of sending (tests move it)."""
    if soort := SOORT_VAN_TAAK.get(name):
        return {"queue": f"{app.conf.task_default_queue}.{soort}"}
    return None


def alle_wachtrijen(basis: str) -> str:
    """The -Q argument of a worker that does every kind of work, for the default queue `basis`."""
    return ",".join([basis, *(f"{basis}.{soort}" for soort in settings.HONINGRAAT_WACHTRIJSOORTEN)])


app.conf.task_routes = (wachtrij_voor,)


@signals.worker_init.connect
@signals.beat_init.connect
def _weiger_zonder_geheim(**_kwargs) -> None:
    # Celery logs and swallows exceptions from signal handlers: SystemExit really stops the process.
    if geheim_ontbreekt():
        raise SystemExit(MELDING)


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _verberg_geheimen_in_de_log(logger=None, **_kwargs) -> None:
    """Celery replaces the root's handlers with its own (and the task logger does not propagate): the
    filter of settings.LOGGING goes onto these, so no key of a secret link reaches the worker's log."""
    filter_op_handlers(logger)


@signals.worker_ready.connect
def _veeg_de_outbox(sender=None, **_kwargs) -> None:
    """A worker that starts picks up what a dead one left: the outbox rows, the notifications to mail, the
    week plans and the yearly reports wait in PostgreSQL."""
    # This module is loaded with the settings, before the app registry: app code only inside handlers.
    from capaciteit.tasks import onderbroken_weekplannen_hervatten  # noqa: PLC0415
    from honingraat.tasks import wachtende_jaarverslagen  # noqa: PLC0415
    from netwerk.tasks import meldingen_mailen  # noqa: PLC0415
    from netwerk.wachtrij import in_wachtrij  # noqa: PLC0415
    from overleg.tasks import verstuur_wachtende  # noqa: PLC0415

    in_wachtrij(verstuur_wachtende)
    in_wachtrij(meldingen_mailen)
    in_wachtrij(onderbroken_weekplannen_hervatten)
    in_wachtrij(wachtende_jaarverslagen)
