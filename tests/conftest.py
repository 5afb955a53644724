"""Shared fixtures: a small world of two LSCs with one user per role, a real Celery worker, Chromium."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from capaciteit.models import Envelop
from capaciteit.services import verdeling_publiceren
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.omgeving import ROOT
from tests.support.werker import start_celery_worker, stop_celery_worker

# No wall-clock deadline for any Hypothesis example: on a busy machine a correct example may take longer
# than Hypothesis's default 200 ms, and timings are measured in bench/, never asserted in tests.
hypothesis_settings.register_profile("honingraat", deadline=None)
hypothesis_settings.load_profile("honingraat")

# Fixtures that several folders use; their helpers are imported from tests.support.
pytest_plugins = ["tests.uitslag", "tests.support.post", "tests.support.werelden"]

# Playwright runs an event loop in the test thread; the ORM beside it is safe here (one thread each).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=nl-BE",
]


@dataclass
class Wereld:
    """Two LSCs side by side: everything of `eigen_*` is this world's users', `vreemde_school` is not."""

    lsc: object
    regioteam: object
    eigen_school: object
    vreemde_school: object
    clb: object
    gebruikers: dict
    anker: object = None
    vreemd_regioteam: object = None
    vreemde_ondersteuner: object = None
    eigen_traject: object = None
    vreemd_traject: object = None
    eigen_verdeling: object = None
    vreemde_verdeling: object = None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """HONINGRAAT_TEST_DB_SUFFIX gives parallel runs in one checkout a test database each."""

    if achtervoegsel := os.environ.get("HONINGRAAT_TEST_DB_SUFFIX"):
        settings.DATABASES["default"].setdefault("TEST", {})
        settings.DATABASES["default"]["TEST"]["NAME"] = f"test_honingraat_{achtervoegsel}"


@pytest.fixture(autouse=True)
def _lege_cache(request):
    """The cache lives in PostgreSQL and survives a transactional flush: login limits must not carry over,
    neither into such a test nor out of it into the tests after it."""
    if {"live_server", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        cache.clear()
        yield
        cache.clear()
    else:
        yield


@pytest.fixture
def wereld(db) -> Wereld:
    lsc = factories.LscFactory(naam="LSC Eigen")
    ander_lsc = factories.LscFactory(naam="LSC Ander")
    clb = factories.ClbFactory(naam="CLB Eigen")
    ander_clb = factories.ClbFactory(naam="CLB Ander")
    coach = factories.GebruikerFactory(email="coach@proef.example", rol=Rol.TEAMCOACH, lsc=lsc)
    regioteam = factories.RegioteamFactory(lsc=lsc, naam="Regio Eigen", coach=coach)
    eigen = factories.SchoolFactory(naam="School Eigen", clb=clb)
    vreemd = factories.SchoolFactory(naam="School Vreemd", clb=ander_clb)
    factories.BedieningFactory(lsc=lsc, school=eigen, regioteam=regioteam)
    factories.BedieningFactory(lsc=ander_lsc, school=vreemd)
    factories.CijfersFactory(school=eigen)
    anker = factories.OndersteunerFactory(
        lsc=lsc, regioteam=regioteam, gebruiker__email="anker@proef.example"
    )
    factories.AnkerFactory(school=eigen, ondersteuner=anker)
    zorg = factories.GebruikerFactory(email="zorg@proef.example", rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(eigen, zorg)
    gebruikers = {
        Rol.COORDINATOR: factories.GebruikerFactory(
            email="coordinator@proef.example", rol=Rol.COORDINATOR, lsc=lsc
        ),
        Rol.DIRECTEUR: factories.GebruikerFactory(
            email="directeur@proef.example", rol=Rol.DIRECTEUR, lsc=lsc
        ),
        Rol.TEAMCOACH: coach,
        Rol.ONDERSTEUNER: anker.gebruiker,
        Rol.ZORG: zorg,
        Rol.CLB: factories.clb_bevestigd(
            factories.GebruikerFactory(email="clb@proef.example", rol=Rol.CLB, lsc=None, clb=clb)
        ),
        Rol.ADMIN: factories.GebruikerFactory(
            email="admin@proef.example", rol=Rol.ADMIN, lsc=None, is_staff=True, is_superuser=True
        ),
    }
    vreemd_regioteam = factories.RegioteamFactory(lsc=ander_lsc, naam="Regio Vreemd")
    vreemde_ondersteuner = factories.OndersteunerFactory(lsc=ander_lsc, regioteam=vreemd_regioteam)
    factories.AnkerFactory(school=vreemd, ondersteuner=vreemde_ondersteuner)
    return Wereld(
        lsc, regioteam, eigen, vreemd, clb, gebruikers, anker, vreemd_regioteam, vreemde_ondersteuner
    )


@pytest.fixture
def wereld_met_trajecten(wereld) -> Wereld:
    """The world plus a request at the own school (its anchor sees it) and one of the other LSC."""
    wereld.eigen_traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
    wereld.vreemd_traject = factories.TrajectFactory(
        lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school
    )
    # And a published distribution of each LSC's envelope.

    factories.CijfersFactory(school=wereld.vreemde_school)
    verdelingen = []
    for lsc in (wereld.lsc, wereld.vreemde_ondersteuner.lsc):
        envelop = Envelop.objects.create(
            lsc=lsc, schooljaar=huidig_schooljaar(), uren=100, verslagsoorten=["gc"]
        )
        verdelingen.append(verdeling_publiceren(door=None, envelop=envelop))
    wereld.eigen_verdeling, wereld.vreemde_verdeling = verdelingen
    return wereld


@pytest.fixture
def celery_worker_proces(transactional_db, tmp_path):
    """A real worker process; its mail goes to the directory this fixture yields."""
    proces = start_celery_worker(tmp_path)
    try:
        yield tmp_path / "mail"
    finally:
        stop_celery_worker(proces)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("HONINGRAAT_E2E_VERPLICHT"):
            pytest.fail(f"Chromium ontbreekt ({CHROMIUM}) en browsertests zijn verplicht")
        pytest.skip("Chromium ontbreekt: browsertests overgeslagen (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1280, "height": 860}}


@pytest.fixture(scope="session")
def schermafdrukken() -> Path:
    """Screenshots of the journeys land here, to be looked at by a person after the run."""
    map_ = ROOT / "var" / "schermafdrukken"
    map_.mkdir(parents=True, exist_ok=True)
    return map_
