"""`make bench`: the main pages under load, at V/100 and at V (all of Flanders), into docs/BENCHMARKS.md.

    .venv/bin/python bench/last.py [--duur 20] [--runs 3] [--gebruikers 20] [--volumes V/100,V] [--snel]

Runs inside `scripts/services.py run` (DATABASE_URL names the PostgreSQL server, REDIS_URL the broker).
Per volume a scratch database on that server (`honingraat_last_v100`, `honingraat_last_v`), seeded once by
`manage.py seed_schaal` and kept for the next run (seeding V takes minutes). Then per database:

1. the pages' own data, once: LSC 1's envelope with a published version (the frames), a CLB with an
   account at ten of LSC 1's schools, and those schools' consultations held and shared, each with its
   report rendered to PDF (as the worker would);
2. gunicorn with production settings (DEBUG off, a throwaway SECRET_KEY, plain http on 127.0.0.1, MFA not
   compulsory), 2 workers of 4 threads, and HONINGRAAT_BENCH=1 so that each response says its queries and
   server time (netwerk/meten.py);
3. one session per role through the allauth login form;
4. Locust headless (bench/last_locust.py), one page at a time: the floor page (/gezondheid/, a bare view
   through the same middleware) and each main page, first with 1 user (server time), then with N
   concurrent users (throughput), no think time; the first seconds of each run are not counted. The runs
   are interleaved (run 1 of every page, then run 2, …) so that a change in the machine's load falls on all
   pages alike; each figure is the median of the runs.

The logbook lines the load posted are removed afterwards, so the database is the seeded one again.
`--snel`: V/100 only, one run of 5 s, nothing written to the docs (a smoke test of the harness).
`--wacht-op-rust MIN`: before each volume, wait (at most MIN minutes in all) for a 1-minute load average
under 1.5; the document states the load at the start and end of each volume either way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener, urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.kladdatabank import maak_database, met_naam  # noqa: E402

PYTHON = sys.executable
VAR = ROOT / "var" / "bench"
DOCUMENT = ROOT / "docs" / "BENCHMARKS.md"
KOP = "## Under load: `make bench` at V/100 and V (issue: scale)"
VOLUMES = {"V/100": ("honingraat_last_v100", 0.01), "V": ("honingraat_last_v", 1.0)}
WACHTWOORD = "schaal-honingraat"  # seed_schaal's password for every account
LOGBOEK_PER_TRAJECT = 10  # as seed_schaal
OVERLEGGEN = 10
QUEUE = "honingraat-bench"
PAGINAS = {
    "vloer": "floor: /gezondheid/ (coordinator)",
    "overzicht": "overview with filters (coordinator)",
    "mijn_trajecten": "mijn trajecten (supporter)",
    "logboek": "logbook entry, POST (supporter)",
    "tijdskader": "frame page (care staff)",
    "clb_verslag": "report PDF download (CLB)",
    "capaciteit": "capacity planning (coordinator)",
}
ROLLEN = {
    "coordinator": "coordinator1@schaal.example",
    "ondersteuner": "ondersteuner1@schaal.example",
    "zorg": "zorg1@schaal.example",
    "clb": "clb1@schaal.example",
}
DOELEN = {"queries": 6, "p50": 15.0, "p95_serieel": 30.0, "aandeel": 0.15, "p95": 150.0, "groei": 1.25}


def _productie(databank_url: str) -> dict[str, str]:
    """Production settings, as `make run` serves them on 127.0.0.1, plus the measuring headers."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "honingraat.settings",
        "DATABASE_URL": databank_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "HTTPS": "false",
        "MFA_VERPLICHT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(VAR / "media" / databank_url.rsplit("/", 1)[1]),
        "CELERY_QUEUE": QUEUE,
        "LOG_LEVEL": "WARNING",
        "HONINGRAAT_BENCH": "1",
    }


def _verwacht(factor: float) -> tuple[int, int]:
    return max(1, round(3500 * factor)), max(1, round(1_000_000 * factor))


# ------------------------------------------------------------------------------------- the databases


def _sql(url: str, sql: str, *parameters) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as verbinding:
        cursor = verbinding.execute(sql, parameters or None)
        return cursor.fetchall() if cursor.description else []


def _geseed(server: str, naam: str, factor: float) -> bool:
    if not _sql(met_naam(server, "postgres"), "SELECT 1 FROM pg_database WHERE datname = %s", naam):
        return False
    url = met_naam(server, naam)
    try:
        scholen, trajecten = _sql(
            url, "SELECT (SELECT count(*) FROM scholen_school), (SELECT count(*) FROM trajecten_traject)"
        )[0]
    except Exception:  # no tables: an interrupted seeding
        return False
    return (scholen, trajecten) == _verwacht(factor)


def _manage(omgeving: dict, *argumenten: str) -> None:
    subprocess.run([PYTHON, "manage.py", *argumenten], cwd=ROOT, env=omgeving, check=True)


def zorg_voor_databank(server: str, volume: str) -> str:
    naam, factor = VOLUMES[volume]
    url = met_naam(server, naam)
    omgeving = _productie(url)
    if _geseed(server, naam, factor):
        print(f"[{volume}] {naam}: al gevuld, wordt hergebruikt", flush=True)
        _manage(omgeving, "migrate", "--noinput", "-v", "0")
    else:
        print(f"[{volume}] {naam}: aanmaken en vullen met seed_schaal --factor {factor}", flush=True)
        if factor >= 1:
            print(f"[{volume}] dat duurt enkele minuten (1.000.000 trajecten, 10.000.000 logboekregels)")
        maak_database(server, naam)
        _manage(omgeving, "migrate", "--noinput", "-v", "0")
        _manage(omgeving, "createcachetable")
        begin = time.perf_counter()
        _manage(omgeving, "seed_schaal", "--factor", str(factor))
        print(f"[{volume}] gevuld in {time.perf_counter() - begin:.0f} s", flush=True)
    return url


def voorbereiden(url: str) -> dict:
    """The pages' own data (idempotent, in a child process with Django) and the ids the scenarios use."""
    uit = subprocess.run(
        [PYTHON, __file__, "--voorbereiden"],
        env=_productie(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def _voorbereiden_kind() -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from capaciteit.models import Envelop
    from capaciteit.services import verdeling_publiceren
    from netwerk.models import Clb, Gebruiker, Rol
    from netwerk.schooljaar import huidig_schooljaar
    from overleg.documenten import actueel_document
    from overleg.models import Afspraak, Documentsoort, Schoolbeeldoverleg, Status
    from overleg.services import _deelnemers_vastleggen
    from scholen.models import School
    from trajecten.models import Traject

    call_command("collectstatic", "--noinput", verbosity=0)  # production static files (manifest)
    jaar = huidig_schooljaar()
    coordinator = Gebruiker.objects.get(email=ROLLEN["coordinator"])
    ondersteuner = Gebruiker.objects.get(email=ROLLEN["ondersteuner"])
    lsc = coordinator.lsc
    scholen = list(School.objects.filter(bedieningen__lsc=lsc).order_by("pk").values_list("pk", flat=True))
    envelop, _ = Envelop.objects.get_or_create(
        lsc=lsc, schooljaar=jaar, defaults={"uren": 300 * len(scholen), "verslagsoorten": ["gc"]}
    )
    if not envelop.uren:  # an envelope a visit to the planning page created empty: frames of 0 hours
        envelop.uren = 300 * len(scholen)
        envelop.save(update_fields=["uren"])
    if not envelop.verdelingen.filter(uren=envelop.uren).exists():
        verdeling_publiceren(door=coordinator, envelop=envelop)
    clb, _ = Clb.objects.get_or_create(naam="CLB Schaal", defaults={"gemeente": "Gemeente 1"})
    if not Gebruiker.objects.filter(email=ROLLEN["clb"]).exists():
        Gebruiker.objects.create(
            email=ROLLEN["clb"],
            naam="CLB-medewerker 1",
            rol=Rol.CLB,
            clb=clb,
            password=make_password(WACHTWOORD),
        )
    toen = timezone.now() - dt.timedelta(days=30)
    overleggen = []
    for school in School.objects.filter(pk__in=scholen[:OVERLEGGEN]).order_by("pk"):
        with transaction.atomic():
            if school.clb_id != clb.pk:
                school.clb = clb
                school.save(update_fields=["clb"])
            overleg, nieuw = Schoolbeeldoverleg.objects.get_or_create(
                lsc=lsc,
                school=school,
                schooljaar=jaar,
                defaults={
                    "status": Status.GEDEELD,
                    "datum": toen,
                    "plaats": "Leraarskamer",
                    "gehouden_op": toen,
                    "gedeeld_op": toen,
                    "gedeeld_door": coordinator,
                    "prioriteiten": "Taal en rekenen in de eerste graad.",
                    "werkwijze": "Observatie in de klas, coaching van het team.",
                    "verslag": "We spraken af hoe we de leersteun dit schooljaar inzetten. " * 8,
                },
            )
            if nieuw:
                _deelnemers_vastleggen(overleg)
                for nummer in range(1, 4):
                    Afspraak.objects.create(
                        overleg=overleg,
                        omschrijving=f"Afspraak {nummer}",
                        eigenaar=ondersteuner,
                        tegen=toen.date() + dt.timedelta(days=30 * nummer),
                    )
        actueel_document(overleg, Documentsoort.VERSLAG)  # rendered once; again only if it changed
        overleggen.append(overleg.pk)
    trajecten = list(
        Traject.objects.filter(
            toewijzingen__ondersteuner=ondersteuner.ondersteuner,
            status="lopend",
            start__lte=timezone.localdate(),  # seeded dates run through the school year: no time before them
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    print(
        json.dumps(
            {
                "schooljaar": jaar,
                "scholen": scholen[:OVERLEGGEN],
                "zorg_school": Gebruiker.objects.get(email=ROLLEN["zorg"]).zorgscholen.get().pk,
                "overleggen": overleggen,
                "trajecten": trajecten,
            }
        )
    )


# ------------------------------------------------------------------------------------------ the server


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(url: str, poort: int) -> subprocess.Popen:
    proces = subprocess.Popen(
        [
            *(PYTHON, "-m", "gunicorn", "honingraat.wsgi"),
            *("--bind", f"127.0.0.1:{poort}", "--workers", "2", "--threads", "4"),
            *("--log-level", "warning"),
        ],
        cwd=ROOT,
        env=_productie(url),
    )
    einde = time.monotonic() + 60
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise SystemExit("gunicorn stopte bij het starten")
        try:
            with urlopen(f"http://127.0.0.1:{poort}/gezondheid/", timeout=2) as antwoord:
                if antwoord.status == 200:
                    return proces
        except (URLError, OSError):
            time.sleep(0.3)
    proces.terminate()
    raise SystemExit("gunicorn antwoordde niet binnen 60 s")


def stop(proces: subprocess.Popen) -> None:
    proces.terminate()
    try:
        proces.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proces.kill()


class _GeenDoorverwijzing(HTTPRedirectHandler):
    def redirect_request(self, *_argumenten, **_opties):
        return None


def aanmelden(basis: str, email: str) -> dict[str, str]:
    """Through the allauth login form, as a browser does; returns the cookies (session and CSRF)."""
    koekjes = CookieJar()
    opener = build_opener(HTTPCookieProcessor(koekjes), _GeenDoorverwijzing)
    html = opener.open(f"{basis}/account/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urlencode({"csrfmiddlewaretoken": token, "login": email, "password": WACHTWOORD}).encode()
    try:
        opener.open(Request(f"{basis}/account/login/", data=data))  # noqa: S310 (http on loopback)
    except HTTPError as antwoord:
        if antwoord.code != 302:
            raise
    sessie = {k.name: k.value for k in koekjes}
    if "sessionid" not in sessie:
        raise SystemExit(f"aanmelden als {email} mislukte")
    return sessie


# ------------------------------------------------------------------------------------------ measuring


def _percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return math.nan
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(p / 100 * len(geordend)) - 1)]


def locust(basis: str, config: Path, pagina: str, gebruikers: int, duur: float, opwarmen: float) -> dict:
    """One Locust run of one page; the figures over the requests started after the warm-up."""
    with tempfile.NamedTemporaryFile(suffix=".json", dir=VAR, delete=False) as bestand:
        uit = Path(bestand.name)
    try:
        subprocess.run(
            [
                str(Path(PYTHON).parent / "locust"),
                *("-f", str(ROOT / "bench" / "last_locust.py"), "--headless", "--only-summary"),
                *("-u", str(gebruikers), "-r", str(gebruikers)),
                *("-H", basis, "--loglevel", "ERROR", "--exit-code-on-error", "0"),
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "BENCH_CONFIG": str(config),
                "BENCH_PAGINA": pagina,
                "BENCH_DUUR": str(opwarmen + duur),
                "BENCH_UIT": str(uit),
            },
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        metingen = json.loads(uit.read_text())
    finally:
        uit.unlink(missing_ok=True)
    if not metingen:
        raise SystemExit(f"{pagina}: Locust noteerde geen enkel verzoek")
    begin = min(m[0] for m in metingen) + opwarmen
    geteld = [m for m in metingen if m[0] >= begin]
    einde = max(m[0] + m[1] / 1000 for m in geteld)
    fouten = [m for m in metingen if not m[2]]
    tijden = [m[1] for m in geteld]
    server = [m[4] for m in geteld if not math.isnan(m[4])]
    queries = [m[7] for m in geteld if m[7] >= 0]
    return {
        "n": len(geteld),
        "rps": len(geteld) / max(einde - begin, 1e-9),
        "p50": _percentiel(tijden, 50),
        "p95": _percentiel(tijden, 95),
        "p99": _percentiel(tijden, 99),
        "server_p50": _percentiel(server, 50),
        "server_p95": _percentiel(server, 95),
        "cpu": statistics.fmean(m[5] for m in geteld if not math.isnan(m[5])) if server else math.nan,
        "db": statistics.fmean(m[6] for m in geteld if not math.isnan(m[6])) if server else math.nan,
        "queries": statistics.median(queries) if queries else -1,
        "queries_max": max(queries) if queries else -1,
        "fouten": len(fouten),
        "voorbeeld_fout": fouten[0][8] if fouten else "",
    }


def _seq_scans(url: str) -> dict[str, int]:
    rijen = _sql(
        url,
        "SELECT relname, seq_scan FROM pg_stat_user_tables "
        "WHERE relname IN ('trajecten_traject', 'trajecten_logboekregel')",
    )
    return dict(rijen)


def meet_volume(url: str, volume: str, args) -> dict:
    _, factor = VOLUMES[volume]
    ids = voorbereiden(url)
    if not ids["trajecten"]:
        raise SystemExit("ondersteuner1 heeft geen lopende trajecten om tijd op te loggen")
    scans_voor = _seq_scans(url)
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    omstandigheden = {"load_begin": os.getloadavg()}
    proces = start_gunicorn(url, poort)
    resultaten: dict = {"serieel": {}, "gelijktijdig": {}}
    try:
        config = VAR / f"config-{VOLUMES[volume][0]}.json"
        sessies = {rol: aanmelden(basis, email) for rol, email in ROLLEN.items()}
        config.write_text(json.dumps({**ids, "sessies": sessies}))
        print(
            f"[{volume}] opwarmen en controleren: elke pagina {args.opwarmen:.0f} s met 1 gebruiker",
            flush=True,
        )
        for pagina in PAGINAS:
            proef = locust(basis, config, pagina, 1, args.opwarmen, 0)
            if proef["fouten"]:
                raise SystemExit(f"[{volume}] {pagina} faalt: {proef['voorbeeld_fout']}")
        for run in range(1, args.runs + 1):
            for profiel, gebruikers in (("serieel", 1), ("gelijktijdig", args.gebruikers)):
                for pagina in PAGINAS:
                    meting = locust(basis, config, pagina, gebruikers, args.duur, args.opwarmen)
                    resultaten[profiel].setdefault(pagina, []).append(meting)
                    print(
                        f"[{volume}] run {run}/{args.runs} {gebruikers:>2} gebr. {pagina:<15} "
                        f"{meting['rps']:7.1f} rps  p50 {meting['p50']:6.1f}  p95 {meting['p95']:6.1f} ms  "
                        f"server p50 {meting['server_p50']:6.1f} ms  cpu {meting['cpu']:5.1f} ms  "
                        f"{meting['queries']:g} queries  {meting['fouten']} fouten",
                        flush=True,
                    )
    finally:
        stop(proces)
        omstandigheden["load_einde"] = os.getloadavg()
    time.sleep(1)  # the server's connections have ended and flushed their statistics
    scans_na = _seq_scans(url)
    omstandigheden["seq_scans"] = {t: scans_na.get(t, 0) - scans_voor.get(t, 0) for t in scans_na}
    _, trajecten = _verwacht(factor)
    _sql(url, "DELETE FROM trajecten_logboekregel WHERE id > %s", trajecten * LOGBOEK_PER_TRAJECT)
    try:
        import redis

        redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")).delete(QUEUE)
    except Exception as fout:  # the queue is only a leftover if a document had to be made
        print(f"wachtrij {QUEUE} niet opgeruimd: {fout}", file=sys.stderr)
    return {"resultaten": resultaten, "omstandigheden": omstandigheden, "ids": ids}


def mediaan(metingen: list[dict], sleutel: str) -> float:
    return statistics.median(m[sleutel] for m in metingen)


def samenvatting(meting: dict) -> dict:
    """Per profile and page: each figure the median of the runs; the floor ratio per run, then its median."""
    uit = {}
    for profiel, paginas in meting["resultaten"].items():
        vloer = paginas["vloer"]
        for pagina, runs in paginas.items():
            rij = {k: mediaan(runs, k) for k in runs[0] if k != "voorbeeld_fout"}
            rij["queries_max"] = max(r["queries_max"] for r in runs)
            rij["fouten"] = sum(r["fouten"] for r in runs)
            rij["aandeel"] = statistics.median(r["rps"] / v["rps"] for r, v in zip(runs, vloer, strict=True))
            uit.setdefault(pagina, {})[profiel] = rij
    return uit


# -------------------------------------------------------------------------------------------- reporting


def _getal(waarde: float, plaatsen: int = 1) -> str:
    return (
        "–"
        if waarde is None or (isinstance(waarde, float) and math.isnan(waarde))
        else f"{waarde:,.{plaatsen}f}"
    )


def _queries(rij: dict) -> str:
    q, hoogste = rij["queries"], rij["queries_max"]
    return f"{q:g}" if hoogste <= q else f"{q:g} (max {hoogste:g})"


def tabel(samen: dict) -> list[str]:
    regels = [
        "| page | queries | CPU ms/req | DB ms/req | 1 user: server p50 / p95 (ms) | 20 users: rps | × floor "
        "| p50 (ms) | p95 (ms) | p99 (ms) | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for pagina, label in PAGINAS.items():
        s, g = samen[pagina]["serieel"], samen[pagina]["gelijktijdig"]
        regels.append(
            f"| {label} | {_queries(s)} | {_getal(s['cpu'])} | {_getal(s['db'])} "
            f"| {_getal(s['server_p50'])} / {_getal(s['server_p95'])} | {_getal(g['rps'])} "
            f"| {_getal(g['aandeel'] * 100, 0)} % "
            f"| {_getal(g['p50'])} | {_getal(g['p95'])} | {_getal(g['p99'])} | {s['fouten'] + g['fouten']} |"
        )
    return regels


def _oordeel(gehaald: bool, tekst: str) -> str:
    return f"met ({tekst})" if gehaald else f"**missed** ({tekst})"


def doelen(samen: dict, klein: dict | None) -> list[str]:
    """The goals of issue 9, point 3, per main page at V: met or missed, and by how much."""
    regels = [
        f"| page | ≤ {DOELEN['queries']} queries, same at V/100 | 1 user: p50 ≤ {DOELEN['p50']:g} ms, "
        f"p95 ≤ {DOELEN['p95_serieel']:g} ms | rps ≥ {DOELEN['aandeel']:.0%} of floor "
        f"| p95 ≤ {DOELEN['p95']:g} ms, 0 errors | p95 at V ≤ {DOELEN['groei']:g} × V/100 |",
        "|---|---|---|---|---|---|",
    ]
    for pagina, label in PAGINAS.items():
        if pagina == "vloer":
            continue
        s, g = samen[pagina]["serieel"], samen[pagina]["gelijktijdig"]
        q = s["queries_max"]
        q_klein = klein[pagina]["serieel"]["queries_max"] if klein else None
        zelfde = q_klein is None or q_klein == q
        q_tekst = f"{q:g}" + (f", V/100 {q_klein:g}" if q_klein is not None else "")
        if q > DOELEN["queries"]:
            q_tekst += f": {q - DOELEN['queries']:g} too many"
        p50, p95s = s["server_p50"], s["server_p95"]
        serieel_ok = p50 <= DOELEN["p50"] and p95s <= DOELEN["p95_serieel"]
        serieel_tekst = f"{p50:.1f} / {p95s:.1f} ms"
        if not serieel_ok:
            serieel_tekst += f"; {max(p50 / DOELEN['p50'], p95s / DOELEN['p95_serieel']):.1f}× the goal"
        aandeel = g["aandeel"]
        aandeel_tekst = f"{aandeel:.1%}"
        if 0 < aandeel < DOELEN["aandeel"]:
            aandeel_tekst += f"; needs {DOELEN['aandeel'] / aandeel:.1f}× the throughput"
        fouten = s["fouten"] + g["fouten"]
        p95_tekst = f"{g['p95']:.0f} ms, {fouten} errors"
        if g["p95"] > DOELEN["p95"]:
            p95_tekst += f"; {g['p95'] / DOELEN['p95']:.1f}× the goal"
        if klein:
            groei = g["p95"] / klein[pagina]["gelijktijdig"]["p95"]
            groei_cel = _oordeel(groei <= DOELEN["groei"], f"{groei:.2f}×")
        else:
            groei_cel = "–"
        regels.append(
            f"| {label} | {_oordeel(q <= DOELEN['queries'] and zelfde, q_tekst)} "
            f"| {_oordeel(serieel_ok, serieel_tekst)} "
            f"| {_oordeel(aandeel >= DOELEN['aandeel'], aandeel_tekst)} "
            f"| {_oordeel(g['p95'] <= DOELEN['p95'] and fouten == 0, p95_tekst)} | {groei_cel} |"
        )
    return regels


def _versies(server: str) -> dict[str, str]:
    from importlib.metadata import version

    pg = _sql(met_naam(server, "postgres"), "SHOW server_version")[0][0].split()[0]
    return {
        "Python": platform.python_version(),
        "Django": version("django"),
        "PostgreSQL": pg,
        "gunicorn": version("gunicorn"),
        "Locust": version("locust"),
    }


def _cpu() -> str:
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                return regel.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "onbekend"


def _commit() -> str:
    """The commit measured, and whether the working tree held changes to it (the code that ran)."""
    uit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    gewijzigd = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    commit = uit.stdout.strip() or "?"
    return f"{commit} with uncommitted changes in the working tree" if gewijzigd.stdout.strip() else commit


def sectie(metingen: dict[str, dict], args, server: str) -> str:
    samen = {volume: samenvatting(m) for volume, m in metingen.items()}
    versies = ", ".join(f"{k} {v}" for k, v in _versies(server).items())
    delen = [
        KOP,
        "",
        f"`make bench` (`bench/last.py`, scenarios in `bench/last_locust.py`; `BENCH_ARGS=--snel` for a "
        f"smoke run). gunicorn with production settings (DEBUG off, manifest static files; plain http on "
        f"127.0.0.1 and MFA not compulsory, as `make run`), 2 workers × 4 threads, against a scratch "
        f"database filled by `manage.py seed_schaal` at V/100 (40 × 0.01 → 1 LSC, 35 schools, 10,000 "
        f"trajectories, 100,000 logbook lines) and at V (40 LSCs, 3,500 schools, 1,000,000 trajectories, "
        f"10,000,000 logbook lines). Locust headless (FastHttpUser) on the same machine, one page at a time, "
        f"no think time: 1 user (server time) and {args.gebruikers} concurrent users (throughput); each run "
        f"{args.duur:g} s after {args.opwarmen:g} s not counted, {args.runs} runs per page and profile, "
        f"interleaved; every figure is the median of the {args.runs} runs, the ratio to the floor page per "
        f"run first. Sessions come from the allauth login form. Each response carries its query count and "
        f"server time (`netwerk/meten.py`, only with HONINGRAAT_BENCH=1): *queries* per request (max if a "
        f"request sometimes costs one more, e.g. the session's idle clock written once a minute), *CPU* the "
        f"web thread's CPU time per request and *DB* its time waiting for PostgreSQL (means, 1 user), "
        f"*server p50/p95* the time from the outermost middleware in to out with 1 user; p50/p95/p99 "
        f"under load are what Locust saw (queueing included).",
        "",
        "The scenarios: the floor page is the health endpoint as a signed-in coordinator (session, user, "
        "`SELECT 1`, a cache read, a Redis ping: no view could be much cheaper through the same middleware); "
        "the coordinator's overview cycles through four filter combinations (status; status and type; a "
        "school; status, type and school); the supporter's list is LSC 1's first supporter's (~25 running "
        "trajectories at both volumes); the logbook entry posts minutes in a row of Mijn trajecten (HTMX, "
        "CSRF token from the login) on that supporter's running trajectories, each post different; the "
        "frame page is school 1's, read by its care staff; the CLB downloads the stored report PDF of one "
        "of ten shared consultations; the capacity planning page is LSC 1's with a published version.",
        "",
    ]
    for volume, meting in metingen.items():
        o = meting["omstandigheden"]
        scans = ", ".join(f"{t} {n}" for t, n in o["seq_scans"].items())
        delen += [
            f"### {volume}",
            "",
            f"Load average (1, 5, 15 min) {', '.join(f'{x:.2f}' for x in o['load_begin'])} at the start, "
            f"{', '.join(f'{x:.2f}' for x in o['load_einde'])} at the end. Sequential scans counted by "
            f"PostgreSQL on the two big tables during the whole run (every page, both profiles): {scans}.",
            "",
            *tabel(samen[volume]),
            "",
        ]
    if "V" in samen:
        delen += [
            "### Goals at V (issue 9, point 3)",
            "",
            *doelen(samen["V"], samen.get("V/100")),
            "",
            "No sequential scan on the trajectory or logbook table in any page query is proven by the "
            "EXPLAIN tests in the suite; the counts above are the same check on the running server.",
            "",
        ]
    # The load at the start of a volume says whether other work shared the machine; during the run the
    # run itself (Locust, gunicorn, PostgreSQL with 20 users) drives it up, which the end figures show.
    belasting = max(m["omstandigheden"]["load_begin"][0] for m in metingen.values())
    delen += [
        f"Machine: {os.cpu_count()} cores ({_cpu()}), app, PostgreSQL, Redis and Locust on the same box; "
        f"{versies}; commit {_commit()}; measured {dt.date.today().isoformat()}"
        + (
            f"; load average at the start of a volume up to {belasting:.1f} (other work, or the previous "
            "volume's own load not yet decayed)."
            if belasting >= 1.5
            else ", with nothing else running (the load at the end of each volume is the run's own)."
        ),
        "",
    ]
    return "\n".join(delen)


def schrijf(tekst: str) -> None:
    """Replaces this section in docs/BENCHMARKS.md (or adds it at the end); the other sections stay."""
    inhoud = DOCUMENT.read_text()
    begin = inhoud.find(KOP)
    if begin < 0:
        inhoud = inhoud.rstrip("\n") + "\n\n" + tekst
    else:
        volgende = inhoud.find("\n## ", begin + len(KOP))
        rest = inhoud[volgende + 1 :] if volgende >= 0 else ""
        inhoud = inhoud[:begin] + tekst + ("\n" + rest if rest else "")
    DOCUMENT.write_text(inhoud.rstrip("\n") + "\n")


def wacht_op_rust(einde: float, grens: float = 1.5) -> None:
    """Until the 1-minute load average is under `grens` (other work, or this run's own previous volume),
    but not past `einde` (time.monotonic()): the document then says how busy the machine was."""
    while os.getloadavg()[0] >= grens and time.monotonic() < einde:
        print(f"load average {os.getloadavg()[0]:.2f} ≥ {grens}: wachten…", flush=True)
        time.sleep(min(60, max(einde - time.monotonic(), 1)))


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--duur", type=float, default=20, help="seconden per run (na het opwarmen)")
    argumenten.add_argument("--opwarmen", type=float, default=3, help="seconden per run die niet tellen")
    argumenten.add_argument("--runs", type=int, default=3)
    argumenten.add_argument("--gebruikers", type=int, default=20)
    argumenten.add_argument("--volumes", default="V/100,V", help="V/100, V of beide")
    argumenten.add_argument("--snel", action="store_true", help="V/100, 1 run van 5 s, niets in de docs")
    argumenten.add_argument("--geen-docs", action="store_true", help="niets in docs/BENCHMARKS.md schrijven")
    argumenten.add_argument(
        "--wacht-op-rust",
        type=float,
        default=0,
        metavar="MINUTEN",
        help="in totaal hoogstens zo lang wachten tot load < 1,5",
    )
    argumenten.add_argument("--voorbereiden", action="store_true", help=argparse.SUPPRESS)
    args = argumenten.parse_args()
    if args.voorbereiden:
        _voorbereiden_kind()
        return
    if args.snel:
        args.volumes, args.runs, args.duur, args.opwarmen, args.geen_docs = "V/100", 1, 5, 2, True
    volumes = [v.strip() for v in args.volumes.split(",")]
    if unknown := set(volumes) - set(VOLUMES):
        raise SystemExit(f"onbekend volume: {', '.join(unknown)} (kies uit {', '.join(VOLUMES)})")
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat")
    VAR.mkdir(parents=True, exist_ok=True)
    # Seed first: minutes of work that need no quiet machine.
    urls = {volume: zorg_voor_databank(server, volume) for volume in volumes}
    metingen = {}
    einde_wachten = time.monotonic() + args.wacht_op_rust * 60  # one budget for every volume together
    for volume in volumes:
        wacht_op_rust(einde_wachten)
        metingen[volume] = meet_volume(urls[volume], volume, args)
    bewaard = VAR / f"last-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    bewaard.write_text(json.dumps(metingen, indent=1))
    tekst = sectie(metingen, args, server)
    print("\n" + tekst)
    if not args.geen_docs:
        schrijf(tekst)
        print(f"docs/BENCHMARKS.md bijgewerkt; de ruwe cijfers staan in {bewaard.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
