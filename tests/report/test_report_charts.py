"""browser/report/charts.py: pygal charts as accessible inline SVG."""

from lxml import etree
from torino.socialplan.browser.report.charts import bar_chart

import re


SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return etree.fromstring(svg.encode("utf-8"))


def test_nothing_to_draw():
    assert bar_chart("c", "T", "D", ["a", "b"], [("x", [0, 0])]) is None
    assert bar_chart("c", "T", "D", [], [("x", [])]) is None


def test_named_image_without_script_or_repeated_ids():
    svg = bar_chart(
        "chart-x",
        "Contributi per capitolo «è»",
        "Grafico a barre.",
        ["Lavoro", "Finanza"],
        [("Commenti", [3, 1]), ("Impegni", [1, 0])],
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-x-svg-title chart-x-svg-desc"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "Contributi per capitolo «è»"
    assert root[1].tag == f"{SVG}desc" and root[1].get("id") == "chart-x-svg-desc"
    assert not root.findall(f".//{SVG}script")
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert ids == [root.get("id"), "chart-x-svg-title", "chart-x-svg-desc"]
    assert "<!--" not in svg


def _label_positions(svg, labels):
    """{label: y} of the category labels of a horizontal chart."""
    root = parse(svg)
    positions = {}
    for text in root.iter(f"{SVG}text"):
        if text.text in labels:
            positions[text.text] = float(text.get("y"))
    return positions


def test_horizontal_categories_read_from_the_top():
    labels = ["Primo", "Secondo", "Terzo"]
    svg = bar_chart("c", "T", "D", labels, [("n", [1, 2, 3])])
    y = _label_positions(svg, labels)
    assert y["Primo"] < y["Secondo"] < y["Terzo"]


def test_integer_ticks_up_to_the_highest_stack():
    svg = bar_chart("c", "T", "D", ["a", "b"], [("x", [4, 1]), ("y", [2, 0])])
    ticks = {
        t.text
        for t in parse(svg).iter(f"{SVG}text")
        if t.getparent().get("class", "").startswith("guides")
    }
    assert "6" in ticks
    assert not any(re.search(r"\.\d", tick or "") for tick in ticks)


def test_long_windows_render():
    days = [f"{n} nov" for n in range(1, 61)]
    svg = bar_chart(
        "c", "T", "D", days, [("c", list(range(60))), ("p", [1] * 60)], horizontal=False
    )
    assert parse(svg).get("role") == "img"
