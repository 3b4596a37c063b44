"""The inline tests' Chapter: a text of several paragraphs (TEXT), the
comments the tests post on it and where; and how a page selects a passage."""

from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import Plan
from torino.socialplan.consultation.anchors import selector_for
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.consultation.contributions import submit


EMAIL = "inline-private-7c2e@example.org"

PERSON = {
    "first_name": "Luca",
    "last_name": "Bianchi",
    "organization": "",
    "organization_type": "citizen",
    "author_email": EMAIL,
    "privacy_consent": True,
}

TEXT = """
<h2>Lavoro e inclusione</h2>
<p>La Città metropolitana promuove l'economia sociale. Le cooperative sociali
creano lavoro per le persone fragili. Servono nuovi percorsi di formazione.</p>
<ul>
  <li>Un tavolo permanente con gli enti del terzo settore.</li>
  <li>Un fondo di garanzia per le imprese sociali.</li>
</ul>
<p>Il piano dura cinque anni e prevede un monitoraggio annuale dei risultati
raggiunti dalle azioni.</p>
<p>Una frase che sarà tolta dagli editori dopo il primo commento.</p>
"""

EDITED = TEXT.replace(
    "<p>Una frase che sarà tolta dagli editori dopo il primo commento.</p>",
    "<p>Un paragrafo scritto di nuovo da capo, senza nulla di prima.</p>",
)

# What the browser and the server must read alike: entities, no-break and
# narrow spaces, runs of blanks, <br>, emoji (astral and joined), loose text
# beside a nested list, table cells.
UNICODE = """
<p>Caff&egrave;&nbsp;e&nbsp;&nbsp;cornetto   per\n  tutti \U0001f600 anche i bambini.</p>
<ul><li>Voce <strong>uno</strong><ul><li>sotto&#8209;voce</li></ul></li></ul>
<table><tr><th>Anno</th><td>2030 e&#8239;oltre</td></tr></table>
<p>Riga uno<br>riga due &amp; tre</p>
<blockquote><p>Citazione \U0001f469\u200d\U0001f469\u200d\U0001f467 lunga</p></blockquote>
"""

# More top-level threads than one batch (20) shows.
PAGE_THREADS = 22


def paragraph_with(content, words):
    (paragraph,) = [p for p in paragraphs(content) if words in p.text]
    return paragraph


def passage_selector(content, words):
    """The selector of ``words`` in the paragraph holding them."""
    paragraph = paragraph_with(content, words)
    start = paragraph.text.index(words)
    return selector_for(paragraphs(content), paragraph.id, start, start + len(words))


def comment(content, request, text, **extra):
    """A comment by the logged-in Manager: published at once."""
    return submit("comment", content, dict(PERSON, text=text, **extra), request)


def chapter_plan(portal, plan_id, text):
    """A published Plan, open for comments, with a published Chapter
    "lavoro" holding ``text`` (HTML, not made safe); as the test user, made
    Manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    made = build_plan(
        portal,
        Plan(
            id=plan_id,
            chapters=(
                Chapter(
                    "lavoro",
                    "Lavoro",
                    text=RichTextValue(text, "text/html", "text/html"),
                ),
            ),
        ),
    )
    return made[plan_id], made["lavoro"]


def drag_select(page, words):
    """Select ``words`` with the mouse, from the first letter to the last."""
    box = page.evaluate(
        """(words) => {
          const walker = document.createTreeWalker(
            document.getElementById("parent-fieldname-text"), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const rects = range.getClientRects();
            const first = rects[0], last = rects[rects.length - 1];
            return {x1: first.left + 1, y1: first.top + first.height / 2,
                    x2: last.right - 1, y2: last.top + last.height / 2};
          }
        }""",
        words,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()
