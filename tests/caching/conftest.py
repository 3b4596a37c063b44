"""The folder's consultation: tests/support's open Plan, its people, a
published Institution and a private Chapter "bozza"; and a real HTTP server
on loopback that records the PURGE requests plone.cachepurging sends."""

from plone import api
from tests.support.contributions import add_people
from tests.support.purge_recorder import enable_purging
from tests.support.purge_recorder import serving

import pytest


@pytest.fixture
def consultation(consultation):
    portal = consultation["portal"]
    institution = api.content.create(
        container=portal, type="Institution", id="camera", title="Camera"
    )
    api.content.transition(obj=institution, transition="publish")
    consultation["institution"] = institution
    consultation["draft"] = api.content.create(
        container=consultation["plan"], type="Chapter", id="bozza", title="Bozza"
    )
    add_people()  # commits
    return consultation


@pytest.fixture(scope="session")
def _purge_server():
    # One for the session: plone.cachepurging's purger keeps one worker per
    # proxy URL, which may still be sending a test's last purges.
    with serving() as server:
        yield server


@pytest.fixture
def purge_recorder(consultation, _purge_server):
    _purge_server.drain()  # the previous test's last purges, then a clean record
    enable_purging([_purge_server.url])
    return _purge_server
