"""Inline comments whose passage an edit moved, changed or orphaned."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation.decisions import resolve
from torino.socialplan.consultation.moderation.decisions import too_many_items
from torino.socialplan.consultation.moderation.paths import content_of
from torino.socialplan.consultation.moderation.paths import link
from torino.socialplan.consultation.moderation.paths import path_of
from torino.socialplan.consultation.moderation.paths import url_of
from torino.socialplan.interfaces import ICommentableText


VERSION_VIEW = "versions_history_form"


def _anchored_contents(plan):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        object_provides=ICommentableText.__identifier__, path=path_of(plan)
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
        ids = commented_paragraphs.changed_comment_ids(content)
        if not ids:
            continue
        conversation = IConversation(content)
        texts = {p.id: p.text for p in commented_paragraphs.paragraphs(content)}
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
        "@id": url_of(comment),
        "comment_id": str(comment.id),
        "content": link(content),
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
        "candidate": _candidate_item(content, comment, texts),
    }


def _candidate_item(content, comment, texts):
    """Where the orphan's quote stands again in another context: "possibly
    back at" this passage, for the moderator to accept or dismiss."""
    place = commented_paragraphs.candidate_passage(comment, texts)
    if place is None:
        return None
    paragraph, start, end, text = place
    return {
        "paragraph": paragraph,
        "start": start,
        "end": end,
        "passage": text[start:end],
        "paragraph_text": text,
        "url": f"{content.absolute_url()}#{paragraph}",
    }


TRIAGE_ACTIONS = ("seen", "accept", "dismiss")


def acknowledge_anchor_changes(plan, ids, action="seen"):
    """Mark as seen the anchor changes of the inline comments ``ids`` names
    (URLs or paths, as for ``moderate``): all of them, or none. ``action``
    "accept" also places each one where its quote stands again (the
    triage's "possibly back at"), "dismiss" drops that suggestion. Returns
    their URLs."""
    if action not in TRIAGE_ACTIONS:
        raise ContributionError.on(
            "action",
            _(
                "Unknown action: use one of ${actions}.",
                mapping={"actions": ", ".join(TRIAGE_ACTIONS)},
            ),
        )
    ids = _selection(ids)
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
    if action != "seen":
        _check_candidates(comments.values())
    contents = {}
    for comment in comments.values():
        content = content_of(comment)
        _apply(comment, content, action)
        contents.setdefault(content.getPhysicalPath(), content)
    for content in contents.values():
        commented_paragraphs.refresh_counts(content)
    return [url_of(comment) for comment in comments.values()]


def _selection(ids):
    """The ids as a list, refused when none or too many."""
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, (list, tuple)) or not ids:
        raise ContributionError.on("items", _("Select at least one comment."))
    if len(ids) > inputs.ITEMS_MAX:
        raise ContributionError.on("items", too_many_items(len(ids)))
    return ids


def _apply(comment, content, action):
    if action == "accept":
        texts = {p.id: p.text for p in commented_paragraphs.paragraphs(content)}
        commented_paragraphs.accept_candidate(comment, texts)
    elif action == "dismiss":
        commented_paragraphs.dismiss_candidate(comment)
    comment.anchor_change = None


def _check_candidates(comments):
    missing = []
    for comment in comments:
        content = content_of(comment)
        texts = {p.id: p.text for p in commented_paragraphs.paragraphs(content)}
        if commented_paragraphs.candidate_passage(comment, texts) is None:
            missing.append(url_of(comment))
    if missing:
        raise ContributionError.on(
            "items",
            _(
                "No suggested place to accept or dismiss for: ${ids}.",
                mapping={"ids": ", ".join(missing)},
            ),
        )
