"""An orphaned comment whose quoted words stand again in another context is
not placed there by itself: the moderators' triage offers "possibly back at"
that passage, to accept or dismiss; the public never sees it until accepted
(issue 22)."""

from tests.inline.chapter import FIRST
from tests.inline.chapter import HEADING
from tests.inline.chapter import paragraph_id
from tests.inline.chapter import patch_text
from tests.inline.chapter import SECOND
from tests.inline.chapter import selector
from tests.inline.chapter import THIRD
from tests.inline.chapter import tree
from tests.support.contributions import conversation_comment
from tests.support.contributions import EMAIL
from tests.support.contributions import fresh
from tests.support.contributions import MODERATOR
from tests.support.contributions import publish
from tests.support.contributions import VALID
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.consultation import commented_paragraphs

import pytest
import transaction


URL = "/plan/lavoro/@comments"
TRIAGE = "/plan/@anchor-triage"
QUOTE = "servizi di prossimità"
# The words again, in a sentence of the opposite meaning, in another paragraph.
UNRELATED = f"Il Piano non finanzia più {QUOTE} con fondi propri."


@pytest.fixture
def orphan(anon_request, manager_request, consultation, people):
    """A published comment on QUOTE; SECOND deleted (orphaned), then QUOTE
    written into an unrelated sentence of FIRST's paragraph."""
    chapter = consultation["chapter"]
    response = anon_request.post(URL, json=dict(VALID, anchor=selector(QUOTE, SECOND)))
    assert response.status_code == 201, response.text
    comment_id = response.json()["comment_id"]
    publish(chapter, comment_id)
    patch_text(
        manager_request,
        "/plan/lavoro",
        f"<h2>{HEADING}</h2><p>{FIRST}</p><ul><li>{THIRD}</li></ul>",
    )
    patch_text(
        manager_request,
        "/plan/lavoro",
        f"<h2>{HEADING}</h2><p>{FIRST} {UNRELATED}</p><ul><li>{THIRD}</li></ul>",
    )
    transaction.abort()
    return comment_id


def _comment(consultation, comment_id):
    return conversation_comment(consultation["chapter"], comment_id)


def test_the_words_back_elsewhere_do_not_place_the_comment(
    anon_request, consultation, orphan
):
    comment = _comment(consultation, orphan)
    assert comment.orphaned
    assert comment.paragraph is None
    chapter = fresh(consultation["chapter"])
    summary = commented_paragraphs.inline_summary(chapter)
    assert summary["highlights"] == []
    assert summary["orphaned"] == 1
    # Nothing public names the suggested place.
    item = anon_request.get(f"{URL}/{orphan}").json()
    assert item["orphaned"] is True
    assert item["paragraph"] is None
    assert "candidate" not in anon_request.get(URL).text
    page = anon_request.get("/plan/lavoro", headers={"Accept": "text/html"}).text
    assert f'data-comment="{orphan}"' not in page


def test_the_triage_offers_the_place(moderator_request, consultation, orphan):
    data = moderator_request.get(TRIAGE).json()
    (item,) = data["items"]
    assert item["comment_id"] == orphan
    assert item["kind"] == "candidate"
    candidate = item["candidate"]
    chapter = fresh(consultation["chapter"])
    text = f"{FIRST} {UNRELATED}"
    assert candidate["paragraph"] == paragraph_id(chapter, text)
    assert candidate["passage"] == QUOTE
    assert text[candidate["start"] : candidate["end"]] == QUOTE
    assert candidate["url"] == f"{chapter.absolute_url()}#{candidate['paragraph']}"
    assert EMAIL not in moderator_request.get(TRIAGE).text


def test_accepting_places_the_comment(
    anon_request, moderator_request, consultation, orphan
):
    url = _comment(consultation, orphan).absolute_url()
    response = moderator_request.post(TRIAGE, json={"items": [url], "action": "accept"})
    assert response.status_code == 200, response.text
    transaction.abort()
    comment = _comment(consultation, orphan)
    chapter = fresh(consultation["chapter"])
    text = f"{FIRST} {UNRELATED}"
    assert not comment.orphaned
    assert comment.paragraph == paragraph_id(chapter, text)
    assert text[comment.anchor_start : comment.anchor_end] == QUOTE
    assert comment.anchor_change is None
    summary = commented_paragraphs.inline_summary(chapter)
    assert [h["comment"] for h in summary["highlights"]] == [orphan]
    assert anon_request.get(f"{URL}/{orphan}").json()["orphaned"] is False
    assert moderator_request.get(TRIAGE).json()["items_total"] == 0


def test_dismissing_is_not_offered_again_in_that_paragraph(
    moderator_request, manager_request, consultation, orphan
):
    url = _comment(consultation, orphan).absolute_url()
    response = moderator_request.post(
        TRIAGE, json={"items": [url], "action": "dismiss"}
    )
    assert response.status_code == 200, response.text
    assert moderator_request.get(TRIAGE).json()["items_total"] == 0
    # A later edit elsewhere in that paragraph: still dismissed.
    patch_text(
        manager_request,
        "/plan/lavoro",
        f"<h2>{HEADING}</h2><p>{FIRST} {UNRELATED} Altro.</p><ul><li>{THIRD}</li></ul>",
    )
    transaction.abort()
    assert moderator_request.get(TRIAGE).json()["items_total"] == 0
    assert _comment(consultation, orphan).orphaned
    # Its own sentence restored, with its context: it comes back by itself.
    patch_text(
        manager_request,
        "/plan/lavoro",
        f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p><ul><li>{THIRD}</li></ul>",
    )
    transaction.abort()
    comment = _comment(consultation, orphan)
    assert not comment.orphaned
    chapter = fresh(consultation["chapter"])
    assert SECOND[comment.anchor_start : comment.anchor_end] == QUOTE
    assert comment.paragraph == paragraph_id(chapter, SECOND)


@pytest.mark.parametrize("action", ["place", "", 3])
def test_an_unknown_action_is_refused(moderator_request, consultation, orphan, action):
    url = _comment(consultation, orphan).absolute_url()
    response = moderator_request.post(TRIAGE, json={"items": [url], "action": action})
    if action == "":
        # Empty: the default, "seen".
        assert response.status_code == 200
        return
    assert response.status_code == 400, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["action"]
    assert own_attribute(_comment(consultation, orphan), "anchor_candidate")


def test_accepting_without_a_suggested_place_is_refused(
    anon_request, moderator_request, consultation, orphan
):
    chapter = consultation["chapter"]
    response = anon_request.post(
        URL, json=dict(VALID, anchor=selector("lavoro sociale", FIRST))
    )
    assert response.status_code == 201, response.text
    other = conversation_comment(chapter, response.json()["comment_id"])
    assert other is not None
    url = _comment(consultation, orphan).absolute_url()
    # The first has a place to accept; a comment with none makes it all fail.
    response = moderator_request.post(
        TRIAGE, json={"items": [url, other.absolute_url()], "action": "accept"}
    )
    assert response.status_code == 400
    assert _comment(consultation, orphan).orphaned


def test_the_classic_triage_offers_and_accepts(browser, consultation, orphan):
    b = browser(MODERATOR)
    b.open(f"{consultation['plan'].absolute_url()}/@@moderation")
    (row,) = tree(b.contents).xpath("//section[@id='anchor-triage']//tbody/tr")
    assert "Possibly back at this passage" in row.text_content()
    assert QUOTE in [m.text_content() for m in row.xpath(".//mark")]
    form = b.getForm(id="anchor-triage-form")
    form.getControl(name="seen:list").value = [
        _comment(consultation, orphan).absolute_url()
    ]
    form.getControl(name="accept_candidate").click()
    assert "Placed where their words stand again: 1." in b.contents
    assert not _comment(consultation, orphan).orphaned
