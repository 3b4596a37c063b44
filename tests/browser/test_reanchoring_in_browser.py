"""An editor inserts one word inside a commented passage: in Chromium the
highlight covers exactly the passage as it now reads, and the comment shows
the words as posted and as they read now (issue 10)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.browser.inline import chapter_plan
from tests.browser.inline import comment
from tests.browser.inline import passage_selector

import pytest
import requests
import transaction


pytestmark = pytest.mark.browser

BEFORE = (
    "<p>Il Piano intende favorire l'accesso al mercato del lavoro delle persone "
    "in condizione di fragilità.</p><p>Le azioni sono monitorate ogni anno.</p>"
)
AFTER = BEFORE.replace("l'accesso al mercato", "l'accesso effettivo al mercato")
POSTED = "accesso al mercato del lavoro"
NOW = "accesso effettivo al mercato del lavoro"


@pytest.fixture(scope="class")
def edited(functional_portal_class):
    portal = functional_portal_class
    _plan, chapter = chapter_plan(portal, "plan-reanchoring", BEFORE)
    posted = comment(
        chapter,
        portal.REQUEST,
        "Quale accesso, per chi?",
        anchor=passage_selector(chapter, POSTED),
    )
    transaction.commit()
    # The editor's save, over HTTP as any client would make it.
    response = requests.patch(
        chapter.absolute_url(),
        json={"text": {"data": AFTER, "content-type": "text/html"}},
        headers={"Accept": "application/json"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert response.status_code == 204, response.text
    transaction.abort()
    return chapter.absolute_url(), posted.comment_id


class TestOneWordInserted:
    def test_the_highlight_covers_the_passage_as_it_now_reads(self, edited, chromium):
        url, comment_id = edited
        context = chromium.new_context(locale="en-US")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        marks = page.locator("mark.socialplan-highlight")
        assert marks.count() == 1
        assert marks.first.inner_text() == NOW
        assert marks.first.get_attribute("data-comment") == str(comment_id)
        shown = page.locator(f"#comment-{comment_id}")
        quotes = shown.locator("blockquote")
        assert [quotes.nth(i).inner_text() for i in range(quotes.count())] == [
            POSTED,
            NOW,
        ]
        assert "The passage has since changed. It now reads:" in shown.inner_text()
        assert errors == []
        context.close()

    def test_rest_gives_the_quote_as_posted_and_as_it_reads(self, edited):
        url, comment_id = edited
        response = requests.get(
            f"{url}/@comments", headers={"Accept": "application/json"}, timeout=30
        )
        (item,) = [i for i in response.json()["items"] if i["anchor"]]
        assert item["comment_id"] == str(comment_id)
        assert item["anchor"]["exact"] == POSTED
        assert item["current_text"] == NOW
        assert item["orphaned"] is False
