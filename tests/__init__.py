import pytest

# The shared helpers assert too (a page's status, its headers): pytest explains their failures as it does
# a test's, as when they still lived in the test modules.
pytest.register_assert_rewrite("tests.support")
