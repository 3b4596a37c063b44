"""Pledges as visitors and moderators list them. (A Pledge is sent through
contributions/: its kind is contributions/pledge_kind.py; what a reader sees
of one is public_view.py's.)"""

from plone import api
from Products.CMFCore.utils import getToolByName
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.content.action import IAction
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.content.pledge import IPledge


def list_pledges(context, review_state=None):
    """Catalog brains of the Pledges of ``context``'s Plan (or, on an Action,
    of those naming it) that the user may view, newest first.

    The public gets published ones only; moderators every state, or
    ``review_state``.
    """
    plan = containing_plan(context)
    query = {
        "portal_type": "Pledge",
        "path": {"query": "/".join(plan.getPhysicalPath()), "depth": 1},
        "sort_on": "created",
        "sort_order": "descending",
    }
    if not may_moderate(plan):
        if review_state not in (None, "published"):
            return []
        review_state = "published"
    if review_state:
        query["review_state"] = review_state
    if IAction.providedBy(context):
        uids = naming_pledges(context)
        if not uids:
            return []
        query["UID"] = uids
    return getToolByName(plan, "portal_catalog")(**query)


def naming_pledges(action):
    """UIDs of every Pledge naming ``action``, whatever its state."""
    relations = api.relation.get(
        target=action, relationship="actions", unrestricted=True
    )
    uids = []
    for relation in relations:
        source = relation.from_object
        if IPledge.providedBy(source):
            uids.append(api.content.get_uuid(source))
    return uids
