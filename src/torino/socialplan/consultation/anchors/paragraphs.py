"""Paragraphs of a rendered rich text, and their texts.

The innermost blocks of a body (``p``, ``li``, ``h1``-``h6``, ``blockquote``,
``pre``, ``td``, ``th``, ``dd``, ``dt``, ``figcaption``...): a block holding
other blocks (``li > p``, ``blockquote > p``) is not a paragraph, its inner
blocks are. Loose text beside inner blocks (``<li>Item <ul>...</ul></li>``,
text at the top level beside a ``<p>``) would belong to no paragraph, so each
run of it is one too: ``annotate_html`` marks the run's only element, or wraps
the run in a ``<span>`` (the only markup the module adds). A paragraph's text
is the element's ``textContent`` (entities decoded, ``<br>`` adds nothing),
whitespace collapsed and stripped exactly as JavaScript's
``.replace(/\\s+/g, " ").trim()`` does; empty paragraphs are skipped. The
document text is the paragraph texts joined with "\\n"; offsets are code
points. ``annotate_html`` returns lxml's serialisation of the fragment: the
same tree, though entities may come back as characters (``&egrave;`` as "è")
and void tags unclosed.
"""

from collections import namedtuple
from lxml import etree

import lxml.html
import re


Paragraph = namedtuple("Paragraph", "id text")

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator), not Python's: the
# browser computes the same texts and offsets.
_WHITESPACE = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)

# Elements that break the flow of text. Leaves among them are paragraphs.
_BLOCK_NAMES = (
    "address article aside blockquote caption center dd details dialog dir div "
    "dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hgroup hr li main menu nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul"
)
BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())


def collapse(text):
    """Whitespace runs as one space, as the browser sees them (not stripped:
    the context of a passage keeps the space that parts it from the quote)."""
    return _WHITESPACE.sub(" ", text) if text else ""


def normalize(text):
    """Collapse whitespace runs to one space and strip, as the browser does."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", text).strip(" ")


# HTML -----------------------------------------------------------------------


class _Run(namedtuple("_Run", "container lead children")):
    """Loose inline content between blocks: ``lead`` is the block before it
    (None: the run starts with ``container.text``)."""

    def text(self):
        head = self.container.text if self.lead is None else self.lead.tail
        parts = [head or ""]
        for child in self.children:
            if isinstance(child.tag, str):
                parts.append(child.text_content())
            parts.append(child.tail or "")
        return "".join(parts)

    def element(self):
        """The element to mark: the run's only element if it has nothing
        around it but whitespace (also what makes annotating idempotent),
        else a new <span> around the run."""
        head = self.container.text if self.lead is None else self.lead.tail
        if (
            len(self.children) == 1
            and isinstance(self.children[0].tag, str)
            and not normalize(head)
            and not normalize(self.children[0].tail)
        ):
            return self.children[0]
        return self.wrap()

    def wrap(self):
        span = self.container.makeelement("span", {})
        if self.lead is None:
            span.text = self.container.text
            self.container.text = None
            self.container.insert(0, span)
        else:
            span.text = self.lead.tail
            self.lead.tail = None
            self.lead.addnext(span)
        for child in self.children:
            span.append(child)  # moves it, with its tail
        return span


def _parse(html):
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _units(root):
    """(element or _Run, normalised text) of each paragraph, in document order."""
    blockish = set()
    for element in root.iterdescendants(*BLOCK_TAGS):
        node = element
        while node is not None and node is not root and node not in blockish:
            blockish.add(node)
            node = node.getparent()
    units = []

    def add_run(container, lead, children):
        run = _Run(container, lead, children)
        text = normalize(run.text())
        if text:
            units.append((run, text))

    def walk(container):
        children = list(container)
        if container is not root and not any(c in blockish for c in children):
            text = normalize(container.text_content())
            if text:
                units.append((container, text))
            return
        lead, run = None, []
        for child in children:
            if child in blockish:
                add_run(container, lead, run)
                walk(child)
                lead, run = child, []
            else:
                run.append(child)
        add_run(container, lead, run)

    walk(root)
    return units


def extract_paragraph_texts(html):
    root = _parse(html)
    if root is None:
        return []
    return [text for _unit, text in _units(root)]


def document_text(paragraphs):
    return "\n".join(p if isinstance(p, str) else p.text for p in paragraphs)


def annotate_html(html, ids):
    """``html`` with ``data-paragraph`` (and ``id`` if missing) on each paragraph."""
    root = _parse(html)
    units = _units(root) if root is not None else []
    if len(ids) != len(units):
        raise ValueError(f"{len(ids)} ids for {len(units)} paragraphs")
    if not units:
        return html or ""
    for (unit, _text), paragraph_id in zip(units, ids, strict=True):
        element = unit.element() if isinstance(unit, _Run) else unit
        element.set("data-paragraph", paragraph_id)
        if not element.get("id"):
            element.set("id", paragraph_id)
    serialized = lxml.html.tostring(root, encoding="unicode")
    # Drop the <div> that fragment_fromstring wrapped around the fragment.
    return serialized[len("<div>") : -len("</div>")]
