"""Every public and staff page type of the demo site, in the institutional
theme, in Chromium: axe-core finds no WCAG 2.1 A/AA violation (whole page,
theme included), in Italian and English, at 1280 px and 375 px, with one
page load per page type, language and width; no Plone branding on public
pages. ``make screenshots`` (SOCIALPLAN_SCREENSHOTS=docs/screenshots) saves a
screenshot of each page in Italian for the README."""

from pathlib import Path
from plone import api
from plone.formwidget.namedfile.converter import b64encode_file
from tests.browser.demo import LANGUAGES
from tests.browser.demo import PAGES
from tests.browser.demo import PUBLIC
from tests.browser.demo import WIDEST
from tests.browser.demo import WIDTHS
from tests.support.browser import axe_violations

import base64
import json
import os
import pytest
import re
import transaction


pytestmark = pytest.mark.browser

# The demo's comments and pledges begin with it (demo/contributions/).
DEMO_MARK = "[Contenuto dimostrativo]"
SCREENSHOTS = os.environ.get("SOCIALPLAN_SCREENSHOTS")
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def submit_empty_comment(page):
    """The comment form with its errors, as a citizen who sends it empty."""
    form = page.locator("#socialplan-comment-form")
    form.locator("button[type=submit]").first.click()
    form.locator("#comment-text-error, [aria-invalid=true]").first.wait_for()


class TestSite:
    """One demo site for the class: its build is the slow part."""

    @pytest.mark.parametrize("width", WIDTHS)
    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize("name", PAGES)
    def test_no_violations(self, demo_site, contexts, name, language, width):
        who, path = PAGES[name]
        page = contexts(who, language, width).new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        url = f"{demo_site.absolute_url()}/{path}".rstrip("/")
        response = page.goto(url)
        assert response.status == 200, url
        if name == "comment-form":
            submit_empty_comment(page)
        html = page.content()
        assert page.locator("html").get_attribute("lang") == language
        assert "++theme++torino.socialplan/css/theme.min.css" in html
        violations = axe_violations(page)
        if SCREENSHOTS and language == "it":
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png")
        # No sideways scroll, staff pages with the toolbar included (on a
        # phone the wide staff tables scroll inside themselves).
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        ), page.evaluate(WIDEST)
        if who == PUBLIC:
            # No bracketed placeholder is ever public (issue 27); the demo's
            # contributions say what they are in brackets, on purpose.
            text = page.locator("body").inner_text().replace(DEMO_MARK, "")
            assert not re.search(r"\[[^\]]*\]", text)
            assert "Plone" not in page.locator("body").inner_text()
            assert page.locator("#portal-logo").count() == 0
        assert violations == [], json.dumps(violations, indent=1)
        assert errors == []
        page.close()

    def test_promoters_contacts_and_legal_pages(self, demo_site, contexts):
        page = contexts(PUBLIC, "it", 1280).new_page()
        page.goto(demo_site.absolute_url())
        promoters = page.locator("#socialplan-promoters").inner_text()
        assert "Camera di commercio di Torino" in promoters
        assert "Città metropolitana di Torino" in promoters
        logos = page.locator(".socialplan-brand__logo--placeholder")
        assert logos.count() == 2
        footer = page.locator("#portal-footer-wrapper")
        assert "urp@to.camcom.it" in footer.inner_text()
        assert "urp@cittametropolitana.torino.it" in footer.inner_text()
        links = footer.locator(".socialplan-footer__legal a")
        assert [links.nth(i).inner_text() for i in range(links.count())] == [
            "Informativa sulla privacy",
            "Note legali",
            "Dichiarazione di accessibilità",
            "Mappa del sito",
        ]
        # Stock labels and feed titles in Italian, and clean.
        assert page.locator("#portal-breadcrumbs").get_attribute("aria-label") == (
            "Percorso di navigazione"
        )
        assert page.locator(".navbar-toggler").get_attribute("aria-label") == (
            "Apri il menu"
        )
        feeds = page.locator("link[rel=alternate][type='application/rss+xml']")
        titles = [feeds.nth(i).get_attribute("title") for i in range(feeds.count())]
        assert "Piano metropolitano dell'economia sociale di Torino (feed RSS 2.0)" in (
            titles
        )
        assert not [title for title in titles if "b'" in title]
        # Titillium Web, from the package.
        assert page.evaluate("document.fonts.check('16px \"Titillium Web\"')"), (
            "Titillium Web not loaded"
        )
        page.close()

    def test_an_uploaded_logo(self, demo_site, contexts):
        """A logo stored as Site setup → Promoting bodies stores it (the
        panel itself: test_promoters_panel.py); then the placeholder back."""
        record = "torino.socialplan.identity.chamber_logo"
        api.portal.set_registry_record(record, b64encode_file("camera.png", PNG))
        transaction.commit()
        page = contexts(PUBLIC, "en", 1280).new_page()
        page.goto(demo_site.absolute_url())
        image = page.locator(".socialplan-brand__logo").first
        assert image.get_attribute("data-placeholder") is None
        assert "/@@promoter-logo/chamber/" in image.get_attribute("src")
        assert image.evaluate("(img) => img.complete && img.naturalWidth > 0")
        assert page.locator(".socialplan-brand__logo--placeholder").count() == 1
        page.close()
        demo_site.portal_registry[record] = None
        transaction.commit()
