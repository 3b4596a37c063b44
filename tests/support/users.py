"""The people of the tests: one user per kind of actor (USERS), who act
through ``acting_as``; the ``users`` fixture adds them to the portal."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from contextlib import contextmanager
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_PASSWORD

import pytest


ANONYMOUS = "anonymous"
PASSWORD = TEST_USER_PASSWORD

# User id: (groups, site-wide roles, e-mail). Every actor but ANONYMOUS is
# a user.
USERS = {
    "member": ((), ("Member",), "member@example.org"),
    "chamber_editor": (("chamber-editors",), ("Member",), "chamber@example.org"),
    "city_editor": (("city-editors",), ("Member",), "city@example.org"),
    "plan_editor": (("plan-editors",), ("Member",), "plan@example.org"),
    "moderator": (("moderators",), ("Member",), "moderator@example.org"),
    "reviewer": ((), ("Member", "Reviewer"), "reviewer@example.org"),
    "manager": ((), ("Member", "Manager"), "manager@example.org"),
}
ACTORS = (ANONYMOUS, *USERS)
# Who holds "Moderate contributions" and "View contributor e-mail".
MODERATORS = ("moderator", "reviewer", "manager")


def create_users(portal, users=USERS, profiles=False):
    """Add ``users`` (a dict like USERS) with PASSWORD; with ``profiles``,
    their e-mail and a full name too (the moderation mail needs them)."""
    for user_id, (groups, roles, email) in users.items():
        portal.acl_users.userFolderAddUser(user_id, PASSWORD, list(roles), [])
        if profiles:
            api.user.get(userid=user_id).setMemberProperties(
                {"email": email, "fullname": user_id.replace("_", " ").title()}
            )
        for group in groups:
            api.group.add_user(groupname=group, username=user_id)
    return users


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
    """USERS, added to the integration portal."""
    return create_users(portal)
