"""A Plan through its life: the consultation of tests/report/ (promoting
bodies, their editors, moderators, contributions with outcomes) whose Chapter
"lavoro" and Action "a111" have a text with published inline comments."""

from contributors import rich
from contributors import VALID
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from report.conftest import build
from report.conftest import PASSWORD  # noqa: F401 (the folder's tests import it)
from report.conftest import set_window
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


FIRST = "Il lavoro sociale cresce in tutta la città metropolitana."
SECOND = (
    "Le cooperative di comunità offrono servizi di prossimità ai quartieri "
    "periferici e alle aree interne."
)
THIRD = "Si propone un fondo rotativo per le imprese sociali."
CHAPTER_TEXT = f"<p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p>"
ACTION_TEXT = "<p>Corsi di formazione per gli operatori delle cooperative.</p>"
QUOTE = "un fondo rotativo"
SERVICES = "servizi di prossimità"


def selector(exact, paragraph_text):
    start = paragraph_text.index(exact)
    end = start + len(exact)
    return {
        "exact": exact,
        "prefix": paragraph_text[max(0, start - 32) : start],
        "suffix": paragraph_text[end : end + 32],
    }


def set_text(content, html):
    content.text = rich(html)
    notify(ObjectModifiedEvent(content))


def inline_comment(content, exact, paragraph_text, text, email=None):
    """A published inline comment on ``exact``, posted through the pipeline."""
    guards.reset_rate_limits()
    data = dict(VALID, text=text, anchor=selector(exact, paragraph_text))
    if email:
        data["author_email"] = email
    request = api.portal.get().REQUEST
    comment = submit("comment", content, data, request)
    setRoles(api.portal.get(), TEST_USER_ID, ["Manager"])
    if api.content.get_state(obj=comment) != "published":
        api.content.transition(obj=comment, transition="publish")
    return comment


def life(portal):
    consultation = build(portal)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    lavoro = consultation.content["lavoro"]
    a111 = consultation.content["a111"]
    set_text(lavoro, CHAPTER_TEXT)
    set_text(a111, ACTION_TEXT)
    consultation.fund = inline_comment(
        lavoro, QUOTE, THIRD, "Il fondo deve essere di garanzia."
    )
    consultation.services = inline_comment(
        lavoro, SERVICES, SECOND, "Anche servizi digitali."
    )
    setRoles(portal, TEST_USER_ID, ["Member"])
    return consultation


@pytest.fixture
def plan_life(portal):
    """Integration: the consultation still open."""
    return life(portal)


@pytest.fixture
def plan_life_http(functional_portal):
    consultation = life(functional_portal)
    transaction.commit()
    return consultation


def close(consultation, commit=False):
    set_window(consultation.plan, "closed", commit=commit)
