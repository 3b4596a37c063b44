"""@comments never shows a pending comment to who may not moderate it.

Stock plone.restapi 10.0.4 lists pending comments (text and author) to
anonymous users and returns them by id; our layer closes that.
"""

from datetime import datetime
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.registry.interfaces import IRegistry
from tests.support.plans import open_plan
from zope.component import createObject
from zope.component import getUtility

import pytest
import transaction


def add_comment(obj, text, name):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.author_name = name
    comment.creation_date = comment.modification_date = datetime.now()
    return IConversation(obj).addComment(comment)


@pytest.fixture
def chapter(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    settings = getUtility(IRegistry).forInterface(IDiscussionSettings)
    settings.globally_enabled = True
    chapter = open_plan(portal)["chapter"]
    # A reviewer's comment is published at once; an anonymous one waits.
    published = add_comment(chapter, "Testo pubblicato", "Maria Rossi")
    logout()
    pending = add_comment(chapter, "Testo in attesa", "Luca Bianchi")
    assert api.content.get_state(IConversation(chapter)[pending]) == "pending"
    transaction.commit()
    return {"published": str(published), "pending": str(pending)}


def test_anonymous_lists_published_comments_only(anon_request, chapter):
    response = anon_request.get("/plan/lavoro/@comments")
    assert response.status_code == 200
    data = response.json()
    assert [item["comment_id"] for item in data["items"]] == [chapter["published"]]
    assert data["items_total"] == 1
    assert "Testo in attesa" not in response.text
    assert "Luca Bianchi" not in response.text


def test_anonymous_cannot_get_a_pending_comment_by_id(anon_request, chapter):
    response = anon_request.get(f"/plan/lavoro/@comments/{chapter['pending']}")
    # As for an id that does not exist: nothing tells that it is there.
    assert response.status_code == 404
    assert "Testo in attesa" not in response.text


def test_anonymous_gets_a_published_comment_by_id(anon_request, chapter):
    response = anon_request.get(f"/plan/lavoro/@comments/{chapter['published']}")
    assert response.status_code == 200
    assert response.json()["text"] == {
        "data": "<p>Testo pubblicato</p>",
        "mime-type": "text/html",
    }


def test_manager_sees_pending_comments(manager_request, chapter):
    data = manager_request.get("/plan/lavoro/@comments").json()
    assert {item["comment_id"] for item in data["items"]} == {
        chapter["published"],
        chapter["pending"],
    }
    assert data["items_total"] == 2
