"""One audit dialect, `<app>.<ding>.<handeling>`, written by services only: read from the source itself, so
a new call in another dialect, or an audit row written by a view, fails here before it reaches the log."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("netwerk", "scholen", "trajecten", "capaciteit", "overleg", "honingraat")
DIALECT = re.compile(r"^(netwerk|scholen|trajecten|capaciteit|overleg|honingraat)\.[a-z_]+\.[a-z_]+$")
# The helpers that pass their second argument on to log_actie as the action.
DOORGEEFLUIKEN = {"_log", "_log_per_traject"}


def _bronnen():
    for app in APPS:
        for pad in (ROOT / app).rglob("*.py"):
            if "migrations" not in pad.parts:
                yield pad


def _acties(pad: Path):
    """(line, the action as written: a str, or an f-string's pattern with {} for its holes)."""
    for knoop in ast.walk(ast.parse(pad.read_text(), filename=str(pad))):
        if not isinstance(knoop, ast.Call):
            continue
        naam = getattr(knoop.func, "id", getattr(knoop.func, "attr", None))
        waarde = None
        if naam == "log_actie":
            waarde = next((k.value for k in knoop.keywords if k.arg == "actie"), None)
        elif naam in DOORGEEFLUIKEN and len(knoop.args) > 1:
            waarde = knoop.args[1]
        if isinstance(waarde, ast.Constant) and isinstance(waarde.value, str):
            yield knoop.lineno, waarde.value
        elif isinstance(waarde, ast.JoinedStr):
            delen = [d.value if isinstance(d, ast.Constant) else "x" for d in waarde.values]
            yield knoop.lineno, "".join(delen)


def test_elke_auditactie_volgt_het_dialect():
    afwijkend = [
        f"{pad.relative_to(ROOT)}:{regel}: {actie}"
        for pad in _bronnen()
        for regel, actie in _acties(pad)
        if not DIALECT.match(actie)
    ]
    assert afwijkend == []


def test_enkel_services_schrijven_de_audit():
    """Views, forms, tasks and pages call a service; the service writes the audit row."""
    schrijvers = {
        str(pad.relative_to(ROOT))
        for pad in _bronnen()
        if any(True for _ in _acties(pad)) and ("views" in pad.parts or pad.name in {"views.py", "forms.py"})
    }
    assert schrijvers == set()


def test_het_dialect_wordt_echt_gelezen():
    """The reading above finds what it looks for: the services of every app write actions."""
    gevonden = {pad.relative_to(ROOT).parts[0] for pad in _bronnen() for _ in _acties(pad)}
    assert {"netwerk", "scholen", "trajecten", "capaciteit", "overleg"} <= gevonden
