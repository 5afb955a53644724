"""Writes what a run proved to var/test/uitslag.json: per test file, how many cases passed, failed or were
skipped, with the run's date and commit. scripts/vertrouwen.py turns it into the figures of
docs/SECURITY.md, so that page quotes an actual run instead of a hope."""

import datetime as dt
import json
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

UITSLAG = Path(__file__).resolve().parents[1] / "var" / "test" / "uitslag.json"

_per_bestand: dict[str, Counter] = defaultdict(Counter)


def pytest_runtest_logreport(report) -> None:
    bestand = report.nodeid.split("::", 1)[0]
    if report.when == "call" or (report.when == "setup" and not report.passed):
        uitkomst = "xfail" if hasattr(report, "wasxfail") else report.outcome
        _per_bestand[bestand][uitkomst] += 1


def pytest_sessionfinish(session, exitstatus) -> None:
    if not _per_bestand or hasattr(session.config, "workerinput"):
        return
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=UITSLAG.parents[2]
    ).stdout.strip()
    UITSLAG.parent.mkdir(parents=True, exist_ok=True)
    UITSLAG.write_text(
        json.dumps(
            {
                "wanneer": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "commit": commit,
                "exitstatus": int(exitstatus),
                "markers": session.config.getoption("markexpr") or "",
                "keuze": session.config.getoption("keyword") or "",
                "argumenten": [str(a) for a in session.config.args],
                "bestanden": {bestand: dict(telling) for bestand, telling in sorted(_per_bestand.items())},
            },
            indent=1,
        )
    )
