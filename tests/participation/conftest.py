"""A published Plan with a Chapter and an Action, open for comments."""

from contributors import add_people
from contributors import EMAIL  # noqa: F401 (the folder's tests import it from here)
from contributors import MEMBER  # noqa: F401
from contributors import MODERATOR  # noqa: F401
from contributors import open_plan
from contributors import VALID  # noqa: F401
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation

import pytest
import transaction


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
    site = open_plan(functional_portal)
    transaction.commit()
    return site


@pytest.fixture
def people(consultation):
    return add_people()


def conversation_comment(obj, comment_id):
    transaction.abort()  # see what the server committed
    return IConversation(obj)[int(comment_id)]


def publish(obj, comment_id, transition="publish"):
    comment = conversation_comment(obj, comment_id)
    api.content.transition(obj=comment, transition=transition)
    transaction.commit()
    return comment
