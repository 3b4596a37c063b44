"""@@consultation-results: a polite page until the window closes, then the
published contributions, their outcomes and the charts, for everyone."""

from plone import api
from tests.report.consultation import EMAIL
from tests.report.pages import chart_rows
from tests.report.pages import CHARTS
from tests.report.pages import listed_names
from tests.report.pages import names
from tests.report.pages import open_page
from tests.report.pages import tree
from tests.support.plans import set_window
from tests.support.users import ACTORS
from tests.support.users import ANONYMOUS

import pytest
import transaction


def results_url(report, query="", plan="plan"):
    obj = report.plan if plan == "plan" else report.empty_plan
    return f"{obj.absolute_url()}/@@consultation-results{query}"


@pytest.mark.parametrize("state", ["open", "upcoming"])
@pytest.mark.parametrize("who", [ANONYMOUS, "manager"])
def test_before_closing(report, browser, state, who):
    set_window(report.plan, state)
    b = open_page(browser, who, results_url(report))
    assert b.headers["status"].startswith("200")
    doc = tree(b)
    message = " ".join(
        doc.cssselect(".socialplan-results-pending")[0].text_content().split()
    )
    end = report.plan.window().end
    assert "Its results will be published on this page after that date" in message
    assert str(end.year) in message
    time = doc.cssselect(".socialplan-results-pending time")[0].get("datetime")
    assert time == end.replace(microsecond=0).isoformat()
    assert not doc.cssselect(".socialplan-report-item")
    assert not doc.cssselect(".socialplan-chart")
    assert "Maria" not in b.contents


def test_before_closing_without_dates(report, browser):
    report.plan.consultation_start = None
    report.plan.consultation_end = None
    transaction.commit()
    doc = tree(open_page(browser, ANONYMOUS, results_url(report)))
    message = doc.cssselect(".socialplan-results-pending")[0].text_content()
    assert "after it closes" in message


@pytest.mark.parametrize("who", ACTORS)
def test_after_closing_published_only(report, browser, who):
    set_window(report.plan, "closed")
    b = open_page(browser, who, results_url(report))
    assert b.headers["status"].startswith("200")
    doc = tree(b)
    assert listed_names(doc) == names(report.select(state="published"))
    # A public page: no addresses, no states, whoever reads it.
    assert EMAIL not in b.contents
    assert "mailto:" not in b.contents
    assert not doc.cssselect(".socialplan-report-state")
    assert not doc.cssselect("#report-filter-state")
    for hidden in report.items:
        if hidden.state != "published":
            assert hidden.text not in b.contents
    assert [s.get("id") for s in doc.cssselect("section.socialplan-chart")] == list(
        CHARTS
    )


def test_states_cannot_be_asked_for(report, browser):
    set_window(report.plan, "closed")
    doc = tree(open_page(browser, "manager", results_url(report, "?review_state=spam")))
    assert listed_names(doc) == names(report.select(state="published"))


def test_outcomes_beside_contributions(report, browser):
    set_window(report.plan, "closed")
    doc = tree(open_page(browser, ANONYMOUS, results_url(report)))
    outcomes = chart_rows(doc, "chart-outcomes")
    assert outcomes["Accepted"] == ["1", "0"]
    assert outcomes["Not accepted"] == ["1", "0"]
    texts = {
        " ".join(
            a.cssselect(".socialplan-report-author strong")[0].text_content().split()
        ): " ".join(a.cssselect(".socialplan-report-outcome")[0].text_content().split())
        for a in doc.cssselect(".socialplan-report-item")
    }
    assert (
        texts["Łukasz Nowak"]
        == "Outcome: Not accepted — Non compatibile con il bilancio."
    )
    assert texts["Maria Rossi"] == "No outcome yet."
    # The quoted passage of inline comments is public.
    assert "inserimento lavorativo delle persone fragili" in [
        m.text_content() for m in doc.cssselect("mark")
    ]


def test_filter_by_outcome(report, browser):
    set_window(report.plan, "closed")
    doc = tree(
        open_page(browser, ANONYMOUS, results_url(report, "?outcome=partly_accepted"))
    )
    assert listed_names(doc) == names(
        report.select(state="published", outcome="partly_accepted")
    )


def test_private_plan(report, browser):
    set_window(report.plan, "closed")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=report.plan, transition="retract")
    transaction.commit()
    b = open_page(browser, ANONYMOUS, results_url(report))
    assert "/login?" in b.url
    assert "Maria" not in b.contents


def test_empty_consultation(report, browser):
    set_window(report.empty_plan, "closed")
    doc = tree(open_page(browser, ANONYMOUS, results_url(report, plan="empty")))
    assert not doc.cssselect(".socialplan-chart svg")
    assert len(doc.cssselect(".socialplan-chart-empty")) == len(CHARTS)
    assert [
        td.text_content().strip()
        for td in doc.cssselect(".socialplan-report-totals td")
    ] == ["0"] * 5  # comments, inline, replies, pledges, papers


def test_search_never_matches_email_addresses(report, browser):
    set_window(report.plan, "closed")
    doc = tree(open_page(browser, ANONYMOUS, results_url(report, "?q=report-private")))
    assert listed_names(doc) == []
