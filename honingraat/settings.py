"""Settings for Honingraat, driven by the environment (see the table in README.md).

One module for every place the application runs: production, `make run` and the tests. Production is
simply DEBUG off, and then it refuses to start without a SECRET_KEY of its own.
"""

import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HONINGRAAT_VAR", BASE_DIR / "var"))
TESTING = "pytest" in sys.modules


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", default=False)

# Without a SECRET_KEY the web and worker processes refuse to start outside DEBUG (netwerk/opstart.py);
# a management command that needs no secret (makemigrations, collectstatic) still runs.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
GEHEIM_ONTBREEKT = not SECRET_KEY
if GEHEIM_ONTBREEKT:
    SECRET_KEY = "onveilige-sleutel-enkel-voor-ontwikkeling-en-tests"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "netwerk",
    "scholen",
    "trajecten",
    "capaciteit",
    "overleg",
    "honingraat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "netwerk.middleware.InactiviteitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netwerk.middleware.MfaVerplichtMiddleware",
    "netwerk.middleware.BeveiligingsHeadersMiddleware",
    "netwerk.eenmalig.EenmaligVerzendenMiddleware",
]

# `make bench` only: each response says its queries, CPU and wall time in headers (netwerk/meten.py).
if env_bool("HONINGRAAT_BENCH", default=False):
    MIDDLEWARE.insert(0, "netwerk.meten.MetenMiddleware")

ROOT_URLCONF = "honingraat.urls"
WSGI_APPLICATION = "honingraat.wsgi.application"
ASGI_APPLICATION = "honingraat.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "honingraat.context_processors.navigatie",
                "honingraat.context_processors.meldingen",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database host that does not answer fails a request within seconds (a clean 503: netwerk/fouten.py).
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

# The monitoring's bearer token for the parts in /gezondheid/; empty: only a staff login reads them.
GEZONDHEID_TOKEN = os.environ.get("GEZONDHEID_TOKEN", "")

# The cache lives in PostgreSQL, not in Redis: login rate limits and sessions must keep working while
# Redis (only the task broker) is down.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "honingraat_cache",
        # Past MAX_ENTRIES the cache deletes a third of its rows, login counts included: an attacker who
        # fails from many addresses must not be able to wipe the counts that way (the default is 300).
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))  # the longest a session lasts
SESSION_IDLE_SECONDEN = int(os.environ.get("SESSION_IDLE_SECONDEN", str(30 * 60)))  # signed out when idle
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The same form sent twice within this many seconds takes effect once (netwerk/eenmalig.py); the repeat
# waits at most HONINGRAAT_EENMALIG_WACHTEN seconds for the first to finish. Tests send forms again on
# purpose right away: there only a repeat that overlaps the first counts, unless a test sets the window.
HONINGRAAT_EENMALIG_SECONDEN = float(os.environ.get("EENMALIG_SECONDEN", "0" if TESTING else "5"))
HONINGRAAT_EENMALIG_WACHTEN = 20.0

# Select lists without a template per option (a third of the overview's server time): netwerk/weergave.py
FORM_RENDERER = "netwerk.weergave.Weergever"

AUTH_USER_MODEL = "netwerk.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "netwerk.aanmelding.ModelBackend",  # as Django's and allauth's, with the supporter record in one query
    "netwerk.aanmelding.AllauthBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail login, no open sign-up (accounts are made by a coordinator or an admin).
ACCOUNT_ADAPTER = "netwerk.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Honingraat] "
ACCOUNT_RATE_LIMITS = {
    # Failed logins are braked by netwerk/inlogrem.py (per account and address, per address, per account
    # for unknown browsers): allauth's count per account let anyone lock its owner out. allauth's limit on
    # every login post per address (30 a minute) goes too: one pupil sending posts from a school's network
    # would keep all its staff out, known browsers included; a braked attempt is refused before any
    # password is hashed, so the flood costs a few queries.
    "login": None,
    "login_failed": None,
    "reset_password": "5/m/ip,3/5m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Honingraat"
MFA_ADAPTER = "netwerk.adapters.MfaAdapter"
# TOTP secrets and recovery seeds are stored encrypted with these Fernet keys (comma-separated, the first
# encrypts): netwerk/adapters.py. Without them a key derived from SECRET_KEY (check --deploy warns).
HONINGRAAT_MFA_SLEUTELS = env_list("MFA_SLEUTEL")
# Every account must use a second factor where this is on (production default): every role reads pupil
# data, reports about pupils' schools or other people's accounts (netwerk.models.ROLLEN_MET_MFA).
HONINGRAAT_MFA_VERPLICHT = env_bool("MFA_VERPLICHT", default=not DEBUG and not TESTING)

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Attachments of the schools' requests (pupil data): never under MEDIA_ROOT, never served by the web server;
# only trajecten.views.aanvraag.aanvraag_bijlage hands one out, to whoever may read the request.
HONINGRAAT_BIJLAGEN_ROOT = Path(os.environ.get("BIJLAGEN_ROOT", VAR_DIR / "bijlagen"))
HONINGRAAT_BIJLAGE_MAX_BYTES = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests serve the static files of the working tree, never what an older collectstatic left in STATIC_ROOT.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or TESTING


def email_settings(url: str) -> dict:
    """Reads EMAIL_URL: smtp://user:pass@host:587?tls=1, smtps://…, file:///dir, console:, memory:."""
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "netwerk.mail.EmlBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path),
        }
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "memory":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme in {"smtp", "smtps"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": parsed.scheme == "smtps",
            "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in {"1", "true"},
            "EMAIL_TIMEOUT": 20,
        }
    raise ImproperlyConfigured(f"EMAIL_URL met onbekend schema: {parsed.scheme!r}")


globals().update(email_settings(os.environ.get("EMAIL_URL", f"file://{VAR_DIR / 'mail'}")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Honingraat <noreply@honingraat.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = REDIS_URL
# No result store: nothing reads a task's return value (progress and outcomes live in PostgreSQL). With
# Redis as result store every .delay() subscribed to a result channel, and once Redis had been away each
# .delay() hung for 20 s and failed until the web process was restarted.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The suite's worker listens on a queue of its own, so a `make run` worker beside it never takes its tasks.
_TESTWACHTRIJ = "-".join(filter(None, ["honingraat-test", os.environ.get("HONINGRAAT_TEST_DB_SUFFIX")]))
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", _TESTWACHTRIJ if TESTING else "celery")
# Beside it one queue per kind of work (honingraat/celery.py routes the tasks): a worker started without -Q
# listens to all of them; on a server each kind can get workers of its own (docs/DEPLOY.md).
HONINGRAAT_WACHTRIJSOORTEN = ("mail", "pdf", "planner")
# The week plan of a network of several regio teams solved per team (capaciteit/rekenen/weekplanning/perteam)
# instead of in one piece. Off: with the trajectories' hours as a demand, the per-team plans came out 15-16 %
# worse than the plans in one piece at the same minute (docs/BENCHMARKS.md, "Trajectories ask their hours").
HONINGRAAT_WEEKPLAN_PER_TEAM = env_bool("WEEKPLAN_PER_TEAM", default=False)
CELERY_TASK_QUEUES = [
    Queue(naam)
    for naam in [
        CELERY_TASK_DEFAULT_QUEUE,
        *(f"{CELERY_TASK_DEFAULT_QUEUE}.{soort}" for soort in HONINGRAAT_WACHTRIJSOORTEN),
    ]
]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    "hartslag": {"task": "netwerk.tasks.hartslag", "schedule": 60.0},
    "herinneringen": {
        "task": "trajecten.tasks.herinneringen_versturen",
        "schedule": crontab(hour=7, minute=0),
    },
    # The outbox sweep: mails whose nudge was lost (Redis down, a worker killed) or whose retry is due.
    "outbox": {"task": "overleg.tasks.verstuur_wachtende", "schedule": 60.0},
    # Notifications to mail at once whose nudge was lost, and refused digests whose retry is due.
    "meldingen": {"task": "netwerk.tasks.meldingen_mailen", "schedule": 60.0},
    # Agreements and evaluations due are notified before the daily mail of 07:00 (Europe/Brussels) lists them.
    "afspraken_melden": {"task": "overleg.tasks.afspraken_melden", "schedule": crontab(hour=6, minute=40)},
    "evaluaties_melden": {
        "task": "trajecten.tasks.evaluaties_melden",
        "schedule": crontab(hour=6, minute=45),
    },
    "meldingen_digest": {"task": "netwerk.tasks.meldingen_digest", "schedule": crontab(hour=7, minute=0)},
    # Week plans whose solver job was lost the same ways.
    "weekplannen": {"task": "capaciteit.tasks.onderbroken_weekplannen_hervatten", "schedule": 60.0},
    # Pupils past their retention are anonymised at night (trajecten/privacy.py).
    "bewaartermijn": {
        "task": "trajecten.tasks.bewaartermijn_toepassen",
        "schedule": crontab(hour=2, minute=30),
    },
    # Assignment changes that begin today take effect; leavers' accounts are deactivated on their date.
    "opdrachten_bijwerken": {
        "task": "netwerk.tasks.opdrachten_bijwerken",
        "schedule": crontab(hour=0, minute=15),
    },
    # Focus parts ending within a week: their focus supporter is told once per end date.
    "focus_einde": {
        "task": "trajecten.tasks.focus_herinneringen",
        "schedule": crontab(hour=7, minute=10),
    },
}

# Pupil data is anonymised on 31 August of the N-th school year after the one in which the pupil's last
# trajectory closed (1: a trajectory closed in 2025-2026 is anonymised on 31 August 2027).
_BEWAARTERMIJN = os.environ.get("BEWAARTERMIJN_SCHOOLJAREN", "1").strip()
if not _BEWAARTERMIJN.isdigit():
    raise ImproperlyConfigured("BEWAARTERMIJN_SCHOOLJAREN is een aantal schooljaren: 0 of meer.")
BEWAARTERMIJN_SCHOOLJAREN = int(_BEWAARTERMIJN)

# The logbook. A supporter adds, edits and deletes their own lines dated within this period: "schooljaar" (the
# running school year, so a closed year's figures stay as reported) or a number of days back from today.
# Older lines are corrected by the coordination, with a reason.
LOGBOEK_BEWERKEN_TOT = os.environ.get("LOGBOEK_BEWERKEN_TOT", "schooljaar").strip().lower()
if LOGBOEK_BEWERKEN_TOT != "schooljaar" and not (
    LOGBOEK_BEWERKEN_TOT.isascii() and LOGBOEK_BEWERKEN_TOT.isdigit()
):
    raise ImproperlyConfigured("LOGBOEK_BEWERKEN_TOT is ‘schooljaar’ of een aantal dagen.")
# After a trajectory closes, its logbook stays open this many days: the last visit must still fit.
_NA_AFSLUITING = os.environ.get("LOGBOEK_NA_AFSLUITING_DAGEN", "14").strip()
if not (_NA_AFSLUITING.isascii() and _NA_AFSLUITING.isdigit() and int(_NA_AFSLUITING) <= 366):
    raise ImproperlyConfigured("LOGBOEK_NA_AFSLUITING_DAGEN is een aantal dagen: 0 tot 366.")
LOGBOEK_NA_AFSLUITING_DAGEN = int(_NA_AFSLUITING)

# Security: strict by default, relaxed only where DEBUG is on (local development).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
HONINGRAAT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# HTTPS is on in production; `make run` on 127.0.0.1 turns it off (HTTPS=false) and nothing else.
HTTPS = env_bool("HTTPS", default=not DEBUG and not TESTING)
# Behind the TLS proxy every request comes from the proxy: rate limits count the address it forwards.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if HTTPS else "0"))
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"kort": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # The keys of secret links (calendar feed, closing questions, reset and invitation) never reach a log.
    "filters": {
        "geheimen": {"()": "netwerk.logfilter.GeheimenFilter"},
        "weigeringen": {"()": "netwerk.logfilter.VerwachteWeigering"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "kort",
            "filters": ["weigeringen", "geheimen"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Even at LOG_LEVEL=DEBUG these two never log what they hold: SQL parameters and, for a missing
        # template variable, the whole template context, pupil names and free text included.
        "django.db.backends": {"level": "INFO"},
        "django.template": {"level": "INFO"},
        # Django's own handlers for these (its DEFAULT_LOGGING: a console under DEBUG, runserver's request
        # lines) have no filter: naming the loggers here drops them, and their records go to the root's.
        "django": {"level": "INFO", "handlers": []},
        "django.server": {"level": "INFO", "handlers": [], "propagate": True},
    },
}
