"""Reverting a text to an old version keeps the comments posted since, and
versions do not copy the comments (discussion/versioning.py)."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from tests.inline.chapter import FIRST
from tests.inline.chapter import patch_text
from tests.inline.chapter import selector
from tests.inline.chapter import THIRD
from tests.support.contributions import conversation_comment
from tests.support.contributions import fresh
from tests.support.contributions import publish
from tests.support.contributions import VALID
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.discussion.versioning import CONVERSATION_KEY
from zope.annotation.interfaces import IAnnotations

import transaction


URL = "/plan/lavoro/@comments"


def post(anon_request, **extra):
    response = anon_request.post(URL, json=dict(VALID, **extra))
    assert response.status_code in (200, 201), response.text
    return response.json()["comment_id"]


def test_revert_keeps_comments_posted_since(
    anon_request, manager_request, consultation
):
    chapter = consultation["chapter"]
    old = post(anon_request, text="Prima della modifica.")
    publish(chapter, old)
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p><p>{THIRD}</p>")
    new = post(anon_request, anchor=selector("fondo rotativo", THIRD))
    publish(chapter, new)

    repository = api.portal.get_tool("portal_repository")
    repository.revert(fresh(chapter), 0)
    transaction.commit()

    chapter = fresh(chapter)
    conversation = IConversation(chapter)
    ids = set(map(str, conversation.keys()))
    assert ids == {str(old), str(new)}
    assert conversation_comment(chapter, new).text == VALID["text"]
    assert anon_request.get(f"{URL}/{new}").status_code == 200


def test_revert_reanchors(anon_request, manager_request, consultation):
    chapter = consultation["chapter"]
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p><p>{THIRD}</p>")
    comment_id = post(anon_request, anchor=selector("fondo rotativo", THIRD))
    publish(chapter, comment_id)
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p>")
    assert conversation_comment(chapter, comment_id).orphaned is True

    # What @history PATCH and @@revertversion do.
    response = manager_request.patch("/plan/lavoro/@history", json={"version": 1})
    assert response.status_code == 200, response.text
    transaction.begin()

    comment = conversation_comment(chapter, comment_id)
    assert comment.orphaned is False
    assert commented_paragraphs.is_fresh(fresh(chapter))


def test_versions_do_not_copy_comments(anon_request, manager_request, consultation):
    chapter = consultation["chapter"]
    publish(chapter, post(anon_request))
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p>")
    repository = api.portal.get_tool("portal_repository")
    version = repository.retrieve(fresh(chapter), 1).object
    # The retrieved version shows the working copy's comments, not a copy.
    stored = IAnnotations(version).get(CONVERSATION_KEY)
    assert stored is IAnnotations(fresh(chapter))[CONVERSATION_KEY]
    assert IAnnotations(version).get(commented_paragraphs.KEY) is IAnnotations(
        fresh(chapter)
    ).get(commented_paragraphs.KEY)
