"""A field added to a contribution kind stays private until its allow-list
names it (consultation/public_view.py).

Every kind gets a new schema field, as a developer would add one, and every
contribution of the privacy sweep's consultation stores a value for it: a
marker. Then every route is read, as Anonymous, as a Member, and as a
moderator and a Manager where only staff go (moderation queue, exports,
report, outcomes): the marker is on none of them. The same routes still show
the public fields (the sweep's own check), so they were really looked at.
"""

from .test_privacy_sweep import fetch
from .test_privacy_sweep import get
from .test_privacy_sweep import get_json
from .test_privacy_sweep import leaks
from .test_privacy_sweep import rest
from .test_privacy_sweep import scenario  # noqa: F401 (the class fixture)
from .test_privacy_sweep import SURFACES
from .test_privacy_sweep import USERS
from torino.socialplan.consultation.contributions.kinds import kinds
from torino.socialplan.consultation.public_view import public_view
from zope import schema

import pytest
import transaction


FIELD = "internal_note"
MARKER = "INTERNALNOTE7Q4"


@pytest.fixture(scope="class")
def with_private_field(scenario):  # noqa: F811
    """Each kind's schema extended by a field nobody tagged public, and a
    value for it stored on every contribution."""
    saved = {}
    for kind in kinds():
        saved[kind.name] = kind.schema

        class IExtended(kind.schema):
            internal_note = schema.TextLine(title="Internal note", required=False)

        kind.schema = IExtended
    for item in scenario.items.values():
        if item.url or item.comment_id:
            setattr(scenario.obj(item), FIELD, f"{MARKER} {item.key}")
    transaction.commit()
    yield scenario
    for kind in kinds():
        kind.schema = saved[kind.name]


def staff_routes(scenario, session):  # noqa: F811
    plan = scenario.url("plan")
    api_plan = scenario.url("plan", rest=True)
    fetched = [
        get(session, f"{plan}/@@moderation"),
        get(session, f"{plan}/@@outcomes"),
        get(session, f"{plan}/@@consultation-report"),
        get(session, f"{plan}/@@consultation-results"),
        get(session, f"{plan}/@@consultation-export", format="csv"),
        get(session, f"{plan}/@@consultation-export", format="json"),
        get_json(session, f"{api_plan}/@moderation", review_state="pending"),
        get_json(session, f"{api_plan}/@moderation", review_state="published"),
        get_json(session, f"{api_plan}/@outcomes"),
        get_json(session, f"{api_plan}/@pledges"),
        get_json(session, f"{api_plan}/@consultation"),
    ]
    for target in ("plan", "chapter", "action"):
        fetched.append(
            get_json(session, f"{rest(scenario, scenario.url(target))}/@comments")
        )
    for item in scenario.items.values():
        if item.kind == "pledge" and item.url:
            fetched.append(
                fetch(
                    session,
                    "GET",
                    rest(scenario, item.url),
                    headers={"Accept": "application/json"},
                )
            )
    return fetched


class TestPrivateFieldOnNoRoute:
    def test_the_field_is_stored(self, with_private_field):
        stored = [
            getattr(with_private_field.obj(item), FIELD, None)
            for item in with_private_field.items.values()
            if item.url or item.comment_id
        ]
        assert stored and all(value.startswith(MARKER) for value in stored)

    def test_not_in_the_public_view(self, with_private_field):
        for item in with_private_field.items.values():
            if item.url or item.comment_id:
                view = public_view(with_private_field.obj(item))
                assert FIELD not in view
                assert MARKER not in repr(view)

    @pytest.mark.parametrize("who", USERS)
    @pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.__name__)
    def test_on_no_public_route(self, with_private_field, surface, who):
        session = with_private_field.session(who)
        fetched, _expected = surface(with_private_field, session, who)
        assert not leaks(fetched, [MARKER])

    @pytest.mark.parametrize("who", ("moderator", "manager"))
    def test_on_no_staff_route(self, with_private_field, who):
        session = with_private_field.session(who)
        fetched = staff_routes(with_private_field, session)
        assert all(item.status == 200 for item in fetched), [
            (item.url, item.status) for item in fetched if item.status != 200
        ]
        # The staff routes did show contributions, names included.
        names = [c.first_name for c in with_private_field.published()]
        assert any(
            name.lower() in item.search_text() for item in fetched for name in names
        )
        assert not leaks(fetched, [MARKER])
