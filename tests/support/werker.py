"""A real Celery worker process on the test database and Redis."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from honingraat.celery import alle_wachtrijen
from tests.support.omgeving import ROOT, url_van_testdatabank


def start_celery_worker(tmp_path: Path, *, pool: str = "solo", **extra_env: str) -> subprocess.Popen:
    """A real `celery worker` process on the test database and Redis; mail to tmp_path/mail unless
    `EMAIL_URL` is given. `pool="prefork"` runs two child processes, as in production."""

    maildir = tmp_path / "mail"
    maildir.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url_van_testdatabank(),
        "EMAIL_URL": f"file://{maildir}",
        "DEBUG": "true",
        "HONINGRAAT_VAR": str(tmp_path),
        "REDIS_URL": settings.REDIS_URL,
        # What the worker itself queues (the sweep at start) goes to the queue it listens on.
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        **extra_env,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "honingraat",
            "worker",
            "--pool",
            pool,
            *(["--concurrency", "2"] if pool == "prefork" else []),
            "--loglevel",
            os.environ.get("HONINGRAAT_WORKER_LOG", "WARNING"),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"test-{os.getpid()}@%h",
            "-Q",
            alle_wachtrijen(settings.CELERY_TASK_DEFAULT_QUEUE),
        ],
        cwd=ROOT,
        env=env,
        # A file, not a pipe nobody reads: a full pipe would block the worker. Read it when a test fails.
        stdout=(tmp_path / "worker.log").open("a"),
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop_celery_worker(proces: subprocess.Popen) -> None:
    proces.terminate()
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait(timeout=5)
