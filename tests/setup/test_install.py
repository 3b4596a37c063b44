"""The default profile installs the add-on and what it depends on."""

from plone.base.interfaces.installable import INonInstallable
from plone.base.interfaces.resources import IBundleRegistry
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.interfaces import IBrowserLayer
from zope.component import getAllUtilitiesRegisteredFor
from zope.i18n import translate

import pytest


DEPENDENCY_PROFILES = (
    "plone.app.dexterity:default",
    "plone.restapi:default",
    "plone.app.discussion:default",
    "collective.z3cform.datagridfield:default",
)


class TestInstall:
    def test_addon_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    def test_browserlayer_registered(self, browser_layers):
        assert IBrowserLayer in browser_layers

    def test_profile_version(self, profile_last_version):
        assert profile_last_version(f"{PACKAGE_NAME}:default") == "1014"

    @pytest.mark.parametrize("profile", DEPENDENCY_PROFILES)
    def test_dependency_profile_applied(self, setup_tool, profile):
        assert setup_tool.getLastVersionForProfile(profile) != "unknown"

    def test_discussion_installed_as_addon(self, installer):
        # Since Plone 6.1 discussion is an add-on; plone.restapi registers
        # @comments only when it is installed.
        assert installer.is_product_installed("plone.app.discussion") is True

    def test_comments_are_moderated(self, portal):
        chain = portal.portal_workflow.getChainForPortalType("Discussion Item")
        assert chain == ("socialplan_comment_workflow",)

    def test_the_stock_comment_workflow_is_left_alone(self, portal):
        """Ours has its own id: plone.app.discussion's keeps its definition
        (no Moderator role of ours in it)."""
        stock = portal.portal_workflow["comment_review_workflow"]
        ours = portal.portal_workflow["socialplan_comment_workflow"]
        assert set(stock.states) == set(ours.states)
        assert set(stock.transitions) == set(ours.transitions)
        pending = stock.states["pending"].permission_roles["View"]
        assert "Moderator" not in pending
        assert "Moderator" in ours.states["pending"].permission_roles["View"]

    def test_plan_and_institutions_in_navigation(self, portal):
        displayed = portal.portal_registry["plone.displayed_types"]
        assert {"Plan", "Chapter", "Institution"} <= set(displayed)
        assert "Document" in displayed  # Plone's own types stay

    def test_moderation_action_registered(self, portal):
        assert "socialplan-moderation" in portal.portal_actions.object.objectIds()

    def test_stylesheet_bundle_registered(self, portal):
        bundles = portal.portal_registry.collectionOfInterface(
            IBundleRegistry, prefix="plone.bundles"
        )
        assert bundles["torino-socialplan"].enabled is True

    def test_install_profile_is_default(self, installer):
        profile = installer.get_install_profile(PACKAGE_NAME)
        assert profile["id"] == f"{PACKAGE_NAME}:default"

    def test_uninstall_profile_hidden_from_site_creation(self):
        hidden = set()
        for utility in getAllUtilitiesRegisteredFor(INonInstallable):
            hidden.update(utility.getNonInstallableProfiles())
        assert f"{PACKAGE_NAME}:uninstall" in hidden
        assert f"{PACKAGE_NAME}:default" not in hidden


class TestTranslations:
    """The package's catalogues are registered and compiled."""

    def test_italian(self, portal):
        title = translate(
            "Torino Social Plan: public consultation",
            domain=PACKAGE_NAME,
            target_language="it",
        )
        assert title == "Torino Social Plan: consultazione pubblica"

    def test_english_falls_back_to_msgid(self, portal):
        msgid = "Torino Social Plan: public consultation"
        assert translate(msgid, domain=PACKAGE_NAME, target_language="en") == msgid
