"""A published Chapter with a text of several paragraphs, open for comments,
shared by the tests of a class (building it once keeps the browser tests
fast): whole-page threads enough for two batches, inline comments on a
passage and on a whole paragraph, and one whose passage was edited away."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from tests.browser.demo import LANGUAGES
from tests.browser.demo import STAFF
from tests.browser.demo import WIDTHS
from tests.browser.inline import chapter_plan
from tests.browser.inline import comment
from tests.browser.inline import EDITED
from tests.browser.inline import PAGE_THREADS
from tests.browser.inline import paragraph_with
from tests.browser.inline import passage_selector
from tests.browser.inline import TEXT
from tests.browser.inline import UNICODE
from torino.socialplan.consultation import guards
from types import SimpleNamespace
from zope.lifecycleevent import modified

import base64
import pytest
import transaction


@pytest.fixture(scope="class")
def inline_site(functional_portal_class):
    portal = functional_portal_class
    request = portal.REQUEST
    plan, chapter = chapter_plan(portal, "plan", TEXT)
    unicode = api.content.create(
        container=plan,
        type="Chapter",
        id="unicode",
        title="Unicode",
        text=RichTextValue(UNICODE, "text/html", "text/html"),
    )
    api.content.transition(obj=unicode, transition="publish")
    for number in range(1, PAGE_THREADS + 1):
        comment(chapter, request, f"Commento generale numero {number}.")
    passage = comment(
        chapter,
        request,
        "Quali percorsi, e per chi?",
        anchor=passage_selector(chapter, "nuovi percorsi di formazione"),
    )
    whole = comment(
        chapter,
        request,
        "Cinque anni sono pochi.",
        paragraph=paragraph_with(chapter, "cinque anni").id,
    )
    orphan = comment(
        chapter,
        request,
        "Questa frase era importante.",
        anchor=passage_selector(chapter, "tolta dagli editori"),
    )
    # The promoters' answer (set by @@outcomes, written here directly).
    whole.outcome = "accepted"
    whole.outcome_motivation = "Il monitoraggio sarà semestrale."
    chapter.text = RichTextValue(EDITED, "text/html", "text/html")
    modified(chapter)
    transaction.commit()
    return SimpleNamespace(
        portal=portal,
        plan=plan,
        chapter=chapter,
        unicode=unicode,
        url=chapter.absolute_url(),
        passage=passage.comment_id,
        whole=whole.comment_id,
        orphan=orphan.comment_id,
    )


@pytest.fixture(scope="class")
def demo_site(functional_portal_class):
    """The demo site as `make start` makes it: Italian first, English for
    browsers that ask for it."""
    portal = functional_portal_class
    setRoles(portal, TEST_USER_ID, ["Manager"])
    guards.reset_rate_limits()
    registry = portal.portal_registry
    registry["plone.available_languages"] = ["it", "en"]
    registry["plone.default_language"] = "it"
    registry["plone.use_request_negotiation"] = True
    portal.setTitle("Piano metropolitano dell'economia sociale di Torino")
    portal.portal_setup.runAllImportStepsFromProfile("profile-torino.socialplan:demo")
    transaction.commit()
    yield portal
    guards.reset_rate_limits()


@pytest.fixture(scope="class")
def contexts(chromium):
    made = {}

    def context(who, language, width):
        key = (who, language, width)
        if key not in made:
            headers = {}
            if who == STAFF:
                token = f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
                headers["Authorization"] = "Basic " + base64.b64encode(
                    token.encode()
                ).decode("ascii")
            made[key] = chromium.new_context(
                locale=LANGUAGES[language],
                viewport={"width": width, "height": WIDTHS[width]},
                extra_http_headers=headers,
            )
        return made[key]

    yield context
    for context in made.values():
        context.close()
