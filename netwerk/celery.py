"""The Celery app. Tasks stay thin: ids in, a service call, nothing else."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")

app = Celery("honingraat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
@signals.beat_init.connect
def _weiger_zonder_geheim(**_kwargs) -> None:
    # Celery logs and swallows exceptions from signal handlers: SystemExit really stops the process.
    from netwerk.opstart import MELDING, geheim_ontbreekt

    if geheim_ontbreekt():
        raise SystemExit(MELDING)


@signals.worker_ready.connect
def _veeg_de_outbox(sender=None, **_kwargs) -> None:
    """A worker that starts picks up what a dead one left: the outbox rows and the week plans wait in
    PostgreSQL."""
    from capaciteit.tasks import onderbroken_weekplannen_hervatten
    from netwerk.wachtrij import in_wachtrij
    from overleg.tasks import verstuur_wachtende

    in_wachtrij(verstuur_wachtende)
    in_wachtrij(onderbroken_weekplannen_hervatten)
