"""Thin tasks: ids in, a service call."""

from celery import shared_task

from trajecten import focus, mails, meldingen, privacy


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stuur_trajectmail(traject_id: int, soort: str, door_id: int | None = None) -> None:
    mails.trajectmail_versturen(traject_id=traject_id, soort=soort, door_id=door_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stuur_afsluitvraag(traject_id: int, sleutel: str | None = None) -> None:
    # The mail derives the link's key itself: it is no argument, so no task message or worker log holds
    # it. `sleutel` only comes with a message the previous release queued before an upgrade.
    mails.afsluitvraag_versturen(traject_id=traject_id, sleutel=sleutel)


@shared_task
def herinneringen_versturen() -> int:
    return mails.herinneringen_versturen()


@shared_task
def evaluaties_melden() -> int:
    return meldingen.evaluaties_melden()


@shared_task
def bewaartermijn_toepassen() -> int:

    return privacy.bewaartermijn_toepassen()


@shared_task
def focus_herinneringen() -> int:
    return focus.focus_herinneringen()
