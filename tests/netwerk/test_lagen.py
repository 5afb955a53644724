"""The layers are checked, not hoped for: `make lint` runs import-linter's contracts (pyproject.toml), and
they fail when a forbidden import is added. Each case writes one module with one forbidden import into the
tree, runs the linter as make does, and removes it again."""

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint() -> subprocess.CompletedProcess:
    linter = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_de_contracten_houden_vandaag():
    resultaat = _lint()
    assert resultaat.returncode == 0, resultaat.stdout[-3000:]
    assert "3 kept, 0 broken" in resultaat.stdout


@pytest.mark.parametrize(
    ("map_", "regel", "contract"),
    [
        ("netwerk", "import scholen.models", "Layers"),
        ("scholen", "from trajecten import models", "Layers"),
        ("capaciteit", "import overleg.services", "Layers"),
        ("trajecten", "from honingraat import views", "Layers"),
        ("scholen/views", "from trajecten.views import detail", "views import no other app's views"),
    ],
)
def test_een_verboden_import_breekt_een_contract(map_, regel, contract):
    module = ROOT / map_ / f"_verboden_{uuid.uuid4().hex[:8]}.py"
    module.write_text(f"{regel}  # noqa: F401\n")
    try:
        resultaat = _lint()
    finally:
        module.unlink()
    assert resultaat.returncode != 0
    assert f"{contract}" in resultaat.stdout and "BROKEN" in resultaat.stdout


def test_rekenen_zonder_django(tmp_path):
    """The pure-computation contract, applied to a module that imports Django, breaks (the real contract
    names the pure modules; this one names a new module beside them, so no real file is touched)."""
    module = ROOT / "netwerk" / f"_verboden_{uuid.uuid4().hex[:8]}.py"
    module.write_text("from django.db import models  # noqa: F401\n")
    config = tmp_path / "contract.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_packages = ["netwerk"]\n'
        "include_external_packages = true\n"
        "[[tool.importlinter.contracts]]\n"
        'name = "zuiver"\n'
        'type = "forbidden"\n'
        f'source_modules = ["netwerk.kalender", "netwerk.{module.stem}"]\n'
        'forbidden_modules = ["django"]\n'
    )
    linter = Path(sys.executable).parent / "lint-imports"
    try:
        resultaat = subprocess.run(
            [str(linter), "--config", str(config)], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    finally:
        module.unlink()
    assert resultaat.returncode != 0
    assert f"netwerk.{module.stem} is not allowed to import django" in resultaat.stdout
    assert "netwerk.kalender is not allowed" not in resultaat.stdout
