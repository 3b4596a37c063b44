"""The editorial fixture: two promoting bodies, a Plan they both promote, a
Chapter, one Action led by each body and a Pledge; one user per kind of actor."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from contextlib import contextmanager
from datetime import datetime
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_PASSWORD
from plone.dexterity.utils import createContentInContainer
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest


ANONYMOUS = "anonymous"

# User id: (groups, site-wide roles). Every actor but ANONYMOUS is a user.
USERS = {
    "member": ((), ("Member",)),
    "chamber_editor": (("chamber-editors",), ("Member",)),
    "city_editor": (("city-editors",), ("Member",)),
    "plan_editor": (("plan-editors",), ("Member",)),
    "moderator": (("moderators",), ("Member",)),
    "reviewer": ((), ("Member", "Reviewer")),
    "manager": ((), ("Member", "Manager")),
}
ACTORS = (ANONYMOUS, *USERS)


def relations(*targets):
    intids = getUtility(IIntIds)
    return [RelationValue(intids.getId(obj)) for obj in targets]


@contextmanager
def acting_as(portal, who):
    """Run the block as ``who`` (a user id of USERS, or ANONYMOUS)."""
    saved = getSecurityManager()
    if who == ANONYMOUS:
        logout()
    else:
        login(portal, who)
    try:
        yield
    finally:
        setSecurityManager(saved)


@contextmanager
def as_manager(portal):
    """Set-up steps, as the layer's test user (who is none of the actors)."""
    saved = getSecurityManager()
    setRoles(portal, TEST_USER_ID, ["Manager"])
    try:
        yield
    finally:
        setRoles(portal, TEST_USER_ID, ["Member"])
        setSecurityManager(saved)


@pytest.fixture
def users(portal):
    for user_id, (groups, roles) in USERS.items():
        portal.acl_users.userFolderAddUser(user_id, TEST_USER_PASSWORD, list(roles), [])
        for group in groups:
            api.group.add_user(groupname=group, username=user_id)
    return USERS


def make_institution(portal, id_, group):
    return api.content.create(
        container=portal,
        type="Institution",
        id=id_,
        title=f"Institution {id_}",
        editors_group=group,
    )


def make_plan(container, id_, promoters=()):
    return api.content.create(
        container=container,
        type="Plan",
        id=id_,
        title=f"Plan {id_}",
        consultation_start=datetime(2030, 1, 1, 9, 0),
        consultation_end=datetime(2030, 2, 1, 18, 0),
        promoters=relations(*promoters),
    )


def make_chapter(plan, id_):
    return api.content.create(
        container=plan, type="Chapter", id=id_, title=f"Chapter {id_}"
    )


def make_action(chapter, id_, code, lead=()):
    return api.content.create(
        container=chapter,
        type="Action",
        id=id_,
        title=f"Action {code}",
        code=code,
        lead_institutions=relations(*lead),
    )


def make_pledge(plan, actions):
    # As the add form does: the id comes from the name chooser.
    return createContentInContainer(
        plan,
        "Pledge",
        first_name="Anna",
        last_name="Rossi",
        organization="Cooperativa Aurora",
        organization_type="social_enterprise",
        email="anna.rossi@example.org",
        actions=relations(*actions),
        contribution="Two tutors for the training courses.",
        privacy_consent=True,
    )


@pytest.fixture
def tree(portal, users):
    """Created by the layer's test user, so no actor owns anything; the
    editorial content is private, the Pledge pending."""
    with as_manager(portal):
        chamber = make_institution(portal, "chamber", "chamber-editors")
        city = make_institution(portal, "city", "city-editors")
        plan = make_plan(portal, "plan", promoters=(chamber, city))
        chapter = make_chapter(plan, "chapter")
        action_a = make_action(chapter, "action-a", "A.1.1", lead=(chamber,))
        action_b = make_action(chapter, "action-b", "A.1.2", lead=(city,))
        pledge = make_pledge(plan, (action_a,))
    return {
        "plan": plan,
        "chapter": chapter,
        "action_a": action_a,
        "action_b": action_b,
        "chamber": chamber,
        "city": city,
        "pledge": pledge,
    }


def table(text):
    """A permission matrix: a header line naming the columns, then one line
    per actor, "x" where allowed and "-" where not; {actor: {column: bool}}."""
    header, *lines = (line.split() for line in text.strip().splitlines())
    matrix = {
        actor: dict(zip(header, (cell == "x" for cell in cells), strict=True))
        for actor, *cells in lines
    }
    assert tuple(matrix) == ACTORS, "a matrix has one row per actor, in order"
    return matrix


def rows(matrix):
    """One test per actor, its row as the expected result."""
    return [pytest.param(actor, row, id=actor) for actor, row in matrix.items()]
