"""@controlpanels/personal-data: the settings of the privacy notice and the
accessibility statement (consultation/legal/settings.py)."""

from plone.restapi.controlpanels import RegistryConfigletPanel
from torino.socialplan.consultation.legal.settings import ILegalSettings
from torino.socialplan.consultation.legal.settings import PREFIX
from torino.socialplan.interfaces import IBrowserLayer
from zope.component import adapter
from zope.interface import Interface


@adapter(Interface, IBrowserLayer)
class LegalControlpanel(RegistryConfigletPanel):
    schema = ILegalSettings
    schema_prefix = PREFIX
    configlet_id = "torino-socialplan-personal-data"
    configlet_category_id = "plone-general"
