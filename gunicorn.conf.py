"""gunicorn's settings beside its command line: gunicorn reads this file from the directory it starts in
(the Dockerfile's /app, `make run`, the tests and the bench all start it in the project's root).

Only what the command line cannot say lives here: the access and error logs never show the key of a
secret link (netwerk/logfilter.py), not in the request line and not in the Referer of the next request.
"""

from gunicorn.glogging import Logger

from netwerk.logfilter import GeheimenFilter


class GeheimLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # On the loggers, not their handlers: gunicorn replaces its handlers on every reload (HUP), and
        # both loggers only carry records logged on them directly.
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, GeheimenFilter) for f in log.filters):
                log.addFilter(GeheimenFilter())


logger_class = GeheimLogger
