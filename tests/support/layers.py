"""pytest-plone's fixtures bound to our test layers (``portal``,
``functional_portal``, ``request_factory``...), and a fresh rate limit for
every test. Registered by tests/conftest.py and bench/conftest.py."""

from pytest_plone import fixtures_factory
from torino.socialplan.consultation import guards
from torino.socialplan.testing import FUNCTIONAL_TESTING
from torino.socialplan.testing import INTEGRATION_TESTING

import os
import pytest


# Compile the .po catalogues when the layers load our ZCML, as the instance
# does (.mo files are not kept in git).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with no contribution counted against its client."""
    guards.reset_rate_limits()
    yield
    guards.reset_rate_limits()


@pytest.fixture
def package_name() -> str:
    return "torino.socialplan"
