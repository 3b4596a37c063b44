"""The folder's Plan: open, with a Chapter and an Action, the test user
logged out while the test runs (contributions come from the public)."""

from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from tests.support.plans import open_plan

import pytest


@pytest.fixture
def site(portal):
    site = open_plan(portal)
    logout()
    yield site
    login(portal, TEST_USER_NAME)
