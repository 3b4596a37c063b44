"""A published Plan open for comments whose Chapter has a text of several
paragraphs; people to comment, moderate and edit. (The Plan and the
people are tests/contributors.py's.)"""

from tests.support.contributions import add_people
from tests.support.contributions import EMAIL  # noqa: F401 (the folder's tests import it from here)
from tests.support.contributions import MEMBER
from tests.support.contributions import MODERATOR
from tests.support.plans import open_plan
from tests.support.plans import rich  # noqa: F401 (the folder's tests import it from here)
from tests.support.contributions import VALID  # noqa: F401
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from torino.socialplan.consultation import commented_paragraphs

import lxml.html
import pytest
import transaction


# Four paragraphs: a heading, two paragraphs, a list item.
FIRST = "Il lavoro sociale cresce in tutta la città metropolitana."
SECOND = (
    "Le cooperative di comunità offrono servizi di prossimità ai quartieri "
    "periferici e alle aree interne."
)
THIRD = "Si propone un fondo rotativo per le imprese sociali."
HEADING = "Obiettivi"
TEXT = f"<h2>{HEADING}</h2><p>{FIRST}</p><p>{SECOND}</p><ul><li>{THIRD}</li></ul>"


def build(portal, text=TEXT):
    return open_plan(
        portal,
        chapter_text=text,
        plan_text="<p>Il piano.</p>",
        action_text="<p>Corsi per operatori.</p>",
    )


@pytest.fixture
def site(portal):
    """The integration flavour (no HTTP)."""
    return build(portal)


@pytest.fixture
def consultation(functional_portal):
    built = build(functional_portal)
    transaction.commit()
    return built


@pytest.fixture
def people(consultation):
    return add_people()


@pytest.fixture
def moderator_request(request_factory, people):
    return request_factory(basic_auth=MODERATOR)


@pytest.fixture
def member_request(request_factory, people):
    return request_factory(basic_auth=MEMBER)


@pytest.fixture
def browser(functional_app):
    """A test browser without JavaScript; ``browser(auth)`` logs in."""

    def factory(auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)):
        browser = Browser(functional_app)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        if auth is not None:
            browser.addHeader("Authorization", f"Basic {auth[0]}:{auth[1]}")
        return browser

    return factory


def fresh(obj):
    """``obj`` as the server committed it."""
    transaction.abort()
    return api.content.get(path="/".join(obj.getPhysicalPath()))


def conversation_comment(obj, comment_id):
    return IConversation(fresh(obj))[int(comment_id)]


def publish(obj, comment_id, transition="publish"):
    comment = conversation_comment(obj, comment_id)
    api.content.transition(obj=comment, transition=transition)
    transaction.commit()
    return comment


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
