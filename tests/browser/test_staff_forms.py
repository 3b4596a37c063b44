"""The edit forms our editors use, in Chromium at 375 and 1280 px: axe-core
finds no WCAG 2.1 A/AA violation (stock widgets included: the theme gives
them the names they lack) and the page does not scroll sideways."""

from .test_accessibility import ACTION
from .test_accessibility import axe_violations
from .test_accessibility import CHAPTER
from .test_accessibility import contexts  # noqa: F401 (a fixture)
from .test_accessibility import demo_site  # noqa: F401 (a fixture)
from .test_accessibility import PLAN
from .test_accessibility import STAFF
from .test_accessibility import WIDEST

import json
import pytest


pytestmark = pytest.mark.browser

FORMS = {
    "plan-edit": f"{PLAN}/edit",
    "chapter-edit": f"{CHAPTER}/edit",
    "action-edit": f"{ACTION}/edit",
}


class TestStaffForms:
    @pytest.mark.parametrize("width", (1280, 375))
    @pytest.mark.parametrize("name", FORMS)
    def test_edit_form(self, demo_site, contexts, name, width):  # noqa: F811
        page = contexts(STAFF, "it", width).new_page()
        response = page.goto(f"{demo_site.absolute_url()}/{FORMS[name]}")
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        wide = page.evaluate(WIDEST)
        scroll = page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        print(name, width, json.dumps(violations, indent=1)[:3000], wide)
        assert scroll, wide
        assert violations == [], json.dumps(violations, indent=1)
        page.close()
