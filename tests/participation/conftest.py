"""A published Plan with a Chapter and an Action, open for comments."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from torino.socialplan.consultation import guards

import pytest
import transaction


# Sent as the e-mail of every comment: no public surface may contain it.
EMAIL = "private-marker-4f1c@example.org"

VALID = {
    "text": "Servono più percorsi di formazione.",
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization": "Cooperativa Aurora",
    "organization_type": "social_enterprise",
    "author_email": EMAIL,
    "privacy_consent": True,
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    guards.reset_rate_limits()
    yield
    guards.reset_rate_limits()


def set_window(plan, state):
    """Move the Plan's consultation window so that it is ``state`` now."""
    now = datetime.now()
    start, end = {
        "open": (now - timedelta(days=1), now + timedelta(days=14)),
        "upcoming": (now + timedelta(days=3), now + timedelta(days=30)),
        "closed": (now - timedelta(days=30), now - timedelta(days=2)),
    }[state]
    plan.consultation_start = start
    plan.consultation_end = end
    assert plan.window().state == state
    transaction.commit()


@pytest.fixture
def consultation(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    now = datetime.now()
    plan = api.content.create(
        container=portal,
        type="Plan",
        id="plan",
        title="Piano",
        consultation_start=now - timedelta(days=1),
        consultation_end=now + timedelta(days=14),
    )
    chapter = api.content.create(
        container=plan, type="Chapter", id="lavoro", title="Lavoro"
    )
    action = api.content.create(
        container=chapter,
        type="Action",
        id="formazione",
        title="Formazione",
        code="A.1.1",
    )
    for obj in (plan, chapter, action):
        api.content.transition(obj=obj, transition="publish")
    transaction.commit()
    return {"portal": portal, "plan": plan, "chapter": chapter, "action": action}


MODERATOR = ("comments-moderator", "moderator-secret-17")
MEMBER = ("comments-member", "member-secret-17")


@pytest.fixture
def people(consultation):
    """A moderator (moderators group) and a plain member."""
    api.user.create(
        email="comments-moderator@example.org",
        username=MODERATOR[0],
        password=MODERATOR[1],
    )
    api.group.add_user(groupname="moderators", username=MODERATOR[0])
    api.user.create(
        email="comments-member@example.org", username=MEMBER[0], password=MEMBER[1]
    )
    transaction.commit()
    return {"moderator": MODERATOR, "member": MEMBER}


def conversation_comment(obj, comment_id):
    transaction.abort()  # see what the server committed
    return IConversation(obj)[int(comment_id)]


def publish(obj, comment_id, transition="publish"):
    comment = conversation_comment(obj, comment_id)
    api.content.transition(obj=comment, transition=transition)
    transaction.commit()
    return comment
