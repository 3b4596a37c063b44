"""1012 → 1013: the catalog's ``contributor_key`` (a keyed digest of a
decided contribution's address, consultation/personal_data/address_key.py),
so that a person's request no longer reads every contribution."""

from plone import api
from Products.CMFCore.indexing import processQueue
from torino.socialplan.base.states import PENDING
from torino.socialplan.consultation.personal_data import address_key
from torino.socialplan.consultation.personal_data import places

import logging
import transaction


logger = logging.getLogger("torino.socialplan")
BATCH = 500


def index_contributor_keys(context):
    catalog = api.portal.get_tool("portal_catalog")
    if address_key.INDEX not in catalog.indexes():
        catalog.addIndex(address_key.INDEX, "FieldIndex")
    brains = places.contribution_brains()
    done = 0
    for brain in brains:
        if brain.review_state == PENDING:
            continue  # indexed when decided (consultation/indexing.py)
        obj = brain._unrestrictedGetObject()
        catalog.reindexObject(obj, idxs=[address_key.INDEX], update_metadata=0)
        done += 1
        if done % BATCH == 0:
            processQueue()
            transaction.savepoint(optimistic=True)
    logger.info("Indexed the address key of %d decided contributions", done)
