"""Thin tasks: ids in, a service call."""

from celery import shared_task, signals
from django.db import transaction

from overleg import documenten, outbox
from overleg.models import Schoolbeeldoverleg


@shared_task
def verstuur_wachtende(batch_id: int | None = None) -> int:
    return outbox.verstuur_wachtende(batch_id=batch_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def maak_document(overleg_id: int, soort: str) -> None:
    with transaction.atomic():
        overleg = Schoolbeeldoverleg.objects.select_for_update(of=("self",)).select_related("school", "lsc")
        documenten.actueel_document(overleg.get(pk=overleg_id), soort)


@signals.worker_ready.connect
def _veeg_bij_start(sender=None, **_kwargs) -> None:
    """A worker that starts picks up what a dead one left: the outbox rows wait in PostgreSQL."""
    outbox._veilig(verstuur_wachtende.delay)
