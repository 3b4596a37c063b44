"""Our caching settings: installed by the profile, by the 1004 -> 1005
upgrade on existing sites, and removed by the uninstall profile."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.caching import RULESETS
from torino.socialplan.caching.purge import CommentPurgePaths
from torino.socialplan.caching.purge import InstitutionPurgePaths
from torino.socialplan.caching.purge import PledgePurgePaths
from torino.socialplan.caching.purge import TextPurgePaths
from torino.socialplan.caching.uninstall import OPERATION_MAPPING
from torino.socialplan.caching.uninstall import TEMPLATE_MAPPING
from torino.socialplan.caching.uninstall import TYPE_MAPPING
from zope.component import createObject
from zope.component import getUtility

import pytest


PROFILE = f"{PACKAGE_NAME}:default"
SMAXAGE = "plone.app.caching.moderateCaching.torino.socialplan.page.smaxage"


def our_settings(registry):
    return {
        "enabled": registry["plone.caching.interfaces.ICacheSettings.enabled"],
        "operations": {
            k: v
            for k, v in (registry[OPERATION_MAPPING] or {}).items()
            if k in RULESETS
        },
        "types": {
            k: v for k, v in (registry[TYPE_MAPPING] or {}).items() if v in RULESETS
        },
        "templates": {
            k: v for k, v in (registry[TEMPLATE_MAPPING] or {}).items() if v in RULESETS
        },
        "options": sorted(
            name
            for name in registry.records
            if any(f".{ruleset}." in name for ruleset in RULESETS)
        ),
    }


EXPECTED = {
    "enabled": True,
    "operations": {
        "torino.socialplan.page": "plone.app.caching.moderateCaching",
        "torino.socialplan.api": "plone.app.caching.moderateCaching",
    },
    "types": {
        "Plan": "torino.socialplan.page",
        "Chapter": "torino.socialplan.page",
        "Action": "torino.socialplan.page",
        "Institution": "torino.socialplan.page",
    },
    "templates": {"consultation-results": "torino.socialplan.page"},
    "options": sorted(
        f"plone.app.caching.moderateCaching.{ruleset}.{option}"
        for ruleset in RULESETS
        for option in (
            "smaxage",
            "etags",
            "vary",
            "lastModified",
            "ramCache",
            "anonOnly",
        )
    ),
}


def test_installed_with_the_profile(portal):
    assert get_installer(portal).is_product_installed("plone.app.caching")
    registry = getUtility(IRegistry)
    assert our_settings(registry) == EXPECTED
    assert registry[SMAXAGE] == 300
    # Off until there is a proxy to purge.
    assert not registry["plone.cachepurging.interfaces.ICachePurgingSettings.enabled"]


def test_upgrade_to_1005(portal, setup_tool):
    registry = getUtility(IRegistry)
    # A site at 1004: none of our settings, plone.app.caching not installed.
    for name in EXPECTED["options"]:
        del registry.records[name]
    setup_tool.runAllImportStepsFromProfile("profile-plone.app.caching:uninstall")
    setup_tool.unsetLastVersionForProfile("plone.app.caching:default")
    assert OPERATION_MAPPING not in registry.records
    # What an administrator changed in our other records stays as it is.
    registry["torino.socialplan.confirmation_hours"] = 72
    setup_tool.setLastVersionForProfile(PROFILE, "1004")
    assert not get_installer(portal).is_product_installed("plone.app.caching")

    setup_tool.upgradeProfile(PROFILE, dest="1005")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1005",)
    assert get_installer(portal).is_product_installed("plone.app.caching")
    assert our_settings(registry) == EXPECTED
    assert registry["torino.socialplan.confirmation_hours"] == 72


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        """Uninstall torino.socialplan for every test of this class."""

    def test_our_settings_removed(self, portal):
        registry = getUtility(IRegistry)
        assert our_settings(registry) == {
            "enabled": True,  # shared: left as the site had it
            "operations": {},
            "types": {},
            "templates": {},
            "options": [],
        }
        # plone.app.caching's own settings stay, for other add-ons.
        assert "plone.app.caching.moderateCaching.smaxage" in registry.records
        assert get_installer(portal).is_product_installed("plone.app.caching")

    def test_site_still_renders(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        document = api.content.create(
            container=portal, type="Document", id="doc", title="Doc"
        )
        assert "Doc" in document()


@pytest.fixture
def texts(portal):
    from z3c.relationfield import RelationValue
    from zope.intid.interfaces import IIntIds

    setRoles(portal, TEST_USER_ID, ["Manager"])
    institution = api.content.create(
        container=portal, type="Institution", id="camera", title="Camera"
    )
    plan = api.content.create(container=portal, type="Plan", id="plan", title="P")
    chapter = api.content.create(container=plan, type="Chapter", id="c", title="C")
    intids = getUtility(IIntIds)
    action = api.content.create(
        container=chapter,
        type="Action",
        id="a",
        title="A",
        code="A.1.1",
        lead_institutions=[RelationValue(intids.getId(institution))],
    )
    pledge = api.content.create(
        container=plan,
        type="Pledge",
        id="p",
        title="P",
        actions=[RelationValue(intids.getId(action))],
    )
    return plan, chapter, action, institution, pledge


def test_paths_of_an_edited_action(texts):
    _plan, _chapter, action, _institution, _ = texts
    paths = set(TextPurgePaths(action).getRelativePaths())
    assert {
        "/plone/plan/c/a",
        "/plone/plan/c/a/",
        "/plone/plan/c/a/view",
        "/plone/plan/c/a/@@view",
        "/plone/plan/c/a/@comments",
        "/plone/plan/c/a/@pledges",
        "/plone/++api++/plan/c/a",
        "/plone/++api++/plan/c/a/@pledges",
        # The Chapter lists it, the Plan counts it, its lead body names it.
        "/plone/plan/c",
        "/plone/plan",
        "/plone/plan/@consultation",
        "/plone/plan/consultation-results",
        "/plone/camera",
        "/plone/++api++/camera",
    } <= paths
    assert not any(p.startswith("/plone/plan/c/a/++") for p in paths)


def test_paths_of_an_institution_and_of_a_pledge(texts):
    _plan, _chapter, _action, institution, pledge = texts
    assert "/plone/plan/c/a" in InstitutionPurgePaths(institution).getRelativePaths()
    paths = set(PledgePurgePaths(pledge).getRelativePaths())
    assert {"/plone/plan/@pledges", "/plone/plan/c/a/@pledges", "/plone/plan"} <= paths
    assert "/plone/plan/c" not in paths  # the Chapter shows no pledge


def test_paths_of_a_comment(texts):
    from plone.app.discussion.interfaces import IConversation

    _plan, chapter, *_ = texts
    comment = createObject("plone.Comment")
    comment.text = "Un commento."
    conversation = IConversation(chapter)
    comment = conversation[conversation.addComment(comment)]
    paths = set(CommentPurgePaths(comment).getRelativePaths())
    assert {"/plone/plan/c", "/plone/plan/c/@comments", "/plone/plan"} <= paths
    assert "/plone/plan/c/a" not in paths
