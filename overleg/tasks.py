"""Thin tasks: ids in, a service call."""

from celery import shared_task
from django.db import transaction

from overleg import documenten, meldingen, outbox
from overleg.models import Schoolbeeldoverleg


@shared_task
def verstuur_wachtende(batch_id: int | None = None) -> int:
    return outbox.verstuur_wachtende(batch_id=batch_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def maak_document(overleg_id: int, soort: str) -> None:
    with transaction.atomic():
        overleg = Schoolbeeldoverleg.objects.select_for_update(of=("self",)).select_related("school", "lsc")
        documenten.actueel_document(overleg.get(pk=overleg_id), soort)


@shared_task
def afspraken_melden() -> int:
    return meldingen.afspraken_melden()
