"""1013 → 1014: the largest position paper is a setting
(profiles/default/registry/position_papers.xml), edited with the e-mail
confirmation in Site Setup → Consultation settings (controlpanel.xml); the
catalog's ``has_position_paper`` for the counts."""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from torino.socialplan.base.states import PENDING
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.upgrades.to_1005 import _Environ
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
PROFILE = "profile-torino.socialplan:default"
INDEX = "has_position_paper"
RECORDS = Path(__file__).parent.parent / "profiles/default/registry/position_papers.xml"


def consultation_settings(context):
    # This record only: our other records keep what administrators set.
    importer = RegistryImporter(getUtility(IRegistry), _Environ())
    importer.importDocument(RECORDS.read_bytes())
    api.portal.get_tool("portal_setup").runImportStepFromProfile(
        PROFILE, "controlpanel", run_dependencies=False
    )
    logger.info("Consultation settings: the largest position paper, control panel")
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "BooleanIndex")
    for brain in places.contribution_brains():
        if brain.review_state != PENDING:  # indexed when decided (indexing.py)
            obj = brain._unrestrictedGetObject()
            catalog.reindexObject(obj, idxs=[INDEX], update_metadata=0)
