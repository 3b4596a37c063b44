"""The audit trail: one entry per transition of a comment or Pledge, whatever
route made it, written by a transition subscriber and stored per item."""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.uuid.interfaces import IUUID
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.consultation.moderation.paths import content_of
from torino.socialplan.consultation.moderation.paths import entry_url
from torino.socialplan.consultation.moderation.paths import path_of_url
from torino.socialplan.consultation.moderation.paths import site_path
from torino.socialplan.content.plan import containing_plan
from zope.annotation.interfaces import IAnnotations

import time


# Before 1004 the audit was one list on the Plan (one pickle, written by every
# decision, read whole by every queue page); it is read until migrated.
AUDIT_KEY = "torino.socialplan.moderation.audit"
# Each item's entries, oldest first, under its audit_key: a queue page reads
# the entries of its items only, and decisions on different items write
# different objects (no conflict between moderators working at once).
AUDIT_BY_ITEM_KEY = "torino.socialplan.moderation.audit-by-item"
RECORDED = "recorded_ns"


@on_our_sites
def audit_transition(obj, event):
    """Every transition of a comment or pledge of a Plan, whichever route made
    it (our moderation, plone.app.discussion's @@moderate-comments, the
    workflow menu, a script): one audit entry. The reason and note travel in
    the transition's keyword arguments (``_apply`` passes them)."""
    if event.transition is None:  # the initial state, on creation
        return
    content = content_of(obj) if IComment.providedBy(obj) else obj
    plan = containing_plan(content)
    if plan is None:
        return
    kwargs = event.kwargs or {}
    user = api.user.get_current()
    who = user.getId() or "anonymous"
    record(
        plan,
        {
            "item": audit_key(obj),
            "@id": site_path(obj),
            "type": COMMENT if IComment.providedBy(obj) else PLEDGE,
            "who": who,
            "who_name": user.getProperty("fullname", None) or who,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "transition": event.transition.id,
            "from": event.old_state.id,
            "to": event.new_state.id,
            "reason": kwargs.get("reason"),
            "note": kwargs.get("note"),
        },
    )


def audit_key(obj):
    """A stable key: the Pledge's UID, or the commented object's UID and the
    comment id (comments have no UID)."""
    if IComment.providedBy(obj):
        return f"{IUUID(content_of(obj))}/{obj.id}"
    return IUUID(obj)


def _stored(entry):
    """A copy of a stored entry, its ``@id`` a URL of the site as reached now."""
    entry = dict(entry)
    entry.pop(RECORDED, None)
    if "@id" in entry:
        entry["@id"] = entry_url(entry["@id"])
    return entry


def _by_item(plan, create=False):
    annotations = IAnnotations(plan)
    tree = annotations.get(AUDIT_BY_ITEM_KEY)
    if tree is None and create:
        tree = annotations[AUDIT_BY_ITEM_KEY] = OOBTree()
    return tree


def audit_log(plan):
    """Every moderation of the Plan, oldest first, as dicts (copies: the
    item's ``@id`` a URL of the site as it is reached now)."""
    raw = list(IAnnotations(plan).get(AUDIT_KEY, ()))
    tree = _by_item(plan)
    if tree is not None:
        for item_entries in tree.values():
            raw.extend(item_entries)
    # In the order written (the list of before 1004 first, as it was).
    return [_stored(entry) for entry in sorted(raw, key=lambda e: e.get(RECORDED, 0))]


def record(plan, entry):
    if isinstance(entry.get("@id"), str) and not entry["@id"].startswith("/"):
        # A URL: stored as the path from the site root (see site_path).
        entry = dict(entry, **{"@id": path_of_url(entry["@id"])})
    # When it was written, to list the entries of all items in that order
    # (``when`` is the decision's date, which a caller may give).
    entry = dict(entry, **{RECORDED: time.time_ns()})
    tree = _by_item(plan, create=True)
    if entry["item"] not in tree:
        tree[entry["item"]] = PersistentList()
    tree[entry["item"]].append(entry)


class _AuditByItem:
    """{audit_key: [entries, oldest first]}, read an item at a time."""

    def __init__(self, plan):
        self.tree = _by_item(plan)
        legacy = IAnnotations(plan).get(AUDIT_KEY)
        self.legacy = {}
        for entry in legacy or ():
            self.legacy.setdefault(entry["item"], []).append(entry)

    def get(self, key, default=None):
        entries = list(self.legacy.get(key, ()))
        if self.tree is not None:
            entries.extend(self.tree.get(key, ()))
        if not entries:
            return default
        return [_stored(entry) for entry in entries]

    def __getitem__(self, key):
        entries = self.get(key)
        if entries is None:
            raise KeyError(key)
        return entries


def audit_by_item(plan):
    """The audit of each item, read only for the items looked up."""
    return _AuditByItem(plan)


def migrate_audit(plan):
    """The Plan's audit list (before 1004) moved into the per-item tree."""
    annotations = IAnnotations(plan)
    legacy = annotations.get(AUDIT_KEY)
    if legacy is None:
        return 0
    tree = _by_item(plan, create=True)
    for order, entry in enumerate(legacy):
        if entry["item"] not in tree:
            tree[entry["item"]] = PersistentList()
        # Their order kept, before anything written since.
        tree[entry["item"]].append(dict(entry, **{RECORDED: order}))
    del annotations[AUDIT_KEY]
    return len(legacy)
