"""Site Setup → Consultation settings: e-mail confirmation of contributions
and the largest position paper (consultation/settings.py)."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from torino.socialplan import _
from torino.socialplan.consultation import settings


class ConsultationSettingsForm(RegistryEditForm):
    schema = settings.IConsultationSettings
    schema_prefix = settings.PREFIX
    label = _("Consultation settings")


ConsultationSettingsView = layout.wrap_form(
    ConsultationSettingsForm, ControlPanelFormWrapper
)
