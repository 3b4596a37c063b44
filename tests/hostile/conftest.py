"""The hostile-input fixture: the editorial tree of tests/content (two
promoting bodies, a Plan they promote, a Chapter, one Action led by each
body), published and open for contributions, with one published comment and
one pending Pledge, each with a position paper; one user of each kind of actor (tests/support/users.py),
with a password, for requests over real HTTP."""

from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from tests.position_papers.samples import pdf_bytes
from tests.support.contributions import VALID
from tests.support.plans import Action
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import make_institution
from tests.support.plans import Plan
from tests.support.users import create_users
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.position_papers.attachment import attach

import pytest
import transaction


def build(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users(portal)
    chamber = make_institution(portal, "chamber", "chamber-editors", published=True)
    city = make_institution(portal, "city", "city-editors", published=True)
    built = build_plan(
        portal,
        Plan(
            promoters=(chamber, city),
            chapters=(
                Chapter(
                    "chapter",
                    actions=(
                        Action("action-a", "A.1.1", lead=(chamber,)),
                        Action("action-b", "A.1.2", lead=(city,)),
                    ),
                ),
            ),
        ),
    )
    chapter, action_a = built["chapter"], built["action-a"]
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
    # Position papers: the published comment's and the pending Pledge's.
    attach(comment, pdf_bytes(author="Mario Rossi"))
    attach(pledge, pdf_bytes(author="Anna Rossi"))
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    guards.reset_rate_limits()
    return {
        "portal": portal,
        "plan": built["plan"],
        "chapter": chapter,
        "action_a": action_a,
        "action_b": built["action-b"],
        "chamber": chamber,
        "city": city,
        "comment": comment,
        "pending_comment": pending,
        "pledge": pledge,
    }


@pytest.fixture
def hostile_site(functional_portal):
    return build(functional_portal)
