"""The report and the results page in Chromium: no WCAG 2.1 AA violations
found by axe-core in our markup, and the print layout keeps only the report."""

from pathlib import Path
from tests.support.plans import set_window
from tests.support.users import ANONYMOUS
from tests.support.users import PASSWORD

import base64
import json
import pytest


pytestmark = pytest.mark.browser

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def page_for(chromium):
    contexts = []

    def factory(who):
        headers = {}
        if who != ANONYMOUS:
            token = base64.b64encode(f"{who}:{PASSWORD}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        context = chromium.new_context(
            locale="en-US",
            extra_http_headers=headers,
            viewport={"width": 1280, "height": 900},
        )
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


def axe_violations(page, selector):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        """([selector, tags]) => axe.run(document.querySelector(selector),
               {runOnly: {type: "tag", values: tags}})""",
        [selector, WCAG_AA],
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def test_report_passes_axe(report, page_for):
    page = page_for("manager")
    response = page.goto(f"{report.url()}/@@consultation-report")
    assert response.status == 200
    violations = axe_violations(page, ".socialplan-report")
    assert violations == [], json.dumps(violations, indent=1)


def test_axe_reports_what_it_finds(report, page_for):
    """The scan sees our markup: an image without alternative text fails."""
    page = page_for("manager")
    page.goto(f"{report.url()}/@@consultation-report")
    page.evaluate(
        """() => document.querySelector('.socialplan-report')
             .insertAdjacentHTML('beforeend', '<img src="x.png">')"""
    )
    assert "image-alt" in [v["id"] for v in axe_violations(page, ".socialplan-report")]


def test_results_pass_axe(report, page_for):
    set_window(report.plan, "closed")
    page = page_for(ANONYMOUS)
    response = page.goto(f"{report.url()}/@@consultation-results")
    assert response.status == 200
    violations = axe_violations(page, ".socialplan-report")
    assert violations == [], json.dumps(violations, indent=1)


def test_print_layout(report, page_for):
    page = page_for("manager")
    page.goto(f"{report.url()}/@@consultation-report")
    page.emulate_media(media="print")

    def shown(selector):
        return page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                 .some(el => getComputedStyle(el).display !== "none")""",
            selector,
        )

    assert not shown("#portal-header")
    assert not shown("#portal-column-one")
    assert not shown(".socialplan-report-filters")
    assert not shown(".socialplan-report-links")
    assert shown(".socialplan-chart svg")
    assert shown(".socialplan-report-item")
    # Charts fit an A4 page (170 mm at 96 dpi is about 643 px).
    width = page.evaluate(
        "() => document.querySelector('.socialplan-chart svg').getBoundingClientRect().width"
    )
    assert 0 < width <= 643
    breaks = page.evaluate(
        """() => [...document.querySelectorAll('.socialplan-report-chapter')]
             .map(el => getComputedStyle(el).breakBefore)"""
    )
    assert breaks and set(breaks) == {"page"}
    assert page.pdf(format="A4")[:4] == b"%PDF"
