"""The outbox: mails of the consultation leave from rows in PostgreSQL, not from a view.

Filled in by the next commit.
"""

from django.db import transaction


def aanporren(*, batch_id: int | None = None) -> None:
    """After commit: ask a worker to send what waits (the beat sweeps anyway, should Redis be down)."""
    from overleg import tasks

    transaction.on_commit(lambda: _veilig(tasks.verstuur_wachtende.delay, batch_id))


def document_laten_maken(*, overleg_id: int, soort: str) -> None:
    """After commit: ask a worker to render the document (the download page waits for it)."""
    from overleg import tasks

    transaction.on_commit(lambda: _veilig(tasks.maak_document.delay, overleg_id, soort))


def _veilig(functie, *args) -> None:
    try:
        functie(*args)
    except Exception:  # noqa: BLE001 - a broker that is down must not undo the committed change
        pass
