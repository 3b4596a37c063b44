"""Inline comments, the details a first visit meets: the button for a
selected passage covers no text; a passage commented inside another is told
apart and has a link of its own; a removed passage leaves a trace in its
paragraph; a long press on a touch screen (Chromium's
touch events, then the selection a long press makes) leads to the form."""

from plone.app.textfield.value import RichTextValue
from tests.browser.inline import comment
from tests.browser.inline import drag_select
from tests.browser.inline import paragraph_with
from tests.browser.inline import passage_selector
from tests.support.browser import phone_context
from zope.lifecycleevent import modified

import pytest
import transaction


pytestmark = pytest.mark.browser

INNER = "percorsi di formazione"  # inside "nuovi percorsi di formazione"

# The client rects of the text in the Chapter's body, but the page's own
# controls (markers, the selection button, panels).
TEXT_RECTS = """() => {
  const body = document.getElementById("parent-fieldname-text");
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const rects = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.data.trim() || node.parentElement.closest("[data-socialplan-ui]")) {
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      rects.push({x: r.left, y: r.top, width: r.width, height: r.height,
                  text: node.data.trim().slice(0, 30)});
    }
  }
  return rects;
}"""


def overlaps(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.fixture(scope="class")
def nested(inline_site):
    """A published comment on a passage inside the fixture's passage."""
    inner = comment(
        inline_site.chapter,
        inline_site.portal.REQUEST,
        "Quali percorsi?",
        anchor=passage_selector(inline_site.chapter, INNER),
    )
    transaction.commit()
    return inner.comment_id


class TestInlineDetails:
    def test_selection_button_covers_no_text(self, inline_site, chromium):
        context = chromium.new_context(
            locale="en-US", viewport={"width": 1280, "height": 800}
        )
        page = context.new_page()
        page.goto(inline_site.url)
        for words in (
            "cooperative sociali",
            "monitoraggio annuale",
            "fondo di garanzia",
        ):
            drag_select(page, words)
            button = page.get_by_role("button", name="Comment on the selected passage")
            button.wait_for()
            box = button.bounding_box()
            covered = [r for r in page.evaluate(TEXT_RECTS) if overlaps(r, box)]
            assert covered == [], (words, box, covered)
        context.close()

    def test_a_passage_inside_another(self, inline_site, nested, chromium):
        context = chromium.new_context(locale="en-US")
        page = context.new_page()
        page.goto(inline_site.url)
        outer = page.locator(f"mark[data-comment='{inline_site.passage}']")
        inner = page.locator(f"mark[data-comment='{nested}']")
        assert inner.inner_text() == INNER
        assert "socialplan-highlight--nested" in inner.get_attribute("class")
        look = "(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).boxShadow]"
        assert outer.first.evaluate(look) != inner.evaluate(look)
        # Each passage its own link, to its own comment.
        links = page.locator("a.socialplan-highlight-link")
        targets = links.evaluate_all("(ls) => ls.map((l) => l.getAttribute('href'))")
        assert f"#comment-{inline_site.passage}" in targets
        assert f"#comment-{nested}" in targets
        own = page.get_by_role("link", name=INNER, exact=True)
        assert own.get_attribute("href") == f"#comment-{nested}"
        own.click()
        page.locator(f"#panel-comment-{nested}").wait_for()
        assert page.evaluate("document.activeElement.id") == f"panel-comment-{nested}"
        context.close()

    def test_long_press_on_a_phone(self, inline_site, chromium):
        context = phone_context(chromium)
        page = context.new_page()
        page.goto(inline_site.url)
        word = page.get_by_text("persone fragili").first
        word.scroll_into_view_if_needed()
        point = page.evaluate(
            """() => {
              const body = document.getElementById("parent-fieldname-text");
              const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf("fragili");
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(walker.currentNode, at);
                range.setEnd(walker.currentNode, at + 7);
                const r = range.getBoundingClientRect();
                return {x: r.left + r.width / 2, y: r.top + r.height / 2};
              }
            }"""
        )
        cdp = context.new_cdp_session(page)
        touch = [{"x": point["x"], "y": point["y"], "id": 1}]
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": touch}
        )
        page.wait_for_timeout(700)
        # What the long press does on a phone: the word under the finger
        # selected (headless Chromium has no selection UI to do it).
        page.evaluate(
            """([x, y]) => {
              const caret = document.caretRangeFromPoint(x, y);
              const node = caret.startContainer, text = node.data;
              let a = caret.startOffset, b = caret.startOffset;
              while (a > 0 && /\\S/.test(text[a - 1])) a -= 1;
              while (b < text.length && /\\S/.test(text[b])) b += 1;
              const range = document.createRange();
              range.setStart(node, a);
              range.setEnd(node, b);
              document.getSelection().removeAllRanges();
              document.getSelection().addRange(range);
            }""",
            [point["x"], point["y"]],
        )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        button = page.get_by_role("button", name="Comment on the selected passage")
        button.wait_for()
        box = button.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740
        button.tap()
        form = page.locator("#socialplan-inline-form")
        form.wait_for()
        # The word as a long press selects it: up to the next blank.
        assert form.locator("blockquote").inner_text() == "fragili."
        assert page.evaluate("document.activeElement.id") == "inline-comment-text"
        context.close()


class TestOrphanTrace:
    def test_a_removed_passage_leaves_a_trace(self, inline_site, chromium):
        chapter = inline_site.chapter
        gone = comment(
            chapter,
            inline_site.portal.REQUEST,
            "Annuale è poco.",
            anchor=passage_selector(chapter, "monitoraggio annuale"),
        )
        text = chapter.text.raw.replace(
            "prevede un monitoraggio annuale dei risultati\nraggiunti dalle azioni",
            "sarà rivisto a metà percorso",
        )
        assert text != chapter.text.raw
        chapter.text = RichTextValue(text, "text/html", "text/html")
        modified(chapter)
        transaction.commit()
        assert gone.orphaned
        paragraph = paragraph_with(chapter, "rivisto a metà percorso")
        assert gone.orphaned_from == paragraph.id  # the paragraph is still there
        context = chromium.new_context(locale="en-US")
        page = context.new_page()
        page.goto(inline_site.url)
        note = page.locator(
            f"[data-paragraph='{paragraph.id}'] a.socialplan-orphan-note"
        )
        # This one, and the fixture's comment on the whole paragraph (less
        # than 60% of its text is left).
        assert note.inner_text() == "2 comments on passages that were removed"
        assert note.is_visible()
        # Out of the paragraph's text as inline.js reads it.
        assert note.get_attribute("data-socialplan-ui") == "orphan"
        note.click()
        page.wait_for_function("location.hash === '#socialplan-comments'")
        # (The list shows each such comment with its quote and the words
        # "passage removed", a batch at a time.)
        assert page.locator(".socialplan-orphan-note").count() == 1
        context.close()
