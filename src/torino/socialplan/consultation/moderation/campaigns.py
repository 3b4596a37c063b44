"""Campaigns in the moderation queue: each group with its template, its
count and what each member adds; a decision on a whole group (each member
decided and audited as one decision of ``decisions.moderate_each``);
split and merge. The groups themselves live in consultation/campaigns/."""

from plone import api
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base.states import PENDING
from torino.socialplan.consultation.campaigns import matching
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from torino.socialplan.consultation.campaigns.plan_campaigns import contribution_at
from torino.socialplan.consultation.campaigns.plan_campaigns import key_of
from torino.socialplan.consultation.campaigns.plan_campaigns import text_of
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation.decisions import DECISION_ATTEMPTS
from torino.socialplan.consultation.moderation.decisions import moderate_each
from torino.socialplan.consultation.moderation.decisions import resolve
from torino.socialplan.consultation.moderation.paths import path_of
from torino.socialplan.consultation.write_turn import begin_fresh
from torino.socialplan.consultation.write_turn import current_author
from torino.socialplan.consultation.write_turn import turn
from transaction.interfaces import TransientError

import datetime
import transaction


# Members listed with what they add, per group (the count covers them all).
MEMBERS_SHOWN = 50


def _states(plan, keys):
    """{key: review_state} of the contributions ``keys`` name (one catalog
    search, no object woken)."""
    if not keys:
        return {}
    base = path_of(plan)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path={"query": [f"{base}/{key}" for key in keys], "depth": 0}
    )
    return {brain.getPath()[len(base) + 1 :]: brain.review_state for brain in brains}


def campaign_groups(plan, review_state=None, members_shown=MEMBERS_SHOWN):
    """The Plan's campaigns, largest first, as dicts for moderators: "id",
    "count", "states" ({state: count}), "template" ({"@id", "text"}),
    "members" ([{"@id", "review_state", "adds"}], at most
    ``members_shown``), "decision". With ``review_state``, only the
    campaigns that have members in that state."""
    index = campaign_index(plan, create=False)
    if index is None:
        return []
    result = []
    for group in sorted(index.groups.values(), key=len, reverse=True):
        keys = index.group_keys(group)
        states = _states(plan, keys)
        counts = {}
        for state in states.values():
            counts[state] = counts.get(state, 0) + 1
        if review_state and not counts.get(review_state):
            continue
        template_member = index.template(group)
        template_obj = contribution_at(plan, template_member.key)
        template_text = text_of(template_obj) if template_obj is not None else ""
        members = []
        for key in keys[:members_shown]:
            obj = contribution_at(plan, key)
            if obj is None:
                continue
            members.append(
                {
                    "@id": obj.absolute_url(),
                    "review_state": states.get(key),
                    "template": key == template_member.key,
                    "adds": []
                    if key == template_member.key
                    else matching.additions(template_text, text_of(obj)),
                }
            )
        result.append(
            {
                "id": group.gid,
                "count": len(keys),
                "states": counts,
                "template": {
                    "@id": template_obj.absolute_url() if template_obj else None,
                    "text": template_text,
                },
                "members": members,
                "decision": dict(group.decision) if group.decision else None,
            }
        )
    return result


def _group(plan, gid):
    index = campaign_index(plan, create=False)
    group = (
        index.groups.get(gid) if index is not None and isinstance(gid, int) else None
    )
    if group is None:
        raise ContributionError([("campaign", _("This Plan has no such campaign."))])
    return index, group


def decide_campaign(plan, gid, transition, reason=None, note=None):
    """Apply ``transition`` to every pending member of the campaign ``gid``,
    each as a decision of its own (checked, committed and audited one by
    one, as ``moderate_each``); the group keeps the decision, which new
    members do not undo. Returns the changes."""
    index, group = _group(plan, gid)
    keys = index.group_keys(group)
    states = _states(plan, keys)
    pending = [key for key in keys if states.get(key) == PENDING]
    if not pending:
        raise ContributionError(
            [("campaign", _("No contribution of this campaign is pending."))]
        )
    base = plan.absolute_url()
    ids = [f"{base}/{key}" for key in pending]
    author = current_author()
    changes = []
    for start in range(0, len(ids), inputs.ITEMS_MAX):
        if start:
            transaction.abort()  # moderate_each leaves it doomed
            begin_fresh(author)
        changes.extend(
            moderate_each(
                plan, ids[start : start + inputs.ITEMS_MAX], transition, reason, note
            )
        )
    # Once the decisions are taken: the group keeps what was decided.
    decision = {
        "transition": transition,
        "actor": api.user.get_current().getId(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(),
        "count": len(changes),
    }
    transaction.abort()
    for attempt in range(DECISION_ATTEMPTS):
        with turn():
            begin_fresh(author)
            _index, fresh = _group(plan, gid)
            fresh.decision = decision
            try:
                transaction.commit()
                break
            except TransientError:
                transaction.abort()
                if attempt == DECISION_ATTEMPTS - 1:
                    raise
    begin_fresh(author).doom()
    return changes


def _keys_of(plan, ids):
    keys, unknown = [], []
    for item_id in ids if isinstance(ids, (list, tuple)) else [ids]:
        obj = resolve(plan, item_id)
        if obj is None:
            unknown.append(str(item_id))
        else:
            keys.append(key_of(plan, obj))
    if unknown or not keys:
        raise ContributionError(
            [
                (
                    "items",
                    _(
                        "Not contributions of this Plan: ${ids}.",
                        mapping={"ids": ", ".join(unknown)},
                    ),
                )
            ]
        )
    return keys


def split_campaign(plan, ids):
    """Put the contributions ``ids`` in a campaign of their own, kept apart
    when others arrive; returns its id."""
    index = campaign_index(plan)
    return index.split(_keys_of(plan, ids))


def merge_campaigns(plan, gids):
    """Merge the campaigns ``gids`` into the first; returns its id."""
    if not isinstance(gids, (list, tuple)) or len(gids) < 2:
        raise ContributionError(
            [("campaigns", _("Choose at least two campaigns to merge."))]
        )
    for gid in gids:
        _group(plan, gid)
    return campaign_index(plan).merge(list(gids))
