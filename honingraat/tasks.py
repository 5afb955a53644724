"""Thin tasks: ids in, a service call."""

from celery import shared_task

from honingraat import jaarverslag


@shared_task
def maak_jaarverslag(jaarverslag_id: int) -> str | None:
    verslag = jaarverslag.jaarverslag_maken(jaarverslag_id=jaarverslag_id)
    return verslag.status if verslag else None
