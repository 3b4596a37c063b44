"""POST and GET @comments with an anchor or a paragraph: resolved when
posted, reported with the comment, counted per paragraph once published."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from tests.inline.chapter import FIRST
from tests.inline.chapter import paragraph_id
from tests.inline.chapter import SECOND
from tests.inline.chapter import selector
from tests.inline.chapter import THIRD
from tests.support.contributions import conversation_comment
from tests.support.contributions import EMAIL
from tests.support.contributions import fresh
from tests.support.contributions import publish
from tests.support.contributions import VALID
from tests.support.plans import rich
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.contributions import submit
from zope.annotation.interfaces import IAnnotations

import json
import pytest
import transaction


URL = "/plan/lavoro/@comments"


def post(session, url=URL, **values):
    return session.post(url, json=dict(VALID, **values))


def errors(response):
    assert response.status_code == 400, response.text
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_passage_is_resolved_and_stored(anon_request, consultation):
    chapter = consultation["chapter"]
    passage = selector("cooperative di comunità", SECOND)
    response = post(anon_request, anchor=dict(passage, position={"start": 0, "end": 5}))
    assert response.status_code == 201, response.text
    comment = conversation_comment(chapter, response.json()["comment_id"])
    assert comment.anchor == {
        "exact": "cooperative di comunità",
        # Context keeps the space that parts it from the quote.
        "prefix": "Le ",
        "suffix": passage["suffix"],
        "position": {"start": 0, "end": 5},
    }
    assert comment.paragraph == paragraph_id(chapter, SECOND)
    assert SECOND[comment.anchor_start : comment.anchor_end] == passage["exact"]
    assert comment.orphaned is False
    assert comment.anchor_change is None
    assert comment.text_version == fresh(chapter).version_id is not None


def test_a_paragraph_is_quoted_whole(anon_request, consultation):
    chapter = consultation["chapter"]
    pid = paragraph_id(chapter, THIRD)
    response = post(anon_request, paragraph=pid)
    assert response.status_code == 201, response.text
    comment = conversation_comment(chapter, response.json()["comment_id"])
    assert comment.anchor["exact"] == THIRD
    assert (comment.paragraph, comment.anchor_start, comment.anchor_end) == (
        pid,
        0,
        len(THIRD),
    )


def test_whole_page_comments_have_no_anchor(
    anon_request, manager_request, consultation
):
    response = post(anon_request, anchor=None, paragraph="")
    assert response.status_code == 201, response.text
    (item,) = manager_request.get(URL).json()["items"]
    assert item["anchor"] is None
    assert item["paragraph"] is None
    assert item["orphaned"] is False


def test_get_reports_anchor_paragraph_version_outcome(
    anon_request, manager_request, consultation
):
    chapter = consultation["chapter"]
    passage = selector("fondo rotativo", THIRD)
    comment_id = post(anon_request, anchor=passage).json()["comment_id"]
    comment = publish(chapter, comment_id)
    (item,) = anon_request.get(URL).json()["items"]
    assert item["anchor"] == passage
    assert item["paragraph"] == paragraph_id(chapter, THIRD)
    assert item["orphaned"] is False
    assert item["text_version"] == fresh(chapter).version_id
    assert item["outcome"] is None
    assert item["outcome_motivation"] is None
    assert "author_email" not in item
    assert EMAIL not in anon_request.get(URL).text
    assert EMAIL not in anon_request.get(f"{URL}/{comment_id}").text
    # Written by the outcomes feature: read with its vocabulary title.
    comment.outcome = "partly_accepted"
    comment.outcome_motivation = "Il fondo sarà di garanzia."
    transaction.commit()
    item = anon_request.get(f"{URL}/{comment_id}").json()
    assert item["outcome"] == {"token": "partly_accepted", "title": "Partly accepted"}
    assert item["outcome_motivation"] == "Il fondo sarà di garanzia."
    assert manager_request.get(URL).json()["items"][0]["author_email"] == EMAIL


@pytest.mark.parametrize(
    "anchor",
    [
        "cooperative",  # not a selector
        {"prefix": "Le "},  # no quote
        {"exact": "   "},
        {"exact": "x" * 1001},
        {"exact": "cooperative", "colour": "red"},
        {"exact": "cooperative", "prefix": "y" * 65},
        {"exact": "cooperative", "position": {"start": 5, "end": 2}},
        {"exact": "cooperative", "position": {"start": -1, "end": 2}},
        {"exact": 42},
    ],
)
def test_malformed_anchors_are_refused(anon_request, consultation, anchor):
    assert set(errors(post(anon_request, anchor=anchor))) == {"anchor"}
    assert list(IConversation(fresh(consultation["chapter"])).keys()) == []


def test_a_passage_not_in_the_text_is_refused(anon_request, consultation):
    response = post(anon_request, anchor={"exact": "un testo che non esiste affatto"})
    assert "no longer in the text" in errors(response)["anchor"]


def test_an_unknown_paragraph_is_refused(anon_request, consultation):
    for value in ("p-00000000", 7, ["p-1"]):
        assert set(errors(post(anon_request, paragraph=value))) == {"paragraph"}


def test_anchor_and_paragraph_together_are_refused(anon_request, consultation):
    chapter = consultation["chapter"]
    response = post(
        anon_request,
        anchor=selector("fondo", THIRD),
        paragraph=paragraph_id(chapter, THIRD),
    )
    assert set(errors(response)) == {"paragraph"}


def test_anchor_errors_come_with_the_others(anon_request, consultation):
    response = post(anon_request, first_name="", anchor={"exact": ""})
    assert set(errors(response)) == {"first_name", "anchor"}


def test_a_reply_carries_no_anchor(anon_request, manager_request, consultation):
    chapter = consultation["chapter"]
    parent = post(manager_request, anchor=selector("fondo", THIRD)).json()
    assert parent["review_state"] == "published"
    url = f"{URL}/{parent['comment_id']}"
    response = post(anon_request, url=url, anchor=selector("fondo", THIRD))
    assert set(errors(response)) == {"anchor"}
    response = post(anon_request, url=url, paragraph=paragraph_id(chapter, THIRD))
    assert set(errors(response)) == {"paragraph"}
    response = post(anon_request, url=url)
    assert response.status_code == 201
    reply = conversation_comment(chapter, response.json()["comment_id"])
    assert reply.anchor is None and reply.paragraph is None


def test_anchors_on_the_plan_and_the_action(anon_request, consultation):
    response = post(anon_request, url="/plan/@comments", anchor={"exact": "piano"})
    assert response.status_code == 201, response.text
    response = post(
        anon_request,
        url="/plan/lavoro/formazione/@comments",
        paragraph=paragraph_id(consultation["action"], "Corsi per operatori."),
    )
    assert response.status_code == 201, response.text


def test_published_inline_comments_are_counted(
    anon_request, manager_request, consultation
):
    chapter = consultation["chapter"]
    first = paragraph_id(chapter, FIRST)
    third = paragraph_id(chapter, THIRD)
    pending = post(anon_request, anchor=selector("fondo rotativo", THIRD))
    assert pending.status_code == 201
    summary = commented_paragraphs.inline_summary(fresh(chapter))
    assert summary == {"counts": {}, "highlights": [], "orphaned": 0, "orphaned_in": {}}
    # A moderator's comments are published at once.
    ids = [
        post(manager_request, anchor=selector("lavoro sociale", FIRST)).json(),
        post(manager_request, paragraph=third).json(),
        post(manager_request).json(),  # whole page: not inline
    ]
    assert {i["review_state"] for i in ids} == {"published"}
    publish(chapter, pending.json()["comment_id"])
    summary = commented_paragraphs.inline_summary(fresh(chapter))
    assert summary["counts"] == {first: 1, third: 2}
    assert summary["orphaned"] == 0
    highlights = summary["highlights"]
    assert [(h["paragraph"], h["start"], h["end"], h["whole"]) for h in highlights] == [
        (first, 3, 3 + len("lavoro sociale"), False),
        (third, 0, len(THIRD), True),
        (third, THIRD.index("fondo"), THIRD.index("fondo") + 14, False),
    ]
    assert {h["comment"] for h in highlights} == {
        ids[0]["comment_id"],
        ids[1]["comment_id"],
        pending.json()["comment_id"],
    }
    assert [
        int(i)
        for i in commented_paragraphs.paragraph_comment_ids(fresh(chapter), third)
    ] == sorted([int(ids[1]["comment_id"]), int(pending.json()["comment_id"])])
    # Rejected later, or deleted: no longer counted.
    publish(chapter, pending.json()["comment_id"], transition="reject")
    assert commented_paragraphs.inline_summary(fresh(chapter))["counts"] == {
        first: 1,
        third: 1,
    }
    conversation = IConversation(fresh(chapter))
    del conversation[int(ids[0]["comment_id"])]
    transaction.commit()
    assert commented_paragraphs.inline_summary(fresh(chapter))["counts"] == {third: 1}


def test_the_selector_travels_as_json_in_a_form_field(site):
    """The Classic form posts the selector as a JSON string."""
    chapter = site["chapter"]
    request = site["portal"].REQUEST
    comment = submit(
        "comment",
        chapter,
        dict(VALID, anchor=json.dumps(selector("fondo rotativo", THIRD))),
        request,
    )
    assert comment.anchor["exact"] == "fondo rotativo"
    assert api.content.get_state(comment) == "published"  # a Manager's
    (third,) = [
        p.id for p in commented_paragraphs.paragraphs(chapter) if p.text == THIRD
    ]
    assert commented_paragraphs.inline_summary(chapter)["counts"] == {third: 1}


def test_views_neither_resolve_nor_write(
    anon_request, manager_request, consultation, monkeypatch
):
    chapter = consultation["chapter"]
    comment_id = post(manager_request, anchor=selector("fondo rotativo", THIRD)).json()[
        "comment_id"
    ]
    # A script changes the text without events: the stored paragraphs are stale.
    stale = fresh(chapter)
    stale.text = rich(f"<p>{FIRST}</p><p>{THIRD}</p><p>Un paragrafo nuovo.</p>")
    transaction.commit()
    state = IAnnotations(fresh(chapter))[commented_paragraphs.KEY]
    serials = (fresh(chapter)._p_serial, state._p_serial)

    def resolve(*args):
        raise AssertionError("resolved on view")

    monkeypatch.setattr(anchors, "resolve", resolve)
    for url in ("/plan/lavoro", URL, f"{URL}/{comment_id}"):
        assert anon_request.get(url).status_code == 200, url
        assert manager_request.get(url).status_code == 200, url
    # The Classic page (annotated on the fly: ids carried, nothing stored).
    response = anon_request.get(chapter.absolute_url(), headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "Un paragrafo nuovo." in response.text
    transaction.abort()
    state = IAnnotations(fresh(chapter))[commented_paragraphs.KEY]
    assert (fresh(chapter)._p_serial, state._p_serial) == serials
