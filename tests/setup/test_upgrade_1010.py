"""1009 -> 1010: the settings of the legal pages and their control panel;
the privacy notice and the accessibility statement written from them."""

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.registry.interfaces import IRegistry
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation.legal.settings import ILegalSettings
from torino.socialplan.consultation.legal.settings import PREFIX
from torino.socialplan.interfaces import IAccessibilityStatementPage
from torino.socialplan.interfaces import IPrivacyNoticePage
from torino.socialplan.site_pages import ACCESSIBILITY_ID
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID
from torino.socialplan.theme.pages import LEGAL_NOTES_ID
from zope.component import getUtility
from zope.interface import noLongerProvides


PROFILE = f"{PACKAGE_NAME}:default"
CONFIGLET = "torino-socialplan-personal-data"
OLD = "<p><strong>Testo da completare a cura dei promotori</strong> [data]</p>"


def test_upgrade_to_1010(portal, setup_tool):
    registry = getUtility(IRegistry)
    for name in ILegalSettings.names():  # as before 1010
        del registry.records[f"{PREFIX}.{name}"]
    panel = api.portal.get_tool("portal_controlpanel")
    panel.unregisterConfiglet(CONFIGLET)
    for page_id, marker in (
        (PRIVACY_NOTICE_ID, IPrivacyNoticePage),
        (ACCESSIBILITY_ID, IAccessibilityStatementPage),
    ):
        noLongerProvides(portal[page_id], marker)
    for page_id in (PRIVACY_NOTICE_ID, ACCESSIBILITY_ID, LEGAL_NOTES_ID):
        portal[page_id].text = RichTextValue(OLD, "text/html", "text/x-html-safe")
    setup_tool.setLastVersionForProfile(PROFILE, "1009")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1010")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1010",)
    assert registry[f"{PREFIX}.chamber_name"] == "Camera di commercio di Torino"
    assert registry[f"{PREFIX}.chamber_pec"] is None
    assert registry[f"{PREFIX}.notice_version"] == 1
    assert CONFIGLET in [c.id for c in panel.listActions()]
    assert IPrivacyNoticePage.providedBy(portal[PRIVACY_NOTICE_ID])
    assert IAccessibilityStatementPage.providedBy(portal[ACCESSIBILITY_ID])
    for page_id in (PRIVACY_NOTICE_ID, ACCESSIBILITY_ID, LEGAL_NOTES_ID):
        assert "[" not in portal[page_id].text.raw
