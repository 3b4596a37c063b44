"""The moderation queue of a Plan: its comments and Pledges, and the bulk
transitions moderators apply to them, with an audit trail.

Callers (the REST service and the Classic view) check the permission
"Moderate contributions" on the Plan; the catalog is then searched without
security, so a moderator sees every contribution of the Plan whatever the
state, while each transition is still guarded by the workflow for the user.
"""

from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from plone import api
from plone.app.discussion.events import CommentPublishedEvent
from plone.app.discussion.events import CommentTransitionEvent
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.uuid.interfaces import IUUID
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.consultation import paragraphs
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.interfaces import ICommentableText
from urllib.parse import unquote
from urllib.parse import urlsplit
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import time


# api.user.has_permission takes the permission title, not its zcml id.

COMMENT = "comment"
PLEDGE = "pledge"
PORTAL_TYPES = {COMMENT: "Discussion Item", PLEDGE: "Pledge"}
KINDS = tuple(PORTAL_TYPES)

TRANSITIONS = ("publish", "reject", "mark_as_spam")
# A reason explains why a contribution is not published.
TRANSITIONS_WITH_REASON = ("reject", "mark_as_spam")

REASONS = (
    ("off_topic", _("Off topic")),
    ("offensive", _("Offensive or abusive")),
    ("personal_data", _("Discloses personal data")),
    ("duplicate", _("Duplicate")),
    ("advertising", _("Advertising")),
    ("other", _("Other")),
)
NOTE_MAX_LENGTH = 1000

# Before 1004 the audit was one list on the Plan (one pickle, written by every
# decision, read whole by every queue page); it is read until migrated.
AUDIT_KEY = "torino.socialplan.moderation.audit"
# Each item's entries, oldest first, under its audit_key: a queue page reads
# the entries of its items only, and decisions on different items write
# different objects (no conflict between moderators working at once).
AUDIT_BY_ITEM_KEY = "torino.socialplan.moderation.audit-by-item"
RECORDED = "recorded_ns"

CONVERSATION = "++conversation++default"


@provider(IVocabularyFactory)
def reasons_vocabulary(context=None):
    return SimpleVocabulary(
        [SimpleTerm(token, token, title) for token, title in REASONS]
    )


def reason_title(token):
    return dict(REASONS).get(token, token)


def site_language():
    language = api.portal.get_registry_record("plone.default_language", default="en")
    return (language or "en").split("-")[0]


# The queue


def _chapter_path(plan, chapter_uid):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        UID=chapter_uid, portal_type="Chapter", path=_path(plan)
    )
    return brains[0].getPath() if brains else None


def queue_entries(plan, review_state="pending", kind=None, chapter=None):
    """The catalog brains of the Plan's contributions matching the filters,
    newest first; ContributionError (400) names every bad filter."""
    errors = []
    if review_state not in CONTRIBUTION_STATES:
        errors.append(
            (
                "review_state",
                _(
                    "Unknown state: choose one of ${states}.",
                    mapping={"states": ", ".join(CONTRIBUTION_STATES)},
                ),
            )
        )
    if kind and kind not in KINDS:
        errors.append(
            (
                "type",
                _(
                    "Unknown type: choose one of ${kinds}.",
                    mapping={"kinds": ", ".join(KINDS)},
                ),
            )
        )
    chapter_path = None
    if chapter:
        chapter_path = (
            _chapter_path(plan, chapter) if isinstance(chapter, str) else None
        )
        if chapter_path is None:
            errors.append(("chapter", _("This Plan has no such chapter.")))
    if errors:
        raise ContributionError(errors)

    kinds = (kind,) if kind else KINDS
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=[PORTAL_TYPES[k] for k in kinds],
        path=_path(plan),
        review_state=review_state,
        sort_on="created",
        sort_order="reverse",
    )
    # E-mail confirmation: unconfirmed contributions are not in the queue yet.
    awaiting = confirmation.awaiting_paths()
    if awaiting:
        brains = [brain for brain in brains if brain.getPath() not in awaiting]
    if chapter_path is None:
        return list(brains)
    return [brain for brain in brains if _in_chapter(brain, chapter_path)]


def _in_chapter(brain, chapter_path):
    if brain.portal_type == PORTAL_TYPES[COMMENT]:
        return brain.getPath().startswith(chapter_path + "/")
    # A Pledge lives in the Plan: it belongs to the chapters of its Actions.
    pledge = brain._unrestrictedGetObject()
    for relation in pledge.actions or ():
        action = relation.to_object
        if action is not None:
            path = "/".join(action.getPhysicalPath())
            if path.startswith(chapter_path + "/"):
                return True
    return False


def queue(plan, review_state="pending", kind=None, chapter=None, b_start=0, b_size=20):
    """One page of the queue: {"items_total": n, "items": [item dicts]}."""
    entries = queue_entries(plan, review_state, kind, chapter)
    b_start = max(int(b_start or 0), 0)
    page = entries[b_start : b_start + int(b_size)]
    audit = audit_by_item(plan)
    return {
        "items_total": len(entries),
        "items": [describe(brain, audit) for brain in page],
    }


def describe(brain, audit=None):
    """A queue entry as a dict, e-mail included: for moderators only."""
    obj = brain._unrestrictedGetObject()
    if audit is None:
        audit = audit_by_item(containing_plan(_content_of(obj)))
    created = brain.created
    item = {
        "@id": brain.getURL(),
        "created": created.ISO8601() if created else None,
        "review_state": brain.review_state,
        "audit": audit.get(audit_key(obj), []),
    }
    if IComment.providedBy(obj):
        content = _content_of(obj)
        item.update(
            {
                "type": COMMENT,
                "text": obj.text,
                "first_name": getattr(obj, "first_name", None) or "",
                "last_name": getattr(obj, "last_name", None) or "",
                "author_name": obj.author_name or "",
                "organization": getattr(obj, "organization", None) or "",
                "organization_type": getattr(obj, "organization_type", None) or "",
                "email": obj.author_email or "",
                "target": [_link(content)],
                "in_reply_to": obj.in_reply_to,
                **_passage(obj, content),
            }
        )
    else:
        item.update(
            {
                "type": PLEDGE,
                "text": obj.contribution or "",
                "first_name": obj.first_name or "",
                "last_name": obj.last_name or "",
                "author_name": obj.title,
                "organization": obj.organization or "",
                "organization_type": obj.organization_type or "",
                "email": obj.email or "",
                "target": [
                    _link(relation.to_object)
                    for relation in obj.actions or ()
                    if relation.to_object is not None
                ],
            }
        )
    return item


def _passage(comment, content):
    """An inline comment's quote as posted and where it is in the page now
    (None when orphaned or a whole-page comment)."""
    anchor = getattr(comment, "anchor", None)
    if not anchor:
        return {"quote": None, "passage_url": None}
    paragraph = getattr(comment, "paragraph", None)
    placed = paragraph and not getattr(comment, "orphaned", False)
    return {
        "quote": anchor.get("exact"),
        "passage_url": f"{content.absolute_url()}#{paragraph}" if placed else None,
    }


def _link(obj):
    return {"@id": obj.absolute_url(), "title": obj.Title()}


def _content_of(obj):
    """The object a comment is about; a Pledge is its own content."""
    if IComment.providedBy(obj):
        return aq_parent(aq_parent(obj))
    return obj


# Moderation


def resolve(plan, item_id):
    """The comment or Pledge of ``plan`` that ``item_id`` (its URL or its path
    from the site root) names, or None."""
    if not isinstance(item_id, str) or not item_id.strip():
        return None
    portal = api.portal.get()
    path = unquote(urlsplit(item_id.strip()).path)
    portal_path = urlsplit(portal.absolute_url()).path
    segments = [s for s in path.split("/") if s and s != "++api++"]
    prefix = [s for s in portal_path.split("/") if s]
    if segments[: len(prefix)] == prefix:
        segments = segments[len(prefix) :]
    plan_segments = list(plan.getPhysicalPath()[len(portal.getPhysicalPath()) :])
    if segments[: len(plan_segments)] != plan_segments:
        return None
    relative = segments[len(plan_segments) :]
    if not relative:
        return None
    try:
        obj = plan.unrestrictedTraverse("/".join(relative))
    except (AttributeError, KeyError, LookupError, TypeError, ValueError):
        return None
    if IComment.providedBy(obj):
        if relative[-2:-1] != [CONVERSATION]:
            return None
    elif not IPledge.providedBy(obj):
        return None
    # Acquisition could reach a same-named object outside the Plan: its
    # physical path tells where it really lives.
    if not _path(obj).startswith(_path(plan) + "/"):
        return None
    return obj


def _path(obj):
    return "/".join(obj.getPhysicalPath())


def _available(obj, transition):
    workflow = api.portal.get_tool("portal_workflow")
    return transition in {t["id"] for t in workflow.getTransitionsFor(obj)}


def moderate(plan, ids, transition, reason=None, note=None):
    """Apply ``transition`` to every contribution ``ids`` names, or to none.

    Everything is checked first: each id must name a comment or Pledge of
    this Plan for which the user may take the transition now. Returns the
    changes as [{"@id", "type", "from", "to"}].
    """
    errors, note = _check_arguments(transition, reason, note)
    objects = _resolve_all(plan, ids, transition, errors)
    if errors:
        raise ContributionError(errors)
    reason = reason or None
    return [_apply(obj, transition, reason, note) for obj in objects]


def _check_arguments(transition, reason, note):
    """The errors of the transition, reason and note, and the cleaned note."""
    errors = []
    if transition not in TRANSITIONS:
        errors.append(
            (
                "transition",
                _(
                    "Unknown action: choose one of ${transitions}.",
                    mapping={"transitions": ", ".join(TRANSITIONS)},
                ),
            )
        )
    if reason:
        if transition in TRANSITIONS and transition not in TRANSITIONS_WITH_REASON:
            errors.append(
                ("reason", _("A reason applies only to rejecting or marking as spam."))
            )
        elif not isinstance(reason, str) or reason not in dict(REASONS):
            errors.append(("reason", _("Choose a reason from the list.")))
    if note is not None and not isinstance(note, str):
        errors.append(("note", _("The note must be text.")))
        note = None
    problem = inputs.problem_in(note or "", multiline=True)
    if problem is not None:
        errors.append(("note", problem))
        note = None
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        errors.append(
            (
                "note",
                _(
                    "The note is too long: at most ${max} characters.",
                    mapping={"max": NOTE_MAX_LENGTH},
                ),
            )
        )
    return errors, note


def resolve_selection(plan, ids, errors, acceptable, refused):
    """The objects ``ids`` name, once each, for a bulk operation on the
    Plan's contributions (moderation, outcomes). Adds to ``errors`` the ids
    that name nothing of this Plan, and, with the message ``refused`` (a
    message with ``${ids}``), those for which ``acceptable(obj)`` is false."""
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, (list, tuple)) or not ids:
        errors.append(("items", _("Select at least one contribution.")))
        return []
    unique = dict.fromkeys(i if isinstance(i, str) else repr(i) for i in ids)
    objects, unknown, unacceptable = {}, [], []
    for item_id in unique:
        obj = resolve(plan, item_id)
        if obj is None:
            unknown.append(item_id)
        elif not acceptable(obj):
            unacceptable.append(item_id)
        else:
            # The same item by its URL and by its path: once is enough.
            objects.setdefault(obj.getPhysicalPath(), obj)
    for wrong, message in (
        (unknown, _("Not contributions of this Plan: ${ids}.")),
        (unacceptable, refused),
    ):
        if wrong:
            mapping = {"ids": ", ".join(wrong)}
            errors.append(("items", Message(message, mapping=mapping)))
    return list(objects.values())


def _resolve_all(plan, ids, transition, errors):
    """The objects ``ids`` name, once each; adds to ``errors`` the ids that
    name nothing of this Plan or whose transition is not available."""
    return resolve_selection(
        plan,
        ids,
        errors,
        lambda obj: transition not in TRANSITIONS or _available(obj, transition),
        _("This action is not available for: ${ids}."),
    )


def _apply(obj, transition, reason, note):
    workflow = api.portal.get_tool("portal_workflow")
    before = workflow.getInfoFor(obj, "review_state")
    # The reason travels in the event's kwargs: notifications read it there.
    workflow.doActionFor(
        obj,
        transition,
        comment=_history_comment(reason, note),
        reason=reason,
        note=note,
    )
    after = workflow.getInfoFor(obj, "review_state")
    kind = COMMENT if IComment.providedBy(obj) else PLEDGE
    if kind == COMMENT:
        _comment_transitioned(obj, transition)
    else:
        obj.reindexObject()
    # The audit entry is written by audit_transition, as for every route.
    return {"@id": _url(obj), "type": kind, "from": before, "to": after}


def _url(obj):
    return obj.absolute_url()


def _site_path(obj):
    """``obj``'s path from the site root ("/plan/..."): what the audit trail
    stores, not a URL, which would keep the host of the request that wrote
    it (http://nohost/ for a script, such as the demo's set-up)."""
    portal = api.portal.get()
    return "/" + "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :])


def _path_of_url(url):
    """The path from the site root of a URL of the site, or the URL as is."""
    path = unquote(urlsplit(url).path)
    portal_path = "/".join(api.portal.get().getPhysicalPath())
    if path.startswith(portal_path + "/"):
        return path[len(portal_path) :]
    return url


def _entry_url(stored):
    """The URL of an audit entry's item, on the site as it is reached now.

    Older entries stored the URL of the request that wrote them: their path
    is kept and the site's URL put in front.
    """
    if not isinstance(stored, str) or not stored:
        return stored
    path = stored if stored.startswith("/") else _path_of_url(stored)
    if not path.startswith("/"):
        return stored
    return api.portal.get().absolute_url() + path


def _comment_transitioned(comment, transition):
    """What plone.app.discussion's own moderation view does after a transition."""
    content = _content_of(comment)
    comment.reindexObject()
    content.reindexObject(idxs=["total_comments"])
    if transition == "publish":
        notify(CommentPublishedEvent(content, comment))
    notify(CommentTransitionEvent(content, comment))


def _history_comment(reason, note):
    """The workflow history's comment, in the site language."""
    parts = []
    if reason:
        parts.append(translate(reason_title(reason), target_language=site_language()))
    if note:
        parts.append(note)
    return " — ".join(parts)


# Audit


def audit_transition(obj, event):
    """Every transition of a comment or pledge of a Plan, whichever route made
    it (our moderation, plone.app.discussion's @@moderate-comments, the
    workflow menu, a script): one audit entry. The reason and note travel in
    the transition's keyword arguments (``_apply`` passes them)."""
    if event.transition is None:  # the initial state, on creation
        return
    content = _content_of(obj) if IComment.providedBy(obj) else obj
    plan = containing_plan(content)
    if plan is None:
        return
    kwargs = event.kwargs or {}
    user = api.user.get_current()
    who = user.getId() or "anonymous"
    _record(
        plan,
        {
            "item": audit_key(obj),
            "@id": _site_path(obj),
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
        return f"{IUUID(_content_of(obj))}/{obj.id}"
    return IUUID(obj)


def _stored(entry):
    """A copy of a stored entry, its ``@id`` a URL of the site as reached now."""
    entry = dict(entry)
    entry.pop(RECORDED, None)
    if "@id" in entry:
        entry["@id"] = _entry_url(entry["@id"])
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


def _record(plan, entry):
    if isinstance(entry.get("@id"), str) and not entry["@id"].startswith("/"):
        # A URL: stored as the path from the site root (see _site_path).
        entry = dict(entry, **{"@id": _path_of_url(entry["@id"])})
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


# Inline comments affected by edits (triage)

VERSION_VIEW = "versions_history_form"


def _anchored_contents(plan):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        object_provides=ICommentableText.__identifier__, path=_path(plan)
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def version_url(content, version_id):
    """Where the text of ``content`` can be read as it was in a version."""
    if version_id is None:
        return None
    return (
        f"{content.absolute_url()}/{VERSION_VIEW}"
        f"?version_id={version_id}#version_preview"
    )


def anchor_triage(plan):
    """The inline comments of the Plan whose passage an edit moved, changed
    or orphaned and that no moderator has marked as seen, newest change
    first: for moderators (names, the quote as posted, where it is now)."""
    items = []
    for content in _anchored_contents(plan):
        ids = paragraphs.changed_comment_ids(content)
        if not ids:
            continue
        conversation = IConversation(content)
        texts = {p.id: p.text for p in paragraphs.paragraphs(content)}
        for comment_id in ids:
            comment = conversation.get(int(comment_id))
            if comment is not None and getattr(comment, "anchor_change", None):
                items.append(_triage_item(content, comment, texts))
    items.sort(key=lambda item: (item["date"], item["comment_id"]), reverse=True)
    return items


def _triage_item(content, comment, texts):
    change = comment.anchor_change
    anchor = comment.anchor
    paragraph_text = texts.get(comment.paragraph) if comment.paragraph else None
    passage = None
    if paragraph_text is not None and not comment.orphaned:
        passage = paragraph_text[comment.anchor_start : comment.anchor_end]
    text_version = getattr(comment, "text_version", None)
    return {
        "@id": _url(comment),
        "comment_id": str(comment.id),
        "content": _link(content),
        "review_state": api.content.get_state(obj=comment, default=None),
        "author_name": comment.author_name or "",
        "text": comment.text,
        "created": comment.creation_date,
        "kind": change["kind"],
        "date": change["date"],
        "version": change.get("version"),
        "version_url": version_url(content, change.get("version")),
        "quote": anchor["exact"],
        "prefix": anchor.get("prefix", ""),
        "suffix": anchor.get("suffix", ""),
        "paragraph": None if comment.orphaned else comment.paragraph,
        "paragraph_text": None if comment.orphaned else paragraph_text,
        "passage": passage,
        "start": None if passage is None else comment.anchor_start,
        "end": None if passage is None else comment.anchor_end,
        "text_version": text_version,
        "text_version_url": version_url(content, text_version),
    }


def acknowledge_anchor_changes(plan, ids):
    """Mark as seen the anchor changes of the inline comments ``ids`` names
    (URLs or paths, as for ``moderate``): all of them, or none. Returns
    their URLs."""
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, (list, tuple)) or not ids:
        raise ContributionError.on("items", _("Select at least one comment."))
    comments, unknown = {}, []
    for item_id in dict.fromkeys(i if isinstance(i, str) else repr(i) for i in ids):
        obj = resolve(plan, item_id)
        if obj is None or not getattr(obj, "anchor_change", None):
            unknown.append(item_id)
        else:
            comments.setdefault(obj.getPhysicalPath(), obj)
    if unknown:
        raise ContributionError.on(
            "items",
            _(
                "Not inline comments of this Plan affected by edits: ${ids}.",
                mapping={"ids": ", ".join(unknown)},
            ),
        )
    contents = {}
    for comment in comments.values():
        comment.anchor_change = None
        content = _content_of(comment)
        contents.setdefault(content.getPhysicalPath(), content)
    for content in contents.values():
        paragraphs.refresh_counts(content)
    return [_url(comment) for comment in comments.values()]
