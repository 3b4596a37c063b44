"""The new pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation on
@@how-the-plan-changed (public, once outcomes are published; Plan and
Chapter), @@plan-life and @@synopsis (editors) and the results page with its
outcome figures, in Italian and English, at 1280 and 375 px; the changes are
reached with the keyboard; the synopsis page follows its build to the
download."""

from tests.browser.demo import LANGUAGES
from tests.browser.demo import WIDTHS
from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import life
from tests.plan_life.life import walk_to_published
from tests.support.browser import axe_violations
from tests.support.users import PASSWORD

import base64
import json
import pytest
import transaction


pytestmark = pytest.mark.browser

REVISED = CHAPTER_TEXT.replace(
    "un fondo rotativo", "un fondo di garanzia e un fondo rotativo"
).replace("Il lavoro sociale cresce", "Il lavoro sociale aumenta")

PAGES = {
    "changes-plan": ("anonymous", "piano/@@how-the-plan-changed"),
    "changes-chapter": ("anonymous", "piano/lavoro/@@how-the-plan-changed"),
    "plan-life": ("plan_editor", "piano/@@plan-life"),
    "synopsis": ("plan_editor", "piano/@@synopsis"),
    "results": ("anonymous", "piano/@@consultation-results"),
}


@pytest.fixture(scope="class")
def published_site(functional_portal_class):
    portal = functional_portal_class
    registry = portal.portal_registry
    registry["plone.available_languages"] = ["it", "en"]
    registry["plone.default_language"] = "it"
    registry["plone.use_request_negotiation"] = True
    consultation = life(portal)
    walk_to_published(consultation, REVISED)
    transaction.commit()
    return portal


class TestNewPages:
    @pytest.mark.parametrize("width", WIDTHS)
    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize("name", PAGES)
    def test_no_violations(self, published_site, chromium, name, language, width):
        who, path = PAGES[name]
        headers = {}
        if who != "anonymous":
            token = base64.b64encode(f"{who}:{PASSWORD}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        context = chromium.new_context(
            locale=LANGUAGES[language],
            viewport={"width": width, "height": WIDTHS[width]},
            extra_http_headers=headers,
        )
        page = context.new_page()
        response = page.goto(f"{published_site.absolute_url()}/{path}")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        assert violations == [], json.dumps(violations, indent=1)
        context.close()

    def test_keyboard_reaches_the_changes(self, published_site, chromium):
        context = chromium.new_context(locale="en-US")
        page = context.new_page()
        page.goto(f"{published_site.absolute_url()}/piano/@@how-the-plan-changed")
        link = page.locator(".socialplan-changes-index a").nth(1)
        link.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#change-2"
        assert "Change 2 of 2" in page.locator("#change-2 h3").inner_text()
        # The screen-reader words are in the accessible text of the diff.
        assert (
            page.locator(".socialplan-diff del")
            .first.inner_text()
            .startswith("deleted:")
        )
        context.close()

    def test_synopsis_progress_to_the_download(self, published_site, chromium):
        token = base64.b64encode(f"plan_editor:{PASSWORD}".encode()).decode()
        context = chromium.new_context(
            locale="en-US", extra_http_headers={"Authorization": f"Basic {token}"}
        )
        page = context.new_page()
        page.goto(f"{published_site.absolute_url()}/piano/@@synopsis?lang=en")
        page.get_by_role("button", name="Build the synopsis").click()
        # The page polls the status and reloads once the PDF is there.
        link = page.get_by_role("link", name="Download the synopsis (PDF)")
        link.wait_for(timeout=60000)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "piano-synopsis-en.pdf"
        context.close()
