"""Edits through the Classic form and REST PATCH save a version of the text;
each comment records the version its author read, which can be read again."""

from plone import api
from tests.inline.chapter import edit_in_form
from tests.inline.chapter import FIRST
from tests.inline.chapter import patch_text
from tests.inline.chapter import SECOND
from tests.inline.chapter import selector
from tests.inline.chapter import THIRD
from tests.support.contributions import conversation_comment
from tests.support.contributions import fresh
from tests.support.contributions import publish
from tests.support.contributions import VALID
from torino.socialplan.consultation.moderation import version_url

import pytest


URL = "/plan/lavoro/@comments"


def history_length(obj):
    repository = api.portal.get_tool("portal_repository")
    return repository.getHistoryMetadata(fresh(obj)).getLength(countPurged=False)


def version_text(obj, version_id):
    repository = api.portal.get_tool("portal_repository")
    return repository.retrieve(fresh(obj), version_id).object.text.raw


def test_adding_saves_the_first_version(consultation):
    for key in ("plan", "chapter", "action"):
        obj = fresh(consultation[key])
        assert obj.version_id == 0
        assert history_length(obj) == 1


def test_rest_patch_saves_a_version(manager_request, consultation):
    chapter = consultation["chapter"]
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p>")
    assert history_length(chapter) == 2
    assert fresh(chapter).version_id == 1
    assert version_text(chapter, 1) == f"<p>{FIRST}</p>"


def test_the_classic_form_saves_a_version(browser, consultation):
    chapter = consultation["chapter"]
    edit_in_form(browser(), chapter, f"<p>{SECOND}</p>")
    assert history_length(chapter) == 2
    assert fresh(chapter).version_id == 1
    assert version_text(chapter, 1) == f"<p>{SECOND}</p>"


@pytest.mark.parametrize("route", ["rest", "form"])
def test_a_comment_points_to_the_text_its_author_read(
    anon_request, manager_request, browser, consultation, route
):
    chapter = consultation["chapter"]
    read = f"<p>{FIRST}</p><p>{THIRD}</p>"
    if route == "rest":
        patch_text(manager_request, "/plan/lavoro", read)
    else:
        edit_in_form(browser(), chapter, read)
    response = anon_request.post(
        URL, json=dict(VALID, anchor=selector("fondo rotativo", THIRD))
    )
    comment_id = response.json()["comment_id"]
    publish(chapter, comment_id)
    # Then the editors rewrite it.
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p>")
    comment = conversation_comment(chapter, comment_id)
    assert comment.text_version == 1
    assert fresh(chapter).version_id == 2
    assert version_text(chapter, comment.text_version) == read
    assert anon_request.get(f"{URL}/{comment_id}").json()["text_version"] == 1


def test_the_version_page_shows_the_text_as_read(
    anon_request, manager_request, browser, consultation
):
    chapter = consultation["chapter"]
    response = anon_request.post(
        URL, json=dict(VALID, anchor=selector("fondo rotativo", THIRD))
    )
    comment = conversation_comment(chapter, response.json()["comment_id"])
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p>")
    url = version_url(fresh(chapter), comment.text_version)
    assert url.startswith(chapter.absolute_url() + "/versions_history_form?")
    b = browser()
    b.open(url)
    assert b.headers["status"].startswith("200")
    assert THIRD in b.contents
