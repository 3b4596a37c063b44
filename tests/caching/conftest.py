"""A published Plan, Chapter, Action and Institution, open for comments, on
the functional server; a real HTTP server on loopback that records the
PURGE requests plone.cachepurging sends."""

from tests.support.contributions import add_people
from tests.support.contributions import MODERATOR  # noqa: F401 (the folder's tests import it)
from tests.support.plans import open_plan
from tests.support.contributions import VALID
from plone import api
from tests.support.purge_recorder import PurgeRecorder

import pytest
import threading
import time
import transaction


# The shared comment and people (tests/contributors.py).
VALID_COMMENT = VALID


@pytest.fixture
def consultation(functional_portal):
    site = open_plan(functional_portal)
    institution = api.content.create(
        container=functional_portal, type="Institution", id="camera", title="Camera"
    )
    api.content.transition(obj=institution, transition="publish")
    site["institution"] = institution
    site["draft"] = api.content.create(
        container=site["plan"], type="Chapter", id="bozza", title="Bozza"
    )
    add_people()
    return site


def enable_purging(proxies):
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
        tuple(proxies),
    )
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True
    )
    transaction.commit()


@pytest.fixture(scope="session")
def _purge_server():
    # One for the session: plone.cachepurging's purger keeps one worker per
    # proxy URL, which may still be sending a test's last purges.
    server = PurgeRecorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def purge_recorder(consultation, _purge_server):
    time.sleep(0.2)  # the previous test's last purges
    _purge_server.clear()
    enable_purging([_purge_server.url])
    return _purge_server
