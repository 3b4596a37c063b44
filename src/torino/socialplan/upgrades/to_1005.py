"""1004 → 1005: HTTP caching of the public pages (plone.app.caching
installed, our rulesets and their options as in profiles/default/registry/
caching.xml), purging set up but off until a proxy is there."""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
CACHING_RECORDS = Path(__file__).parent.parent / "profiles/default/registry/caching.xml"


class _Environ:
    """What RegistryImporter asks of a GenericSetup import context."""

    def getLogger(self, name):
        return logging.getLogger(name)

    def shouldPurge(self):
        return False


def install_caching(context):
    installer = get_installer(api.portal.get())
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    # Our caching records only: re-importing the whole registry step would
    # reset the settings administrators changed in our other records.
    importer = RegistryImporter(getUtility(IRegistry), _Environ())
    importer.importDocument(CACHING_RECORDS.read_bytes())
    logger.info("HTTP caching of the consultation's pages installed")
