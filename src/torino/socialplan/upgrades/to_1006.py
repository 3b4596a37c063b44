"""1005 → 1006: static resources cached by browsers and proxies
(profiles/default/registry/static_caching.xml), and pending contributions
taken out of the text indexes (consultation/indexing.py), as new ones are."""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from torino.socialplan.base.states import PENDING
from torino.socialplan.base.states import PORTAL_TYPES
from torino.socialplan.consultation.indexing import drop_until_decided
from torino.socialplan.upgrades.to_1005 import _Environ
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
STATIC_RECORDS = (
    Path(__file__).parent.parent / "profiles/default/registry/static_caching.xml"
)


def cache_static_resources(context):
    # These records only: our other records keep what administrators set.
    importer = RegistryImporter(getUtility(IRegistry), _Environ())
    importer.importDocument(STATIC_RECORDS.read_bytes())
    logger.info("Static resources cached (plone.resource, plone.stableResource)")


def unindex_pending_text(context):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=list(PORTAL_TYPES.values()), review_state=PENDING
    )
    count = 0
    for brain in brains:
        try:
            obj = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        drop_until_decided(obj)
        count += 1
    logger.info("%d pending contributions out of the indexes of decided ones", count)
