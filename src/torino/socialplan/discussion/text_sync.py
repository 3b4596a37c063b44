"""Keep every comment's rendered HTML in step with its text, whichever route
saved it (our core, the stock forms, a script); and the paragraphs of the
commented texts, with their inline comments, in step with both."""

from Acquisition import aq_parent
from Products.CMFCore.interfaces import IActionSucceededEvent
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.comment_text import render_text
from zope.container.interfaces import IContainerModifiedEvent


@on_our_sites
def render_comment(comment, event):
    comment.rendered_html = render_text(comment.text)


def refresh_text(content, event):
    """The content was added, moved or saved (Classic form, REST PATCH,
    a script notifying the event)."""
    if IContainerModifiedEvent.providedBy(event):
        # An Action added to a Chapter: the Chapter's text is the same.
        return
    if getattr(event, "newParent", True) is None:
        # Removed: nothing to keep.
        return
    commented_paragraphs.refresh_paragraphs(content)


@on_our_sites
def refresh_inline_counts(comment, event):
    """An inline comment added, removed or moderated: the counts and
    highlights follow. Whole-page comments change none of them, and neither
    does a comment added or removed while it counts nowhere: not published
    and not awaiting triage of a changed passage (a new pending post, the
    common case, is one: it waits for its decision)."""
    if own_attribute(comment, "anchor", None) is None:
        return
    if not IActionSucceededEvent.providedBy(event) and not (
        commented_paragraphs.counted_inline(comment)
    ):
        return
    conversation = getattr(event, "oldParent", None) or aq_parent(comment)
    content = aq_parent(conversation) if conversation is not None else None
    if content is None:
        return
    commented_paragraphs.refresh_counts(content)
