"""How the report and results tests read a page: open it as someone, parse
it, the names it lists and the rows of its charts."""

from lxml import html


CHARTS = (
    "chart-chapters",
    "chart-actions",
    "chart-days",
    "chart-organization-types",
    "chart-comment-kinds",
    "chart-pledges",
    "chart-outcomes",
)


def open_page(browser, who, url):
    b = browser(who)
    b.open(url)
    return b


def tree(b):
    return html.fromstring(b.contents)


def listed_names(doc):
    return sorted(
        " ".join(el.text_content().split())
        for el in doc.cssselect(
            ".socialplan-report-item .socialplan-report-author strong"
        )
    )


def names(items):
    return sorted(f"{i.first_name} {i.last_name}" for i in items)


def chart_rows(doc, chart):
    table = doc.cssselect(f"#{chart} table")[0]
    return {
        " ".join(row.cssselect("th")[0].text_content().split()): [
            " ".join(td.text_content().split()) for td in row.cssselect("td")
        ]
        for row in table.cssselect("tbody tr")
    }
