"""Locust scenarios for `make bench` (bench/last.py starts this file, one page per Locust run).

    locust -f bench/last_locust.py --headless -u 20 -r 20 -t 20s -H http://127.0.0.1:PORT

Environment: BENCH_CONFIG (JSON written by bench/last.py: the session cookies per role, obtained through
the allauth login form, and the ids the pages need), BENCH_PAGINA (which page), BENCH_DUUR (seconds) and
BENCH_UIT (where the measurements go). Every user requests that one page again and again without think
time. Each request is recorded with its start, its time at the client, whether it was right (status 200
and the content the page must have) and what the server says it cost (Server-Timing and X-Queries from
netwerk/meten.py).
"""

import datetime as dt
import itertools
import json
import os
import re
import time
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, constant, events, task
from requests.cookies import create_cookie

CONFIG = json.loads(open(os.environ["BENCH_CONFIG"], encoding="utf-8").read())  # noqa: SIM115
PAGINA = os.environ["BENCH_PAGINA"]
METINGEN: list[list] = []
TIMING = re.compile(r"(\w+);dur=([\d.]+)")


def _overzicht():
    """The coordinator's overview, each time with other filters (status, type, school and together)."""
    school = CONFIG["scholen"][0]
    filters = itertools.cycle(
        [
            "?status=lopend",
            "?status=lopend&type=9",
            f"?school={school}",
            f"?status=afgerond&type=basisaanbod&school={school}",
        ]
    )
    return lambda: ("GET", "/trajecten/" + next(filters), None)


VOLGNUMMER = itertools.count()  # shared by the users of this process: no two posts are the same


def _logboek():
    """A supporter logs time in a row of Mijn trajecten (HTMX). Each post differs from every other (users
    sending the same form at once would rightly be taken as a double submit, netwerk/eenmalig.py)."""
    trajecten = CONFIG["trajecten"]
    vandaag = dt.date.today().isoformat()

    def verzoek():
        nummer = next(VOLGNUMMER)
        data = {
            "weergave": "rij",
            "datum": vandaag,
            "minuten": str(5 + nummer % 596),
            "activiteit": "overleg",
            "notitie": f"Last {nummer}",
        }
        return "POST", f"/trajecten/{trajecten[nummer % len(trajecten)]}/tijd/", data

    return verzoek


def _verslag():
    overleggen = itertools.cycle(CONFIG["overleggen"])
    return lambda: ("GET", f"/overleg/{next(overleggen)}/document/verslag/", None)


def _vast(pad: str):
    return lambda: ("GET", pad, None)


def _pdf(antwoord) -> str | None:
    if not antwoord.headers.get("Content-Type", "").startswith("application/pdf"):
        return "geen PDF"
    return None if antwoord.content.startswith(b"%PDF") else "PDF zonder inhoud"


def _rij(antwoord) -> str | None:
    tekst = antwoord.text
    if 'class="rij-formulier"' in tekst:
        fouten = re.findall(r'class="fout[^"]*"[^>]*>(?:<p>)?([^<]+)', tekst)
        return "formulier met fouten: " + " ".join(fouten)[:200]
    return None if '<tr id="rij-' in tekst else "geen rij in het antwoord"


def _bevat(teken: str):
    return lambda antwoord: None if teken in antwoord.text else f"{teken!r} ontbreekt"


# Page: (role whose session it uses, request factory, check of a 200 answer, extra headers).
PAGINAS = {
    "vloer": ("coordinator", lambda: _vast("/gezondheid/"), _bevat('"ok": true'), {}),
    "overzicht": ("coordinator", _overzicht, _bevat("<table"), {}),
    "mijn_trajecten": ("ondersteuner", lambda: _vast("/trajecten/mijn/"), _bevat("<table"), {}),
    "logboek": ("ondersteuner", _logboek, _rij, {"HX-Request": "true"}),
    "tijdskader": ("zorg", lambda: _vast(f"/tijdskader/scholen/{CONFIG['zorg_school']}/"), _bevat("<h1"), {}),
    "clb_verslag": ("clb", _verslag, _pdf, {}),
    "capaciteit": (
        "coordinator",
        lambda: _vast(f"/capaciteit/?schooljaar={CONFIG['schooljaar']}"),
        _bevat("<h1"),
        {},
    ),
}
ROL, MAAK_VERZOEK, CONTROLE, KOPPEN = PAGINAS[PAGINA]


class Gebruiker(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        host = self.host.split("://", 1)[1].split(":")[0]
        for naam, waarde in CONFIG["sessies"][ROL].items():
            self.client.cookiejar.set_cookie(create_cookie(naam, waarde, domain=host))
        self.csrf = CONFIG["sessies"][ROL]["csrftoken"]
        self.volgende = MAAK_VERZOEK()

    @task
    def pagina(self):
        methode, pad, data = self.volgende()
        koppen = dict(KOPPEN)
        if methode == "POST":
            data = urlencode({**data, "csrfmiddlewaretoken": self.csrf})
            koppen["Content-Type"] = "application/x-www-form-urlencoded"
        with self.client.request(
            methode, pad, name=PAGINA, data=data, headers=koppen, allow_redirects=False, catch_response=True
        ) as antwoord:
            if antwoord.status_code != 200:
                antwoord.failure(f"status {antwoord.status_code} {antwoord.headers.get('Location', '')}")
            elif fout := CONTROLE(antwoord):
                antwoord.failure(fout)
            else:
                antwoord.success()


@events.request.add_listener
def _noteer(response_time, response, exception, start_time=None, **_kwargs):
    koppen = getattr(response, "headers", None) or {}
    kosten = dict(TIMING.findall(koppen.get("Server-Timing", "")))
    METINGEN.append(
        [
            start_time,
            response_time,
            exception is None,
            getattr(response, "status_code", 0),
            float(kosten.get("app", "nan")),
            float(kosten.get("cpu", "nan")),
            float(kosten.get("db", "nan")),
            int(koppen.get("X-Queries", "-1")),
            str(exception)[:300] if exception else "",
        ]
    )


@events.test_start.add_listener
def _klok(environment, **_kwargs):
    """Stops the run after BENCH_DUUR seconds by the monotonic clock. Not Locust's --run-time: its timer
    starts from the event loop's cached time, which on a busy machine is seconds old after the imports."""
    einde = time.monotonic() + float(os.environ["BENCH_DUUR"])

    def stop():
        while time.monotonic() < einde:
            gevent.sleep(0.05)
        environment.runner.quit()

    gevent.spawn(stop)


@events.quitting.add_listener
def _bewaar(**_kwargs):
    with open(os.environ["BENCH_UIT"], "w", encoding="utf-8") as uit:
        json.dump(METINGEN, uit)
