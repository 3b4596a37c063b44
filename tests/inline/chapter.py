"""The folder's Chapter text (four paragraphs: a heading, two paragraphs, a
list item), and how the tests point at it and edit it."""

from tests.support.contributions import fresh
from torino.socialplan.consultation import commented_paragraphs

import lxml.html


FIRST = "Il lavoro sociale cresce in tutta la città metropolitana."
SECOND = (
    "Le cooperative di comunità offrono servizi di prossimità ai quartieri "
    "periferici e alle aree interne."
)
THIRD = "Si propone un fondo rotativo per le imprese sociali."
HEADING = "Obiettivi"
TEXT = f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p><ul><li>{THIRD}</li></ul>"

# open_plan's texts for the folder's consultation.
TEXTS = {
    "chapter_text": TEXT,
    "plan_text": "<p>Il piano.</p>",
    "action_text": "<p>Corsi per operatori.</p>",
}


def paragraph_id(obj, text):
    """The id of the paragraph of ``obj`` whose text is ``text``."""
    (found,) = [
        p.id for p in commented_paragraphs.paragraphs(fresh(obj)) if p.text == text
    ]
    return found


def selector(exact, paragraph_text, occurrence=0):
    """A selector for ``exact`` in ``paragraph_text`` with 32 characters of
    context on each side, as the page builds it."""
    start = -1
    for _i in range(occurrence + 1):
        start = paragraph_text.index(exact, start + 1)
    end = start + len(exact)
    return {
        "exact": exact,
        "prefix": paragraph_text[max(0, start - 32) : start],
        "suffix": paragraph_text[end : end + 32],
    }


def patch_text(session, path, html):
    response = session.patch(
        path, json={"text": {"data": html, "content-type": "text/html"}}
    )
    assert response.status_code == 204, response.text


def edit_in_form(browser, obj, html):
    """Save ``html`` as the text through the Classic edit form."""
    browser.open(obj.absolute_url() + "/@@edit")
    browser.getControl(name="form.widgets.IRichTextBehavior.text").value = html
    browser.getControl(name="form.buttons.save").click()
    assert browser.headers["status"].startswith("200"), browser.headers["status"]


def tree(html):
    return lxml.html.fromstring(html)
