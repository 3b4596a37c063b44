"""The pledge tests' consultation: a published Plan "plan" with a Chapter,
two published Actions and a private one; a second Plan with a published
Action; a moderator. And a valid pledge's data."""

from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.support.contributions import add_people
from tests.support.plans import Action
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import Plan

import transaction


# A marker that must never reach a public surface.
EMAIL = "pledge-marker-5e1f@example.org"

MISSING = object()


def build_site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    built = build_plan(
        portal,
        Plan(
            title="Social Economy Plan",
            chapters=(
                Chapter(
                    "chapter",
                    "Work",
                    (
                        Action("action-a", "A.1.1", "Job placement network"),
                        Action("action-b", "A.1.2", "Training for tutors"),
                        Action(
                            "action-private",
                            "A.1.3",
                            "Secret draft measure",
                            published=False,
                        ),
                    ),
                ),
            ),
        ),
    )
    foreign = build_plan(
        portal,
        Plan(
            id="other",
            title="Another Plan",
            chapters=(
                Chapter(
                    "chapter",
                    "Elsewhere",
                    (Action("foreign", "B.1.1", "Foreign action"),),
                ),
            ),
        ),
    )["foreign"]
    people = add_people()  # commits
    return {
        "people": people,
        "plan": built["plan"],
        "a": built["action-a"],
        "b": built["action-b"],
        "private": built["action-private"],
        "foreign": foreign,
    }


def pledge(**changes):
    data = {
        "first_name": "Giulia",
        "last_name": "Verdi",
        "organization": "Cooperativa Stella",
        "organization_type": "social_enterprise",
        "email": EMAIL,
        "contribution": "Two tutors for the training courses.\nA meeting room.",
        "resources": [
            {"kind": "Staff time", "description": "Two tutors", "value": "200 hours"}
        ],
        "privacy_consent": True,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not MISSING}


def pledges_in(plan):
    transaction.begin()  # see what the server committed
    return [obj for obj in plan.objectValues() if obj.portal_type == "Pledge"]
