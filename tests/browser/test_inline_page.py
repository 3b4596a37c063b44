"""Inline feedback on a Chapter page in Chromium: select a passage and
comment, moderation, then the marker count and the highlight; the keyboard
path; a phone; the page without JavaScript; "load more"; an axe-core scan."""

from plone.app.discussion.interfaces import IConversation
from tests.browser.inline import drag_select
from tests.browser.inline import EMAIL
from tests.browser.inline import paragraph_with
from tests.support.browser import axe_violations
from tests.support.browser import phone_context
from tests.support.browser import select_text
from torino.socialplan.consultation.anchors import selector_for
from torino.socialplan.consultation.commented_paragraphs import inline_summary
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.consultation.moderation import moderate

import pytest
import transaction


pytestmark = pytest.mark.browser

# The page's own copy of the module (its address names its version): a
# second address would run a second copy on the page.
MODULE = "script[type=module][src*='++plone++torino.socialplan/inline.js']"

PENDING = "will be published after moderation"

# The paragraph with three sentences, and a list item.
SENTENCES = "La Città metropolitana promuove"
ITEM = "Un tavolo permanente"


@pytest.fixture(scope="class")
def browser(chromium):
    context = chromium.new_context(locale="en-US")
    yield context
    context.close()


def paragraph_id(page, words):
    return page.evaluate(
        """(words) => [...document.querySelectorAll("[data-paragraph]")]
            .find((e) => e.textContent.includes(words)).dataset.paragraph""",
        words,
    )


def marker(page, words):
    return page.locator(
        f".socialplan-marker[data-paragraph-id='{paragraph_id(page, words)}']"
    )


def bubble(page, words):
    """The number a paragraph's marker shows."""
    return marker(page, words).locator(".socialplan-marker__count").inner_text()


def fill_person(form, first="Giulia", last="Ferraris"):
    form.get_by_label("First name").fill(first)
    form.get_by_label("Surname").fill(last)
    form.get_by_label("Type of organisation").select_option("citizen")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("I consent to the processing of my personal data").check()


def thanks(page):
    """The thanks near the top of the open panel, a live region."""
    return page.locator(".socialplan-inline-panel .socialplan-inline-thanks")


SELECTION_RECTS = """() => [...document.getSelection().getRangeAt(0).getClientRects()]
  .map((r) => ({x: r.left, y: r.top, width: r.width, height: r.height}))"""


def overlaps(a, b, below=0):
    """Whether boxes ``a`` and ``b`` meet, ``a`` taken ``below`` px taller
    (where a phone draws its selection handles)."""
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"] + below
    )


def stored(site, text):
    """The comment with ``text``, as the server committed it."""
    transaction.abort()
    (comment,) = [c for c in IConversation(site.chapter).values() if c.text == text]
    return comment


class TestInlineFeedback:
    def test_select_a_passage_comment_moderate_highlight(self, inline_site, browser):
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(inline_site.url)
        pid = paragraph_id(page, SENTENCES)
        assert bubble(page, SENTENCES) == "1"

        drag_select(page, "cooperative sociali")
        button = page.get_by_role("button", name="Comment on the selected passage")
        button.click()
        form = page.locator("#socialplan-inline-form")
        # The panel opens below the paragraph, focus in the comment field.
        assert page.evaluate("document.activeElement.id") == "inline-comment-text"
        assert form.locator("blockquote").inner_text() == "cooperative sociali"
        assert marker(page, SENTENCES).get_attribute("aria-expanded") == "true"
        text = "Quali cooperative, e dove?"
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_role("button", name="Send comment").click()
        thanks(page).get_by_text(PENDING).wait_for()

        comment = stored(inline_site, text)
        assert comment.anchor["exact"] == "cooperative sociali"
        assert comment.anchor["suffix"].startswith(" creano lavoro")
        assert comment.paragraph == pid
        # Pending: no count, no highlight yet.
        page.reload()
        assert bubble(page, SENTENCES) == "1"
        assert page.locator("mark", has_text="cooperative sociali").count() == 0

        moderate(inline_site.plan, [comment.absolute_url()], "publish")
        transaction.commit()
        assert inline_summary(inline_site.chapter)["counts"][pid] == 2

        page.reload()
        assert bubble(page, SENTENCES) == "2"
        assert "2 comments on this paragraph" in marker(page, SENTENCES).text_content()
        mark = page.locator("mark.socialplan-highlight", has_text="cooperative sociali")
        assert mark.count() == 1
        assert mark.get_attribute("data-comment") == str(comment.comment_id)
        # The fixture's comment on a whole paragraph marks that paragraph.
        whole = page.locator("[data-paragraph]", has_text="cinque anni")
        assert "socialplan-paragraph--commented" in whole.get_attribute("class")
        # The highlight leads to the comment, in the paragraph's panel.
        mark.click()
        page.locator(f"#panel-comment-{comment.comment_id}").wait_for()
        assert (
            page.evaluate("document.activeElement.id")
            == f"panel-comment-{comment.comment_id}"
        )
        assert errors == []
        page.close()

    def test_no_marker_on_a_heading(self, inline_site, browser):
        """A heading is commented on with its section: no "+" on it, one on
        each paragraph and list item."""
        page = browser.new_page()
        page.goto(inline_site.url)
        heading = page.locator("#parent-fieldname-text h2[data-paragraph]").first
        pid = heading.get_attribute("data-paragraph")
        assert (
            page.locator(f".socialplan-marker[data-paragraph-id='{pid}']").count() == 0
        )
        assert marker(page, SENTENCES).count() == 1
        assert marker(page, ITEM).count() == 1
        page.close()

    def test_the_browser_reads_the_text_as_the_server(self, inline_site, browser):
        page = browser.new_page()
        chapter = inline_site.unicode
        page.goto(chapter.absolute_url())
        module = page.locator(MODULE).get_attribute("src")
        seen = page.evaluate(
            """async (url) => {
              const inline = await import(url);
              return [...document.querySelectorAll("#parent-fieldname-text [data-paragraph]")]
                .map((e) => [e.dataset.paragraph, inline.paragraphText(e)]);
            }""",
            module,
        )
        transaction.abort()
        current = paragraphs(chapter)
        assert seen == [[p.id, p.text] for p in current]
        assert "Caffè e cornetto per tutti \U0001f600 anche" in current[0].text

        # Offsets count code points: a passage after an emoji.
        words = "anche i bambini"
        start = current[0].text.index(words)
        expected = selector_for(current, current[0].id, start, start + len(words))
        selector = page.evaluate(
            """async ([url, id, words]) => {
              const inline = await import(url);
              const element = document.querySelector(`[data-paragraph="${id}"]`);
              const at = inline.paragraphText(element).indexOf(words);
              return inline.selectorFor(element, at, at + words.length);
            }""",
            [module, current[0].id, words],
        )
        assert selector["exact"] == expected["exact"]
        # The context as it stands, the space next to the quote included.
        assert selector["prefix"] == expected["prefix"]
        assert selector["suffix"] == expected["suffix"]
        assert [selector["start"], selector["end"]] == [
            expected["position"]["start"],
            expected["position"]["end"],
        ]

        # And through the page: after a family emoji (a joined sequence).
        drag_select(page, "lunga")
        page.get_by_role("button", name="Comment on the selected passage").click()
        form = page.locator("#socialplan-inline-form")
        text = "Una citazione da spiegare."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_role("button", name="Send comment").click()
        thanks(page).get_by_text(PENDING).wait_for()
        transaction.abort()
        (comment,) = [c for c in IConversation(chapter).values() if c.text == text]
        quote = current[-1]
        assert comment.anchor["exact"] == "lunga"
        assert (comment.paragraph, comment.anchor_start) == (
            quote.id,
            quote.text.index("lunga"),
        )
        page.close()

    def test_keyboard_only(self, inline_site, browser):
        page = browser.new_page()
        page.goto(inline_site.url)
        pid = paragraph_id(page, SENTENCES)
        for _press in range(80):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.dataset.paragraphId")
            if focused == pid:
                break
        else:
            pytest.fail("Tab never reached the paragraph's button")
        page.keyboard.press("Enter")
        assert marker(page, SENTENCES).get_attribute("aria-expanded") == "true"
        for _press in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "inline-comment-passage":
                break
        else:
            pytest.fail("Tab never reached the passage choice")
        # The whole paragraph, then its three sentences: take the last one.
        for _press in range(3):
            page.keyboard.press("ArrowDown")
        form = page.locator("#socialplan-inline-form")
        sentence = "Servono nuovi percorsi di formazione."
        assert form.locator("blockquote").inner_text() == sentence
        text = "Formazione per chi lavora già."
        page.keyboard.press("Tab")
        page.keyboard.type(text)
        page.keyboard.press("Tab")  # position paper: none
        assert page.evaluate("document.activeElement.id") == (
            "inline-comment-position_paper"
        )
        page.keyboard.press("Tab")
        page.keyboard.type("Anna")
        page.keyboard.press("Tab")
        page.keyboard.type("Conti")
        page.keyboard.press("Tab")  # organisation: none
        page.keyboard.press("Tab")
        page.keyboard.type("Citizen")
        page.keyboard.press("Tab")
        page.keyboard.type(EMAIL)
        page.keyboard.press("Tab")  # the honeypot is out of the tab order
        assert page.evaluate("document.activeElement.id") == (
            "inline-comment-privacy_consent"
        )
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # the privacy notice link
        page.keyboard.press("Tab")  # the outcome e-mail box, left unchecked
        assert page.evaluate("document.activeElement.name") == "outcome_mail_opt_in"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Send comment"
        page.keyboard.press("Enter")
        thanks(page).get_by_text(PENDING).wait_for()
        comment = stored(inline_site, text)
        assert comment.anchor["exact"] == sentence
        assert comment.paragraph == pid
        assert comment.organization_type == "citizen"

        page.keyboard.press("Escape")
        assert page.locator("#socialplan-inline-form").count() == 0
        assert page.evaluate("document.activeElement.dataset.paragraphId") == pid
        assert marker(page, SENTENCES).get_attribute("aria-expanded") == "false"
        page.close()

    def test_phone(self, inline_site, chromium):
        context = phone_context(chromium)
        page = context.new_page()
        page.goto(inline_site.url)
        button = marker(page, "cinque anni")
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        button.tap()
        panel = page.locator(".socialplan-inline-panel")
        panel.get_by_text("Cinque anni sono pochi.").wait_for()
        form = page.locator("#socialplan-inline-form")
        assert form.locator("blockquote").inner_text().startswith("Il piano dura")
        text = "Serve anche un bilancio a metà percorso."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_role("button", name="Send comment").tap()
        thanks(page).get_by_text(PENDING).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        comment = stored(inline_site, text)
        paragraph = paragraph_with(inline_site.chapter, "cinque anni")
        assert comment.paragraph == paragraph.id
        assert comment.anchor["exact"] == paragraph.text
        context.close()

    def test_thanks_then_forget_the_details_by_keyboard(self, inline_site, browser):
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(inline_site.url)
        marker(page, ITEM).focus()
        page.keyboard.press("Enter")
        form = page.locator("#socialplan-inline-form")
        text = "Un tavolo anche per i giovani."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form, first="Marta", last="Gallo")
        form.get_by_label("Organisation", exact=True).fill("Cooperativa Aurora")
        form.get_by_role("button", name="Send comment").focus()
        page.keyboard.press("Enter")
        panel = page.locator(".socialplan-inline-panel")
        message = thanks(page)
        message.get_by_text(PENDING).wait_for()
        stored(inline_site, text)

        # The form closes to the thanks, at the top of the panel, where the
        # focus is: a live region, so it is read out too.
        assert form.count() == 0
        focused = page.evaluate(
            """() => ({cls: document.activeElement.className,
                       role: document.activeElement.getAttribute("role"),
                       text: document.activeElement.textContent})"""
        )
        assert focused["cls"] == "socialplan-inline-thanks"
        assert focused["role"] == "status"
        assert PENDING in focused["text"]
        # In one go: focus() may scroll the page smoothly meanwhile.
        bar, box, comments = page.evaluate(
            """() => [".socialplan-inline-panel__bar", ".socialplan-inline-thanks",
                      ".socialplan-inline-panel__comments"].map((s) => {
              const r = document.querySelector(s).getBoundingClientRect();
              return {y: r.top, height: r.height};
            })"""
        )
        assert bar["y"] + bar["height"] <= box["y"] + 1
        assert box["y"] + box["height"] <= comments["y"] + 1
        assert box["y"] - bar["y"] < 100, (bar, box)
        assert axe_violations(page) == []

        # Another comment: the details typed are still there.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == (
            "Forget my details"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == (
            "Write another comment"
        )
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inline-comment-text"
        assert message.inner_text() == ""
        assert form.get_by_label("First name").input_value() == "Marta"
        assert form.get_by_label("E-mail address").input_value() == EMAIL
        text = "E un fondo per le imprese giovani."
        page.keyboard.type(text)
        form.get_by_role("button", name="Send comment").focus()
        page.keyboard.press("Enter")
        message.get_by_text(PENDING).wait_for()
        assert stored(inline_site, text).first_name == "Marta"

        # Forget them: focus on the confirmation, itself announced.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == (
            "Forget my details"
        )
        page.keyboard.press("Enter")
        done = panel.get_by_text("Your details have been removed from the form.")
        done.wait_for()
        assert panel.get_by_role("button", name="Forget my details").count() == 0
        assert page.evaluate(
            """() => [document.activeElement.dataset.part,
                      document.activeElement.getAttribute("role")]"""
        ) == ["forgotten", "status"]
        # Nothing kept anywhere: no storage, no cookie, no field.
        kept = page.evaluate(
            """() => JSON.stringify([{...localStorage}, {...sessionStorage},
                                     document.cookie])"""
        )
        assert "Marta" not in kept and "Gallo" not in kept, kept
        assert "Aurora" not in kept and "example.org" not in kept, kept
        assert EMAIL not in page.locator("#socialplan-comment-form").evaluate(
            "(form) => [...new FormData(form).values()].join(' ')"
        )
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inline-comment-text"
        for label in ("First name", "Surname", "Organisation", "E-mail address"):
            assert form.get_by_label(label, exact=True).input_value() == "", label
        assert form.get_by_label("Type of organisation").input_value() == ""
        assert not form.get_by_label(
            "I consent to the processing of my personal data"
        ).is_checked()
        # And in a panel opened afresh.
        page.keyboard.press("Escape")
        marker(page, SENTENCES).click()
        assert form.get_by_label("First name").input_value() == ""
        assert errors == []
        page.close()

    def test_phone_selection_button_leaves_the_text_visible(
        self, inline_site, chromium
    ):
        context = phone_context(chromium)
        page = context.new_page()
        page.goto(inline_site.url)
        button = page.get_by_role("button", name="Comment on the selected passage")
        for words in ("persone fragili", "monitoraggio annuale"):
            page.get_by_text(words).first.scroll_into_view_if_needed()
            select_text(page, words)  # and waits for this selection's button
            box = button.bounding_box()
            rects = page.evaluate(SELECTION_RECTS)
            assert rects
            # Not over the passage, nor over the handles just below it.
            assert not [r for r in rects if overlaps(r, box, below=28)], (
                words,
                box,
                rects,
            )
            # In the viewport, big enough for a finger.
            assert box["y"] >= 0 and box["y"] + box["height"] <= 740
            assert box["height"] >= 44 and box["width"] >= 44

        assert axe_violations(page) == []

        # The selection down at the bottom of the screen: the bar moves up.
        # (A shorter screen: this text is near the top of the page.)
        page.set_viewport_size({"width": 375, "height": 500})
        page.evaluate(
            """() => {
              const rect = document.getSelection().getRangeAt(0).getBoundingClientRect();
              window.scrollBy(0, rect.bottom - (window.innerHeight - 20));
            }"""
        )
        page.wait_for_function(
            """() => document.querySelector(".socialplan-selection-button--top")"""
        )
        box = button.bounding_box()
        rects = page.evaluate(SELECTION_RECTS)
        assert rects[-1]["y"] > 400
        assert not [r for r in rects if overlaps(r, box)], (box, rects)

        button.tap()
        form = page.locator("#socialplan-inline-form")
        assert form.locator("blockquote").inner_text() == "monitoraggio annuale"
        assert page.evaluate("document.activeElement.id") == "inline-comment-text"
        assert button.count() == 0
        context.close()

    def test_without_javascript(self, inline_site, chromium):
        context = chromium.new_context(locale="en-US", java_script_enabled=False)
        page = context.new_page()
        page.goto(inline_site.url)
        link = page.locator(
            f"a.socialplan-marker[data-paragraph-id='{paragraph_id(page, ITEM)}']"
        )
        assert link.get_attribute("href").endswith(
            f"?paragraph={paragraph_id(page, ITEM)}#socialplan-comment-form"
        )
        link.click()
        form = page.locator("#socialplan-comment-form")
        assert form.locator("blockquote").inner_text() == (
            "Un tavolo permanente con gli enti del terzo settore."
        )
        text = "Il tavolo si riunisca ogni mese."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_role("button", name="Send comment").click()
        assert PENDING in page.content()
        comment = stored(inline_site, text)
        assert comment.paragraph == paragraph_id(page, ITEM)

        # A whole-page comment still works as before.
        form = page.locator("#socialplan-comment-form")
        assert form.locator("blockquote").count() == 0
        text = "Un commento su tutto il capitolo."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_role("button", name="Send comment").click()
        assert PENDING in page.content()
        assert stored(inline_site, text).anchor is None

        # "Load more" is a link to the next batch.
        page.get_by_role("link", name="Load more comments").click()
        assert "comments_start=20" in page.url
        comments = page.locator("#socialplan-comment-list > li")
        assert "Commento generale numero 21." in comments.first.inner_text()
        orphan = page.locator(f"#comment-{inline_site.orphan}")
        assert "is no longer in the text" in orphan.inner_text()
        assert orphan.locator("blockquote").inner_text() == "tolta dagli editori"
        page.get_by_role("link", name="Back to the earlier comments").click()
        assert "Commento generale numero 1." in comments.first.inner_text()
        context.close()

    def test_load_more_with_javascript(self, inline_site, browser):
        page = browser.new_page()
        page.goto(inline_site.url)
        comments = page.locator("#socialplan-comment-list > li")
        assert comments.count() == 20
        page.get_by_role("link", name="Load more comments").click()
        page.locator(f"#comment-{inline_site.orphan}").wait_for()
        assert comments.count() > 20
        assert "Commento generale numero 21." in comments.nth(20).inner_text()
        # Focus moves to the first comment added; the page stays.
        assert page.evaluate("document.activeElement.id") == comments.nth(
            20
        ).get_attribute("id")
        assert "comments_start" not in page.url
        assert page.get_by_role("link", name="Load more comments").count() == 0
        page.close()

    def test_accessibility(self, inline_site, browser):
        page = browser.new_page()
        page.goto(inline_site.url)
        assert page.locator("mark.socialplan-highlight").count() >= 1
        drag_select(page, "promuove l'economia sociale")
        page.locator(".socialplan-selection-button").wait_for()
        assert axe_violations(page) == []
        marker(page, SENTENCES).click()
        panel = page.locator(".socialplan-inline-panel")
        panel.get_by_text("Quali percorsi, e per chi?").wait_for()
        # Errors next to the fields; the summary above takes the focus and
        # links to each field in error.
        panel.get_by_role("button", name="Send comment").click()
        page.locator("#inline-comment-text-error").wait_for()
        summary = page.locator("#socialplan-inline-form [role=alert]")
        assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
        links = summary.locator("a")
        assert links.first.get_attribute("href") == "#inline-comment-text"
        assert links.first.inner_text().startswith("Comment")
        links.first.click()
        assert page.evaluate("document.activeElement.id") == "inline-comment-text"
        assert page.locator("#inline-comment-text").get_attribute(
            "aria-describedby"
        ).split() == ["inline-comment-text-help", "inline-comment-text-error"]
        assert axe_violations(page) == []
        page.close()
