"""A citizen comments in Chromium, a moderator publishes it in the queue, the
public reads it with name and organisation and never the e-mail."""

from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import Plan

import pytest
import transaction


EMAIL = "giulia.ferraris@example.org"

pytestmark = pytest.mark.browser


@pytest.fixture
def chapter_url(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    chapter = build_plan(portal, Plan(chapters=(Chapter("lavoro", "Lavoro"),)))[
        "lavoro"
    ]
    transaction.commit()
    return chapter.absolute_url()


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(locale="en-US")
    yield context
    context.close()


def test_comment_moderated_then_published(browser_context, chapter_url):
    citizen = browser_context.new_page()
    citizen.goto(chapter_url)
    citizen.get_by_label("Comment", exact=True).fill(
        "Coinvolgere i centri per l'impiego."
    )
    citizen.get_by_label("First name").fill("Giulia")
    citizen.get_by_label("Surname").fill("Ferraris")
    citizen.get_by_label("Organisation", exact=True).fill("Cooperativa Aurora")
    citizen.get_by_label("Type of organisation").select_option("social_enterprise")
    citizen.get_by_label("E-mail address").fill(EMAIL)
    citizen.get_by_label("I consent to the processing of my personal data").check()
    citizen.get_by_role("button", name="Send comment").click()
    citizen.wait_for_load_state("networkidle")
    assert "will be published after moderation" in citizen.content()
    assert "Coinvolgere i centri" not in citizen.content()  # pending: not shown

    moderator = browser_context.browser.new_page(locale="en-US")
    moderator.goto(chapter_url.rsplit("/", 2)[0] + "/login")
    moderator.fill("#__ac_name", SITE_OWNER_NAME)
    moderator.fill("#__ac_password", SITE_OWNER_PASSWORD)
    moderator.keyboard.press("Enter")
    moderator.wait_for_load_state("networkidle")
    moderator.goto(chapter_url.rsplit("/", 1)[0] + "/@@moderation")
    rows = moderator.locator("tbody tr")
    assert rows.count() == 1
    assert EMAIL in rows.first.inner_text()  # moderators see the address
    # Keyboard only: select the row, then publish.
    rows.first.locator("input[type=checkbox]").focus()
    moderator.keyboard.press("Space")
    moderator.get_by_role("button", name="Publish").first.click()
    moderator.wait_for_load_state("networkidle")
    assert "published: 1" in moderator.content()
    moderator.close()

    citizen.goto(chapter_url)
    page = citizen.content()
    assert "Coinvolgere i centri per l'impiego." in page
    assert "Giulia Ferraris" in page and "Cooperativa Aurora" in page
    assert EMAIL not in page
