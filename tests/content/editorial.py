"""The editorial tests' content: a private Plan with a window in 2030 (and
a Pledge as the add form makes it); and the permission matrices they check,
one row per actor of tests/support/users.py."""

from datetime import datetime
from plone.dexterity.utils import createContentInContainer
from tests.support.plans import build_plan
from tests.support.plans import Plan
from tests.support.plans import relations
from tests.support.users import ACTORS

import pytest


WINDOW = (datetime(2030, 1, 1, 9, 0), datetime(2030, 2, 1, 18, 0))


def make_plan(container, id_, promoters=()):
    """A private Plan "Plan <id>", without Chapters."""
    plan = Plan(
        id=id_,
        title=f"Plan {id_}",
        chapters=(),
        window=WINDOW,
        promoters=promoters,
        published=False,
    )
    return build_plan(container, plan)[id_]


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
