"""The edit forms our editors use, in Chromium at 375 and 1280 px: axe-core
finds no WCAG 2.1 A/AA violation (stock widgets included: the theme gives
them the names they lack) and the page does not scroll sideways."""

from tests.browser.demo import ACTION
from tests.browser.demo import CHAPTER
from tests.browser.demo import PLAN
from tests.browser.demo import STAFF
from tests.browser.demo import WIDEST
from tests.support.browser import axe_violations

import json
import pytest


pytestmark = pytest.mark.browser

FORMS = {
    "plan-edit": f"{PLAN}/edit",
    "chapter-edit": f"{CHAPTER}/edit",
    "action-edit": f"{ACTION}/edit",
    "sharing": f"{PLAN}/@@sharing",
}


class TestStaffForms:
    @pytest.mark.parametrize("width", (1280, 375))
    @pytest.mark.parametrize("name", FORMS)
    def test_edit_form(self, demo_site, contexts, name, width):
        page = contexts(STAFF, "it", width).new_page()
        response = page.goto(f"{demo_site.absolute_url()}/{FORMS[name]}")
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        if name == "sharing":
            page.locator("#user-group-sharing input[type=checkbox]").first.wait_for()
            page.wait_for_function(
                """() => [...document.querySelectorAll(
                  "#user-group-sharing input[type=checkbox]")]
                  .every((box) => box.labels.length || box.getAttribute("aria-label"))"""
            )
        else:
            # The editor drawn, and named by the theme's staff.js.
            page.locator("iframe.tox-edit-area__iframe[title]").first.wait_for()
            page.locator("select[id$='_text_format'][aria-label]").first.wait_for()
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
        # No sideways scroll, on each tab of the form (the data grids too);
        # on a phone, axe again on each tab (hidden fields are not scanned).
        tabs = page.locator("nav.autotoc-nav a")
        for index in range(max(1, tabs.count())):
            if tabs.count():
                tabs.nth(index).click()
                if index and width == 375:
                    violations = axe_violations(page)
                    assert violations == [], json.dumps(violations, indent=1)
            assert page.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth"
            ), (index, page.evaluate(WIDEST))
        page.close()
