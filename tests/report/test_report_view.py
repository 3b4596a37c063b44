"""@@consultation-report: who opens it, what each reader sees, charts with
their tables, filters, batches, print stylesheet."""

from datetime import datetime
from lxml import html
from plone import api
from tests.report.consultation import EMAIL
from tests.report.consultation import REPORT_READERS
from tests.report.pages import chart_rows
from tests.report.pages import CHARTS
from tests.report.pages import listed_names
from tests.report.pages import names
from tests.report.pages import open_page
from tests.report.pages import tree
from tests.support.users import ACTORS
from tests.support.users import ANONYMOUS
from tests.support.users import MODERATORS
from torino.socialplan.base.window import as_rome
from torino.socialplan.browser.report import listing as report_listing
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest


def report_url(report, query="", plan="plan"):
    obj = report.plan if plan == "plan" else report.empty_plan
    return f"{obj.absolute_url()}/@@consultation-report{query}"


@pytest.mark.parametrize("who", ACTORS)
def test_who_opens_the_report(report, browser, who):
    b = open_page(browser, who, report_url(report))
    if who in REPORT_READERS:
        assert b.headers["status"].startswith("200")
        assert "Consultation report" in b.contents
    else:
        expected = "/login?" if who == ANONYMOUS else "/insufficient-privileges"
        assert expected in b.url
        assert "Maria" not in b.contents


@pytest.mark.parametrize("who", REPORT_READERS)
def test_states_and_emails_by_permission(report, browser, who):
    doc = tree(open_page(browser, who, report_url(report)))
    text = doc.text_content()
    if who in MODERATORS:
        assert listed_names(doc) == names(report.items)
        assert EMAIL in text
        assert doc.cssselect(".socialplan-report-states")
        assert doc.cssselect("#report-filter-state")
    else:
        # Editors of the bodies: published contributions, no addresses.
        assert listed_names(doc) == names(report.select(state="published"))
        assert EMAIL not in text
        assert "mailto:" not in html.tostring(doc, encoding="unicode")
        assert not doc.cssselect(".socialplan-report-states")
        assert not doc.cssselect("#report-filter-state")
        assert not doc.cssselect(".socialplan-report-state")


def test_editors_cannot_ask_for_pending(report, browser):
    doc = tree(
        open_page(browser, "plan_editor", report_url(report, "?review_state=pending"))
    )
    assert listed_names(doc) == names(report.select(state="published"))


@pytest.mark.parametrize("who", REPORT_READERS)
def test_links(report, browser, who):
    doc = tree(open_page(browser, who, report_url(report)))
    hrefs = {a.get("href") for a in doc.cssselect(".socialplan-report-links a")}
    plan = report.url()
    assert (f"{plan}/@@moderation" in hrefs) is (who in MODERATORS)
    # Every report reader may record outcomes (rolemap.xml).
    assert f"{plan}/@@outcomes" in hrefs
    assert f"{plan}/@@consultation-results" in hrefs
    for fmt in ("csv", "json", "xlsx"):
        assert f"{plan}/@@consultation-export?format={fmt}" in hrefs


def test_charts_are_images_with_tables(report, browser):
    doc = tree(open_page(browser, "manager", report_url(report)))
    sections = doc.cssselect("section.socialplan-chart")
    assert [s.get("id") for s in sections] == list(CHARTS)
    for section in sections:
        heading = section.cssselect("h3")[0].text_content().strip()
        svg = section.cssselect("svg")
        assert len(svg) == 1, section.get("id")
        svg = svg[0]
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        title = svg.cssselect("title")[0]
        assert title.get("id") == labelled[0]
        assert title.text_content() == heading
        assert svg.cssselect("desc")[0].get("id") == labelled[1]
        assert not svg.cssselect("script")
        # The figures, as a table with a caption, right after the chart.
        table = section.cssselect("table.socialplan-chart-data")[0]
        assert heading in table.cssselect("caption")[0].text_content()
        assert table.cssselect("th[scope=col]") and table.cssselect("th[scope=row]")
    ids = [el.get("id") for el in doc.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique in the page"


def test_chart_figures(report, browser):
    doc = tree(open_page(browser, "manager", report_url(report)))
    published = report.select(state="published")
    comments = [i for i in published if i.kind == "comment"]
    pledges = [i for i in published if i.kind == "pledge"]
    chapters = chart_rows(doc, "chart-chapters")
    lavoro = ("lavoro", "a111", "a112")
    assert chapters["Lavoro e inclusione"] == [
        str(sum(1 for i in comments if i.on in lavoro)),
        str(sum(1 for i in pledges if {"a111", "a112"} & set(i.actions))),
    ]
    assert chapters["The Plan as a whole"] == ["1", "0"]
    actions = chart_rows(doc, "chart-actions")
    assert actions["A.1.2 Inserimento lavorativo"] == ["0", "1"]
    resources = chart_rows(doc, "chart-pledges")
    assert resources["A.1.1 Formazione"] == [
        "1",
        "Spazi: 200 m²; Tempo del personale: 120 ore",
    ]
    kinds = chart_rows(doc, "chart-comment-kinds")
    assert kinds == {
        "Inline, on a passage": ["2"],
        "On a whole page": ["3"],
        "Replies": ["1"],
    }
    outcomes = chart_rows(doc, "chart-outcomes")
    assert outcomes["Partly accepted"] == ["1", "1"]
    assert outcomes["No outcome yet"] == [
        str(sum(1 for i in comments if not i.outcome)),
        str(sum(1 for i in pledges if not i.outcome)),
    ]
    days = chart_rows(doc, "chart-days")
    assert sum(int(c) + int(p) for c, p in days.values()) == len(published)
    types = chart_rows(doc, "chart-organization-types")
    assert types["Foundation"] == ["1", "1"]


def _items_by_name(doc):
    found = {}
    for article in doc.cssselect(".socialplan-report-item"):
        name = " ".join(
            article.cssselect(".socialplan-report-author strong")[0]
            .text_content()
            .split()
        )
        found[name] = article
    return found


def test_quote_outcome_and_names(report, browser):
    doc = tree(open_page(browser, "manager", report_url(report)))
    items = _items_by_name(doc)
    inline = items["Zoë Çelik"]
    assert inline.cssselect("mark")[0].text_content() == (
        "inserimento lavorativo delle persone fragili"
    )
    assert "favorire l'" in inline.cssselect("blockquote")[0].text_content()
    whole = items["Jörg Müller"]
    assert "Società Cooperativa «Él»" in whole.text_content()
    outcome = whole.cssselect(".socialplan-report-outcome")[0].text_content()
    assert "Accepted" in outcome and "Aggiunto un capitolo sugli indicatori." in outcome
    reply = items["Giuseppe Verdi"]
    assert "Maria Rossi" in reply.text_content()  # in reply to
    pledge = items["Ælfred Sørensen"]
    assert "120 ore" in pledge.text_content()
    links = pledge.cssselect("dd a")
    assert [a.text_content() for a in links if "mailto" not in a.get("href")] == [
        "A.1.1 Formazione",
        "A.2.1 Fondo di garanzia",
    ]


def test_dates_in_rome(report, browser):
    doc = tree(open_page(browser, "manager", report_url(report)))
    times = [t.get("datetime") for t in doc.cssselect(".socialplan-report-item time")]
    assert len(times) == len(report.items)
    for value in times:
        parsed = datetime.fromisoformat(value)
        assert parsed.utcoffset() == as_rome(parsed).utcoffset()


def test_grouped_by_chapter_then_action(report, browser):
    doc = tree(open_page(browser, "manager", report_url(report)))
    headings = [
        " ".join(h.text_content().split())
        for h in doc.cssselect(
            ".socialplan-report-group h3, .socialplan-report-group h4"
        )
    ]
    assert headings == [
        "The Plan as a whole",
        "Lavoro e inclusione",
        "A.1.1 Formazione",
        "A.1.2 Inserimento lavorativo",
        "Finanza d'impatto",
        "A.2.1 Fondo di garanzia",
    ]


def _uid(report, key):
    return api.content.get_uuid(report.content[key])


FILTERS = {
    "kind=inline": lambda i: i.inline,
    "kind=reply": lambda i: i.is_reply,
    "kind=pledge": lambda i: i.kind == "pledge",
    "kind=whole_page": lambda i: (
        i.kind == "comment" and not i.inline and not i.is_reply
    ),
    "review_state=spam": lambda i: i.state == "spam",
    "organization_type=company": lambda i: i.organization_type == "company",
    "outcome=partly_accepted": lambda i: i.outcome == "partly_accepted",
    "outcome=none": lambda i: i.outcome is None,
    "q=formazione": lambda i: "formazione" in i.text.lower(),
    "q=%C3%87ELIK": lambda i: i.last_name == "Çelik",
    "kind=comment&review_state=pending": lambda i: (
        i.kind == "comment" and i.state == "pending"
    ),
    "chapter=plan": lambda i: i.kind == "comment" and i.on == "plan",
}


@pytest.mark.parametrize("query", FILTERS)
def test_filters(report, browser, query):
    doc = tree(open_page(browser, "manager", report_url(report, f"?{query}")))
    expected = names(i for i in report.items if FILTERS[query](i))
    assert expected, "each filter must select something"
    assert listed_names(doc) == expected
    assert len(expected) < len(report.items)


def test_chapter_filter(report, browser):
    uid = _uid(report, "finanza")
    doc = tree(open_page(browser, "manager", report_url(report, f"?chapter={uid}")))
    expected = names(
        i
        for i in report.items
        if i.on in ("finanza", "a211", "a222") or {"a211", "a222"} & set(i.actions)
    )
    assert listed_names(doc) == expected
    selected = doc.cssselect("#report-filter-chapter option[selected]")
    assert [o.get("value") for o in selected] == [uid]


def test_unknown_filter_values_are_ignored(report, browser):
    doc = tree(
        open_page(
            browser,
            "manager",
            report_url(
                report, "?kind=nonsense&outcome=bogus&chapter=x&organization_type=y"
            ),
        )
    )
    assert listed_names(doc) == names(report.items)


def test_batches(report, browser, monkeypatch):
    monkeypatch.setattr(report_listing, "PAGE_SIZE", 5)
    b = open_page(browser, "manager", report_url(report, "?kind=comment"))
    doc = tree(b)
    first = listed_names(doc)
    assert len(first) == 5
    assert "11" in doc.cssselect(".socialplan-report-count")[0].text_content()
    pages = {
        a.get("href")
        for a in doc.cssselect(".pagination a")
        if "b_start" in (a.get("href") or "")
    }
    assert pages
    second_url = next(p for p in pages if "b_start:int=5" in p or "b_start=5" in p)
    query = parse_qs(urlsplit(second_url).query)
    assert query["kind"] == ["comment"]  # the filters follow the pages
    second = listed_names(tree(open_page(browser, "manager", second_url)))
    assert len(second) == 5 and not set(second) & set(first)


def test_empty_consultation(report, browser):
    doc = tree(open_page(browser, "manager", report_url(report, plan="empty")))
    assert not doc.cssselect(".socialplan-chart svg")
    assert len(doc.cssselect(".socialplan-chart-empty")) == len(CHARTS)
    totals = [
        td.text_content().strip()
        for td in doc.cssselect(".socialplan-report-totals td")
    ]
    assert totals == ["0"] * 5  # comments, inline, replies, pledges, papers
    assert "Contributions found: 0" in " ".join(doc.text_content().split())


def test_print_stylesheet(report, browser):
    b = open_page(browser, "manager", report_url(report))
    links = [
        link.get("href")
        for link in tree(b).cssselect("link[rel=stylesheet]")
        if "report.css" in link.get("href")
    ]
    assert len(links) == 1
    css = open_page(browser, ANONYMOUS, links[0])
    assert css.headers["status"].startswith("200")
    assert "@media print" in css.contents
    assert "break-before: page" in css.contents
