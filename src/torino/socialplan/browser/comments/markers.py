"""The body of a Plan, Chapter or Action with a marker after each paragraph.

The marker is a plain link (no JavaScript needed): it opens the page's comment
form on that paragraph. inline.js turns it into a toggle button. Markers and
anything else added here carry ``data-socialplan-ui`` so that the script
leaves them out of the paragraph text, as the stored paragraph texts do.
"""

from torino.socialplan import _
from torino.socialplan.consultation.commented_paragraphs import body_html
from torino.socialplan.consultation.commented_paragraphs import inline_summary
from torino.socialplan.consultation.contributions.comment_kind import accepts_comments
from zope.i18n import translate

import lxml.html


FORM_ANCHOR = "socialplan-comment-form"
LIST_ANCHOR = "socialplan-comments"

# A heading's accessible name would include a marker inside it: put the
# marker after it. Every other paragraph element takes phrasing content.
AFTER = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Paragraphs offered for comment: not the headings (a title is commented on
# with its section), not what the editors mark as a notice with this class
# (the demo disclaimer, a legal note). Comments they already have keep
# their marker, with the count.
NOT_FOR_COMMENT = "socialplan-no-comments"


def offered(element):
    """Whether ``element`` gets a marker to comment on it."""
    if element.tag in AFTER:
        return False
    return NOT_FOR_COMMENT not in (element.get("class") or "").split()


def marker_label(count, open_form):
    """What a screen reader says for a marker (the count is also visible)."""
    if not count:
        return _("Comment on this paragraph")
    if open_form:
        if count == 1:
            return _("1 comment on this paragraph — comment")
        return _(
            "${count} comments on this paragraph — comment", mapping={"count": count}
        )
    if count == 1:
        return _("1 comment on this paragraph")
    return _("${count} comments on this paragraph", mapping={"count": count})


def orphan_label(count):
    if count == 1:
        return _("1 comment on a passage that was removed")
    return _(
        "${count} comments on passages that were removed", mapping={"count": count}
    )


def _orphan_note(url, count, request):
    """A trace, in the paragraph, of its comments whose passage is gone:
    a link to the list, where they are shown with their quote."""
    note = lxml.html.Element(
        "a",
        {
            "class": "socialplan-orphan-note",
            "href": f"{url}#{LIST_ANCHOR}",
            "data-socialplan-ui": "orphan",
        },
    )
    note.text = translate(orphan_label(count), context=request)
    return note


def _marker(url, paragraph_id, count, label, open_form):
    href = (
        f"{url}?paragraph={paragraph_id}#{FORM_ANCHOR}"
        if open_form
        else f"{url}#{LIST_ANCHOR}"
    )
    css = "socialplan-marker" if count else "socialplan-marker socialplan-marker--empty"
    link = lxml.html.Element(
        "a",
        {
            "class": css,
            "href": href,
            "data-socialplan-ui": "marker",
            "data-paragraph-id": paragraph_id,
            "data-count": str(count),
        },
    )
    bubble = lxml.html.Element(
        "span", {"class": "socialplan-marker__count", "aria-hidden": "true"}
    )
    bubble.text = str(count) if count else "+"
    hidden = lxml.html.Element("span", {"class": "visually-hidden"})
    hidden.text = label
    link.append(bubble)
    link.append(hidden)
    return link


def with_markers(html, url, counts, open_form, request, orphaned_in=None):
    """``html`` (annotated: paragraphs carry ``data-paragraph``) with markers.

    While comments are accepted every paragraph offered for comment gets
    one; otherwise only the paragraphs that have published comments do.
    """
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    labels = {}
    for element in list(root.iterfind(".//*[@data-paragraph]")):
        paragraph_id = element.get("data-paragraph")
        count = counts.get(paragraph_id, 0)
        if element.get("id") != paragraph_id:
            # Links to a paragraph use its paragraph id: keep one at hand when
            # the editor's markup had given the element an id of its own.
            target = lxml.html.Element(
                "span",
                {
                    "id": paragraph_id,
                    "class": "socialplan-paragraph-target",
                    "data-socialplan-ui": "target",
                },
            )
            target.tail, element.text = element.text, None
            element.insert(0, target)
        orphans = (orphaned_in or {}).get(paragraph_id)
        if orphans and element.tag not in AFTER:
            element.append(_orphan_note(url, orphans, request))
        if not count and not (open_form and offered(element)):
            continue
        key = (count, open_form)
        if key not in labels:
            labels[key] = translate(marker_label(count, open_form), context=request)
        marker = _marker(url, paragraph_id, count, labels[key], open_form)
        if element.tag in AFTER:
            row = lxml.html.Element(
                "div",
                {"class": "socialplan-marker-row", "data-socialplan-ui": "row"},
            )
            row.append(marker)
            row.tail, element.tail = element.tail, None
            element.addnext(row)
        else:
            element.append(marker)
    parts = [root.text or ""]
    parts.extend(lxml.html.tostring(child, encoding=str) for child in root)
    return "".join(parts)


def body_with_markers(context, request):
    """The stored annotated body of ``context`` with its markers, or None."""
    html = body_html(context)
    if not html:
        return None
    summary = inline_summary(context)
    open_form = accepts_comments(context, request)
    return with_markers(
        html,
        context.absolute_url(),
        summary["counts"],
        open_form,
        request,
        orphaned_in=summary["orphaned_in"],
    )
