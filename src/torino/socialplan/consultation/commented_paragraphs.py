"""The paragraphs of a Plan, Chapter or Action text and where its inline
comments sit in them, kept in an annotation of the content.

Everything here is computed when something is written (the content saved,
moved or upgraded; a comment added, moderated or removed): a page view only
reads the annotation. Should a write have skipped the events, the view notices
the stale ``source`` and annotates the text on the fly, storing nothing.
"""

from Acquisition import aq_base
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.states import PENDING
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation.anchors import Paragraph
from zope.annotation.interfaces import IAnnotations

import hashlib
import re


KEY = "torino.socialplan.paragraphs"
# Not worth a triage line: rejected and spam comments are out of the debate.
TRIAGE_STATES = (PENDING, PUBLISHED)

# The output transform writes absolute URLs: stored with a placeholder, they
# follow the host the page is served from (virtual hosting, upgrades run from
# a script at localhost).
PORTAL_URL = "\ue000portal-url\ue000"


def _state(content):
    return IAnnotations(content).get(KEY)


def _text_value(content):
    return getattr(aq_base(content), "text", None)


def source(content):
    """What the stored paragraphs were computed from: the raw text, its
    mime types and where the content lives (relative links resolve there)."""
    text = _text_value(content)
    parts = ["/".join(content.getPhysicalPath())]
    if text is not None:
        parts += [text.mimeType or "", text.outputMimeType or "", text.raw or ""]
    return hashlib.sha1(
        "\0".join(parts).encode("utf-8"), usedforsecurity=False
    ).hexdigest()


def _output(content):
    text = _text_value(content)
    if text is None:
        return ""
    return text.output_relative_to(content) or ""


def _portal_url_pattern():
    url = api.portal.get().absolute_url()
    return re.compile(re.escape(url) + r"(?=[/\"'?#<\s]|$)")


def _portable(html):
    return _portal_url_pattern().sub(PORTAL_URL, html)


def _localized(html):
    return html.replace(PORTAL_URL, api.portal.get().absolute_url())


def _stored_paragraphs(state):
    return [Paragraph(*pair) for pair in (state or {}).get("paragraphs", ())]


def _compute(content, state):
    """(paragraphs, annotated html or None) of the current text, ids carried
    over from the stored ones."""
    html = _output(content)
    texts = anchors.extract_paragraph_texts(html) if html.strip() else []
    current = anchors.carry_ids(_stored_paragraphs(state), texts)
    annotated = anchors.annotate_html(html, [p.id for p in current]) if texts else html
    return current, (annotated or None)


def is_fresh(content):
    state = _state(content)
    return state is not None and state.get("source") == source(content)


def paragraphs(content):
    """The paragraphs of the current text, as stored. If the text changed
    without our events they are computed (not stored): paragraphs new since
    then get ids that last only for this call."""
    state = _state(content)
    if state is not None and state.get("source") == source(content):
        return _stored_paragraphs(state)
    return _compute(content, state)[0]


def body_html(content):
    """The text as HTML whose paragraphs carry ``data-paragraph`` and ``id``;
    None without text."""
    state = _state(content)
    if state is not None and state.get("source") == source(content):
        html = state.get("html")
        return _localized(html) if html else None
    return _compute(content, state)[1]


def inline_summary(content):
    """{"counts": {paragraph id: published inline comments},
    "highlights": [{"comment", "paragraph", "start", "end", "whole"}],
    "orphaned": published inline comments whose passage is gone,
    "orphaned_in": {paragraph id: those of them whose paragraph is still
    there}}."""
    state = _state(content) or {}
    return {
        "counts": dict(state.get("counts", {})),
        "highlights": [dict(h) for h in state.get("highlights", ())],
        "orphaned": state.get("orphaned", 0),
        "orphaned_in": dict(state.get("orphaned_in", {})),
    }


def paragraph_texts(content):
    """{paragraph id: text} of the current text, as stored."""
    return {p.id: p.text for p in paragraphs(content)}


def passage_now(comment, texts):
    """The words of an inline comment's passage as the text reads now, or
    None (a whole-page comment, or orphaned). ``texts``: paragraph_texts of
    its content, read once for all its comments."""
    if own_attribute(comment, "orphaned", False) or not own_attribute(
        comment, "anchor", None
    ):
        return None
    text = texts.get(own_attribute(comment, "paragraph", None))
    start, end = (
        own_attribute(comment, "anchor_start", None),
        own_attribute(comment, "anchor_end", None),
    )
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return None
    return text[start:end] or None


def paragraph_comment_ids(content, paragraph_id):
    """The ids (str) of the published inline comments on a paragraph, oldest
    first, from the stored summary: no comment is loaded."""
    state = _state(content) or {}
    ids = [
        h["comment"]
        for h in state.get("highlights", ())
        if h["paragraph"] == paragraph_id
    ]
    # Comment ids are creation times in microseconds.
    return sorted(dict.fromkeys(ids), key=int)


def changed_comment_ids(content):
    """Ids (str) of the comments whose anchor an edit moved, changed or
    orphaned and no moderator has marked as seen."""
    return list((_state(content) or {}).get("changed", ()))


# Writing


def _writable_state(content):
    annotations = IAnnotations(content)
    state = annotations.get(KEY)
    if state is None:
        state = annotations[KEY] = PersistentMapping()
    return state


def _set(state, key, value):
    # Unchanged values are not written again: fewer conflicts.
    if state.get(key) != value:
        state[key] = value


def refresh_paragraphs(content, now=None, version=None):
    """Bring the stored paragraphs in step with the text: carry the ids over,
    annotate the HTML, re-anchor every inline comment (all states) and
    recompute the counts. Returns whether the text had changed."""
    state = _state(content)
    current_source = source(content)
    if state is not None and state.get("source") == current_source:
        return False
    state = _writable_state(content)
    before = _stored_paragraphs(state)
    current, html = _compute(content, state)
    _set(state, "paragraphs", tuple(tuple(p) for p in current))
    _set(state, "html", _portable(html) if html else None)
    state["source"] = current_source
    if [tuple(p) for p in before] != [tuple(p) for p in current]:
        if version is None:
            version = own_attribute(content, "version_id")
        edit = anchors.Edit(before, current)
        changed = [
            str(comment.id)
            for comment in _anchored_comments(content)
            if reanchor(comment, before, current, version, now, edit) is not None
        ]
        # Should the version of this edit be saved after us (subscribers run
        # in registration order), stamp_version gives these its number.
        _set(state, "unstamped", (current_source, tuple(changed)))
    refresh_counts(content)
    return True


def stamp_version(content, version):
    """A version of the text is being saved: the anchor changes its last edit
    recorded belong to it (CMFEditions numbers versions by history length)."""
    state = _state(content)
    unstamped = state.get("unstamped") if state is not None else None
    if not unstamped or unstamped[0] != source(content):
        return
    conversation = IConversation(content)
    for comment_id in unstamped[1]:
        comment = conversation.get(int(comment_id))
        change = (
            own_attribute(comment, "anchor_change", None)
            if comment is not None
            else None
        )
        if change and change.get("version") != version:
            comment.anchor_change = dict(change, version=version)
    state["unstamped"] = None


def _anchored_comments(content):
    conversation = IConversation(content)
    if not len(conversation):
        return []
    return [c for c in conversation.values() if own_attribute(c, "anchor", None)]


def reanchor(comment, before, current, version=None, now=None, edit=None):
    """Carry the comment's passage from ``before`` (the paragraphs it was
    placed in last time) to ``current`` through the edit; record in
    ``anchor_change`` how it fared. Returns the kind of change, or None."""
    location = (
        own_attribute(comment, "paragraph", None),
        own_attribute(comment, "anchor_start", None),
        own_attribute(comment, "anchor_end", None),
    )
    orphaned = bool(own_attribute(comment, "orphaned", False))
    found = anchors.reanchor(
        comment.anchor, location, before, current, edit, orphaned=orphaned
    )
    kind = change_kind(comment, found, before, current)
    candidate = None if found is not None else _candidate(comment, current, edit)
    if candidate != own_attribute(comment, "anchor_candidate", None):
        comment.anchor_candidate = candidate
        if candidate is not None and kind is None:
            kind = "candidate"
    if found is None:
        location = (None, None, None, True)
        # The paragraph it was in, while that paragraph is there: the page
        # leaves a trace of the comment in it (browser/comments/markers.py).
        origin = (
            own_attribute(comment, "orphaned_from", None) if orphaned else None
        ) or own_attribute(comment, "paragraph", None)
    else:
        location = (found.paragraph, found.start, found.end, False)
        origin = None
    if own_attribute(comment, "orphaned_from", None) != origin:
        comment.orphaned_from = origin
    names = ("paragraph", "anchor_start", "anchor_end", "orphaned")
    for name, value in zip(names, location, strict=True):
        if getattr(comment, name, None) != value:
            setattr(comment, name, value)
    if kind is not None:
        comment.anchor_change = {
            "kind": kind,
            "date": now or datetime.now(UTC),
            "version": version,
        }
    return kind


def _candidate(comment, current, edit=None):
    """Where an orphaned comment's quote stands again word for word, in
    another context: {"paragraph", "start", "end"} for the moderators'
    triage (never public, never placed by itself), unless they dismissed
    that paragraph before; or None."""
    found = anchors.revival_candidate(comment.anchor, current, edit)
    if found is None:
        return None
    if found.paragraph in (own_attribute(comment, "anchor_dismissed", None) or ()):
        return None
    return {"paragraph": found.paragraph, "start": found.start, "end": found.end}


def candidate_passage(comment, texts):
    """(paragraph id, start, end, paragraph text) of the comment's suggested
    place if it still lies in ``texts`` ({paragraph id: text}) word for
    word; else None."""
    candidate = own_attribute(comment, "anchor_candidate", None)
    if not candidate or not own_attribute(comment, "orphaned", False):
        return None
    text = texts.get(candidate["paragraph"])
    start, end = candidate["start"], candidate["end"]
    if text is None or text[start:end] != (comment.anchor or {}).get("exact"):
        return None
    return candidate["paragraph"], start, end, text


def accept_candidate(comment, texts):
    """Place an orphaned comment where its quote stands again, as a moderator
    decided. Returns whether it was placed."""
    place = candidate_passage(comment, texts)
    if place is None:
        return False
    comment.paragraph, comment.anchor_start, comment.anchor_end, _text = place
    comment.orphaned = False
    comment.orphaned_from = None
    comment.anchor_candidate = None
    comment.anchor_change = None
    return True


def dismiss_candidate(comment):
    """A moderator found the suggested place wrong: not offered again in that
    paragraph."""
    candidate = own_attribute(comment, "anchor_candidate", None)
    if not candidate:
        return False
    dismissed = own_attribute(comment, "anchor_dismissed", None) or ()
    comment.anchor_dismissed = (*dismissed, candidate["paragraph"])
    comment.anchor_candidate = None
    comment.anchor_change = None
    return True


def _span(paragraph_list, paragraph_id, start, end):
    for paragraph in paragraph_list:
        if paragraph.id == paragraph_id:
            if start is None or end is None:
                return paragraph.text
            return paragraph.text[start:end]
    return None


def change_kind(comment, found, before, current):
    """ "orphaned" when the passage was found and is gone; "changed" when the
    words found differ from those found before; "moved" when the same words
    are now in another paragraph (or found again after being orphaned)."""
    was_orphaned = bool(own_attribute(comment, "orphaned", False))
    if found is None:
        return None if was_orphaned else "orphaned"
    now_text = _span(current, found.paragraph, found.start, found.end)
    if was_orphaned:
        return "moved" if now_text == comment.anchor["exact"] else "changed"
    old_text = _span(
        before,
        own_attribute(comment, "paragraph", None),
        own_attribute(comment, "anchor_start", None),
        own_attribute(comment, "anchor_end", None),
    )
    if old_text is None:
        # Never resolved in stored paragraphs (say, before an upgrade):
        # compare with the quote as posted.
        old_text = comment.anchor["exact"]
    if now_text != old_text:
        return "changed"
    if found.paragraph != own_attribute(comment, "paragraph", None):
        return "moved"
    return None


def counted_inline(comment):
    """Whether ``refresh_counts`` counts this inline comment anywhere: in the
    counts and highlights (published), or among those awaiting triage."""
    review_state = api.content.get_state(obj=comment, default=None)
    if review_state == PUBLISHED:
        return True
    return bool(own_attribute(comment, "anchor_change", None)) and (
        review_state in TRIAGE_STATES
    )


def refresh_counts(content):
    """Recompute the published inline comments per paragraph, the highlights,
    the orphaned count and the comments awaiting triage, from the
    conversation."""
    state = _state(content)
    comments = _anchored_comments(content)
    if state is None and not comments:
        return
    order = {p.id: i for i, p in enumerate(_stored_paragraphs(state))}
    lengths = {p.id: len(p.text) for p in _stored_paragraphs(state)}
    counts, highlights, orphaned, changed = {}, [], 0, []
    orphaned_in = {}
    for comment in comments:
        review_state = api.content.get_state(obj=comment, default=None)
        if (
            own_attribute(comment, "anchor_change", None)
            and review_state in TRIAGE_STATES
        ):
            changed.append(str(comment.id))
        if review_state != PUBLISHED:
            continue
        paragraph = own_attribute(comment, "paragraph", None)
        if own_attribute(comment, "orphaned", False) or paragraph not in order:
            orphaned += 1
            origin = own_attribute(comment, "orphaned_from", None) or paragraph
            if origin in order:
                # Its passage is gone, its paragraph is not: a trace there.
                orphaned_in[origin] = orphaned_in.get(origin, 0) + 1
            continue
        counts[paragraph] = counts.get(paragraph, 0) + 1
        start, end = comment.anchor_start, comment.anchor_end
        highlights.append(
            {
                "comment": str(comment.id),
                "paragraph": paragraph,
                "start": start,
                "end": end,
                "whole": start == 0 and end == lengths[paragraph],
            }
        )
    highlights.sort(
        key=lambda h: (order[h["paragraph"]], h["start"], int(h["comment"]))
    )
    state = _writable_state(content)
    _set(state, "counts", counts)
    _set(state, "highlights", tuple(highlights))
    _set(state, "orphaned", orphaned)
    _set(state, "orphaned_in", orphaned_in)
    _set(state, "changed", tuple(changed))
