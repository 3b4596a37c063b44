"""A citizen's first visit to the demo site, in Chromium, on a phone (375 px,
touch) and on a desktop (1280 px): the skip link, a chapter from the home
page in one tap and at most one screen of scrolling, previous and next
chapter, markers only where a comment is offered, and after each post the
thanks (or the summary of the errors) in view and focused."""

from tests.browser.demo import PLAN
from torino.socialplan.consultation import guards

import pytest


pytestmark = pytest.mark.browser

PHONE, DESKTOP = 375, 1280
SIZES = {PHONE: 812, DESKTOP: 800}
CHAPTER = "lavoro-e-inclusione-sociale"
ACTION = f"{CHAPTER}/percorsi-inserimento-lavorativo"

IN_VIEW = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.height > 0 && box.top >= -1 && box.bottom <= window.innerHeight + 1;
}"""

FOCUSED = "document.activeElement && document.activeElement.id"

# Bootstrap scrolls smoothly (scroll-behavior: smooth): wait until the page
# has stopped moving for a few frames.
SETTLED = """() => new Promise((resolve) => {
  let last = -1, still = 0;
  const tick = () => {
    still = window.scrollY === last ? still + 1 : 0;
    last = window.scrollY;
    if (still >= 10) { resolve(last); } else { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})"""


def in_view(page, selector):
    page.evaluate(SETTLED)
    return page.evaluate(IN_VIEW, selector)


@pytest.fixture(scope="class")
def contexts(chromium):
    made = {}

    def context(width):
        if width not in made:
            made[width] = chromium.new_context(
                locale="en-US",
                viewport={"width": width, "height": SIZES[width]},
                has_touch=width == PHONE,
                is_mobile=width == PHONE,
            )
        return made[width]

    yield context
    for context in made.values():
        context.close()


def fill_comment(page, text):
    form = page.locator("#socialplan-comment-form")
    form.locator("#comment-text").fill(text)
    form.locator("#comment-first_name").fill("Giulia")
    form.locator("#comment-last_name").fill("Ferraris")
    form.locator("#comment-organization_type").select_option("citizen")
    form.locator("#comment-author_email").fill("giulia.first-visit@example.org")
    form.locator("#comment-privacy_consent").check()
    return form


@pytest.mark.parametrize("width", SIZES)
class TestFirstVisit:
    def test_skip_link_first(self, demo_site, contexts, width):
        page = contexts(width).new_page()
        page.goto(f"{demo_site.absolute_url()}/{PLAN}/{CHAPTER}")
        page.keyboard.press("Tab")
        skip = page.locator("a.socialplan-skip")
        assert page.evaluate("document.activeElement.className").startswith(
            "socialplan-skip"
        )
        assert skip.inner_text() == "Skip to content"
        # Visible once focused, in the viewport, wide enough to read.
        box = skip.bounding_box()
        assert box["width"] > 50 and box["height"] > 20
        assert box["y"] >= 0 and box["x"] >= 0
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#main-container'")
        # The next Tab lands in the content, past the header and the menu.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#main-container')"), (
            page.evaluate("document.activeElement.outerHTML")
        )
        page.close()

    def test_the_menu(self, demo_site, contexts, width):
        """Anonymous readers get no Plone bundle: the phone's menu opens and
        closes with the theme's own small script (browser/static/nav.js)."""
        page = contexts(width).new_page()
        page.goto(demo_site.absolute_url())
        toggler = page.locator(".navbar-toggler")
        links = page.locator("#portal-globalnav a")
        if width == DESKTOP:
            assert not toggler.is_visible()
            assert links.first.is_visible()
            page.close()
            return
        assert not links.first.is_visible()
        toggler.tap()
        panel = page.locator("#offcanvasNavbar")
        page.wait_for_function(
            "getComputedStyle(document.getElementById('offcanvasNavbar')).visibility === 'visible'"
        )
        assert toggler.get_attribute("aria-expanded") == "true"
        assert panel.get_attribute("aria-modal") == "true"
        assert page.evaluate("!!document.activeElement.closest('#offcanvasNavbar')")
        page.keyboard.press("Escape")
        assert toggler.get_attribute("aria-expanded") == "false"
        assert page.evaluate(
            "document.activeElement.classList.contains('navbar-toggler')"
        )
        toggler.tap()
        page.locator("#offcanvasNavbar .btn-close").tap()
        assert "show" not in panel.get_attribute("class")
        page.close()

    def test_a_chapter_from_the_home_page(self, demo_site, contexts, width):
        page = contexts(width).new_page()
        page.goto(demo_site.absolute_url())
        height = SIZES[width]
        links = page.locator(".socialplan-chapter-index ol a")
        assert links.count() >= 3
        # Every chapter's link within one screen of scrolling from the top.
        bottoms = page.evaluate(
            """() => [...document.querySelectorAll(".socialplan-chapter-index ol a")]
                 .map((a) => a.getBoundingClientRect().bottom + window.scrollY)"""
        )
        assert max(bottoms) <= 2 * height, bottoms
        last = links.last
        title = last.inner_text()
        last.scroll_into_view_if_needed()
        if width == PHONE:
            last.tap()
        else:
            last.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == title
        # Previous and next chapter at the top, in the first screen, and at
        # the bottom, before the comments.
        top = page.locator(".socialplan-chapter-nav--top")
        assert top.locator("a[rel=prev]").count() == 1
        assert in_view(page, ".socialplan-chapter-nav--top a[rel=prev]")
        bottom = page.locator(".socialplan-chapter-nav--bottom")
        assert bottom.locator("a[rel=prev]").count() == 1
        assert page.evaluate(
            """() => {
              const nav = document.querySelector(".socialplan-chapter-nav--bottom");
              const comments = document.getElementById("socialplan-comments");
              return !comments || !!(nav.compareDocumentPosition(comments)
                & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
        bottom.locator("a[rel=prev]").click()
        page.wait_for_load_state()
        assert page.locator(".socialplan-chapter-nav--top a[rel=next]").inner_text()
        assert (
            title
            in page.locator(".socialplan-chapter-nav--top a[rel=next]").inner_text()
        )
        page.close()

    def test_markers_only_where_comments_are_offered(self, demo_site, contexts, width):
        page = contexts(width).new_page()
        page.goto(f"{demo_site.absolute_url()}/{PLAN}")
        found = page.evaluate(
            """() => {
              const markers = [...document.querySelectorAll(
                "#parent-fieldname-text .socialplan-marker")];
              const owner = (m) => document.querySelector(
                `[data-paragraph="${m.dataset.paragraphId}"]`);
              return {
                total: markers.length,
                headings: markers.filter((m) => /^H[1-6]$/.test(owner(m).tagName)).length,
                notices: markers.filter(
                  (m) => owner(m).classList.contains("socialplan-no-comments")).length,
                paragraphs: document.querySelectorAll(
                  "#parent-fieldname-text p[data-paragraph]:not(.socialplan-no-comments)").length,
              };
            }"""
        )
        assert found["headings"] == 0
        assert found["notices"] == 0
        assert page.locator(".socialplan-no-comments").count() == 1
        assert found["total"] >= found["paragraphs"] > 0
        page.close()

    def test_thanks_in_view_and_focused(self, demo_site, contexts, width):
        guards.reset_rate_limits()
        page = contexts(width).new_page()
        page.goto(f"{demo_site.absolute_url()}/{PLAN}/{ACTION}")
        # Errors first: the summary takes the focus and links to each field.
        form = page.locator("#socialplan-comment-form")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        summary = page.locator("#socialplan-comment-errors")
        summary.wait_for()
        assert page.evaluate(FOCUSED) == "socialplan-comment-errors"
        assert in_view(page, "#socialplan-comment-errors")
        targets = summary.locator("a").evaluate_all(
            "(links) => links.map((a) => a.getAttribute('href'))"
        )
        assert "#comment-text" in targets and "#comment-author_email" in targets
        summary.locator("a[href='#comment-text']").click()
        assert page.evaluate(FOCUSED) == "comment-text"
        # Then a comment: the thanks in view, focused, the form empty below.
        fill_comment(page, f"Un commento dalla prima visita ({width} px).")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        thanks = page.locator("#socialplan-thanks")
        thanks.wait_for()
        assert "will be published after moderation" in thanks.inner_text()
        assert page.evaluate(FOCUSED) == "socialplan-thanks"
        assert in_view(page, "#socialplan-thanks")
        assert page.locator("#comment-text").input_value() == ""
        page.close()

    def test_pledge_thanks_in_view_and_focused(self, demo_site, contexts, width):
        guards.reset_rate_limits()
        page = contexts(width).new_page()
        page.goto(f"{demo_site.absolute_url()}/{PLAN}/{ACTION}/@@pledge")
        page.locator("form.socialplan-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.evaluate(FOCUSED) == "socialplan-pledge-errors"
        assert in_view(page, "#socialplan-pledge-errors")
        summary = page.locator("#socialplan-pledge-errors")
        summary.locator("a[href='#pledge-first_name']").click()
        assert page.evaluate(FOCUSED) == "pledge-first_name"
        page.locator("#pledge-first_name").fill("Luca")
        page.locator("#pledge-last_name").fill("Verdi")
        page.locator("#pledge-organization_type").select_option("citizen")
        page.locator("#pledge-email").fill("luca.first-visit@example.org")
        page.locator("#pledge-contribution").fill("Ospitiamo due tirocini.")
        page.locator("#pledge-privacy_consent").check()
        page.locator("form.socialplan-form button[type=submit]").click()
        page.wait_for_load_state()
        page.locator("#socialplan-thanks").wait_for()
        assert "/@@pledge" not in page.url
        assert page.evaluate(FOCUSED) == "socialplan-thanks"
        assert in_view(page, "#socialplan-thanks")
        page.close()
