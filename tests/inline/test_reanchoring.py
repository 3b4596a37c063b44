"""Editors change the text (REST PATCH, the Classic edit form): inline
comments follow their passage, and say how it fared in ``anchor_change``."""

from datetime import datetime
from tests.inline.chapter import edit_in_form
from tests.inline.chapter import FIRST
from tests.inline.chapter import HEADING
from tests.inline.chapter import paragraph_id
from tests.inline.chapter import patch_text
from tests.inline.chapter import SECOND
from tests.inline.chapter import selector
from tests.inline.chapter import THIRD
from tests.support.contributions import conversation_comment
from tests.support.contributions import fresh
from tests.support.contributions import publish
from tests.support.contributions import VALID
from torino.socialplan.consultation import commented_paragraphs

import pytest


URL = "/plan/lavoro/@comments"
QUOTE = "un fondo rotativo per le imprese sociali"


@pytest.fixture
def inline(anon_request, consultation):
    """A published comment on QUOTE (in THIRD) and one on SECOND's
    "servizi di prossimità"."""
    chapter = consultation["chapter"]
    ids = {}
    for key, passage in (
        ("fund", selector(QUOTE, THIRD)),
        ("services", selector("servizi di prossimità", SECOND)),
    ):
        response = anon_request.post(URL, json=dict(VALID, anchor=passage))
        assert response.status_code == 201, response.text
        ids[key] = response.json()["comment_id"]
        publish(chapter, ids[key])
    return ids


def comment(consultation, comment_id):
    return conversation_comment(consultation["chapter"], comment_id)


def item(session, comment_id):
    response = session.get(f"{URL}/{comment_id}")
    assert response.status_code == 200, response.text
    return response.json()


def body(*blocks):
    return "".join(blocks)


def test_inserting_before_and_editing_elsewhere_changes_nothing(
    manager_request, consultation, inline
):
    chapter = consultation["chapter"]
    fund_paragraph = paragraph_id(chapter, THIRD)
    patch_text(
        manager_request,
        "/plan/lavoro",
        body(
            "<p>Premessa aggiunta dopo la prima lettura.</p>",
            f"<h2>{HEADING}</h2>",
            f"<p>{FIRST.replace('cresce', 'si sviluppa')}</p>",
            f"<p>{SECOND}</p>",
            f"<ul><li>{THIRD}</li></ul>",
        ),
    )
    fund = comment(consultation, inline["fund"])
    assert fund.paragraph == fund_paragraph
    assert THIRD[fund.anchor_start : fund.anchor_end] == QUOTE
    assert fund.anchor_change is None
    assert comment(consultation, inline["services"]).anchor_change is None
    summary = commented_paragraphs.inline_summary(fresh(chapter))
    assert summary["counts"] == {
        fund_paragraph: 1,
        paragraph_id(chapter, SECOND): 1,
    }


def test_words_changed_in_the_passage(
    anon_request, manager_request, consultation, inline
):
    chapter = consultation["chapter"]
    fund_paragraph = paragraph_id(chapter, THIRD)
    before = fresh(chapter).version_id
    edited = "Si propone un fondo rotativo per tutte le imprese sociali."
    patch_text(
        manager_request,
        "/plan/lavoro",
        body(
            f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p><ul><li>{edited}</li></ul>"
        ),
    )
    fund = comment(consultation, inline["fund"])
    assert fund.paragraph == fund_paragraph
    assert edited[fund.anchor_start : fund.anchor_end] == (
        "un fondo rotativo per tutte le imprese sociali"
    )
    change = fund.anchor_change
    assert change["kind"] == "changed"
    assert change["date"].tzinfo is not None
    assert (
        abs((datetime.now(change["date"].tzinfo) - change["date"]).total_seconds()) < 60
    )
    # The version saved by this very edit.
    assert change["version"] == fresh(chapter).version_id == before + 1
    # The quote stays as the commenter read it.
    assert fund.anchor["exact"] == QUOTE
    data = item(anon_request, inline["fund"])
    assert data["anchor"]["exact"] == QUOTE
    assert (data["paragraph"], data["orphaned"]) == (fund_paragraph, False)
    assert "anchor_change" not in data  # for moderators, in the triage list


def test_a_passage_moved_to_another_paragraph(manager_request, consultation, inline):
    chapter = consultation["chapter"]
    patch_text(
        manager_request,
        "/plan/lavoro",
        body(
            f"<h2>{HEADING}</h2>",
            f"<p>{FIRST}</p>",
            f"<p>{SECOND} In sintesi, si propone {QUOTE}.</p>",
        ),
    )
    fund = comment(consultation, inline["fund"])
    second = paragraph_id(chapter, f"{SECOND} In sintesi, si propone {QUOTE}.")
    assert fund.paragraph == second
    assert fund.anchor_change["kind"] == "moved"
    # The comment on SECOND's own words stayed where it was.
    services = comment(consultation, inline["services"])
    assert services.paragraph == second
    assert services.anchor_change is None
    summary = commented_paragraphs.inline_summary(fresh(chapter))
    assert summary["counts"] == {second: 2}


def test_a_deleted_passage_orphans_the_comment_which_is_kept(
    anon_request, manager_request, consultation, inline
):
    chapter = consultation["chapter"]
    patch_text(
        manager_request,
        "/plan/lavoro",
        body(f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p>"),
    )
    fund = comment(consultation, inline["fund"])
    assert fund.orphaned is True
    assert fund.paragraph is None
    assert fund.anchor_change["kind"] == "orphaned"
    assert fund.anchor["exact"] == QUOTE
    data = item(anon_request, inline["fund"])
    assert (data["orphaned"], data["paragraph"]) == (True, None)
    assert data["anchor"]["exact"] == QUOTE
    summary = commented_paragraphs.inline_summary(fresh(chapter))
    assert summary["orphaned"] == 1
    assert summary["counts"] == {paragraph_id(chapter, SECOND): 1}
    assert [h["comment"] for h in summary["highlights"]] == [inline["services"]]
    # Listed still, for everyone.
    ids = [i["comment_id"] for i in anon_request.get(URL).json()["items"]]
    assert inline["fund"] in ids

    # Put back: found again.
    patch_text(
        manager_request,
        "/plan/lavoro",
        body(f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p>"),
    )
    fund = comment(consultation, inline["fund"])
    assert fund.orphaned is False
    assert fund.paragraph == paragraph_id(chapter, THIRD)
    assert fund.anchor_change["kind"] == "moved"
    assert commented_paragraphs.inline_summary(fresh(chapter))["orphaned"] == 0


def test_the_classic_edit_form_reanchors(browser, consultation, inline):
    chapter = consultation["chapter"]
    edit_in_form(browser(), chapter, f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{THIRD}</p>")
    services = comment(consultation, inline["services"])
    assert services.orphaned is True
    assert services.anchor_change["kind"] == "orphaned"
    assert services.anchor_change["version"] == fresh(chapter).version_id
    fund = comment(consultation, inline["fund"])
    assert fund.anchor_change is None
    assert fund.paragraph == paragraph_id(chapter, THIRD)


def test_pending_comments_are_reanchored_too(
    anon_request, manager_request, consultation
):
    chapter = consultation["chapter"]
    response = anon_request.post(
        URL, json=dict(VALID, anchor=selector("aree interne", SECOND))
    )
    comment_id = response.json()["comment_id"]
    patch_text(manager_request, "/plan/lavoro", f"<p>{FIRST}</p>")
    pending = comment(consultation, comment_id)
    assert pending.orphaned is True
    assert pending.anchor_change["kind"] == "orphaned"
    # Not published: not counted.
    assert commented_paragraphs.inline_summary(fresh(chapter))["orphaned"] == 0


def test_a_repeated_phrase_keeps_its_occurrence(
    anon_request, manager_request, consultation
):
    chapter = consultation["chapter"]
    text = "La rete sostiene le imprese. Nei quartieri la rete sostiene le famiglie."
    patch_text(manager_request, "/plan/lavoro", f"<p>{text}</p>")
    # The second occurrence, told apart by its context.
    passage = selector("rete sostiene le", text, occurrence=1)
    response = anon_request.post(URL, json=dict(VALID, anchor=passage))
    assert response.status_code == 201, response.text
    comment_id = response.json()["comment_id"]
    posted = comment(consultation, comment_id)
    assert posted.anchor_start == text.index("rete sostiene le", 10)
    edited = "Premessa. " + text.replace("imprese", "imprese sociali")
    patch_text(manager_request, "/plan/lavoro", f"<p>{edited}</p>")
    moved = comment(consultation, comment_id)
    assert moved.anchor_start == edited.index("rete sostiene le", 20)
    assert moved.anchor_change is None
    assert paragraph_id(chapter, edited) == moved.paragraph
