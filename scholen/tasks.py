"""Thin tasks: ids in, a service call."""

from celery import shared_task

from scholen.services import inlezen


@shared_task
def lees_importbestand(importbestand_id: int) -> str | None:
    invoer = inlezen.importbestand_lezen(importbestand_id=importbestand_id)
    return invoer.status if invoer else None
