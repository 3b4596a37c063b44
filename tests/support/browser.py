"""Debian's Chromium, driven by Playwright (never `playwright install`),
and axe-core's scan of a page."""

from pathlib import Path

import os
import pytest


CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps calling Google's hosts, which this closed
# network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright (never `playwright install`)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations of the whole page:
    [{id, nodes: [[target, summary]]}]."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
          return result.violations.map((v) => ({id: v.id, nodes: v.nodes.map(
            (n) => [n.target.join(" "), n.failureSummary])}));
        }""",
        AXE_TAGS,
    )


def phone_context(chromium, locale="en-US", height=740):
    """A browser context as a phone: 375 px wide, touch, mobile."""
    return chromium.new_context(
        locale=locale,
        viewport={"width": 375, "height": height},
        has_touch=True,
        is_mobile=True,
    )


def select_text(page, words):
    """Select ``words`` as a phone's long press would, and wait until the
    page's button is the one of this selection (the previous one stays until
    the page has seen the new selection)."""
    page.evaluate(
        """(words) => {
          const walker = document.createTreeWalker(
            document.getElementById("parent-fieldname-text"), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return;
          }
        }""",
        words,
    )
    page.wait_for_function(
        """(words) => {
          const b = document.querySelector(".socialplan-selection-button");
          return b && b.passage && b.passage.selector.exact === words;
        }""",
        arg=words,
    )
