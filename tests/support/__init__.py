"""What the tests share: worlds, roles, browser sessions, mail, PDF text, fuzzing, files, processes.

Test modules import their helpers from here (or from tests.factories), never from another test module
or a conftest: tests/dwars/test_structuur.py fails when one does. Fixtures that several folders use are
registered in tests/conftest.py (`pytest_plugins`).
"""
