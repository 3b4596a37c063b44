"""Moderators see which inline comments an edit moved, changed or orphaned,
and mark them as seen: consultation/moderation/, ``@anchor-triage`` and the
Classic ``@@moderation`` page."""

from datetime import datetime
from plone import api
from plone.app.discussion.interfaces import IConversation
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
from tests.support.contributions import MEMBER
from tests.support.contributions import MODERATOR
from tests.support.contributions import publish
from tests.support.contributions import VALID
from tests.support.plans import rich
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import acknowledge_anchor_changes
from torino.socialplan.consultation.moderation import anchor_triage

import pytest
import transaction


URL = "/plan/lavoro/@comments"
TRIAGE = "/plan/@anchor-triage"
QUOTE = "un fondo rotativo per le imprese sociali"
EDITED = "Si propone un fondo rotativo per tutte le imprese sociali."


@pytest.fixture
def affected(anon_request, manager_request, consultation, people):
    """Three published inline comments and one marked as spam; two edits:
    the first changes the words of "fund", the second deletes the paragraph
    of "services" and of "spam"."""
    chapter = consultation["chapter"]
    ids = {}
    for key, passage in (
        ("fund", selector(QUOTE, THIRD)),
        ("services", selector("servizi di prossimità", SECOND)),
        ("spam", selector("aree interne", SECOND)),
        ("steady", selector("lavoro sociale", FIRST)),
    ):
        response = anon_request.post(URL, json=dict(VALID, anchor=passage))
        assert response.status_code == 201, response.text
        ids[key] = response.json()["comment_id"]
        publish(chapter, ids[key], "mark_as_spam" if key == "spam" else "publish")
    patch_text(
        manager_request,
        "/plan/lavoro",
        f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p><ul><li>{EDITED}</li></ul>",
    )
    patch_text(
        manager_request,
        "/plan/lavoro",
        f"<h2>{HEADING}</h2><p>{FIRST}</p><ul><li>{EDITED}</li></ul>",
    )
    transaction.abort()
    return ids


def comment_url(consultation, comment_id):
    return conversation_comment(consultation["chapter"], comment_id).absolute_url()


def test_the_triage_lists_changes_newest_first(consultation, affected):
    items = anchor_triage(fresh(consultation["plan"]))
    assert [i["comment_id"] for i in items] == [affected["services"], affected["fund"]]
    services, fund = items
    chapter = fresh(consultation["chapter"])
    assert services["kind"] == "orphaned"
    assert services["quote"] == "servizi di prossimità"
    assert services["paragraph"] is None
    assert services["paragraph_text"] is None
    assert services["passage"] is None
    assert services["version"] == chapter.version_id == 2
    assert fund["kind"] == "changed"
    assert fund["version"] == 1
    assert fund["quote"] == QUOTE
    assert fund["prefix"] == "Si propone "
    assert fund["paragraph"] == paragraph_id(chapter, EDITED)
    assert fund["paragraph_text"] == EDITED
    assert fund["passage"] == "un fondo rotativo per tutte le imprese sociali"
    assert EDITED[fund["start"] : fund["end"]] == fund["passage"]
    assert fund["text_version"] == 0
    assert fund["text_version_url"] == (
        f"{chapter.absolute_url()}/versions_history_form?version_id=0#version_preview"
    )
    assert fund["content"] == {"@id": chapter.absolute_url(), "title": "Lavoro"}
    assert fund["review_state"] == "published"
    assert fund["author_name"] == "Maria Rossi"


def test_marking_as_seen_clears_the_change(consultation, affected):
    url = comment_url(consultation, affected["fund"])
    plan = fresh(consultation["plan"])
    assert acknowledge_anchor_changes(plan, [url, url]) == [url]
    transaction.commit()
    comment = conversation_comment(consultation["chapter"], affected["fund"])
    assert comment.anchor_change is None
    # Where it is stays as it was.
    assert comment.paragraph == paragraph_id(consultation["chapter"], EDITED)
    items = anchor_triage(fresh(consultation["plan"]))
    assert [i["comment_id"] for i in items] == [affected["services"]]
    assert commented_paragraphs.changed_comment_ids(fresh(consultation["chapter"])) == [
        affected["services"]
    ]


@pytest.mark.parametrize(
    "ids",
    [[], "", None, ["/plone/plan/lavoro/++conversation++default/12345"], [42]],
)
def test_marking_nothing_or_unknown_comments_is_refused(consultation, affected, ids):
    with pytest.raises(ContributionError) as error:
        acknowledge_anchor_changes(fresh(consultation["plan"]), ids)
    assert [field for field, _message in error.value.errors] == ["items"]


def test_a_comment_without_a_change_cannot_be_marked(consultation, affected):
    url = comment_url(consultation, affected["steady"])
    with pytest.raises(ContributionError):
        acknowledge_anchor_changes(fresh(consultation["plan"]), [url])
    fund = comment_url(consultation, affected["fund"])
    with pytest.raises(ContributionError):
        # All or nothing.
        acknowledge_anchor_changes(fresh(consultation["plan"]), [fund, url])
    assert conversation_comment(consultation["chapter"], affected["fund"]).anchor_change


def test_rest_triage_for_moderators(moderator_request, consultation, affected):
    response = moderator_request.get(TRIAGE)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["items_total"] == 2
    services, fund = data["items"]
    assert (services["kind"], fund["kind"]) == ("orphaned", "changed")
    assert fund["passage"] == "un fondo rotativo per tutte le imprese sociali"
    assert datetime.fromisoformat(fund["date"]).tzinfo is not None
    assert EMAIL not in response.text
    url = comment_url(consultation, affected["fund"])
    response = moderator_request.post(TRIAGE, json={"items": [url]})
    assert response.status_code == 200, response.text
    assert response.json() == {"items": [url], "items_total": 1}
    data = moderator_request.get(TRIAGE).json()
    assert [i["comment_id"] for i in data["items"]] == [affected["services"]]
    response = moderator_request.post(TRIAGE, json={"items": [url]})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["items"]


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_rest_triage_refused_to_others(
    anon_request, member_request, consultation, affected, who
):
    session = anon_request if who == "anonymous" else member_request
    assert session.get(TRIAGE).status_code in (401, 403)
    url = comment_url(consultation, affected["fund"])
    assert session.post(TRIAGE, json={"items": [url]}).status_code in (401, 403)
    assert conversation_comment(consultation["chapter"], affected["fund"]).anchor_change


def moderation_page(browser, consultation):
    b = browser(MODERATOR)
    b.open(f"{consultation['plan'].absolute_url()}/@@moderation")
    assert b.headers["status"].startswith("200")
    return b


def test_the_classic_queue_shows_the_triage(browser, consultation, affected):
    b = moderation_page(browser, consultation)
    page = tree(b.contents)
    (section,) = page.xpath("//section[@id='anchor-triage']")
    assert "Inline comments affected by edits" in section.text_content()
    rows = section.xpath(".//tbody/tr")
    assert len(rows) == 2
    services, fund = rows
    assert "Passage removed" in services.text_content()
    assert "The passage is no longer in the text." in services.text_content()
    assert [m.text_content() for m in services.xpath(".//mark")] == [
        "servizi di prossimità"
    ]
    assert "Words changed" in fund.text_content()
    assert [m.text_content() for m in fund.xpath(".//mark")] == [
        QUOTE,
        "un fondo rotativo per tutte le imprese sociali",
    ]
    # The quote in its context reads as the text did: one space, no more.
    (as_read,) = fund.xpath(".//blockquote")
    assert as_read.text_content() == f"\u2026Si propone {QUOTE}.\u2026"
    (quoted,) = services.xpath(".//blockquote")
    assert "offrono servizi di prossimità ai quartieri" in quoted.text_content()
    links = {a.get("href") for a in fund.xpath(".//a")}
    chapter_url = consultation["chapter"].absolute_url()
    assert f"{chapter_url}/versions_history_form?version_id=0#version_preview" in links
    assert f"{chapter_url}/versions_history_form?version_id=1#version_preview" in links
    assert f"{chapter_url}#comment-{affected['fund']}" in links


def test_the_classic_mark_as_seen(browser, consultation, affected):
    b = moderation_page(browser, consultation)
    form = b.getForm(id="anchor-triage-form")
    url = comment_url(consultation, affected["fund"])
    form.getControl(name="seen:list").value = [url]
    form.getControl(name="acknowledge").click()
    assert "Marked as seen: 1." in b.contents
    assert b.url.endswith("#anchor-triage")
    rows = tree(b.contents).xpath("//section[@id='anchor-triage']//tbody/tr")
    assert len(rows) == 1
    assert (
        conversation_comment(consultation["chapter"], affected["fund"]).anchor_change
        is None
    )


def test_the_classic_mark_as_seen_needs_the_authenticator(
    browser, consultation, affected
):
    url = comment_url(consultation, affected["fund"])
    b = browser(MODERATOR)
    b.post(
        f"{consultation['plan'].absolute_url()}/@@moderation",
        f"acknowledge=1&seen:list={url}",
    )
    # plone.protect refuses the forged request.
    assert b.headers["status"].startswith("403"), b.headers["status"]
    assert conversation_comment(consultation["chapter"], affected["fund"]).anchor_change


def test_the_classic_page_is_refused_to_members(browser, consultation, affected):
    b = browser(MEMBER)
    b.open(f"{consultation['plan'].absolute_url()}/@@moderation")
    assert "/insufficient-privileges" in b.url
    assert "servizi di prossimità" not in b.contents


def test_nothing_to_triage(browser, consultation, people):
    b = moderation_page(browser, consultation)
    assert "No inline comment is affected by the latest edits." in b.contents
    assert not tree(b.contents).xpath("//form[@id='anchor-triage-form']")


def test_the_version_of_an_edit_whatever_runs_first(anon_request, consultation):
    """Our re-anchoring may run before CMFEditions saves the edit's version
    (subscribers run in registration order, which differs between a test
    layer and a site loading its add-ons by autoinclude): the change still
    names the version the edit saved, not the one before it."""
    chapter = fresh(consultation["chapter"])
    response = anon_request.post(URL, json=dict(VALID, anchor=selector(QUOTE, THIRD)))
    comment_id = response.json()["comment_id"]
    publish(chapter, comment_id)
    chapter = fresh(chapter)
    assert chapter.version_id == 0
    chapter.text = rich(f"<h2>{HEADING}</h2><p>{FIRST}</p><ul><li>{EDITED}</li></ul>")
    commented_paragraphs.refresh_paragraphs(chapter)  # ours first
    comment = IConversation(chapter)[int(comment_id)]
    assert comment.anchor_change["version"] == 0  # not known yet
    api.portal.get_tool("portal_repository").save(obj=chapter)
    assert chapter.version_id == 1
    assert comment.anchor_change["version"] == 1
    (item,) = anchor_triage(consultation["plan"])
    assert (item["text_version"], item["version"]) == (0, 1)
    # A later save of the same text (a change note only) renumbers nothing.
    api.portal.get_tool("portal_repository").save(obj=chapter)
    assert comment.anchor_change["version"] == 1


def test_the_queue_shows_an_inline_comment_s_passage(
    anon_request, moderator_request, browser, consultation, people
):
    """For an inline comment the queue shows the quote and links to it in the
    page (Classic and REST); a whole-page comment shows none."""
    response = anon_request.post(URL, json=dict(VALID, anchor=selector(QUOTE, THIRD)))
    assert response.status_code == 201, response.text
    assert anon_request.post(URL, json=VALID).status_code == 201
    chapter = consultation["chapter"]
    target = f"{chapter.absolute_url()}#{paragraph_id(chapter, THIRD)}"
    items = moderator_request.get("/plan/@moderation").json()["items"]
    by_quote = {item["quote"]: item for item in items}
    assert set(by_quote) == {QUOTE, None}
    assert by_quote[QUOTE]["passage_url"] == target
    assert by_quote[None]["passage_url"] is None

    page = tree(moderation_page(browser, consultation).contents)
    (row,) = [r for r in page.xpath("//tr") if r.xpath(".//blockquote/p")]
    assert row.xpath(".//blockquote/p")[0].text_content() == QUOTE
    assert target in {a.get("href") for a in row.xpath(".//a")}
