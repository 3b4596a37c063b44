"""On the Plan, for whoever may edit it: the settings the consultation
waits for before it can open."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan.browser.legal.pages import may_edit_settings
from torino.socialplan.browser.legal.pages import PANEL
from torino.socialplan.consultation.legal import settings


class MissingSettingsViewlet(ViewletBase):
    index = ViewPageTemplateFile("missing_settings.pt")

    def update(self):
        super().update()
        self.missing = (
            settings.missing_titles() if may_edit_settings(self.context) else []
        )
        self.panel_url = f"{self.portal_state.portal_url()}/{PANEL}"

    def render(self):
        return self.index() if self.missing else ""
