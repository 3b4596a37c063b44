"""1003 → 1004: Plan, Chapter and Action provide ICommentableText; the
context of older inline comments gets back the space next to the quote; our
comment workflow under its own id, the stock one restored; the moderation
audit stored per item."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan.consultation.anchors import CONTEXT_LENGTH
from torino.socialplan.consultation.anchors import normalize
from torino.socialplan.consultation.commented_paragraphs import paragraph_texts
from torino.socialplan.consultation.moderation import migrate_audit
from torino.socialplan.discussion.workflow import bind_ours

import logging


logger = logging.getLogger("torino.socialplan")
COMMENTABLE_TYPES = ("Plan", "Chapter", "Action")


def _commentable_texts():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=COMMENTABLE_TYPES):
        yield brain._unrestrictedGetObject()


def index_commentable_texts(context):
    """The marker is on the classes: the catalog learns it."""
    for obj in _commentable_texts():
        obj.reindexObject(idxs=["object_provides"])


def respaced(anchor, text, start, end):
    """``anchor`` with the space its stripped context lost next to the quote,
    read off the paragraph ``text`` where the quote still stands at
    ``[start:end]``; None if nothing changes or the text no longer tells."""
    if text[start:end] != anchor.get("exact"):
        return None
    before = text[max(0, start - CONTEXT_LENGTH) : start]
    after = text[end : end + CONTEXT_LENGTH]
    restored = dict(anchor)
    prefix, suffix = anchor.get("prefix") or "", anchor.get("suffix") or ""
    if prefix and before.endswith(" ") and normalize(before).endswith(prefix):
        restored["prefix"] = prefix + " "
    if suffix and after.startswith(" ") and normalize(after).startswith(suffix):
        restored["suffix"] = " " + suffix
    return restored if restored != anchor else None


def restore_context_spaces(context):
    """Contexts were stored stripped ("il Piano" + "promuove" could not be
    told from "favorire l'" + "accesso"): where the quote still stands where
    it was placed, the text tells whether a space was there."""
    count = 0
    for content in _commentable_texts():
        conversation = IConversation(content, None)
        if conversation is None or not len(conversation):
            continue
        texts = paragraph_texts(content)
        for comment in conversation.values():
            anchor = getattr(comment, "anchor", None)
            if not anchor or getattr(comment, "orphaned", False):
                continue
            text = texts.get(getattr(comment, "paragraph", None))
            start = getattr(comment, "anchor_start", None)
            end = getattr(comment, "anchor_end", None)
            if text is None or not isinstance(start, int) or not isinstance(end, int):
                continue
            restored = respaced(dict(anchor), text, start, end)
            if restored is not None:
                comment.anchor = restored
                count += 1
    logger.info("Context of %d inline comments respaced", count)


def own_comment_workflow(context):
    """Our comment workflow under its own id. Sites installed before it had
    plone.app.discussion's comment_review_workflow redefined by our profile:
    its stock definition comes back, ours is added and bound, and every
    comment keeps its state."""
    setup = api.portal.get_tool("portal_setup")
    # Stock definitions again (this also binds the one-state workflow, which
    # our workflow step replaces before any comment is touched).
    setup.runImportStepFromProfile(
        "profile-plone.app.discussion:default", "workflow", run_dependencies=False
    )
    setup.runImportStepFromProfile(
        "profile-torino.socialplan:default", "workflow", run_dependencies=False
    )
    bind_ours()


def audit_by_item(context):
    """Each Plan's audit list becomes one list per item (consultation/
    moderation.py): queue pages read their items' entries only."""
    catalog = api.portal.get_tool("portal_catalog")
    moved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        moved += migrate_audit(brain._unrestrictedGetObject())
    logger.info("%d audit entries stored per item", moved)
