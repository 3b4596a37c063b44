"""The folder's consultation: tests/support's open Plan, its Chapter with
chapter.py's text; the test browser logs in as the site owner unless told."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.inline.chapter import TEXTS
from tests.support.plans import open_plan

import pytest


@pytest.fixture
def plan_texts():
    return TEXTS


@pytest.fixture
def site(portal):
    """The integration flavour (no HTTP)."""
    return open_plan(portal, **TEXTS)


@pytest.fixture
def browser(browser):
    """``browser(auth)``: a test browser without JavaScript, as ``auth``."""

    def factory(auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)):
        return browser(auth)

    return factory
