"""Thin tasks: ids in, a service call."""

from celery import shared_task

from netwerk import gezondheid, inlogrem, meldingen, services


@shared_task
def hartslag() -> None:
    gezondheid.noteer_hartslag()


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stuur_uitnodiging(self, gebruiker_id: int) -> None:
    services.uitnodiging_versturen(gebruiker_id=gebruiker_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stuur_toegang_hersteld(self, gebruiker_id: int, door_id: int, wachtwoord: bool) -> None:
    services.toegang_hersteld_versturen(gebruiker_id=gebruiker_id, door_id=door_id, wachtwoord=wachtwoord)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stuur_email_gewijzigd(self, gebruiker_id: int, door_id: int, oud: str) -> None:
    services.email_gewijzigd_versturen(gebruiker_id=gebruiker_id, door_id=door_id, oud=oud)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stuur_inlogwaarschuwing(gebruiker_id: int, aantal: int, adres: str, tijdstip: float) -> None:
    inlogrem.waarschuwing_versturen(gebruiker_id=gebruiker_id, aantal=aantal, adres=adres, tijdstip=tijdstip)


@shared_task
def meldingen_mailen() -> int:
    """The nudge after a change, and the minute sweep: mails at once, and digests whose retry is due."""
    return meldingen.mailen() + meldingen.digest_versturen(alleen_herkansing=True)


@shared_task
def meldingen_digest() -> int:
    return meldingen.digest_versturen()


@shared_task
def opdrachten_bijwerken() -> None:
    services.opdrachten_bijwerken()
