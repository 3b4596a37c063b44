"""The content types as installed: FTIs, add permissions, workflows, groups."""

from plone import api
from plone.dexterity.utils import resolveDottedName
from tests.content.editorial import make_plan
from tests.support.plans import make_action
from tests.support.plans import make_chapter
from tests.support.users import acting_as
from tests.support.users import as_manager
from torino.socialplan.content.action import Action
from torino.socialplan.content.action import IAction
from torino.socialplan.content.chapter import Chapter
from torino.socialplan.content.chapter import IChapter
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.institution import Institution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.plan import Plan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.content.pledge import Pledge
from zope.component import queryUtility
from zope.security.interfaces import IPermission

import pytest
import re


EDITORIAL_WF = "socialplan_editorial_workflow"
PLEDGE_WF = "socialplan_pledge_workflow"
ADMINS = {"Manager", "Site Administrator"}

# portal_type: (add permission id, its roles, class, schema, allowed types,
#               addable anywhere, comments, workflow)
TYPES = {
    "Plan": (
        "torino.socialplan.AddPlan",
        ADMINS,
        Plan,
        IPlan,
        {"Chapter", "Pledge"},
        True,
        True,
        EDITORIAL_WF,
    ),
    "Chapter": (
        "torino.socialplan.AddChapter",
        ADMINS | {"Contributor"},
        Chapter,
        IChapter,
        {"Action"},
        False,
        True,
        EDITORIAL_WF,
    ),
    "Action": (
        "torino.socialplan.AddAction",
        ADMINS | {"Contributor"},
        Action,
        IAction,
        set(),
        False,
        True,
        EDITORIAL_WF,
    ),
    "Pledge": (
        "torino.socialplan.AddPledge",
        ADMINS,
        Pledge,
        IPledge,
        set(),
        False,
        False,
        PLEDGE_WF,
    ),
    "Institution": (
        "torino.socialplan.AddInstitution",
        ADMINS,
        Institution,
        IInstitution,
        set(),
        True,
        False,
        EDITORIAL_WF,
    ),
}


def roles_of(portal, permission_title):
    return {
        role["name"]
        for role in portal.rolesOfPermission(permission_title)
        if role["selected"]
    }


@pytest.mark.parametrize("portal_type", TYPES)
def test_fti(portal, portal_type):
    (permission, roles, klass, schema, allowed, global_allow, discussion, wf) = TYPES[
        portal_type
    ]
    fti = portal.portal_types.get(portal_type)
    assert fti is not None
    assert fti.add_permission == permission
    # The permission exists and its roles come from rolemap.xml.
    title = queryUtility(IPermission, name=permission).title
    assert roles_of(portal, title) == roles
    assert resolveDottedName(fti.klass) is klass
    assert fti.lookupSchema() is schema
    assert fti.filter_content_types
    assert set(fti.allowed_content_types) == allowed
    assert fti.global_allow is global_allow
    assert fti.allow_discussion is discussion
    assert portal.portal_workflow.getChainForPortalType(portal_type) == (wf,)


@pytest.mark.parametrize("portal_type", ["Plan", "Chapter", "Action"])
def test_texts_of_the_plan_are_versioned_and_commentable(portal, portal_type):
    behaviors = portal.portal_types[portal_type].behaviors
    for behavior in ("plone.basic", "plone.richtext", "plone.versioning"):
        assert behavior in behaviors
    assert "plone.allowdiscussion" in behaviors


def test_pledge_has_no_editable_title(portal):
    # Its title is computed from the names (Pledge.title).
    behaviors = portal.portal_types["Pledge"].behaviors
    assert not {"plone.basic", "plone.dublincore", "plone.versioning"} & set(behaviors)


def test_manager_adds_only_plans_and_institutions_at_the_root(portal):
    with as_manager(portal):
        addable = {fti.getId() for fti in portal.allowedContentTypes()}
    assert {"Plan", "Institution"} <= addable
    assert not {"Chapter", "Action", "Pledge"} & addable


def test_instances(portal, tree):
    for name, portal_type in (
        ("plan", "Plan"),
        ("chapter", "Chapter"),
        ("action_a", "Action"),
        ("pledge", "Pledge"),
        ("chamber", "Institution"),
    ):
        obj = tree[name]
        assert obj.portal_type == portal_type
        assert isinstance(obj, TYPES[portal_type][2])
        assert TYPES[portal_type][3].providedBy(obj)
    initial = {name: api.content.get_state(obj) for name, obj in tree.items()}
    assert initial.pop("pledge") == "pending"
    assert set(initial.values()) == {"private"}


def test_pledge_id_is_opaque_and_title_computed(tree):
    pledge = tree["pledge"]
    assert re.fullmatch(r"pledge-[0-9a-f]{8}", pledge.getId())
    assert pledge.Title() == "Anna Rossi (Cooperativa Aurora)"
    pledge.title = "Anything"
    assert pledge.Title() == "Anna Rossi (Cooperativa Aurora)"
    pledge.organization = None
    assert pledge.Title() == "Anna Rossi"


def test_action_code_index(portal, tree):
    index = portal.portal_catalog.Indexes["action_code"]
    assert index.meta_type == "FieldIndex"
    brains = api.content.find(action_code="A.1.2")
    assert [brain.getObject() for brain in brains] == [tree["action_b"]]


GROUPS = {
    "chamber-editors": set(),
    "city-editors": set(),
    "plan-editors": set(),
    "moderators": {"Moderator"},
}


def site_roles(group_id):
    return set(api.group.get_roles(groupname=group_id)) - {"Authenticated"}


@pytest.mark.parametrize("group_id", GROUPS)
def test_group(portal, group_id):
    group = api.group.get(groupname=group_id)
    assert group is not None
    assert group.getProperty("title")
    assert site_roles(group_id) == GROUPS[group_id]


def test_moderator_role_exists(portal):
    assert "Moderator" in portal.validRoles()


def test_profile_runs_again_keeping_groups_and_content(portal, setup_tool, users):
    with as_manager(portal):
        # An administrator renames one group and deletes another.
        api.group.get(groupname="city-editors").setGroupProperties({"title": "Renamed"})
        api.group.delete(groupname="plan-editors")
        plan = make_plan(portal, "plan")
        action = make_action(make_chapter(plan, "chapter"), "action", "A.1.1")
        api.content.transition(obj=plan, transition="publish")
        setup_tool.runAllImportStepsFromProfile("profile-torino.socialplan:default")

    for group_id, roles in GROUPS.items():
        assert api.group.get(groupname=group_id) is not None
        assert site_roles(group_id) == roles
    assert api.group.get(groupname="city-editors").getProperty("title") == "Renamed"
    members = {
        group_id: {user.getId() for user in api.user.get_users(groupname=group_id)}
        for group_id in ("chamber-editors", "city-editors", "moderators")
    }
    assert members == {
        "chamber-editors": {"chamber_editor"},
        "city-editors": {"city_editor"},
        "moderators": {"moderator"},
    }
    with acting_as(portal, "moderator"):
        assert api.user.has_permission("torino.socialplan: Moderate contributions")
    assert api.content.get_state(plan) == "published"
    assert [b.getObject() for b in api.content.find(action_code="A.1.1")] == [action]
