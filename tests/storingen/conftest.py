"""The fault drills' own servers: a Valkey on a free port and an embedded PostgreSQL cluster, both of this
test alone, and the collected static files of the production processes. Helpers: tests/support/storingen.py.
The real SMTP server (`postbus`) is a fixture everywhere (tests/conftest.py)."""

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support.omgeving import ROOT
from tests.support.storingen import EigenPostgres, EigenValkey, services


@pytest.fixture
def eigen_valkey(tmp_path):
    eigen = EigenValkey(tmp_path / "valkey")
    eigen.start()
    try:
        yield eigen
    finally:
        with contextlib.suppress(Exception):
            eigen.stop()


@pytest.fixture
def eigen_postgres():
    """As root the server runs as another user, who must be able to walk to its data directory. Not under
    pytest's own temporary root: every pytest session that starts (another run on this machine) makes
    that root private again (0700), and the server's user would lose its way mid-test."""
    basis = Path(tempfile.mkdtemp(prefix="honingraat-pg-"))
    basis.chmod(0o755)
    pgdata = basis / "data"
    try:
        with services().embedded_postgres(pgdata) as url:
            eigen = EigenPostgres(pgdata, url)
            yield eigen
        # Stopped above; its exit hook would only log to a stream pytest has closed by then.
        atexit.unregister(eigen.server._cleanup)
    finally:
        shutil.rmtree(basis, ignore_errors=True)


@pytest.fixture(scope="session")
def statisch(tmp_path_factory) -> Path:
    """A var directory with the collected static files: the web process runs with production settings
    (DEBUG off, manifest storage), as `make run` and docker compose serve it."""
    var = tmp_path_factory.mktemp("var")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "HONINGRAAT_VAR": str(var), "DEBUG": "false", "SECRET_KEY": "statisch"},
        check=True,
        timeout=180,
    )
    return var
