"""How the Plan changed: the consulted text (consulted_text.py) against the
text to be approved (the working copy), word by word, and the contributions
behind each change.

A change is a run of words replaced, deleted or inserted (anchors.word_runs,
the diff re-anchoring uses). It is named by its content's UID and its place
in the consulted text (``uid:start-end``): the consulted text never changes,
so the name holds through later edits of the approved one.

A contribution touches a change when its passage, where it stood in the
consulted text when the window closed, overlaps the words the change took
away (or holds the place where it inserted some). Moderators link outcomes to
changes (``link_changes``): touching contributions are proposed first,
ranked by how much of their passage the change rewrote. An accepted or partly
accepted outcome with no linked change is flagged.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_chain
from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.app.uuid.utils import uuidToObject
from plone.uuid.interfaces import IUUID
from torino.socialplan import _
from torino.socialplan.base import permissions
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import consulted_text
from torino.socialplan.consultation.anchors import document_text
from torino.socialplan.consultation.anchors import word_runs
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import audit_key
from torino.socialplan.consultation.moderation import record
from torino.socialplan.consultation.moderation import resolve
from torino.socialplan.consultation.moderation import resolve_selection
from torino.socialplan.consultation.outcomes import outcome_of
from torino.socialplan.consultation.outcomes import published_entries
from torino.socialplan.consultation.public_view import contribution_view
from torino.socialplan.content.plan import containing_plan

import functools
import re


VIEW_REPORT = "torino.socialplan: View consultation report"


EQUAL, DELETED, INSERTED = "equal", "deleted", "inserted"
# Outcomes that say the Plan took the contribution in: a change is expected.
TAKEN_IN = ("accepted", "partly_accepted")
LINKS_ATTRIBUTE = "outcome_changes"
AUDIT_ACTION = "link_changes"
_KEY = re.compile(r"^(?P<uid>[0-9a-f]{32}):(?P<start>\d+)-(?P<end>\d+)$")


def change_key(uid, start, end):
    return f"{uid}:{start}-{end}"


def _offsets(paragraphs):
    """{paragraph id: its start in document_text(paragraphs)}."""
    offsets, at = {}, 0
    for paragraph in paragraphs:
        offsets[paragraph.id] = at
        at += len(paragraph.text) + 1
    return offsets


def _consulted_spans(content, pinned):
    """{comment id: (start, end)} in the consulted document text of the
    comments anchored (not orphaned) when the text was pinned."""
    offsets = _offsets(pinned["paragraphs"])
    spans = {}
    for comment_id, (paragraph, start, end, orphaned) in pinned["locations"].items():
        if orphaned or paragraph not in offsets:
            continue
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        spans[comment_id] = (offsets[paragraph] + start, offsets[paragraph] + end)
    return spans


def _touches(change, span):
    """How much of the passage ``span`` the change rewrote (0 to 1), or None
    when it does not touch it."""
    a, b = change["old_start"], change["old_end"]
    s, e = span
    if a == b:
        # An insertion: inside the passage, or at its edges (the space
        # before or after it included).
        return 0.5 if s - 1 <= a <= e + 1 else None
    overlap = min(b, e) - max(a, s)
    if overlap <= 0:
        return None
    return round(overlap / max(1, e - s), 3)


# What the comparison shows of a contribution, where its public allow-list
# has it (consultation/public_view.py reads it).
CHANGE_FIELDS = frozenset(
    ("author_name", "organization", "text", "anchor", "outcome", "outcome_motivation")
)


def public_comment(comment, texts=None):
    """What anyone may read of a published comment: its public view; with
    ``texts`` (paragraph_texts of its content) also its passage as the
    approved text reads it (None: gone, or whole-page)."""
    kind = kind_of(comment)
    fields = [name for name in kind.public_fields if name in CHANGE_FIELDS]
    values = contribution_view(comment, fields)
    anchor = values.get("anchor")
    outcome = values.get("outcome")
    text = values.get("text")
    return {
        "@id": comment.absolute_url(),
        "author_name": values.get("author_name") or "",
        "organization": values.get("organization") or "",
        "text": text.raw if text else "",
        "quote": anchor.get("exact") if isinstance(anchor, dict) else None,
        "outcome": {"token": outcome.token, "title": outcome.title}
        if outcome
        else None,
        "outcome_motivation": values.get("outcome_motivation") or None,
        "passage_now": (
            commented_paragraphs.passage_now(comment, texts)
            if texts is not None
            else None
        ),
    }


def _published_comments(content, ids):
    """{id: comment} of the published comments among ``ids`` (str): only
    those anchored when the text was pinned are loaded."""
    conversation = IConversation(content)
    if not ids or not len(conversation):
        return {}
    chain = api.portal.get_tool("portal_workflow").getChainForPortalType(
        "Discussion Item"
    )
    found = {}
    for comment_id in ids:
        comment = conversation.get(int(comment_id))
        if comment is not None and _state(comment, chain) == PUBLISHED:
            found[comment_id] = comment
    return found


def _state(comment, chain):
    """The comment's state as its workflow stored it (without the tool's
    lookups per comment)."""
    history = own_attribute(comment, "workflow_history", None) or {}
    entries = history.get(chain[0]) if chain else None
    if entries:
        return entries[-1].get("review_state")
    return api.content.get_state(obj=comment, default=None)


@functools.lru_cache(maxsize=64)
def _runs(old, new):
    """The word diff of the consulted and approved texts: both are plain
    text, so the diff is kept per pair (it is most of a page's work; the
    contributions, their outcomes and links are read each time)."""
    return tuple(word_runs(old, new))


def content_comparison(content):
    """The comparison of one Chapter or Action, or None if it is not pinned:
    {"uid", "title", "url", "portal_type", "changes": [...], "blocks": [[
    (kind, text, change index or None)]], "untouched": [contributions whose
    passage no change touched]}. Changes are numbered from 0 here."""
    pinned = consulted_text.consulted(content)
    if pinned is None:
        return None
    uid = IUUID(content)
    old = document_text(pinned["paragraphs"])
    new = document_text(commented_paragraphs.paragraphs(content))
    runs = _runs(old, new)
    changes, pieces = [], []
    for kind, a, b, c, d in runs:
        if kind == "=":
            pieces.append((EQUAL, new[c:d], None))
            continue
        index = len(changes)
        changes.append(
            {
                "key": change_key(uid, a, b),
                "old": old[a:b],
                "new": new[c:d],
                "old_start": a,
                "old_end": b,
                "new_start": c,
                "new_end": d,
                "contributions": [],
            }
        )
        if a < b:
            # A deleted paragraph break reads as a space.
            pieces.append((DELETED, old[a:b].replace("\n", " "), index))
        if c < d:
            pieces.append((INSERTED, new[c:d], index))
    spans = _consulted_spans(content, pinned)
    comments = _published_comments(content, list(spans))
    texts = commented_paragraphs.paragraph_texts(content)
    touched = set()
    for change in changes:
        for comment_id, span in spans.items():
            if comment_id not in comments:
                continue
            share = _touches(change, span)
            if share is None:
                continue
            touched.add(comment_id)
            comment = comments[comment_id]
            change["contributions"].append(
                dict(
                    public_comment(comment, texts),
                    share=share,
                    linked=change["key"] in _links(comment),
                )
            )
        change["contributions"].sort(key=lambda c: (not c["linked"], -c["share"]))
    untouched = [
        public_comment(comments[comment_id], texts)
        for comment_id in sorted(spans, key=int)
        if comment_id in comments and comment_id not in touched
    ]
    return {
        "uid": uid,
        "title": content.Title(),
        "url": content.absolute_url(),
        "portal_type": content.portal_type,
        "code": getattr(aq_base(content), "code", None),
        "changes": changes,
        "blocks": _blocks(pieces),
        "untouched": untouched,
    }


def _blocks(pieces):
    """The pieces as paragraphs (split at the new text's paragraph breaks)."""
    blocks, current = [], []
    for kind, text, index in pieces:
        parts = text.split("\n") if kind != DELETED else [text]
        for number, part in enumerate(parts):
            if number:
                blocks.append(current)
                current = []
            if part:
                current.append((kind, part, index))
    blocks.append(current)
    return [block for block in blocks if block]


def plan_comparison(context):
    """The comparisons of every pinned Chapter and Action under ``context``
    (a Plan, or a Chapter with its Actions) that the user may view, in
    order, changes numbered across them from 1: {"contents": [...],
    "total": n}."""
    contents = []
    number = 0
    plan = containing_plan(context)
    for content in consulted_text.pinned_contents(plan):
        path = content.getPhysicalPath()
        if path[: len(context.getPhysicalPath())] != context.getPhysicalPath():
            continue
        if not api.user.has_permission("View", obj=content):
            continue
        comparison = content_comparison(content)
        if comparison is None:
            continue
        for change in comparison["changes"]:
            number += 1
            change["number"] = number
        contents.append(comparison)
    return {"contents": contents, "total": number}


def outcomes_public(context):
    """Whether the outcomes of ``context``'s Plan are published."""
    return stored_stage(containing_plan(context)) == OUTCOMES_PUBLISHED


def may_see_changes(context):
    """Anyone who may view ``context`` once the outcomes are published;
    before, those who read the consultation report (editors, moderators)."""
    plan = containing_plan(context)
    if stored_stage(plan) == OUTCOMES_PUBLISHED:
        return True
    return bool(api.user.has_permission(VIEW_REPORT, obj=plan))


# What the comparison shows: everything, the changes that came from
# contributions, or the contributions that changed nothing (the page's and
# ``@changes``' ``show``).
FROM_CONTRIBUTIONS = "contributed"
CHANGED_NOTHING = "unchanged"
SHOW = ("", FROM_CONTRIBUTIONS, CHANGED_NOTHING)


def shown(comparison, show=""):
    """``comparison`` (plan_comparison's) as ``show`` asks: each text with
    "shown", its changes to list; for CHANGED_NOTHING no change and only
    the texts with contributions whose passage no change touched."""
    if show not in SHOW:
        raise ValueError(show)
    contents = []
    for content in comparison["contents"]:
        if show == CHANGED_NOTHING:
            if not content["untouched"]:
                continue
            listed = []
        elif show == FROM_CONTRIBUTIONS:
            listed = [c for c in content["changes"] if c["contributions"]]
        else:
            listed = content["changes"]
        contents.append({**content, "shown": listed})
    return {**comparison, "contents": contents}


def changes_json(context, show=""):
    """The comparison for clients (``@changes``): per text, its changes with
    the contributions they touch (public fields only); ``show`` filters as
    on the page (SHOW)."""
    comparison = shown(plan_comparison(context), show)
    plan = containing_plan(context)
    return {
        "@id": f"{context.absolute_url()}/@changes",
        "figures": outcome_figures(plan) if context is plan else None,
        "items_total": comparison["total"],
        "show": show,
        "texts": [
            {
                "@id": content["url"],
                "title": content["title"],
                "code": content["code"],
                "type": content["portal_type"],
                "changes": [
                    {
                        key: change[key]
                        for key in ("key", "number", "old", "new", "contributions")
                    }
                    for change in content["shown"]
                ],
                "untouched": content["untouched"],
            }
            for content in comparison["contents"]
        ],
    }


# Links between outcomes and changes


def _links(obj):
    return tuple(own_attribute(obj, LINKS_ATTRIBUTE, None) or ())


def linked_changes(obj):
    return _links(obj)


def may_link(plan):
    return bool(api.user.has_permission(permissions.MODERATE, obj=plan))


def _content_of_key(key):
    match = _KEY.match(key) if isinstance(key, str) else None
    if match is None:
        return None, None
    return uuidToObject(match["uid"], unrestricted=True), match


def check_change_keys(plan, keys, errors):
    """The valid change keys of ``keys``; problems appended to ``errors``."""
    if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        errors.append(("changes", _("Name the changes as a list of change ids.")))
        return ()
    plan_path = plan.getPhysicalPath()
    cache = {}
    for key in keys:
        content, match = _content_of_key(key)
        if content is None:
            errors.append(
                ("changes", _("No such change: ${key}.", mapping={"key": key}))
            )
            continue
        if content.getPhysicalPath()[: len(plan_path)] != plan_path:
            errors.append(
                (
                    "changes",
                    _(
                        "The change ${key} belongs to another Plan: an outcome "
                        "links only to changes of its own Plan.",
                        mapping={"key": key},
                    ),
                )
            )
            continue
        uid = match["uid"]
        if uid not in cache:
            comparison = content_comparison(content)
            found = comparison["changes"] if comparison else ()
            cache[uid] = {c["key"] for c in found}
        if key not in cache[uid]:
            errors.append(
                ("changes", _("No such change: ${key}.", mapping={"key": key}))
            )
    return tuple(dict.fromkeys(keys))


def link_changes(plan, ids, keys, now=None):
    """Link the outcome of each published contribution ``ids`` names to the
    changes ``keys`` (replacing its links; [] unlinks); all or nothing."""
    if not may_link(plan):
        raise Unauthorized("You may not link outcomes to changes.")
    errors = []
    keys = check_change_keys(plan, keys, errors)
    objects = resolve_selection(
        plan,
        ids,
        errors,
        lambda obj: api.content.get_state(obj=obj, default=None) == PUBLISHED,
        _("Only published contributions have outcomes to link: ${ids}."),
    )
    if errors:
        raise ContributionError(errors)
    user = api.user.get_current()
    who = user.getId() or "anonymous"
    when = now or datetime.now(UTC)
    for obj in objects:
        before = _links(obj)
        setattr(obj, LINKS_ATTRIBUTE, keys)
        record(
            plan,
            {
                "item": audit_key(obj),
                "@id": obj.absolute_url(),
                "type": _kind(obj),
                "who": who,
                "who_name": user.getProperty("fullname", None) or who,
                "when": when.isoformat(timespec="seconds"),
                "transition": AUDIT_ACTION,
                "from": ", ".join(before) or None,
                "to": ", ".join(keys) or None,
                "reason": None,
                "note": "",
            },
        )
    return [{"@id": obj.absolute_url(), "changes": list(keys)} for obj in objects]


def relink(plan, item_id, key, linked=True, now=None):
    """Accept (``linked``) or take back one link from the outcome of the
    contribution ``item_id`` to the change ``key``, keeping its other links."""
    obj = resolve(plan, item_id) if isinstance(item_id, str) else None
    current = list(_links(obj)) if obj is not None else []
    if linked and key not in current:
        current.append(key)
    elif not linked:
        current = [k for k in current if k != key]
        if obj is not None:
            # The key itself is checked (another Plan's, or no such change).
            check = []
            check_change_keys(plan, [key], check)
            if check:
                raise ContributionError(check)
    return link_changes(plan, [item_id], current, now=now)


def _kind(obj):
    return "comment" if IComment.providedBy(obj) else "pledge"


def unlinked_taken_in(plan):
    """Published contributions whose outcome took them in (accepted, partly)
    with no linked change: flagged on the outcomes page. URLs."""
    flagged = []
    for brain in published_entries(plan):
        obj = brain._unrestrictedGetObject()
        if outcome_of(obj)["outcome"] in TAKEN_IN and not _links(obj):
            flagged.append(obj.absolute_url())
    return flagged


def proposals(plan):
    """For each published comment touched by some change, the changes,
    ranked by how much of its passage they rewrote: {comment URL: [(key,
    share)]}, for moderators to accept (link) or dismiss."""
    proposed = {}
    for comparison in plan_comparison(plan)["contents"]:
        for change in comparison["changes"]:
            for contribution in change["contributions"]:
                proposed.setdefault(contribution["@id"], []).append(
                    (change["key"], contribution["share"])
                )
    for url in proposed:
        proposed[url].sort(key=lambda pair: -pair[1])
    return proposed


# Figures


def _chapter_title(obj):
    """The Chapter a contribution is on (its title), or None: on the Plan
    itself, or a Pledge (which names Actions across chapters)."""
    if not IComment.providedBy(obj):
        return None
    for item in aq_chain(obj):
        if getattr(item, "portal_type", None) == "Chapter":
            return item.Title()
    return None


def _share(part, whole):
    return round(100 * part / whole) if whole else None


def _row(counts):
    total, answered, taken, linked = counts
    return {
        "total": total,
        "with_outcome": answered,
        "with_outcome_share": _share(answered, total),
        "taken_in": taken,
        "taken_in_linked": linked,
        "taken_in_linked_share": _share(linked, taken),
    }


def _plan_first(pair):
    return (pair[0] is not None, pair[0] or "")


def outcome_figures(plan):
    """The share of published contributions with an outcome and the share of
    those taken in (accepted, partly) linked to a change: for the Plan, per
    chapter (None: on the Plan or a Pledge) and per respondent type (a token
    of the organisation types)."""
    overall = [0, 0, 0, 0]
    by_chapter, by_type = {}, {}
    for brain in published_entries(plan):
        obj = brain._unrestrictedGetObject()
        outcome = outcome_of(obj)["outcome"]
        values = (
            1,
            int(bool(outcome)),
            int(outcome in TAKEN_IN),
            int(outcome in TAKEN_IN and bool(_links(obj))),
        )
        chapter = _chapter_title(obj)
        kind = own_attribute(obj, "organization_type", None) or None
        for counts in (
            overall,
            by_chapter.setdefault(chapter, [0, 0, 0, 0]),
            by_type.setdefault(kind, [0, 0, 0, 0]),
        ):
            for index, value in enumerate(values):
                counts[index] += value
    return {
        **_row(overall),
        "by_chapter": [
            {"chapter": chapter, **_row(counts)}
            for chapter, counts in sorted(by_chapter.items(), key=_plan_first)
        ],
        "by_type": [
            {"organization_type": kind, **_row(counts)}
            for kind, counts in sorted(
                by_type.items(), key=lambda pair: (pair[0] is None, pair[0] or "")
            )
        ],
    }
