"""Shared fixtures: pytest-plone fixtures bound to our test layers."""

from pytest_plone import fixtures_factory
from torino.socialplan.consultation import guards
from torino.socialplan.testing import FUNCTIONAL_TESTING
from torino.socialplan.testing import INTEGRATION_TESTING

import os
import pytest


# Compile the .po catalogues when the layers load our ZCML, as the instance
# does (.mo files are not kept in git).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

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


CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps calling Google's hosts, which this closed
# network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright (never `playwright install`)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
