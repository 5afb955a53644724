"""Handing work to Celery after commit, so that a broker that is down never breaks a committed change.

Redis only carries nudges. When it does not answer, a request must still end well and nothing may be lost:

- work whose state waits in PostgreSQL (the outbox's mails, week plans, documents) is only logged here: a
  sweep (the beat every minute, every worker when it starts) picks it up once Redis is back;
- a small job that leaves no trace in the database (an account invitation, a trajectory's mail) runs here
  and now, in this process (`ter_plaatse`), rather than being lost.

A publish to a broker that refuses connections gives up after about a second (Celery's retry policy); no
result store is configured, so nothing else in Celery waits for Redis.
"""

import logging
from importlib import import_module

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def na_commit(taak: Task | str, *args, ter_plaatse: bool = False) -> None:
    """Queue `taak(*args)` once the current transaction commits (at once outside a transaction).

    A service names its task ("trajecten.tasks.stuur_afsluitvraag") rather than importing it: the task
    module imports the service, so the service cannot import the task module back.
    """
    transaction.on_commit(lambda: in_wachtrij(taak, *args, ter_plaatse=ter_plaatse))


def in_wachtrij(taak: Task | str, *args, ter_plaatse: bool = False) -> bool:
    """Queue `taak(*args)`; False when the broker did not take it (then run here, or left for a sweep)."""
    if isinstance(taak, str):
        module, _, naam = taak.rpartition(".")
        taak = getattr(import_module(module), naam)
    try:
        taak.delay(*args)
    except (OperationalError, OSError):
        if ter_plaatse:
            logger.warning(
                "De wachtrij is niet bereikbaar; %s loopt in dit proces.", taak.name, exc_info=True
            )
            taak.apply(args)
        else:
            logger.warning(
                "De wachtrij is niet bereikbaar; de veegbeurt pikt %s later op.", taak.name, exc_info=True
            )
        return False
    return True
