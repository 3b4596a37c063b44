"""How a thread of comments is printed (browser/comments/markup.py): every
value escaped but the stored safe HTML, each link named for the comment it
is about, nothing a node does not hold."""

from torino.socialplan.browser.comments.markup import threads_html

import lxml.html


LABELS = {
    "passage": "On the passage:",
    "orphaned": "The passage this comment referred to is no longer in the text.",
    "changed": "The passage has since changed. It now reads:",
    "go": "Go to the paragraph",
    "outcome": "Outcome:",
    "paper": "Position paper:",
    "reply": "Reply",
}

HOSTILE = "<script>alert(\"x\")</script> & 'quoted'"


def node(comment_id, **values):
    described = {
        "id": comment_id,
        "anchor": f"comment-{comment_id}",
        "name": "Maria Rossi",
        "organization": "Cooperativa Aurora",
        "organization_type": "Social enterprise",
        "date": {"iso": "2026-03-02T09:05:00+01:00", "label": "2 March 2026, 09:05"},
        "html": "<p>Servono più percorsi.</p>",
        "quote": None,
        "now": None,
        "orphaned": False,
        "paragraph": None,
        "outcome": None,
        "outcome_motivation": None,
        "paper": None,
        "replies": [],
    }
    described.update(values)
    return described


def parse(markup):
    return lxml.html.fragment_fromstring(f"<ol>{markup}</ol>")


def text(element):
    return " ".join(element.text_content().split())


def test_values_are_escaped_the_stored_html_is_not():
    markup = threads_html(
        [
            node(
                1,
                name=HOSTILE,
                organization=HOSTILE,
                quote=HOSTILE,
                now=HOSTILE,
                paragraph='p-1" onclick="x',
                outcome=HOSTILE,
                outcome_motivation=HOSTILE,
                paper={"url": '/paper?a=1&b="2"', "label": HOSTILE},
            )
        ],
        LABELS,
        reply_href=lambda n: f'?reply_to={n["id"]}&x="',
    )
    assert "<script" not in markup
    assert not parse(markup).xpath("//script | //@onclick")
    (item,) = parse(markup).xpath("li")
    assert text(item.xpath(".//p[@class='socialplan-comment__author']")[0]) == (
        f"{HOSTILE} · {HOSTILE}"
    )
    assert item.xpath(".//blockquote/p")[0].text == HOSTILE
    assert item.xpath(".//a[starts-with(@href, '#')]")[0].get("href") == (
        '#p-1" onclick="x'
    )
    (paper,) = item.xpath(".//a[@download]")
    assert paper.get("href") == '/paper?a=1&b="2"'
    assert paper.get("aria-label") == f"{HOSTILE} ({HOSTILE})"
    (reply,) = item.xpath(".//a[@class='socialplan-comment__reply']")
    assert reply.get("href") == '?reply_to=1&x="'
    # The comment's own HTML, stored safe when it was saved, as it is.
    assert item.xpath(".//div[@class='socialplan-comment__text']/p")[0].text == (
        "Servono più percorsi."
    )


def test_a_thread_with_its_replies_and_links_named():
    markup = threads_html(
        [
            node(
                1,
                quote="percorsi di formazione",
                paragraph="p-abc",
                replies=[node(2, name="Luca Bianchi", organization="")],
            )
        ],
        LABELS,
        reply_href=lambda n: f"?reply_to={n['id']}#socialplan-comment-form",
    )
    (item,) = parse(markup).xpath("li")
    assert item.get("id") == "comment-1"
    article = item.xpath("article")[0]
    assert article.get("aria-labelledby") == "comment-1-author"
    assert text(item.xpath(".//*[@id='comment-1-author']")[0]) == (
        "Maria Rossi · Cooperativa Aurora"
    )
    (time,) = article.xpath(".//time")
    assert time.get("datetime") == "2026-03-02T09:05:00+01:00"
    assert time.text == "2 March 2026, 09:05"
    # Each link's name starts with its visible words (WCAG 2.5.3), then
    # whose comment it is about.
    links = [(text(a), a.get("aria-label")) for a in article.xpath(".//a")]
    assert links == [
        ("Go to the paragraph", "Go to the paragraph (Maria Rossi)"),
        ("Reply", "Reply (Maria Rossi)"),
    ]
    (reply,) = item.xpath("ol[@class='socialplan-comment-replies']/li")
    assert reply.get("id") == "comment-2"
    # No organisation: its type instead.
    assert text(reply.xpath(".//p[@class='socialplan-comment__author']")[0]) == (
        "Luca Bianchi · Social enterprise"
    )
    assert reply.xpath(".//a")[0].get("aria-label") == "Reply (Luca Bianchi)"


def test_nothing_the_node_does_not_hold():
    markup = threads_html(
        [node(1, organization="", organization_type=None)], LABELS, reply_href=None
    )
    (item,) = parse(markup).xpath("li")
    assert text(item.xpath(".//p[@class='socialplan-comment__author']")[0]) == (
        "Maria Rossi"
    )
    assert not item.xpath(".//a")
    assert not item.xpath(".//blockquote")
    assert not item.xpath(".//*[@class='socialplan-comment__outcome']")
    assert not item.xpath(".//ol")


def test_a_changed_or_orphaned_passage():
    markup = threads_html(
        [
            node(1, quote="vecchie parole", now="parole nuove", paragraph="p-1"),
            node(2, quote="testo tolto", orphaned=True),
        ],
        LABELS,
    )
    changed, orphaned = parse(markup).xpath("li")
    assert [p.text for p in changed.xpath(".//blockquote/p")] == [
        "vecchie parole",
        "parole nuove",
    ]
    assert LABELS["changed"] in text(changed)
    assert LABELS["orphaned"] in text(orphaned)
    assert not orphaned.xpath(".//a")
