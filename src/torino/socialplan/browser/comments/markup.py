"""The threads of comments as HTML: the list below a text, a batch of it and
a paragraph's panel all print what this module writes.

Plain string building, not a page template: a page shows twenty threads and
their replies, and a template's macro per comment cost more than the rest of
the comments' share of the page. Each comment is printed from what
threads.Threads.describe gives (its public view, dates and terms already
formatted); every value is escaped here, only the comment's stored HTML (made
safe when it was saved) goes out as it is.
"""

from html import escape


def text(value):
    """Text content, escaped as a page template escapes it."""
    return escape(str(value), quote=False)


def attribute(value):
    """A double-quoted attribute value."""
    return escape(str(value), quote=False).replace('"', "&quot;")


def _link(href, label, name, extra=""):
    """A link with its words, named for screen readers with whose comment it
    is about: "Reply (Maria Rossi)". The name starts with the visible words
    (WCAG 2.5.3, label in name); an attribute, not a hidden ``<span>``, so
    that each link is one element for the theme's transform to copy."""
    return (
        f'<a href="{attribute(href)}"{extra} '
        f'aria-label="{attribute(label)} ({attribute(name)})">{text(label)}</a>'
    )


def _passage(node, labels, out):
    out.append('<div class="socialplan-comment__passage">')
    label = labels["orphaned"] if node["orphaned"] else labels["passage"]
    out.append(
        f'<p class="socialplan-comment__passage-label">{text(label)}</p>'
        f'<blockquote class="socialplan-quote"><p>{text(node["quote"])}</p>'
        "</blockquote>"
    )
    if node["now"]:
        out.append(
            f'<p class="socialplan-comment__passage-label">{text(labels["changed"])}'
            '</p><blockquote class="socialplan-quote socialplan-quote--now">'
            f"<p>{text(node['now'])}</p></blockquote>"
        )
    if node["paragraph"]:
        link = _link(f"#{node['paragraph']}", labels["go"], node["name"])
        out.append(f"<p>{link}</p>")
    out.append("</div>")


def _comment(node, labels, reply_href, out):
    # Lean on purpose (issue 29): every element is copied by the theme's
    # transform, 20 threads a page. No <header>, no wrapper around the date or
    # the reply link, no <span> inside the author line or the links.
    anchor = attribute(node["anchor"])
    organization = node["organization"] or node["organization_type"]
    out.append(
        f'<li class="socialplan-comment" id="{anchor}">'
        f'<article aria-labelledby="{anchor}-author">'
        f'<p class="socialplan-comment__author" id="{anchor}-author">'
        f"<strong>{text(node['name'])}</strong>"
    )
    if organization:
        out.append(f" &middot; {text(organization)}")
    out.append(
        '</p><time class="socialplan-comment__date" '
        f'datetime="{attribute(node["date"]["iso"])}">'
        f"{text(node['date']['label'])}</time>"
    )
    if node["quote"]:
        _passage(node, labels, out)
    out.append(f'<div class="socialplan-comment__text">{node["html"]}</div>')
    paper = node["paper"]
    if paper:
        link = _link(paper["url"], paper["label"], node["name"], ' download=""')
        out.append(
            '<p class="socialplan-comment__paper">'
            f"<strong>{text(labels['paper'])}</strong> {link}</p>"
        )
    if node["outcome"]:
        out.append(
            '<p class="socialplan-comment__outcome">'
            f"<strong>{text(labels['outcome'])}</strong> {text(node['outcome'])}"
        )
        if node["outcome_motivation"]:
            out.append(f" &mdash; {text(node['outcome_motivation'])}")
        out.append("</p>")
    if reply_href is not None:
        out.append(
            _link(
                reply_href(node),
                labels["reply"],
                node["name"],
                ' class="socialplan-comment__reply"',
            )
        )
    out.append("</article>")
    if node["replies"]:
        out.append('<ol class="socialplan-comment-replies">')
        for reply in node["replies"]:
            _comment(reply, labels, reply_href, out)
        out.append("</ol>")
    out.append("</li>")


def threads_html(nodes, labels, reply_href=None):
    """The ``<li>`` of each thread in ``nodes`` (Threads.tree), its replies
    nested. ``labels``: the fixed words, translated; ``reply_href(node)``:
    where a comment's "Reply" link leads, None while no reply is accepted."""
    out = []
    for node in nodes:
        _comment(node, labels, reply_href, out)
    return "".join(out)
