"""A Plan through its life (the fixtures are registered in conftest.py): the consultation of tests/report/ (promoting
bodies, their editors, moderators, contributions with outcomes) whose Chapter
"lavoro" and Action "a111" have a text with published inline comments."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.report.consultation import build
from tests.support.contributions import VALID
from tests.support.plans import rich
from tests.support.plans import set_window
from tests.support.users import PASSWORD
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


def inline_comment(
    content, exact, paragraph_text, text, email=None, opt_in=True, language=None
):
    """A published inline comment on ``exact``, posted through the pipeline;
    its author asks to be told the outcome (``opt_in``), writing in
    ``language`` (the site's when None)."""
    guards.reset_rate_limits()
    data = dict(
        VALID,
        text=text,
        anchor=selector(exact, paragraph_text),
        outcome_mail_opt_in=opt_in,
    )
    if email:
        data["author_email"] = email
    request = api.portal.get().REQUEST
    before = request.get("LANGUAGE")
    if language:
        request.set("LANGUAGE", language)
    try:
        comment = submit("comment", content, data, request)
    finally:
        request.set("LANGUAGE", before)
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


@pytest.fixture
def browser(functional_app):
    """A zope.testbrowser for ``who`` (a user of report.conftest.USERS, or
    "anonymous")."""
    from plone.testing.zope import Browser

    def factory(who="anonymous"):
        browser = Browser(functional_app)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        if who != "anonymous":
            browser.addHeader("Authorization", f"Basic {who}:{PASSWORD}")
        return browser

    return factory


def walk_to_published(c, html):
    """Close, analyse (texts pinned), rewrite the Chapter as ``html``, link
    the fund comment's outcome to its change, approve, give every outcome,
    publish them; committed."""
    from datetime import date
    from plone.app.testing import login
    from plone.uuid.interfaces import IUUID
    from torino.socialplan.consultation import changes
    from torino.socialplan.consultation import plan_stages
    from torino.socialplan.consultation.outcomes import record_outcomes

    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, "analysis")
    setRoles(c.portal, TEST_USER_ID, ["Manager"])
    login(c.portal, "manager")
    set_text(c.content["lavoro"], html)
    login(c.portal, "moderator")
    record_outcomes(c.plan, [c.fund.absolute_url()], "accepted", "Fondo di garanzia.")
    key = changes.content_comparison(c.content["lavoro"])["changes"][-1]["key"]
    changes.link_changes(c.plan, [c.fund.absolute_url()], [key])
    missing = [
        b._unrestrictedGetObject().absolute_url()
        for b in plan_stages.missing_outcomes(c.plan)
    ]
    record_outcomes(c.plan, missing, "not_accepted", "Non pertinente.")
    for body, editor in (("camera", "chamber_editor"), ("citta", "city_editor")):
        login(c.portal, editor)
        plan_stages.record_approval(
            c.plan,
            IUUID(c.institutions[body]),
            "Giunta",
            "12/2026",
            date(2026, 3, 1),
            act_url="https://example.org/atto.pdf",
        )
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, "approved")
    plan_stages.move_on(c.plan, "outcomes_published")
    transaction.commit()
    return key


@pytest.fixture
def rest(request_factory):
    """A REST session (on ++api++) for ``who``."""

    def factory(who="anonymous"):
        if who == "anonymous":
            return request_factory()
        return request_factory(basic_auth=(who, PASSWORD))

    return factory
