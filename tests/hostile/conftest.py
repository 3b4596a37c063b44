"""The hostile-input fixture: the editorial tree of tests/content (two
promoting bodies, a Plan they promote, a Chapter, one Action led by each
body), published and open for contributions, with one published comment and
one pending Pledge; one user of each kind of actor, with a password, for
requests over real HTTP."""

from content.conftest import make_action
from content.conftest import make_chapter
from content.conftest import make_institution
from content.conftest import relations
from content.conftest import USERS
from datetime import timedelta
from participation.conftest import VALID
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit

import pytest
import requests
import transaction


PASSWORD = TEST_USER_PASSWORD
ANONYMOUS = "anonymous"
ACTORS = (ANONYMOUS, *USERS)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
TIMEOUT = 30


def build(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for user_id, (groups, roles) in USERS.items():
        portal.acl_users.userFolderAddUser(user_id, PASSWORD, list(roles), [])
        for group in groups:
            api.group.add_user(groupname=group, username=user_id)
    chamber = make_institution(portal, "chamber", "chamber-editors")
    city = make_institution(portal, "city", "city-editors")
    now = now_in_rome()
    plan = api.content.create(
        container=portal,
        type="Plan",
        id="plan",
        title="Piano",
        consultation_start=now - timedelta(days=1),
        consultation_end=now + timedelta(days=14),
        promoters=relations(chamber, city),
    )
    chapter = make_chapter(plan, "chapter")
    action_a = make_action(chapter, "action-a", "A.1.1", lead=(chamber,))
    action_b = make_action(chapter, "action-b", "A.1.2", lead=(city,))
    for obj in (chamber, city, plan, chapter, action_a, action_b):
        api.content.transition(obj=obj, transition="publish")
    request = portal.REQUEST
    # A Manager's comment is published at once; an anonymous one waits.
    comment = submit("comment", chapter, dict(VALID), request)
    logout()
    pending = submit("comment", chapter, dict(VALID, text="In attesa."), request)
    login(portal, TEST_USER_NAME)
    pledge = submit(
        "pledge",
        action_a,
        {
            "first_name": "Anna",
            "last_name": "Rossi",
            "organization_type": "social_enterprise",
            "email": "anna@example.org",
            "contribution": "Due tutor.",
            "privacy_consent": True,
        },
        request,
    )
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    guards.reset_rate_limits()
    return {
        "portal": portal,
        "plan": plan,
        "chapter": chapter,
        "action_a": action_a,
        "action_b": action_b,
        "chamber": chamber,
        "city": city,
        "comment": comment,
        "pending_comment": pending,
        "pledge": pledge,
    }


@pytest.fixture
def hostile_site(functional_portal):
    return build(functional_portal)


def session(who):
    """A requests session as ``who`` (ANONYMOUS or a user id of USERS)."""
    http = requests.Session()
    http.headers.update(JSON)
    if who != ANONYMOUS:
        http.auth = (who, PASSWORD)
    return http
