"""The keys of secret links (calendar feed, closing questions, reset and invitation) stay out of every log:
gunicorn's access and error log, a Celery worker's log at DEBUG, and Django's request logger."""

import datetime as dt
import io
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from email import message_from_bytes, policy

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from capaciteit.services import weekplan as weekplannen
from netwerk.linksleutels import linksleutel_hash
from netwerk.logfilter import GeheimenFilter, verberg
from netwerk.models import Rol
from tests import factories
from tests.support.omgeving import ROOT, url_van_testdatabank, wacht_tot
from tests.support.werker import start_celery_worker, stop_celery_worker
from trajecten import services as traject_services
from trajecten.models import Afsluitvraag, Status

SLEUTEL = "Zx9-Geheim_SleutelVanDertigTekens0123456789abc"


def _geheime_paden(sleutel: str = SLEUTEL) -> dict[str, str]:
    """Every URL with a key in its path, as the URLconf makes it: a moved URL fails here, not in a log."""
    return {
        "agenda": reverse("weekplan_agenda", kwargs={"sleutel": sleutel}),
        "afsluiting": reverse("afsluitvragen", kwargs={"sleutel": sleutel}),
        "wachtwoord": reverse("account_reset_password_from_key", kwargs={"uidb36": "2s", "key": sleutel}),
        "bevestiging": reverse("account_confirm_email", kwargs={"key": sleutel}),
    }


@pytest.mark.parametrize("soort", ["agenda", "afsluiting", "wachtwoord", "bevestiging"])
def test_filter_verbergt_de_sleutel_van_elke_geheime_link(soort):
    pad = _geheime_paden()[soort]
    regels = [
        f'127.0.0.1 - - "GET {pad} HTTP/1.1" 404 179 "-" "curl"',
        f'"POST /x/ HTTP/1.1" 200 5 "https://honingraat.example{pad}?bewaard=1" "Firefox"',
        f"Not Found: {pad}",
        f"/account/login/?next={pad.replace('/', '%2F')}",
    ]
    for regel in regels:
        verborgen = verberg(regel)
        assert SLEUTEL not in verborgen and SLEUTEL[:12] not in verborgen, verborgen
        assert "[verborgen]" in verborgen
    if soort == "agenda":
        assert verberg(pad).endswith("/[verborgen].ics")


def test_filter_laat_gewone_paden_en_de_bedankpagina_staan():
    for pad in ["/trajecten/12/", "/account/password/reset/key/done/", "/weekplan/", "/account/login/"]:
        assert verberg(f"GET {pad} 200") == f"GET {pad} 200"


def test_filter_maskeert_argumenten_en_traceback():
    pad = _geheime_paden()["afsluiting"]
    try:
        raise ValueError(f"kapot bij {pad}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "%s %s", ("GET", pad), sys.exc_info())
    GeheimenFilter().filter(record)
    regel = logging.Formatter().format(record)
    assert SLEUTEL not in regel
    assert "GET /trajecten/afsluiting/[verborgen]/" in regel
    assert "kapot bij /trajecten/afsluiting/[verborgen]/" in regel


@pytest.fixture
def django_log():
    """What the root handler of settings.LOGGING writes, in a string instead of on stderr."""
    handler = next(
        h for h in logging.getLogger().handlers if any(isinstance(f, GeheimenFilter) for f in h.filters)
    )
    stroom = io.StringIO()
    vorige = handler.setStream(stroom)
    yield stroom
    handler.setStream(vorige)


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["agenda", "afsluiting"])
def test_django_request_log_van_een_404_toont_geen_sleutel(client, django_log, soort):
    pad = _geheime_paden()[soort]
    assert client.get(pad).status_code == 404
    log = django_log.getvalue()
    assert "Not Found: /" in log and "[verborgen]" in log
    assert SLEUTEL not in log


# ------------------------------------------------------------------------------------ a real gunicorn


def _vrije_poort() -> int:

    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        return vrij.getsockname()[1]


def _vraag(url: str, **koppen: str) -> int:
    verzoek = urllib.request.Request(url, headers=koppen)  # noqa: S310 (http on loopback)
    try:
        with urllib.request.urlopen(verzoek, timeout=20) as antwoord:  # noqa: S310
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def _luistert(url: str) -> bool:
    try:
        return _vraag(url) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.mark.django_db(transaction=True)
def test_gunicorn_schrijft_geen_sleutels_in_access_en_error_log(wereld, tmp_path):
    """gunicorn started as the Dockerfile starts it (its config file from the working directory), serving
    a real feed, a real closing link and a real invitation link, each with a Referer that holds the key."""
    feed = weekplannen.agendasleutel_maken(door=wereld.anker.gebruiker, ondersteuner=wereld.anker)
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Status.AFGEROND)
    afsluiting = secrets.token_urlsafe(32)
    Afsluitvraag.objects.create(
        traject=traject,
        sleutel_hash=linksleutel_hash(afsluiting),
        verloopt_op=timezone.now() + dt.timedelta(days=30),
    )
    gebruiker = wereld.gebruikers[Rol.ZORG]
    reset = default_token_generator.make_token(gebruiker)
    paden = {
        feed: reverse("weekplan_agenda", kwargs={"sleutel": feed}),
        afsluiting: reverse("afsluitvragen", kwargs={"sleutel": afsluiting}),
        reset: reverse(
            "account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(gebruiker), "key": reset}
        ),
    }
    poort = _vrije_poort()
    access, proceslog = tmp_path / "access.log", tmp_path / "web.log"
    proces = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "honingraat.wsgi", "--bind", f"127.0.0.1:{poort}"),
            *("--workers", "1", "--threads", "2", "--access-logfile", str(access), "--log-level", "debug"),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url_van_testdatabank(),
            "DEBUG": "true",
            "LOG_LEVEL": "DEBUG",
            "HONINGRAAT_VAR": str(tmp_path),
            "ALLOWED_HOSTS": "127.0.0.1",
            "MFA_VERPLICHT": "false",
        },
        stdout=proceslog.open("a"),
        stderr=subprocess.STDOUT,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        # Up once the health page answers: before gunicorn's socket listens, the probe is refused (on a busy
        # machine the import of the app alone can take many seconds).
        wacht_tot(lambda: proces.poll() is None and _luistert(f"{basis}/gezondheid/"), timeout=120)
        statussen = {sleutel: _vraag(basis + pad, Referer=basis + pad) for sleutel, pad in paden.items()}
        # The same keys once more in a path that does not exist: Django's "Not Found" goes to its log too.
        statussen["onbekend"] = _vraag(basis + _geheime_paden()["afsluiting"])
        wacht_tot(lambda: len(access.read_text().splitlines()) >= 5)
    finally:
        stop_celery_worker(proces)  # SIGTERM, then SIGKILL after 15 s: the same for any process
    verwacht = {feed: 200, afsluiting: 200, reset: 200, "onbekend": 404}
    assert statussen == verwacht, proceslog.read_text()[-2000:]
    logs = access.read_text() + proceslog.read_text()
    for sleutel in [*paden, SLEUTEL]:
        assert sleutel not in logs, [regel for regel in logs.splitlines() if sleutel in regel]
    assert len(re.findall(r"\[verborgen\]", access.read_text())) >= 2 * len(paden)
    assert "Not Found: /trajecten/afsluiting/[verborgen]/" in proceslog.read_text()


# ------------------------------------------------------------------------------ a real Celery worker


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_op_debug_logt_de_sleutel_van_de_afsluitlink_niet(wereld, tmp_path, monkeypatch):
    """The closing questions' mail goes through a real worker logging at DEBUG (task messages and their
    arguments included): the mail carries the working link, the worker's log not its key."""
    monkeypatch.setenv("HONINGRAAT_WORKER_LOG", "DEBUG")
    worker = start_celery_worker(tmp_path, LOG_LEVEL="DEBUG")
    maildir = tmp_path / "mail"
    try:
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Status.LOPEND)
        _, sleutel = traject_services.traject_afronden(
            door=wereld.gebruikers[Rol.COORDINATOR], traject=traject
        )
        bestanden = wacht_tot(lambda: list(maildir.glob("*.eml")), timeout=60)
    finally:
        stop_celery_worker(worker)
    mail = message_from_bytes(bestanden[0].read_bytes(), policy=policy.default)
    assert reverse("afsluitvragen", kwargs={"sleutel": sleutel}) in mail.get_body(("plain",)).get_content()
    log = (tmp_path / "worker.log").read_text()
    assert "trajecten.tasks.stuur_afsluitvraag" in log and "DEBUG" in log
    assert sleutel not in log, [regel for regel in log.splitlines() if sleutel in regel][:3]


@pytest.mark.django_db
def test_een_verwachte_403_wordt_gelogd_zonder_traceback(client, wereld, settings):
    """A supporter opening the capacity page gets the 403 a rule gives on purpose: one line in the log,
    not a traceback that reads like a failure. The handler is built as the settings build the console's."""

    stroom = io.StringIO()
    handler = logging.StreamHandler(stroom)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    for naam in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(settings.LOGGING["filters"][naam]["()"])())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
        assert client.get(reverse("capaciteit_planning")).status_code == 403
    finally:
        logger.removeHandler(handler)
    tekst = stroom.getvalue()
    assert "WARNING django.request Forbidden (Permission denied): /capaciteit/" in tekst
    assert "Traceback" not in tekst
