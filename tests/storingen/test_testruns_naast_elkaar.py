"""Two suites on one PostgreSQL server (a clone beside a checkout, CI beside a session) once shared
test_honingraat: the rows one run committed showed up in the other's tests. `make test` now holds a slot."""

import os

from tests.support.storingen import services


def test_twee_testruns_krijgen_elk_een_eigen_databank_en_wachtrij(monkeypatch):
    monkeypatch.delenv("HONINGRAAT_TEST_DB_SUFFIX", raising=False)
    module = services()
    url = os.environ["DATABASE_URL"]
    with module.test_slot(url) as eerste, module.test_slot(url) as tweede:
        assert eerste != tweede
        assert tweede["HONINGRAAT_TEST_DB_SUFFIX"].startswith("run")
    with module.test_slot(url) as weer:
        assert weer == eerste  # the slot is free again once its run ends


def test_een_gekozen_achtervoegsel_blijft_staan(monkeypatch):
    monkeypatch.setenv("HONINGRAAT_TEST_DB_SUFFIX", "eigen")
    with services().test_slot(os.environ["DATABASE_URL"]) as extra:
        assert extra == {}
