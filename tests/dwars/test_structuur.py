"""No test module imports another test module or a conftest: what tests share lives in tests/support/ (and
the factories in tests/factories.py), fixtures that several folders use are registered in tests/conftest.py.

The check reads every Python file under tests/ and bench/ with `ast`, relative imports included, and is
itself checked: each bad import below, written into a module in the tree, makes it fail.
"""

import ast
import uuid
from pathlib import Path

import pytest

from tests.support.omgeving import ROOT

MAPPEN = ("tests", "bench")
# What a module may import of the package tests: the shared helpers and the factories.
TOEGESTAAN = ("tests.support", "tests.factories")


def _module(pad: Path) -> str:
    return ".".join(pad.relative_to(ROOT).with_suffix("").parts)


def _absoluut(knoop: ast.ImportFrom, pad: Path) -> str:
    """The module an import from names, a relative one resolved against the file's package."""
    if not knoop.level:
        return knoop.module or ""
    pakket = _module(pad).split(".")[:-1]  # a module's package (an __init__.py's: one level too deep)
    if pad.name == "__init__.py":
        pakket = _module(pad).split(".")
    basis = pakket[: len(pakket) - (knoop.level - 1)]
    return ".".join([*basis, *([knoop.module] if knoop.module else [])])


def _fout(module: str) -> str | None:
    """Why importing `module` is not allowed, or None."""
    delen = module.split(".")
    if any(deel.startswith("test_") or deel == "conftest" for deel in delen):
        return "een testmodule of conftest"
    if delen[0] == "tests" and len(delen) > 1 and not module.startswith(TOEGESTAAN):
        return "een hulpmodule buiten tests/support"
    return None


def verboden_imports(pad: Path, bron: str | None = None) -> list[str]:
    """Every import in the file that names a test module, a conftest, or a helper outside tests/support."""
    boom = ast.parse(bron if bron is not None else pad.read_text(), filename=str(pad))
    fouten = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            modules = [alias.name for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom):
            basis = _absoluut(knoop, pad)
            # `from tests.e2e import test_rollen` or `from tests import lijsten` import a module by name too.
            namen = [f"{basis}.{alias.name}" for alias in knoop.names]
            if basis == "tests":
                modules = namen
            elif _fout(basis):
                modules = [basis]
            else:
                modules = [m for m in namen if m.rsplit(".", 1)[-1].startswith(("test_", "conftest"))]
        else:
            continue
        for module in modules:
            if reden := _fout(module):
                fouten.append(f"{pad.relative_to(ROOT)}:{knoop.lineno}: {module} ({reden})")
    return fouten


def _alle_bestanden() -> list[Path]:
    return sorted(p for map_ in MAPPEN for p in (ROOT / map_).rglob("*.py"))


def test_geen_module_importeert_een_testmodule_of_conftest():
    fouten = [fout for pad in _alle_bestanden() for fout in verboden_imports(pad)]
    assert fouten == [], "\n".join(fouten)


@pytest.mark.parametrize(
    ("map_", "regel"),
    [
        ("tests/e2e", "from tests.e2e.test_rollen import Sessies"),
        ("tests/e2e", "from tests.e2e import test_rollen"),
        ("tests", "import tests.test_toegang"),
        ("tests/storingen", "from tests.overleg.conftest import postbus"),
        ("tests/storingen", "from tests.conftest import wacht_tot"),
        ("tests/storingen", "from tests import conftest"),
        ("tests/trajecten", "from .test_views import lopend"),
        ("tests/trajecten", "from . import test_views"),
        ("tests/trajecten", "from ..conftest import Wereld"),
        ("tests/trajecten", "from ..capaciteit.test_planning import JAAR"),
        ("tests/support", "from tests.test_kanarie import SCHOOL"),
        ("tests/capaciteit", "from tests.scholen import bestanden"),
        ("bench", "from tests.overleg.test_agenda import overleg_van"),
    ],
)
def test_de_controle_vangt_een_verboden_import(map_, regel):
    """A module with one bad import, written into the tree: the check over the tree names it."""
    module = ROOT / map_ / f"_verboden_{uuid.uuid4().hex[:8]}.py"
    module.write_text(f"{regel}  # noqa: F401\n")
    try:
        fouten = [fout for pad in _alle_bestanden() for fout in verboden_imports(pad)]
    finally:
        module.unlink()
    assert [f for f in fouten if f.startswith(str(module.relative_to(ROOT)))], regel


@pytest.mark.parametrize(
    "regel",
    [
        "from tests import factories",
        "from tests.factories import WACHTWOORD",
        "from tests.support.browser import Sessies",
        "from tests.support import werelden",
        "import tests.support.pdf",
        "from .werelden import overleg_van",
    ],
)
def test_gedeelde_hulp_mag(regel):
    assert verboden_imports(ROOT / "tests" / "support" / "_mag.py", regel) == []
