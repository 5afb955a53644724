"""For `make bench` only: every response says what it cost the server, in two headers.

    Server-Timing: app;dur=12.4, cpu;dur=9.8, db;dur=1.9
    X-Queries: 5

`app` is the wall time from this middleware's start to its end (every other middleware, the view and the
template inside it), `cpu` the CPU time of the thread that served the request in that span (the web
process only: PostgreSQL's own work shows in `db`, the wall time spent waiting for the database), and
`X-Queries` the number of SQL statements sent. Registered first in MIDDLEWARE, and only when
HONINGRAAT_BENCH is on (honingraat/settings.py): in production no response carries these headers.
A streamed response (a PDF download) is counted up to the moment its body starts to flow.
"""

import time

from django.db import connection


class Teller:
    """A database execute wrapper: counts statements and the wall time they take."""

    def __init__(self):
        self.aantal = 0
        self.seconden = 0.0

    def __call__(self, execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.aantal += 1
            self.seconden += time.perf_counter() - begin


class MetenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        teller = Teller()
        begin, begin_cpu = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(teller):
            response = self.get_response(request)
        cpu_ms = (time.thread_time() - begin_cpu) * 1000
        app_ms = (time.perf_counter() - begin) * 1000
        response["Server-Timing"] = (
            f"app;dur={app_ms:.2f}, cpu;dur={cpu_ms:.2f}, db;dur={teller.seconden * 1000:.2f}"
        )
        response["X-Queries"] = str(teller.aantal)
        return response
