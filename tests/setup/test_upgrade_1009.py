"""1008 -> 1009: the promoters' logos become uploaded images (an address of
an image of the site becomes that image, the placeholders empty records,
other addresses are dropped with a warning); Site setup lists Promoting
bodies; the portal's time zone is Europe/Rome and Plone's own date formats
are day month year, 24 hours."""

from plone import api
from plone.formwidget.namedfile.converter import b64decode_file
from plone.namedfile.file import NamedBlobImage
from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.theme.settings import CITY_PLACEHOLDER
from torino.socialplan.theme.settings import PREFIX
from zope.component import getUtility

import base64
import logging
import pytest


PROFILE = f"{PACKAGE_NAME}:default"
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
FORMATS = "Products.CMFPlone.i18nl10n.override_dateformat"


def as_before_1009(portal, chamber, city, zone="UTC"):
    """The records as 1008 left them: logos as addresses (TextLine), no
    configlet, UTC and Plone's formats by language."""
    registry = getUtility(IRegistry)
    for key, address in (("chamber", chamber), ("city", city)):
        registry.records[f"{PREFIX}.{key}_logo"] = Record(field.TextLine(), address)
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(
        "socialplan-promoters"
    )
    registry["plone.portal_timezone"] = zone
    registry["plone.available_timezones"] = []
    registry[f"{FORMATS}.Enabled"] = False
    registry[f"{FORMATS}.date_format_long"] = "%Y-%m-%d %H:%M"
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.setLastVersionForProfile(PROFILE, "1008")
    return registry, setup_tool


def upgrade(setup_tool):
    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1009")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1009",)


def test_upgrade_to_1009(portal, caplog):
    with api.env.adopt_roles(["Manager"]):
        camera = api.content.create(
            container=portal,
            type="Institution",
            id="camera",
            title="Camera",
            logo=NamedBlobImage(data=PNG, filename="camera.png"),
        )
    registry, setup_tool = as_before_1009(
        portal, f"{camera.absolute_url()}/@@images/logo", CITY_PLACEHOLDER
    )
    registry[f"{PREFIX}.chamber_name"] = "Camera di commercio (nome scelto)"

    upgrade(setup_tool)

    chamber = registry[f"{PREFIX}.chamber_logo"]
    assert b64decode_file(chamber) == ("camera.png", PNG)
    assert registry[f"{PREFIX}.city_logo"] is None  # the placeholder
    assert registry[f"{PREFIX}.chamber_name"] == "Camera di commercio (nome scelto)"
    assert registry.records[f"{PREFIX}.city_logo"].field.__class__ is field.Bytes
    configlets = api.portal.get_tool("portal_controlpanel").listActions()
    (configlet,) = [c for c in configlets if c.getId() == "socialplan-promoters"]
    assert configlet.getCategory() == "plone-general"
    assert configlet.permissions == ("Plone Site Setup: Site",)
    assert registry["plone.portal_timezone"] == "Europe/Rome"
    assert registry["plone.available_timezones"] == ["Europe/Rome"]
    assert registry[f"{FORMATS}.Enabled"] is True
    assert registry[f"{FORMATS}.date_format_long"] == "${d} ${b} ${Y}, ${H}:${M}"


@pytest.mark.parametrize(
    "address",
    ["https://www.example.org/logo.png", "nowhere/@@images/logo", "front-page"],
)
def test_addresses_outside_the_site_dropped_with_a_warning(portal, caplog, address):
    registry, setup_tool = as_before_1009(portal, address, "")
    with caplog.at_level(logging.WARNING, logger="torino.socialplan"):
        upgrade(setup_tool)
    assert registry[f"{PREFIX}.chamber_logo"] is None
    assert registry[f"{PREFIX}.city_logo"] is None
    assert [r for r in caplog.records if address in r.getMessage()]


def test_a_zone_chosen_by_the_site_kept(portal):
    registry, setup_tool = as_before_1009(portal, "", "", zone="Europe/Berlin")
    upgrade(setup_tool)
    assert registry["plone.portal_timezone"] == "Europe/Berlin"
    assert "Europe/Rome" in registry["plone.available_timezones"]
