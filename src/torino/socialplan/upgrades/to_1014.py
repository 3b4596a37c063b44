"""1013 → 1014: the largest position paper is a setting
(profiles/default/registry/position_papers.xml), edited with the e-mail
confirmation in Site Setup → Consultation settings (controlpanel.xml)."""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from torino.socialplan.upgrades.to_1005 import _Environ
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
PROFILE = "profile-torino.socialplan:default"
RECORDS = Path(__file__).parent.parent / "profiles/default/registry/position_papers.xml"


def consultation_settings(context):
    # This record only: our other records keep what administrators set.
    importer = RegistryImporter(getUtility(IRegistry), _Environ())
    importer.importDocument(RECORDS.read_bytes())
    api.portal.get_tool("portal_setup").runImportStepFromProfile(
        PROFILE, "controlpanel", run_dependencies=False
    )
    logger.info("Consultation settings: the largest position paper, control panel")
