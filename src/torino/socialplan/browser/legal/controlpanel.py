"""Site Setup → Personal data and legal pages: the settings of
consultation/legal/settings.py (REST: @controlpanels/personal-data)."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from torino.socialplan import _
from torino.socialplan.consultation.legal import settings
from zope.i18n import translate


class LegalSettingsForm(RegistryEditForm):
    schema = settings.ILegalSettings
    schema_prefix = settings.PREFIX
    label = _("Personal data and legal pages")

    @property
    def description(self):
        missing = settings.missing_titles()
        if not missing:
            return _("The privacy notice and the accessibility statement are complete.")
        titles = "; ".join(translate(title, context=self.request) for title in missing)
        return _(
            "Missing, and needed before the consultation can open: ${titles}.",
            mapping={"titles": titles},
        )


LegalSettingsView = layout.wrap_form(LegalSettingsForm, ControlPanelFormWrapper)
