"""Pledges as visitors and moderators read them: the Plan's published
Actions, the Pledges a user may list, and a Pledge's public values. (A
Pledge is sent through contributions/: its kind is contributions/pledge.py.)"""

from plone import api
from Products.CMFCore.utils import getToolByName
from torino.socialplan.consultation.contributions.pledge_kind import RESOURCE_KEYS
from torino.socialplan.consultation.outcomes import outcome_of
from torino.socialplan.consultation.outcomes import outcome_term
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import PUBLIC_PLEDGE_FIELDS
from torino.socialplan.content.action import code_key
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


def pledge_data(pledge, fields=PUBLIC_PLEDGE_FIELDS):
    """The ``fields`` of ``pledge`` as plain values, built from the allow-list.

    ``organization_type`` and ``outcome`` are {token, title} (the title a
    message id; ``outcome`` None until the promoters give one), ``actions``
    the named Actions the user may view, ``created`` a DateTime.
    """
    readers = {
        "organization_type": _organization_type,
        "actions": _viewable_actions,
        "resources": lambda p: [
            {key: row.get(key) for key in RESOURCE_KEYS}
            for row in p.resources or ()
            if row.get("kind")
        ],
        "created": lambda p: p.created(),
        "review_state": lambda p: api.content.get_state(p, default=None),
        # Pledges older than outcomes lack the attributes (no acquisition).
        "outcome": lambda p: outcome_term(outcome_of(p)["outcome"]),
        "outcome_motivation": lambda p: outcome_of(p)["outcome_motivation"],
    }
    return {
        name: readers[name](pledge) if name in readers else getattr(pledge, name, None)
        for name in fields
    }


def _organization_type(pledge):
    token = pledge.organization_type
    vocabulary = IPledge["organization_type"].bind(pledge).vocabulary
    try:
        title = vocabulary.getTermByToken(token).title
    except LookupError:
        title = token
    return {"token": token, "title": title}


def _viewable_actions(pledge):
    actions = []
    for relation in pledge.actions or ():
        action = getattr(relation, "to_object", None)
        if action is not None and api.user.has_permission("View", obj=action):
            actions.append(action)
    return sorted(actions, key=lambda action: code_key(action.code))
