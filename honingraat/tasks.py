"""Thin tasks: ids in, a service call."""

from celery import shared_task

from honingraat import jaarverslag


@shared_task
def maak_jaarverslag(jaarverslag_id: int) -> str | None:
    verslag = jaarverslag.jaarverslag_maken(jaarverslag_id=jaarverslag_id)
    return verslag.status if verslag else None


@shared_task
def wachtende_jaarverslagen() -> int:
    """Reports still waiting for a worker (the broker was away when they were asked): queued again."""
    ids = jaarverslag.wachtende_ids()
    for pk in ids:
        maak_jaarverslag.delay(pk)
    return len(ids)
