"""Thin tasks: ids in, a service call."""

from celery import shared_task

from overleg import documenten, outbox
from overleg.models import Schoolbeeldoverleg


@shared_task
def verstuur_wachtende(batch_id: int | None = None) -> int:
    return outbox.verstuur_wachtende(batch_id=batch_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def maak_document(overleg_id: int, soort: str) -> None:
    documenten.actueel_document(
        Schoolbeeldoverleg.objects.select_related("school", "lsc").get(pk=overleg_id), soort
    )
