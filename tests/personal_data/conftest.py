"""An open Plan (tests/contributors.py) on a site whose legal pages are complete
(the test layer fills in the settings: torino.socialplan.testing)."""

from tests.support.plans import open_plan

import pytest


@pytest.fixture
def site(portal):
    return open_plan(portal)
