"""1007 → 1008: no JavaScript a public page does not use
(profiles/default/registry/public_scripts.xml): anonymous visitors get the
menu script and inline.js instead of Plone's bundles."""

from pathlib import Path
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from torino.socialplan.upgrades.to_1005 import _Environ
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
PUBLIC_SCRIPTS = (
    Path(__file__).parent.parent / "profiles/default/registry/public_scripts.xml"
)


def public_scripts(context):
    # These records only: our other records keep what administrators set.
    importer = RegistryImporter(getUtility(IRegistry), _Environ())
    importer.importDocument(PUBLIC_SCRIPTS.read_bytes())
    logger.info("Anonymous visitors: the menu script instead of Plone's bundles")
