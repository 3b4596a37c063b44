"""1007 -> 1008: anonymous visitors get the menu script, not Plone's bundles
(profiles/default/registry/public_scripts.xml)."""

from plone import api
from plone.registry.interfaces import IRegistry
from torino.socialplan import PACKAGE_NAME
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"
BUNDLES = ("plone", "plone-fullscreen", "datagridfield-bundle")
NAV = "plone.bundles/torino-socialplan-nav"


def test_upgrade_to_1008(portal, setup_tool):
    registry = getUtility(IRegistry)
    for name in BUNDLES:  # as before 1008
        registry[f"plone.bundles/{name}.expression"] = ""
    for key in [key for key in registry.records if key.startswith(NAV + ".")]:
        del registry.records[key]
    registry["plone.bundles/plone.enabled"] = True
    setup_tool.setLastVersionForProfile(PROFILE, "1007")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1008")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1008",)
    for name in BUNDLES:
        assert registry[f"plone.bundles/{name}.expression"] == (
            "python: member is not None"
        )
        # Only the expression: what the bundle loads stays.
        assert registry[f"plone.bundles/{name}.enabled"] is True
    assert registry[f"{NAV}.jscompilation"] == "++plone++torino.socialplan/nav.js"
    assert registry[f"{NAV}.expression"] == "python: member is None"
