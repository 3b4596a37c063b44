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


def _for_name(label, name):
    """A link's words, then, for screen readers, whose comment it is about."""
    return f'{text(label)}<span class="visually-hidden"> ({text(name)})</span>'


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
        out.append(
            f'<p><a href="#{attribute(node["paragraph"])}">'
            f"{_for_name(labels['go'], node['name'])}</a></p>"
        )
    out.append("</div>")


def _comment(node, labels, reply_href, out):
    anchor = attribute(node["anchor"])
    organization = node["organization"] or node["organization_type"]
    out.append(
        f'<li class="socialplan-comment" id="{anchor}">'
        f'<article aria-labelledby="{anchor}-author">'
        '<header class="socialplan-comment__header">'
        f'<p class="socialplan-comment__author" id="{anchor}-author">'
        f"<strong>{text(node['name'])}</strong>"
    )
    if organization:
        out.append(
            ' &middot; <span class="socialplan-comment__organization">'
            f"{text(organization)}</span>"
        )
    out.append(
        '</p><p class="socialplan-comment__date">'
        f'<time datetime="{attribute(node["date"]["iso"])}">'
        f"{text(node['date']['label'])}</time></p></header>"
    )
    if node["quote"]:
        _passage(node, labels, out)
    out.append(f'<div class="socialplan-comment__text">{node["html"]}</div>')
    paper = node["paper"]
    if paper:
        out.append(
            '<p class="socialplan-comment__paper">'
            f"<strong>{text(labels['paper'])}</strong> "
            f'<a href="{attribute(paper["url"])}" download="">'
            f"{_for_name(paper['label'], node['name'])}</a></p>"
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
            '<p class="socialplan-comment__actions">'
            f'<a href="{attribute(reply_href(node))}">'
            f"{_for_name(labels['reply'], node['name'])}</a></p>"
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
