"""A published Chapter with a text of several paragraphs, open for comments,
shared by the tests of a class (building it once keeps the browser tests
fast): whole-page threads enough for two batches, inline comments on a
passage and on a whole paragraph, and one whose passage was edited away."""

from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.anchors import selector_for
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.consultation.contributions import submit
from types import SimpleNamespace
from zope.lifecycleevent import modified

import pytest
import transaction


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


def open_plan(portal, plan_id, text):
    """A published Plan, open for comments, with a published Chapter
    "lavoro" holding ``text``; as the test user, made Manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(
        container=portal,
        type="Plan",
        id=plan_id,
        title="Piano",
        consultation_start=now_in_rome() - timedelta(days=1),
        consultation_end=now_in_rome() + timedelta(days=14),
    )
    chapter = api.content.create(
        container=plan,
        type="Chapter",
        id="lavoro",
        title="Lavoro",
        text=RichTextValue(text, "text/html", "text/html"),
    )
    for obj in (plan, chapter):
        api.content.transition(obj=obj, transition="publish")
    return plan, chapter


@pytest.fixture(scope="class")
def inline_site(functional_portal_class):
    portal = functional_portal_class
    request = portal.REQUEST
    plan, chapter = open_plan(portal, "plan", TEXT)
    unicode = api.content.create(
        container=plan,
        type="Chapter",
        id="unicode",
        title="Unicode",
        text=RichTextValue(UNICODE, "text/html", "text/html"),
    )
    api.content.transition(obj=unicode, transition="publish")
    for number in range(1, PAGE_THREADS + 1):
        comment(chapter, request, f"Commento generale numero {number}.")
    passage = comment(
        chapter,
        request,
        "Quali percorsi, e per chi?",
        anchor=passage_selector(chapter, "nuovi percorsi di formazione"),
    )
    whole = comment(
        chapter,
        request,
        "Cinque anni sono pochi.",
        paragraph=paragraph_with(chapter, "cinque anni").id,
    )
    orphan = comment(
        chapter,
        request,
        "Questa frase era importante.",
        anchor=passage_selector(chapter, "tolta dagli editori"),
    )
    # The promoters' answer (set by @@outcomes, written here directly).
    whole.outcome = "accepted"
    whole.outcome_motivation = "Il monitoraggio sarà semestrale."
    chapter.text = RichTextValue(EDITED, "text/html", "text/html")
    modified(chapter)
    transaction.commit()
    return SimpleNamespace(
        portal=portal,
        plan=plan,
        chapter=chapter,
        unicode=unicode,
        url=chapter.absolute_url(),
        passage=passage.comment_id,
        whole=whole.comment_id,
        orphan=orphan.comment_id,
    )
