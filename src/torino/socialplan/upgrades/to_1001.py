"""1000 -> 1001: inline feedback and the consultation's answers.

New permissions (Record outcomes, View consultation report; moderators read
previous versions) and the Report tab come from the profile; comments leave
the texts' versions (discussion/versioning.py); the existing texts of Plans,
Chapters and Actions get their paragraph ids, as save events give new texts.
"""

from plone import api


ANCHORED_TYPES = ("Plan", "Chapter", "Action")


def assign_paragraph_ids(setup_tool):
    from torino.socialplan.consultation.commented_paragraphs import refresh_paragraphs

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=ANCHORED_TYPES):
        refresh_paragraphs(brain._unrestrictedGetObject())


def keep_comments_out_of_versions(setup_tool):
    from torino.socialplan.discussion.versioning import install_modifier

    install_modifier()
