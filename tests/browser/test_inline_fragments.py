"""What inline.js fetches and posts, over HTTP: the fragments of a paragraph's
comments and of the next batch, and @@comment-submit answering JSON."""

from datetime import timedelta
from plone.app.discussion.interfaces import IConversation
from plone.app.layout.globals.interfaces import IViewView
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from tests.browser.inline import EMAIL
from tests.browser.inline import paragraph_with
from tests.browser.inline import PERSON
from torino.socialplan.browser.comments.threads import BATCH_SIZE
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.interfaces import IBrowserLayer
from zope.interface import alsoProvides

import json
import lxml.html
import requests
import transaction


JSON = {"Accept": "application/json"}
TIMEOUT = 30


def get(url, **kwargs):
    return requests.get(url, timeout=TIMEOUT, **kwargs)


def post(url, **kwargs):
    return requests.post(url, timeout=TIMEOUT, **kwargs)


def tree(response):
    return lxml.html.fragment_fromstring(response.text)


def text(element):
    return " ".join(element.text_content().split())


def form_data(**values):
    return {**PERSON, "text": "Un commento.", "privacy_consent": "1", **values}


class TestFragments:
    def test_a_paragraphs_comments(self, inline_site):
        pid = paragraph_with(inline_site.chapter, "cinque anni").id
        response = get(
            f"{inline_site.url}/@@inline-comments", params={"paragraph": pid}
        )
        assert response.status_code == 200
        assert "<html" not in response.text  # a fragment, never themed
        (item,) = tree(response).xpath("//li[@class='socialplan-comment']")
        assert item.get("id") == f"panel-comment-{inline_site.whole}"
        assert "Cinque anni sono pochi." in text(item)
        (outcome,) = item.xpath(".//*[@class='socialplan-comment__outcome']")
        assert text(outcome) == "Outcome: Accepted — Il monitoraggio sarà semestrale."
        assert EMAIL not in response.text
        # A paragraph without comments, or none that exists.
        for other in (paragraph_with(inline_site.chapter, "tavolo").id, "p-00000000"):
            response = get(
                f"{inline_site.url}/@@inline-comments", params={"paragraph": other}
            )
            assert "No comments on this paragraph" in text(tree(response))

    def test_the_next_batch(self, inline_site):
        response = get(
            f"{inline_site.url}/@@comments-batch", params={"comments_start": "20"}
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        items = tree(response).xpath("//ol/li[@class='socialplan-comment']")
        assert text(items[0]).count("Commento generale numero 21.") == 1
        assert f"comment-{inline_site.orphan}" in [li.get("id") for li in items]
        assert not tree(response).xpath("//nav")  # nothing after this batch
        response = get(
            f"{inline_site.url}/@@comments-batch", params={"comments_start": "0"}
        )
        (more,) = tree(response).xpath("//nav//a[@data-batch]")
        assert more.get("data-batch").endswith("@@comments-batch?comments_start=20")

    def test_submit_answers_json(self, inline_site):
        pid = paragraph_with(inline_site.chapter, "tavolo").id
        url = f"{inline_site.url}/@@comment-submit"
        response = post(
            url, data=form_data(text="", paragraph="p-00000000"), headers=JSON
        )
        assert response.status_code == 400
        fields = {error["field"] for error in response.json()["errors"]}
        assert {"text", "paragraph"} <= fields
        response = post(
            url,
            data=form_data(
                text="Sul tavolo.",
                anchor_exact="tavolo permanente",
                anchor_prefix="Un ",
                anchor_suffix=" con gli enti",
                anchor_start="x",
                anchor_end="12",
            ),
            headers=JSON,
        )
        assert response.status_code == 400
        assert [e["field"] for e in response.json()["errors"]] == ["anchor"]
        response = post(
            url, data=form_data(text="Sul tavolo.", paragraph=pid), headers=JSON
        )
        assert response.status_code == 200, response.text
        assert response.json()["state"] == "pending"
        assert "published after moderation" in response.json()["message"]
        transaction.abort()
        comment = IConversation(inline_site.chapter)[int(response.json()["comment_id"])]
        assert comment.paragraph == pid

    def test_a_page_loads_only_the_comments_it_shows(self, inline_site):
        """The first batch and its replies are read; the other comments stay
        ghosts (not loaded from the database), whatever else is on the page."""
        portal = inline_site.portal
        transaction.abort()
        chapter = inline_site.chapter
        chapter._p_jar.cacheMinimize()
        request = portal.REQUEST
        alsoProvides(request, IBrowserLayer)
        logout()
        try:
            view = chapter.restrictedTraverse("@@view")
            alsoProvides(view, IViewView)
            page = view()
        finally:
            login(portal, TEST_USER_NAME)
        comments = list(IConversation(chapter)._comments.values())
        loaded = [c for c in comments if c._p_status != "ghost"]
        assert len(comments) > BATCH_SIZE + 2
        assert "Commento generale numero 20." in page
        assert "Commento generale numero 21." not in page
        # The 20 shown; that more follow, the catalog tells without loading.
        assert len(loaded) == BATCH_SIZE

    def test_once_the_consultation_is_closed(self, inline_site):
        """Markers only where comments were published, leading to them; no
        form, so the module offers no passage selection."""
        plan = inline_site.plan
        start, end = plan.consultation_start, plan.consultation_end
        plan.consultation_start = start - timedelta(days=30)
        plan.consultation_end = start - timedelta(days=2)
        transaction.commit()
        try:
            page = lxml.html.fromstring(get(inline_site.url).text)
        finally:
            plan.consultation_start, plan.consultation_end = start, end
            transaction.commit()
        markers = page.xpath("//a[contains(@class, 'socialplan-marker')]")
        counted = {
            p.id
            for p in paragraphs(inline_site.chapter)
            if "cinque anni" in p.text or "percorsi" in p.text
        }
        assert {m.get("data-paragraph-id") for m in markers} == counted
        assert {m.get("href").rsplit("#", 1)[1] for m in markers} == {
            "socialplan-comments"
        }
        assert not page.xpath("//form[@id='socialplan-comment-form']")
        (config,) = page.xpath("//script[@id='socialplan-inline-config']")
        assert json.loads(config.text)["open"] is False
