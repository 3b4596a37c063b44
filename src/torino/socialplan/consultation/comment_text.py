"""A comment's plain text as safe HTML, rendered once when it is saved.

Pages and @comments show the stored ``rendered_html`` as is: no
PortalTransforms run on view, and everything the author typed is escaped.
"""

from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.inputs import normalize_newlines

import html
import re


# A blank line (possibly holding spaces) separates paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def render_text(text):
    """Paragraphs on blank lines, <br /> on single newlines, all escaped."""
    paragraphs = PARAGRAPH_BREAK.split(normalize_newlines(text or "").strip())
    rendered = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.strip().split("\n")]
        if any(lines):
            rendered.append(
                "<p>" + "<br />".join(html.escape(line) for line in lines) + "</p>"
            )
    return "".join(rendered)


def comment_html(comment):
    """The comment's stored HTML; comments saved before it existed are
    rendered now, by the same escaping rules (never through transforms)."""
    rendered = own_attribute(comment, "rendered_html", None)
    if rendered is None:
        rendered = render_text(comment.text)
    return rendered
