"""1011 -> 1012: the Plan's editors may move the Plan on (rolemap.xml)."""

from plone import api
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.base.permissions import MOVE_PLAN_ON


PROFILE = f"{PACKAGE_NAME}:default"


def roles_of(portal, permission):
    return {
        role["name"]
        for role in portal.rolesOfPermission(permission)
        if role["selected"] == "SELECTED"
    }


def test_upgrade_to_1012(portal, setup_tool):
    # As before: Zope's default for a permission nobody mapped.
    portal.manage_permission(MOVE_PLAN_ON, roles=["Manager"], acquire=True)
    assert roles_of(portal, MOVE_PLAN_ON) == {"Manager"}
    setup_tool.setLastVersionForProfile(PROFILE, "1011")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1012")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1012",)
    assert roles_of(portal, MOVE_PLAN_ON) == {"Manager", "Site Administrator", "Editor"}
