"""`make run` stops well on Ctrl-C: the terminal's interrupt reaches gunicorn, the worker, beat and the
script that holds them at about the same moment; whichever stops first, the run ends with exit status 0
(make then prints no error), and nothing is reported as a part that failed.

The order is made, not waited for: gunicorn gets the interrupt first and is gone well before the script
that holds it gets its own (as on a busy machine), which is where the run used to end with "Een onderdeel
stopte" and make's error."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

from tests.support.omgeving import ROOT, wacht_tot
from tests.support.storingen import app_omgeving, vrije_poort

pytestmark = pytest.mark.storing


def _op(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as antwoord:  # noqa: S310 (http on loopback)
            return antwoord.status == 200
    except OSError:
        return False


def _kinderen(pid: int) -> list[int]:
    return [int(k) for k in open(f"/proc/{pid}/task/{pid}/children").read().split()]


def _opdracht(pid: int) -> str:
    return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()


def test_ctrl_c_stopt_make_run_met_status_0(eigen_postgres, tmp_path):
    poort = vrije_poort()
    omgeving = app_omgeving(
        database_url=eigen_postgres.url, redis_url=settings.REDIS_URL, var=tmp_path, tmp_path=tmp_path
    )
    log = tmp_path / "serve.log"
    proces = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(poort)],
        cwd=ROOT,
        env={**omgeving, "EMAIL_URL": f"file://{tmp_path / 'mail'}"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        wacht_tot(lambda: _op(f"http://127.0.0.1:{poort}/gezondheid/"), timeout=240, stap=1)
        (gunicorn,) = [k for k in _kinderen(proces.pid) if "gunicorn" in _opdracht(k)]
        os.kill(gunicorn, signal.SIGINT)
        wacht_tot(
            lambda: gunicorn not in _kinderen(proces.pid) or not os.path.exists(f"/proc/{gunicorn}/cmdline"),
            timeout=30,
            stap=0.02,
        )
        time.sleep(0.75)  # past the moment the script first looks again (every 0.5 s), within its grace
        os.killpg(proces.pid, signal.SIGINT)  # Ctrl-C reaches the rest
        status = proces.wait(timeout=60)
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGKILL)
    tekst = log.read_text()
    assert status == 0, tekst[-3000:]
    assert "Een onderdeel stopte" not in tekst
