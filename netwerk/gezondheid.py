"""Health of the parts: the web answers as long as PostgreSQL does; Redis and the worker are reported.

Anyone may ask whether the web is up (a load balancer has no account); which part is down, and whether a
worker runs, is for the monitoring's token or a staff login: to a stranger it says where to push next.
"""

import datetime as dt
import hmac

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

HARTSLAG_SLEUTEL = "honingraat:hartslag"
HARTSLAG_MAX_LEEFTIJD = dt.timedelta(minutes=15)


def noteer_hartslag() -> None:
    cache.set(HARTSLAG_SLEUTEL, timezone.now().isoformat(), timeout=None)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker() -> bool:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
        return bool(client.ping())
    except redis.RedisError:
        return False


def _worker(database_ok: bool) -> str:
    if not database_ok:
        return "onbekend"
    laatste = cache.get(HARTSLAG_SLEUTEL)
    if not laatste:
        return "geen hartslag"
    leeftijd = timezone.now() - dt.datetime.fromisoformat(laatste)
    return "ok" if leeftijd <= HARTSLAG_MAX_LEEFTIJD else "te oud"


def mag_details(request) -> bool:
    """The monitoring sends `Authorization: Bearer <GEZONDHEID_TOKEN>`; without a token set, only staff."""
    token = settings.GEZONDHEID_TOKEN
    kop = request.headers.get("Authorization", "")
    # Constant time: the answer's timing must not tell how much of a guessed token was right.
    if (
        token
        and kop.startswith("Bearer ")
        and hmac.compare_digest(kop.removeprefix("Bearer ").strip().encode(), token.encode())
    ):
        return True
    return request.user.is_authenticated and request.user.is_staff


def op_of_neer() -> dict:
    return {"ok": _database()}


def controleer() -> dict:
    database_ok = _database()
    return {
        "ok": database_ok,
        "database": "ok" if database_ok else "fout",
        "broker": "ok" if _broker() else "fout",
        "worker": _worker(database_ok),
    }
