"""The page of last resort: a server error, or a clean 503 while the database is away.

Django calls `serverfout` inside the handling of an uncaught exception, also one raised by a middleware
(the session is read from PostgreSQL before any view runs). Neither page touches the database, so both
render while PostgreSQL restarts; the next request, once it is back, reconnects by itself
(CONN_HEALTH_CHECKS).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

WACHT_SECONDEN = 30


def serverfout(request: HttpRequest) -> HttpResponse:
    fout = sys.exc_info()[1]
    if isinstance(fout, (OperationalError, InterfaceError)):
        antwoord = HttpResponse(render_to_string("503.html"), status=503)
        antwoord["Retry-After"] = str(WACHT_SECONDEN)
        antwoord["Cache-Control"] = "no-store"
        return antwoord
    return HttpResponse(render_to_string("500.html"), status=500)
