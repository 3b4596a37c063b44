"""Charts of the report and the results page: pygal, rendered on the server
as inline SVG, readable without JavaScript.

Each chart is an image with a name (``role="img"`` and ``aria-labelledby`` on
its SVG ``<title>`` and ``<desc>``); the data table the template prints after
it is the accessible version of the same figures. pygal's script and its
legend ids (repeated in every chart) are taken out: nothing needs them and
ids must be unique in the page.
"""

from lxml import etree
from pygal.style import Style

import math
import pygal


SVG = "http://www.w3.org/2000/svg"

# Dark enough on white for graphical objects (WCAG 1.4.11: at least 3:1; all
# of these are above 4.5:1) and told apart by more than hue in the tables.
COLORS = (
    "#1f4e79",  # blue
    "#a14000",  # orange
    "#2e6b30",  # green
    "#6a1b9a",  # purple
    "#8b1a1a",  # red
    "#00585e",  # teal
    "#5c4a00",  # olive
    "#37474f",  # slate
)

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    opacity="1",
    opacity_hover="0.85",
    transition="0s",
    colors=COLORS,
    # The figures printed on the bars: white on the dark fills.
    value_colors=("#ffffff",) * len(COLORS),
    # The theme's type (theme/scss/theme.scss): the charts are inline SVG and
    # use the font the page has loaded.
    font_family="'Titillium Web', Geneva, Tahoma, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    legend_font_size=14,
    title_font_size=16,
)

WIDTH = 800
ROW_HEIGHT = 34  # per category of a horizontal bar chart
MIN_HEIGHT = 180
LABEL_LENGTH = 48


def _ticks(series):
    """Integer ticks for counts (pygal would otherwise draw 0.5 steps), up
    to the highest stack."""
    top = max(
        [0, *(sum(values) for values in zip(*(v for _n, v in series), strict=True))]
    )
    if top <= 0:
        return [0, 1]
    step = max(1, math.ceil(top / 8))
    return list(range(0, top + step, step))


def _config(**extra):
    config = {
        "disable_xml_declaration": True,
        "js": [],
        "style": STYLE,
        "width": WIDTH,
        "print_values": True,
        "print_zeroes": False,
        "legend_at_bottom": True,
        "truncate_label": LABEL_LENGTH,
        "truncate_legend": -1,
        "show_y_guides": True,
    }
    config.update(extra)
    return config


def bar_chart(chart_id, title, description, labels, series, horizontal=True):
    """An SVG bar chart (a string), or None when every value is zero.

    ``series`` is [(name, [values in the order of labels])]; several series
    are stacked (contributions of different kinds add up).
    """
    if not labels or not any(v for _name, values in series for v in values):
        return None
    stacked = len(series) > 1
    if horizontal:
        factory = pygal.HorizontalStackedBar if stacked else pygal.HorizontalBar
        height = max(MIN_HEIGHT, ROW_HEIGHT * len(labels) + 110)
        extra = {}
    else:
        factory = pygal.StackedBar if stacked else pygal.Bar
        height = 360
        extra = {"x_label_rotation": 45 if len(labels) > 14 else 0}
        if len(labels) > 31:
            # A long window: a readable subset of the days on the axis (the
            # table lists them all).
            extra.update(show_minor_x_labels=False, x_labels_major_count=12)
    chart = factory(
        **_config(height=height, show_legend=stacked, **extra),
    )
    if horizontal:
        # pygal draws the first category at the bottom: the table's order
        # reads from the top.
        labels = list(reversed(labels))
        series = [(name, list(reversed(values))) for name, values in series]
    chart.x_labels = labels
    chart.y_labels = _ticks(series)
    for name, values in series:
        chart.add(name, [v or None for v in values])
    return accessible(chart.render(is_unicode=True), chart_id, title, description)


def accessible(svg, chart_id, title, description):
    """``svg`` as an image with a name and a description, without scripts
    and repeated ids."""
    root = etree.fromstring(svg.encode("utf-8"))
    for comment in root.xpath("//comment()"):
        comment.getparent().remove(comment)
    for script in root.iter(f"{{{SVG}}}script"):
        script.getparent().remove(script)
    for element in root.xpath("//*[@id]"):
        if element is not root:
            del element.attrib["id"]
    title_id, desc_id = f"{chart_id}-svg-title", f"{chart_id}-svg-desc"
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("focusable", "false")
    desc = etree.Element(f"{{{SVG}}}desc", id=desc_id)
    desc.text = description
    root.insert(0, desc)
    heading = etree.Element(f"{{{SVG}}}title", id=title_id)
    heading.text = title
    root.insert(0, heading)
    return etree.tostring(root, encoding="unicode")
