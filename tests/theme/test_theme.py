"""The institutional theme: installed by the profile, brought to existing
sites by the 1003 upgrade step, removed on uninstall (Barceloneta back)."""

from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.theming.utils import getCurrentTheme
from plone.formwidget.namedfile.converter import b64encode_file
from plone.registry.interfaces import IRegistry
from torino.socialplan.theme import install
from torino.socialplan.theme.pages import ACCESSIBILITY_ID
from torino.socialplan.theme.pages import LEGAL_NOTES_ID
from torino.socialplan.theme.settings import ISiteIdentity
from torino.socialplan.theme.settings import PREFIX
from torino.socialplan.upgrades.to_1003 import install_institutional_theme
from zope.component import getUtility

import pytest


THEME = Path(__file__).parents[2] / "src" / "torino" / "socialplan" / "theme"
RECORD = f"{PREFIX}.chamber_logo"
LOGO = b64encode_file("camera.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')


def test_theme_active(portal):
    assert getCurrentTheme() == "torino.socialplan"


def test_settings_in_the_registry(portal):
    registry = getUtility(IRegistry)
    assert registry[f"{PREFIX}.chamber_name"] == "Camera di commercio di Torino"
    assert registry[f"{PREFIX}.city_name"] == "Città metropolitana di Torino"
    assert registry[RECORD] is None  # the placeholder, until one is uploaded


@pytest.mark.parametrize("page_id", [ACCESSIBILITY_ID, LEGAL_NOTES_ID])
def test_pages_created_and_published(portal, page_id):
    page = portal[page_id]
    assert api.content.get_state(page) == "published"
    assert page.exclude_from_nav
    assert "[" not in page.text.raw  # no placeholder is ever public


def test_edited_pages_kept(portal):
    portal[ACCESSIBILITY_ID].title = "Edited"
    install.create_pages(portal)
    assert portal[ACCESSIBILITY_ID].title == "Edited"


def test_built_css_and_fonts_are_committed():
    css = (THEME / "static" / "css" / "theme.min.css").read_text()
    assert '"Titillium Web"' in css
    for url in (
        "titillium-web-latin-400-normal.woff2",
        "titillium-web-latin-700-normal.woff2",
    ):
        assert url in css
        assert (THEME / "static" / "fonts" / url).stat().st_size > 1000


class TestUpgradeTo1003:
    def test_existing_site_gets_the_theme_and_keeps_its_settings(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        registry = getUtility(IRegistry)
        registry[RECORD] = LOGO
        install.apply("barceloneta")
        del registry.records[f"{PREFIX}.city_name"]
        portal._delObject(LEGAL_NOTES_ID)
        install_institutional_theme(portal.portal_setup)
        assert getCurrentTheme() == "torino.socialplan"
        assert registry[RECORD] == LOGO
        assert registry[f"{PREFIX}.city_name"] == "Città metropolitana di Torino"
        assert LEGAL_NOTES_ID in portal.objectIds()


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        """Uninstall torino.socialplan for every test of this class."""

    def test_barceloneta_back(self, portal):
        assert getCurrentTheme() == "barceloneta"

    def test_control_panel_removed(self, portal):
        configlets = api.portal.get_tool("portal_controlpanel").listActions()
        assert "socialplan-promoters" not in [c.getId() for c in configlets]

    def test_settings_removed(self, portal):
        registry = getUtility(IRegistry)
        assert not [name for name in ISiteIdentity if f"{PREFIX}.{name}" in registry]
