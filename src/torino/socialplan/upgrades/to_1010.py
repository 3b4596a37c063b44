"""1009 → 1010: personal data a public body can answer for.

The settings of the privacy notice and the accessibility statement
(profiles/default/registry/personal_data.xml) and their control panel in
Site Setup; the two pages shown as written from the settings, their stored
texts with bracketed placeholders replaced.
"""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.app.textfield.value import RichTextValue
from plone.registry.interfaces import IRegistry
from torino.socialplan.site_pages import mark_legal_pages
from torino.socialplan.theme.pages import LEGAL_NOTES_ID
from torino.socialplan.theme.pages import LEGAL_NOTES_STARTER
from torino.socialplan.theme.pages import LEGAL_NOTES_TEXT
from torino.socialplan.upgrades.to_1005 import _Environ
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
PROFILE = "profile-torino.socialplan:default"
RECORDS = Path(__file__).parent.parent / "profiles/default/registry/personal_data.xml"


def personal_data_settings(context):
    # These records only: our other records keep what administrators set.
    importer = RegistryImporter(getUtility(IRegistry), _Environ())
    importer.importDocument(RECORDS.read_bytes())
    api.portal.get_tool("portal_setup").runImportStepFromProfile(
        PROFILE, "controlpanel", run_dependencies=False
    )
    logger.info("Personal data and legal pages: settings and control panel")


def legal_pages_from_settings(context):
    portal = api.portal.get()
    pages = mark_legal_pages(portal)
    notes = portal.get(LEGAL_NOTES_ID)
    text = getattr(getattr(notes, "text", None), "raw", "") or ""
    if LEGAL_NOTES_STARTER in text:
        # The starting text with placeholders, never edited: the new one.
        notes.text = RichTextValue(LEGAL_NOTES_TEXT, "text/html", "text/x-html-safe")
        notes.reindexObject()
        pages.append(notes)
    logger.info("Legal pages written from the settings: %s", [p.getId() for p in pages])
