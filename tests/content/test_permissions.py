"""Who may do what on each type: the editorial areas as tables.

The fixture (conftest.py): Institutions ``chamber`` (editors_group
chamber-editors) and ``city`` (city-editors), the Plan both promote, a
Chapter, Action A led by the chamber, Action B led by the city, a Pledge.
All created by a user who is none of the actors; the editorial content starts
private, the Pledge pending.
"""

from plone import api
from plone.api.exc import InvalidParameterError
from plone.restapi.interfaces import ISerializeToJson
from tests.content.editorial import make_pledge
from tests.content.editorial import rows
from tests.content.editorial import table
from tests.support.plans import make_chapter
from tests.support.plans import relations
from tests.support.users import acting_as
from tests.support.users import ANONYMOUS
from tests.support.users import as_manager
from zExceptions import Unauthorized
from zope.component import getMultiAdapter
from zope.lifecycleevent import modified

import pytest


EDITORIAL = ("plan", "chapter", "action_a", "action_b", "chamber", "city")
VIEW_EMAIL = "torino.socialplan: View contributor e-mail"


def catalog_finds(portal, tree):
    """The names of ``tree`` the current user finds in the catalog."""
    paths = {b.getPath() for b in portal.portal_catalog.searchResults()}
    return {
        name for name, obj in tree.items() if "/".join(obj.getPhysicalPath()) in paths
    }


def transition_as(portal, who, obj, transition):
    """Whether ``who`` could do ``transition`` on ``obj`` (done if so)."""
    with acting_as(portal, who):
        try:
            api.content.transition(obj=obj, transition=transition)
        except InvalidParameterError:
            return False
    return True


def set_state(portal, objs, *transitions):
    with as_manager(portal):
        for obj in objs:
            for transition in transitions:
                api.content.transition(obj=obj, transition=transition)


# The Pledge is pending: only moderators and reviewers see it.
VIEW_INITIAL = table("""
                plan  chapter  action_a  action_b  chamber  city  pledge
anonymous       -     -        -         -         -        -     -
member          -     -        -         -         -        -     -
chamber_editor  x     x        x         x         x        -     -
city_editor     x     x        x         x         -        x     -
plan_editor     x     x        x         x         -        -     -
moderator       -     -        -         -         -        -     x
reviewer        -     -        -         -         -        -     x
manager         x     x        x         x         x        x     x
""")


@pytest.mark.parametrize(("who", "expected"), rows(VIEW_INITIAL))
def test_may_view_drafts(portal, tree, who, expected):
    with acting_as(portal, who):
        allowed = {
            name: api.user.has_permission("View", obj=obj) for name, obj in tree.items()
        }
        found = catalog_finds(portal, tree)
    assert allowed == expected
    # Listings and searches show exactly what the user may open.
    assert found == {name for name, ok in expected.items() if ok}


EDIT_INITIAL = table("""
                plan  chapter  action_a  action_b  chamber  city  pledge
anonymous       -     -        -         -         -        -     -
member          -     -        -         -         -        -     -
chamber_editor  -     -        x         -         x        -     -
city_editor     -     -        -         x         -        x     -
plan_editor     x     x        x         x         -        -     -
moderator       -     -        -         -         -        -     -
reviewer        -     -        -         -         -        -     -
manager         x     x        x         x         x        x     x
""")


@pytest.mark.parametrize(("who", "expected"), rows(EDIT_INITIAL))
def test_may_edit_drafts(portal, tree, who, expected):
    with acting_as(portal, who):
        allowed = {
            name: api.user.has_permission("Modify portal content", obj=obj)
            for name, obj in tree.items()
        }
    assert allowed == expected


# Type@container: where each actor may add what.
ADD = table("""
                Plan@portal  Institution@portal  Chapter@portal  Chapter@plan  Action@plan  Action@chapter  Pledge@portal  Pledge@plan
anonymous       -            -                   -               -             -            -               -              -
member          -            -                   -               -             -            -               -              -
chamber_editor  -            -                   -               x             -            x               -              -
city_editor     -            -                   -               x             -            x               -              -
plan_editor     -            -                   -               x             -            x               -              -
moderator       -            -                   -               -             -            -               -              -
reviewer        -            -                   -               -             -            -               -              -
manager         x            x                   -               x             -            x               -              x
""")


@pytest.mark.parametrize(("who", "expected"), rows(ADD))
def test_may_add(portal, tree, who, expected):
    containers = {"portal": portal, **tree}
    allowed = {}
    with acting_as(portal, who):
        for cell in expected:
            portal_type, where = cell.split("@")
            addable = containers[where].allowedContentTypes()
            allowed[cell] = portal_type in {fti.getId() for fti in addable}
    assert allowed == expected


SUBMIT = table("""
                plan  chapter  action_a  action_b  chamber  city
anonymous       -     -        -         -         -        -
member          -     -        -         -         -        -
chamber_editor  -     -        x         -         x        -
city_editor     -     -        -         x         -        x
plan_editor     x     x        x         x         -        -
moderator       -     -        -         -         -        -
reviewer        -     -        -         -         -        -
manager         x     x        x         x         x        x
""")


@pytest.mark.parametrize(("who", "expected"), rows(SUBMIT))
def test_may_submit(portal, tree, who, expected):
    done = {name: transition_as(portal, who, tree[name], "submit") for name in expected}
    assert done == expected
    for name, ok in expected.items():
        assert api.content.get_state(tree[name]) == ("pending" if ok else "private")


# From pending: only reviewers publish the Plan; moderators publish Pledges.
PUBLISH = table("""
                plan  chapter  action_a  action_b  chamber  city  pledge
anonymous       -     -        -         -         -        -     -
member          -     -        -         -         -        -     -
chamber_editor  -     -        -         -         -        -     -
city_editor     -     -        -         -         -        -     -
plan_editor     -     -        -         -         -        -     -
moderator       -     -        -         -         -        -     x
reviewer        x     x        x         x         x        x     x
manager         x     x        x         x         x        x     x
""")


@pytest.mark.parametrize(("who", "expected"), rows(PUBLISH))
def test_may_publish(portal, tree, who, expected):
    set_state(portal, [tree[name] for name in EDITORIAL], "submit")
    done = {
        name: transition_as(portal, who, tree[name], "publish") for name in expected
    }
    assert done == expected
    for name, ok in expected.items():
        assert (api.content.get_state(tree[name]) == "published") is ok


# From published: back to private, to be edited again.
RETRACT = table("""
                plan  chapter  action_a  action_b  chamber  city
anonymous       -     -        -         -         -        -
member          -     -        -         -         -        -
chamber_editor  -     -        x         -         x        -
city_editor     -     -        -         x         -        x
plan_editor     x     x        x         x         -        -
moderator       -     -        -         -         -        -
reviewer        -     -        -         -         -        -
manager         x     x        x         x         x        x
""")


@pytest.mark.parametrize(("who", "expected"), rows(RETRACT))
def test_may_retract(portal, tree, who, expected):
    set_state(portal, [tree[name] for name in EDITORIAL], "submit", "publish")
    done = {
        name: transition_as(portal, who, tree[name], "retract") for name in expected
    }
    assert done == expected


# A pending Pledge; each transition tried on a fresh one.
MODERATE = table("""
                publish  reject  mark_as_spam
anonymous       -        -       -
member          -        -       -
chamber_editor  -        -       -
city_editor     -        -       -
plan_editor     -        -       -
moderator       x        x       x
reviewer        x        x       x
manager         x        x       x
""")


@pytest.mark.parametrize(("who", "expected"), rows(MODERATE))
def test_may_moderate_pledges(portal, tree, who, expected):
    done = {}
    for transition in expected:
        with as_manager(portal):
            pledge = make_pledge(tree["plan"], [tree["action_a"]])
        done[transition] = transition_as(portal, who, pledge, transition)
    assert done == expected


def test_moderator_does_not_publish_the_plan(portal, tree):
    set_state(portal, [tree["chapter"]], "submit")
    with acting_as(portal, "moderator"), pytest.raises(InvalidParameterError):
        api.content.transition(obj=tree["chapter"], transition="publish")
    assert api.content.get_state(tree["chapter"]) == "pending"


# (editor, item of their area)
OWN_AREAS = [
    ("chamber_editor", "action_a"),
    ("chamber_editor", "chamber"),
    ("city_editor", "action_b"),
    ("city_editor", "city"),
    ("plan_editor", "plan"),
    ("plan_editor", "chapter"),
]


@pytest.mark.parametrize(("who", "name"), OWN_AREAS)
def test_editors_edit_published_content_only_after_retracting(portal, tree, who, name):
    obj = tree[name]

    def may_edit():
        with acting_as(portal, who):
            return api.user.has_permission("Modify portal content", obj=obj)

    assert may_edit()
    with acting_as(portal, who):
        api.content.transition(obj=obj, transition="submit")
    assert not may_edit()  # under review
    with acting_as(portal, who), pytest.raises(InvalidParameterError):
        api.content.transition(obj=obj, transition="publish")
    set_state(portal, [obj], "publish")
    assert not may_edit()
    with acting_as(portal, who):
        api.content.transition(obj=obj, transition="retract")
    assert api.content.get_state(obj) == "private"
    assert may_edit()


def test_promoters_editors_write_chapters_and_actions(portal, tree):
    """Contributor on the Plan: what they add is theirs to edit and submit,
    not to publish."""
    with acting_as(portal, "chamber_editor"):
        chapter = make_chapter(tree["plan"], "new-chapter")
        action = api.content.create(
            container=chapter, type="Action", title="New", code="B.1.1"
        )
        for obj in (chapter, action):
            assert api.user.has_permission("Modify portal content", obj=obj)
        api.content.transition(obj=action, transition="submit")
        with pytest.raises(InvalidParameterError):
            api.content.transition(obj=action, transition="publish")
    assert api.content.get_state(action) == "pending"
    with acting_as(portal, "member"):
        assert not api.user.has_permission("View", obj=chapter)


def test_plain_member_cannot_add_to_the_plan(portal, tree):
    with acting_as(portal, "member"), pytest.raises(Unauthorized):
        make_chapter(tree["plan"], "intruder")
    assert "intruder" not in tree["plan"]


@pytest.mark.parametrize("who", [ANONYMOUS, "member"])
def test_outsiders_see_only_published_content(portal, tree, who):
    published = {"plan", "chapter", "action_a", "chamber", "pledge"}
    set_state(
        portal,
        [tree[name] for name in published if name != "pledge"],
        "submit",
        "publish",
    )
    set_state(portal, [tree["pledge"]], "publish")
    with acting_as(portal, who):
        viewable = {
            name
            for name, obj in tree.items()
            if api.user.has_permission("View", obj=obj)
        }
        found = catalog_finds(portal, tree)
    assert viewable == published
    assert found == published


EMAIL_READERS = {"moderator", "reviewer", "manager"}


@pytest.mark.parametrize("who", list(VIEW_INITIAL))
def test_pledge_email_readers(portal, tree, http_request, who):
    pledge = tree["pledge"]
    set_state(portal, [pledge], "publish")
    with acting_as(portal, who):
        may_read = api.user.has_permission(VIEW_EMAIL, obj=pledge)
        data = getMultiAdapter((pledge, http_request), ISerializeToJson)()
    assert may_read is (who in EMAIL_READERS)
    # The published Pledge is public; its e-mail address is not.
    assert data["last_name"] == "Rossi"
    assert ("email" in data) is (who in EMAIL_READERS)
    if who in EMAIL_READERS:
        assert data["email"] == "anna.rossi@example.org"


def found_by(portal, who, tree):
    with acting_as(portal, who):
        return catalog_finds(portal, tree)


def test_security_index_follows_the_lead_body(portal, tree):
    # The promoters' editors read the whole Plan; without promoters, only the
    # lead body's editors see a draft Action.
    with as_manager(portal):
        tree["plan"].promoters = []
        modified(tree["plan"])
    assert found_by(portal, "chamber_editor", tree) == {"action_a", "chamber"}
    assert found_by(portal, "city_editor", tree) == {"action_b", "city"}

    action = tree["action_a"]
    with as_manager(portal):
        action.lead_institutions = relations(tree["city"])
        modified(action)
    assert found_by(portal, "chamber_editor", tree) == {"chamber"}
    assert found_by(portal, "city_editor", tree) == {"action_a", "action_b", "city"}
    with acting_as(portal, "city_editor"):
        assert api.user.has_permission("Modify portal content", obj=action)


def test_security_index_follows_the_editors_group(portal, tree):
    chamber = tree["chamber"]
    with as_manager(portal):
        tree["plan"].promoters = relations(chamber)
        modified(tree["plan"])
    chamber_area = {"plan", "chapter", "action_a", "action_b", "chamber"}
    assert found_by(portal, "chamber_editor", tree) == chamber_area
    assert found_by(portal, "city_editor", tree) == {"action_b", "city"}

    # The chamber's page is handed to the city's editors.
    with as_manager(portal):
        chamber.editors_group = "city-editors"
        modified(chamber)
    assert found_by(portal, "chamber_editor", tree) == set()
    assert found_by(portal, "city_editor", tree) == chamber_area | {"city"}


def test_led_actions_lists_only_what_the_user_may_view(portal, tree):
    with as_manager(portal):
        tree["plan"].promoters = []
        modified(tree["plan"])
        assert tree["chamber"].led_actions() == [tree["action_a"]]
    with acting_as(portal, "chamber_editor"):
        assert tree["chamber"].led_actions() == [tree["action_a"]]
    with acting_as(portal, "city_editor"):
        assert tree["chamber"].led_actions() == []
