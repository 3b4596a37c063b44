"""Contributions of the tests: a valid comment (VALID), the people who
moderate them and a plain member (``people``), the consultation they work
on (``consultation``: open_plan on the functional portal, committed), and
how to read back and publish what the server stored."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from tests.support.plans import open_plan
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit

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

MODERATOR = ("comments-moderator", "moderator-secret-17")
MEMBER = ("comments-member", "member-secret-17")


def add_people():
    """A moderator (moderators group) and a plain member, committed."""
    api.user.create(
        email=f"{MODERATOR[0]}@example.org",
        username=MODERATOR[0],
        password=MODERATOR[1],
    )
    api.group.add_user(groupname="moderators", username=MODERATOR[0])
    api.user.create(
        email=f"{MEMBER[0]}@example.org", username=MEMBER[0], password=MEMBER[1]
    )
    transaction.commit()
    return {"moderator": MODERATOR, "member": MEMBER}


@pytest.fixture
def plan_texts():
    """The texts of ``consultation``'s Plan (open_plan's keywords); a folder
    overrides it to comment on text."""
    return {}


@pytest.fixture
def consultation(functional_portal, plan_texts):
    site = open_plan(functional_portal, **plan_texts)
    transaction.commit()
    return site


@pytest.fixture
def people(consultation):
    return add_people()


def post_comment(site, text):
    """An anonymous comment on the Chapter of ``open_plan``, past the rate
    limit."""
    guards.reset_rate_limits()
    return submit(
        "comment", site["chapter"], dict(VALID, text=text), site["portal"].REQUEST
    )


def fresh(obj):
    """``obj`` as the server committed it."""
    transaction.abort()
    return api.content.get(path="/".join(obj.getPhysicalPath()))


def conversation_comment(obj, comment_id):
    """The comment ``comment_id`` on ``obj``, as the server committed it."""
    return IConversation(fresh(obj))[int(comment_id)]


def publish(obj, comment_id, transition="publish"):
    comment = conversation_comment(obj, comment_id)
    api.content.transition(obj=comment, transition=transition)
    transaction.commit()
    return comment
