"""Keeps the keys of secret links out of every log line: access log, worker log, Django's request log.

Whoever holds such a link needs no login: the calendar feed of a supporter (`/weekplan/agenda/<key>.ics`),
a school's closing questions (`/trajecten/afsluiting/<key>/`), a password reset or an account invitation
(`/account/password/reset/key/<uid>-<key>/`) and allauth's e-mail confirmation. A log is read by more
people and kept longer than the link lives, so the key segment is replaced before a line is written,
whether it stands in the request line, a Referer or an exception's text, plain or percent-encoded.

One filter for all three: `GeheimenFilter` on Django's root handler (settings.LOGGING), on gunicorn's
error and access loggers (gunicorn.conf.py) and on Celery's handlers (honingraat/celery.py). This module
imports nothing of Django, so gunicorn's master can load it before the application.
"""

import logging
import re

VERBORGEN = "[verborgen]"

_SCHUINE_STREEP = r"(?:/|%2[fF])"
# The path before a key, as the URLconf has it (tests/netwerk/test_logfilter.py reverses every one of
# them, so a moved URL fails a test instead of leaking).
_VOOR_DE_SLEUTEL = [
    r"weekplan{s}agenda",
    r"trajecten{s}afsluiting",
    r"password{s}reset{s}key(?!{s}done\b)",
    r"confirm-email",
]
# A key ends where the path segment ends: a slash (also encoded), a query, a quote or white space. The
# feed keeps its ".ics" so that a reader of the log still sees what was asked for.
_SLEUTEL = r"(?:(?!%2[fF]|\.ics\b)[^/\s?#&\"'<>])+"
_PATROON = re.compile(
    "(?P<voor>{s}(?:{paden}){s})(?P<sleutel>{sleutel})".format(
        s=_SCHUINE_STREEP,
        paden="|".join(pad.format(s=_SCHUINE_STREEP) for pad in _VOOR_DE_SLEUTEL),
        sleutel=_SLEUTEL,
    )
)


def verberg(tekst: str) -> str:
    """`tekst` with the key of every secret link replaced by [verborgen]."""
    return _PATROON.sub(rf"\g<voor>{VERBORGEN}", tekst)


class GeheimenFilter(logging.Filter):
    """Rewrites a record whose text holds a secret link; every other record passes untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except Exception:
            # A record that cannot be formatted is logging's own error to report, when the handler formats it.
            return True
        verborgen = verberg(bericht)
        if verborgen != bericht:
            # The formatted text replaces message and arguments: an argument alone (a dict of gunicorn's
            # atoms, a request path) could still carry the key to a handler that formats it differently.
            record.msg, record.args = verborgen, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text once it is set: the traceback is written as it is masked here.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = verberg(record.exc_text)
        if record.stack_info:
            record.stack_info = verberg(record.stack_info)
        return True


def filter_op_handlers(logger: logging.Logger) -> None:
    """Puts the filter on every handler of `logger` (once), so that it also sees what child loggers pass
    up: a filter on a logger only sees the records logged on that logger itself."""
    for handler in logger.handlers:
        if not any(isinstance(f, GeheimenFilter) for f in handler.filters):
            handler.addFilter(GeheimenFilter())


class VerwachteWeigering(logging.Filter):
    """A 403 is the answer a rule gives on purpose (a supporter opening the capacity page): Django's request
    logger still reports it, in one line, without the traceback that makes it read like a failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.request" and getattr(record, "status_code", None) == 403:
            record.exc_info = record.exc_text = None
        return True
