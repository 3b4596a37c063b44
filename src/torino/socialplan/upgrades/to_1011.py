"""1010 → 1011: campaigns. The contributions already sent are grouped, each
Plan's oldest first, as if they arrived now (consultation/campaigns/)."""

from plone import api
from torino.socialplan.consultation.campaigns.plan_campaigns import regroup_plan

import logging
import transaction


logger = logging.getLogger("torino.socialplan")


def group_campaigns(context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        plan = brain._unrestrictedGetObject()
        # Savepoints: the members go to the storage as they are made, and
        # memory stays flat on a large consultation.
        regroup_plan(plan, checkpoint=lambda: transaction.savepoint(True))
        logger.info("Campaigns of %s grouped", brain.getPath())
