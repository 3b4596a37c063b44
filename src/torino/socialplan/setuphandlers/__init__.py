"""Install and uninstall handlers."""

from plone.base.interfaces.installable import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Keep the uninstall profile out of the add-ons control panel."""
        return ["torino.socialplan:uninstall"]

    def getNonInstallableProducts(self):
        return ["torino.socialplan.upgrades"]
