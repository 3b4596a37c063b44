"""1013 -> 1014: the largest position paper is a registry record, edited in
Site Setup → Consultation settings; the other records keep their values."""

from plone import api
from plone.registry.interfaces import IRegistry
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation.position_papers.attachment import max_bytes
from torino.socialplan.consultation.position_papers.attachment import MAX_MB_RECORD
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"
CONFIGLET = "torino-socialplan-consultation"


def test_upgrade_to_1014(portal, setup_tool):
    registry = getUtility(IRegistry)
    del registry.records[MAX_MB_RECORD]  # as before 1014
    panel = api.portal.get_tool("portal_controlpanel")
    panel.unregisterConfiglet(CONFIGLET)
    assert CONFIGLET not in [c.id for c in panel.listActions()]
    registry["torino.socialplan.confirmation_hours"] = 72
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("has_position_paper")
    setup_tool.setLastVersionForProfile(PROFILE, "1013")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1014")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1014",)
    assert registry[MAX_MB_RECORD] == 10
    assert max_bytes() == 10 * 1024 * 1024
    assert CONFIGLET in [c.id for c in panel.listActions()]
    assert registry["torino.socialplan.confirmation_hours"] == 72
    assert "has_position_paper" in catalog.indexes()
