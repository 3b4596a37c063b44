"""The editorial fixture: two promoting bodies, a Plan they both promote, a
Chapter, one Action led by each body and a Pledge; one user per kind of
actor (tests/support/users.py's ``users``)."""

from tests.content.editorial import make_plan
from tests.content.editorial import make_pledge
from tests.support.plans import make_action
from tests.support.plans import make_chapter
from tests.support.plans import make_institution
from tests.support.users import as_manager

import pytest


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
