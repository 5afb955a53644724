"""Where the tests run: the checkout's root, the test database's URL, and waiting for something to happen."""

import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def url_van_testdatabank() -> str:
    """The URL of the test database, for a process of its own (a worker, gunicorn, a backup)."""

    instellingen = connection.settings_dict
    host = instellingen["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        host = quote(host, safe="")
    return f"postgres://{instellingen['USER']}@{host}:{instellingen['PORT'] or 5432}/{instellingen['NAME']}"


def wacht_tot(voorwaarde, *, timeout: float = 30.0, stap: float = 0.1):
    """Polls until `voorwaarde()` is truthy; returns its value or fails with a clear message."""
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        waarde = voorwaarde()
        if waarde:
            return waarde
        time.sleep(stap)
    pytest.fail(f"voorwaarde niet bereikt binnen {timeout} s")
