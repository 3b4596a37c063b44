"""The uninstall profile removes the add-on and leaves shared packages alone."""

from plone.base.interfaces.resources import IBundleRegistry
from plone.browserlayer.utils import registered_layers
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.discussion.versioning import MODIFIER_ID
from torino.socialplan.interfaces import IBrowserLayer

import pytest


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        """Uninstall torino.socialplan for every test of this class."""

    def test_addon_uninstalled(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is False

    def test_browserlayer_removed(self, browser_layers):
        assert IBrowserLayer not in browser_layers

    def test_stylesheet_bundle_removed(self, portal):
        bundles = portal.portal_registry.collectionOfInterface(
            IBundleRegistry, prefix="plone.bundles"
        )
        assert "torino-socialplan" not in bundles

    def test_navigation_types_removed(self, portal):
        displayed = portal.portal_registry["plone.displayed_types"]
        assert not {"Plan", "Chapter", "Institution"} & set(displayed)
        assert "Document" in displayed

    def test_moderation_and_report_actions_removed(self, portal):
        ids = portal.portal_actions.object.objectIds()
        assert "socialplan-moderation" not in ids
        assert "socialplan-report" not in ids

    def test_versioning_modifier_removed(self, portal):
        assert MODIFIER_ID not in portal.portal_modifier.objectIds()

    def test_dependencies_stay_installed(self, installer):
        # Other add-ons of the site may rely on them: uninstalling ours must
        # not pull discussion or the REST API from under them.
        assert installer.is_product_installed("plone.app.discussion") is True
        assert installer.is_product_installed("plone.restapi") is True

    def test_reinstall(self, installer):
        installer.install_product(PACKAGE_NAME)
        assert installer.is_product_installed(PACKAGE_NAME) is True
        assert IBrowserLayer in registered_layers()
