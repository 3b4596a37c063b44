"""*Site setup → Promoting bodies* (``@@promoters-controlpanel``): the
promoters' names, websites, logos and contacts of settings.py, for Managers
and Site Administrators (``Plone Site Setup: Site``); the logos are uploaded
as images, with the widget Plone's own *Site* panel gives its site logo.
The same records over REST: ``@controlpanels/socialplan-promoters``."""

from html import escape
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.formwidget.namedfile.widget import NamedImageWidget
from plone.restapi.controlpanels import RegistryConfigletPanel
from torino.socialplan import _
from torino.socialplan.interfaces import IBrowserLayer
from torino.socialplan.theme.logos import logo_url
from torino.socialplan.theme.settings import BODIES
from torino.socialplan.theme.settings import ISiteIdentity
from torino.socialplan.theme.settings import PREFIX
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import Interface


CONFIGLET_ID = "socialplan-promoters"


class LogoWidget(NamedImageWidget):
    """Plone's image widget, showing the logo as the header does: the stock
    one finds no image scales on registry records (its preview link, empty,
    has no name)."""

    @property
    def thumb_tag(self):
        key = self.field.getName().removesuffix("_logo")
        url, placeholder = logo_url(key)
        if placeholder:  # the file just sent, refused: its link named
            return f'<span class="visually-hidden">{escape(self.filename or "")}</span>'
        alt = translate(
            _("Current logo: ${name}", mapping={"name": self.label}),
            context=self.request,
        )
        return (
            f'<img class="socialplan-logo-preview" src="{escape(url)}" '
            f'alt="{escape(alt)}" height="64" />'
        )


def LogoFieldWidget(field, request):
    return FieldWidget(field, LogoWidget(request))


class PromotersForm(RegistryEditForm):
    id = "socialplan-promoters-form"
    label = _("Promoting bodies")
    description = _(
        "The names, logos and contacts of the two promoting bodies, shown in "
        "the header and the footer of every page."
    )
    schema = ISiteIdentity
    schema_prefix = PREFIX

    def updateFields(self):
        super().updateFields()
        for key in BODIES:
            self.fields[f"{key}_logo"].widgetFactory = LogoFieldWidget


class PromotersControlPanel(ControlPanelFormWrapper):
    form = PromotersForm


@adapter(Interface, IBrowserLayer)
class PromotersControlpanel(RegistryConfigletPanel):
    """``@controlpanels/socialplan-promoters`` (plone.restapi)."""

    schema = ISiteIdentity
    schema_prefix = PREFIX
    configlet_id = CONFIGLET_ID
    configlet_category_id = "plone-general"
