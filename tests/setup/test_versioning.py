"""The Plan's texts keep versions (CMFEditions), so a comment can later point
to the version it was made on."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


VERSIONED = ("Plan", "Chapter", "Action", "Institution")


@pytest.fixture
def chapter(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Plan", id="plan", title="Plan")
    return api.content.create(
        container=plan, type="Chapter", id="chapter", title="Lavoro"
    )


@pytest.mark.parametrize("portal_type", VERSIONED)
def test_type_is_versionable(portal, portal_type):
    assert portal_type in portal.portal_repository.getVersionableContentTypes()


def test_pledges_are_not_versioned(portal):
    # A pledge is a citizen's own words: never edited, so never versioned.
    assert "Pledge" not in portal.portal_repository.getVersionableContentTypes()


def test_first_version_made_on_creation(portal, chapter):
    history = portal.portal_repository.getHistoryMetadata(chapter)
    assert history.getLength(countPurged=False) == 1


def test_chapter_versions_are_kept(portal, chapter):
    repository = portal.portal_repository
    chapter.title = "Lavoro e inclusione"
    repository.save(chapter, comment="titolo rivisto")
    history = repository.getHistoryMetadata(chapter)
    assert history.getLength(countPurged=False) == 2
    assert repository.retrieve(chapter, 0).object.title == "Lavoro"
    assert repository.retrieve(chapter, 1).object.title == "Lavoro e inclusione"
