"""Comments: the Classic form and ``POST @comments`` both call
``submit_comment``.

A comment goes into the content's plone.app.discussion conversation with our
fields as attributes (``author_email`` is the stock one, kept private). It
waits pending for a moderator, unless its author may moderate the Plan.

An inline comment quotes a passage of the text (``anchor``, a
TextQuoteSelector) or names a whole paragraph (``paragraph``); it is resolved
against the current text now, on write, and stored with the version of the
text the commenter read (``text_version``).
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IReplies
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import confirmation
from torino.socialplan.consultation import guards
from torino.socialplan.consultation import paragraphs
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from zope.component import createObject
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.schema.interfaces import IVocabularyFactory

import contextlib
import json


KIND = "comment"

# The limits of the input policy (consultation/inputs.py).
TEXT_MAX_LENGTH = inputs.CONTRIBUTION_TEXT_MAX_LENGTH
NAME_MAX_LENGTH = inputs.NAME_MAX_LENGTH
ORGANIZATION_MAX_LENGTH = inputs.ORGANIZATION_MAX_LENGTH
EMAIL_MAX_LENGTH = inputs.EMAIL_MAX_LENGTH


# In the order forms show them and errors are reported.
FIELDS = (
    "text",
    "first_name",
    "last_name",
    "organization",
    "organization_type",
    "author_email",
    "privacy_consent",
)

REQUIRED_MESSAGES = {
    "text": _("Write your comment."),
    "first_name": _("Enter your first name."),
    "last_name": _("Enter your surname."),
    "organization_type": _("Choose the type of organisation."),
    "author_email": _("Enter your e-mail address."),
    "privacy_consent": _("Consent to the processing of personal data is required."),
}

# Lines of text: (maximum length, whether newlines are allowed).
TEXT_LIMITS = {
    "text": (TEXT_MAX_LENGTH, True),
    "first_name": (NAME_MAX_LENGTH, False),
    "last_name": (NAME_MAX_LENGTH, False),
    "organization": (ORGANIZATION_MAX_LENGTH, False),
    "author_email": (EMAIL_MAX_LENGTH, False),
}


class CommentsDisabled(ContributionError):
    """Discussion is switched off for this content."""

    status = 403
    kind = "CommentsDisabled"


class CommentNotFound(ContributionError):
    """The comment replied to does not exist, or the user may not see it."""

    status = 404
    kind = "NotFound"


def comments_enabled(context, request):
    """Whether plone.app.discussion lets people comment on ``context``."""
    view = getMultiAdapter((context, request), name="conversation_view")
    return bool(view.enabled())


def review_state(comment):
    return api.content.get_state(obj=comment, default=None)


def find_parent(context, in_reply_to):
    """The published comment of ``context`` that ``in_reply_to`` names."""
    conversation = IConversation(context)
    try:
        parent = conversation[int(in_reply_to)]
    except (KeyError, TypeError, ValueError):
        parent = None
    # A comment the user may not view is not there for them: say nothing more.
    if parent is None or not api.user.has_permission("View", obj=parent):
        raise CommentNotFound.on(
            "in_reply_to", _("The comment you are replying to does not exist.")
        )
    if review_state(parent) != PUBLISHED:
        raise ContributionError.on(
            "in_reply_to", _("You can reply only to a published comment.")
        )
    return parent


def _blank(value):
    return value is None or value == "" or value is False


def _check_text(name, value, context):
    """(the cleaned value, None), or (None, what is wrong with it)."""
    max_length, multiline = TEXT_LIMITS[name]
    try:
        return inputs.clean_text(value, max_length, multiline), None
    except inputs.InvalidInput as error:
        return None, error.message


def _check_email(name, value, context):
    try:
        return inputs.clean_email(value), None
    except inputs.InvalidInput as error:
        return None, error.message


def _check_organization_type(name, value, context):
    vocabulary = queryUtility(IVocabularyFactory, ORGANIZATION_TYPES_VOCABULARY)(
        context
    )
    if not isinstance(value, str) or value not in vocabulary.by_token:
        return None, _("Choose one of the listed types of organisation.")
    return value, None


def _check_consent(name, value, context):
    # JSON true, or the form's checked box: nothing else counts as consent.
    if not inputs.is_consent(value):
        return None, REQUIRED_MESSAGES[name]
    return value, None


CHECKS = {
    "author_email": _check_email,
    "organization_type": _check_organization_type,
    "privacy_consent": _check_consent,
}


def validate(context, data, reply=False):
    """The cleaned comment fields of ``data``; every problem at once in a
    ContributionError. ``reply``: the comment answers another, and so may
    not quote the text."""
    unknown = inputs.unknown_keys(data, ALLOWED_KEYS)
    if unknown:
        raise ContributionError.on(
            None, inputs.unknown_keys_message(unknown, FIELDS + ANCHOR_FIELDS)
        )
    values = {}
    errors = []
    for name in FIELDS:
        value, message = data.get(name), None
        if not _blank(value):
            value, message = CHECKS.get(name, _check_text)(name, value, context)
        if message is None and _blank(value):
            # Missing, or only spaces.
            message = REQUIRED_MESSAGES.get(name)
            value = ""
        if message is None:
            values[name] = value
        else:
            errors.append((name, message))
    anchoring, anchor_errors = _check_anchor(context, data, reply)
    values.update(anchoring)
    errors.extend(anchor_errors)
    if errors:
        raise ContributionError(errors)
    return values


# Inline comments

ANCHOR_FIELDS = ("anchor", "paragraph")
# What a comment's data may hold (the honeypot too: forms send it).
ALLOWED_KEYS = frozenset(FIELDS + ANCHOR_FIELDS + (guards.HONEYPOT_FIELD,))
NOT_ANCHORED = {
    "anchor": None,
    "paragraph": None,
    "anchor_start": None,
    "anchor_end": None,
}


def _check_anchor(context, data, reply=False):
    """({anchor, paragraph, anchor_start, anchor_end}, errors) for the
    passage or paragraph ``data`` names, resolved in the current text."""
    given = [name for name in ANCHOR_FIELDS if not _blank(data.get(name))]
    if not given:
        return dict(NOT_ANCHORED), []
    if reply:
        return {}, [
            (name, _("A reply cannot quote the text: reply to the comment only."))
            for name in given
        ]
    if len(given) > 1:
        return {}, [
            (
                "paragraph",
                _("Comment either on a passage or on a paragraph, not on both."),
            )
        ]
    if not paragraphs.is_fresh(context):
        # The text changed without our events: this is a write, bring the
        # stored ids in step so the comment refers to ids that last.
        paragraphs.refresh_paragraphs(context)
    current = paragraphs.paragraphs(context)
    if given == ["paragraph"]:
        return _check_paragraph(data["paragraph"], current)
    return _check_selector(data["anchor"], current)


def _check_paragraph(paragraph_id, current):
    if not isinstance(paragraph_id, str) or paragraph_id not in {p.id for p in current}:
        return {}, [
            (
                "paragraph",
                _(
                    "This paragraph is no longer in the text: it may have just "
                    "been edited. Reload the page and choose it again."
                ),
            )
        ]
    selector = anchors.selector_for(current, paragraph_id)
    return _resolved(selector, current)


def _check_selector(value, current):
    if isinstance(value, str):
        # The Classic form posts the selector as JSON in a hidden field.
        with contextlib.suppress(ValueError):
            value = json.loads(value)
    try:
        selector = anchors.validate_selector(value)
    except anchors.SelectorError as error:
        return {}, [("anchor", error.message)]
    # The quote and its context are stored: valid Unicode only.
    for part in selector.values():
        if isinstance(part, str):
            try:
                inputs.clean_text(part, len(part), multiline=True)
            except inputs.InvalidInput as error:
                return {}, [("anchor", error.message)]
    return _resolved(selector, current)


def _resolved(selector, current):
    found = anchors.resolve(selector, current)
    if found is None:
        return {}, [
            (
                "anchor",
                _(
                    "The passage you selected is no longer in the text: it may "
                    "have just been edited. Reload the page and select it again."
                ),
            )
        ]
    return {
        "anchor": selector,
        "paragraph": found.paragraph,
        "anchor_start": found.start,
        "anchor_end": found.end,
    }, []


def submit_comment(context, data, request, in_reply_to=None, now=None):
    """Add a comment from ``data`` to ``context`` (a Plan, Chapter or Action),
    as a reply to the comment ``in_reply_to`` if given; return the Comment.

    Raises Unauthorized if the user may not view ``context``, and a
    ContributionError (or subclass) for everything a person can correct.
    """
    if not api.user.has_permission("View", obj=context):
        raise Unauthorized("You may not view this content.")
    plan = containing_plan(context)
    if plan is None or not comments_enabled(context, request):
        raise CommentsDisabled.on(None, _("Comments are not enabled on this page."))
    guards.check_window(plan, now)
    parent = find_parent(context, in_reply_to) if in_reply_to is not None else None
    guards.check_honeypot(data)
    values = validate(context, data, reply=parent is not None)
    moderator = may_moderate(plan)
    if not moderator:
        guards.check_rate_limit(request, KIND)
    # E-mail confirmation: expired contributions go lazily, on submissions.
    confirmation.cleanup(now)
    confirm = not moderator and confirmation.required()
    return _add(context, parent, values, publish=moderator, confirm=confirm, now=now)


def _add(context, parent, values, publish, confirm=False, now=None):
    comment = createObject("plone.Comment")
    # E-mail confirmation: flagged before it is added (moderators' mail).
    token = None
    if confirm:
        token, attributes = confirmation.new_token(now)
        for name, value in attributes.items():
            setattr(comment, name, value)
    comment.mime_type = "text/plain"
    comment.text = values["text"]
    comment.first_name = values["first_name"]
    comment.last_name = values["last_name"]
    comment.organization = values["organization"]
    comment.organization_type = values["organization_type"]
    comment.author_email = values["author_email"]
    # What stock code (titles, catalog, moderation view) shows as the author.
    comment.author_name = f"{values['first_name']} {values['last_name']}"
    comment.privacy_consent = True
    comment.user_notification = None
    # Set before it is added: the added event counts the inline comments.
    comment.anchor = values["anchor"]
    comment.paragraph = values["paragraph"]
    comment.anchor_start = values["anchor_start"]
    comment.anchor_end = values["anchor_end"]
    comment.orphaned = False
    comment.anchor_change = None
    # The version of the text the commenter read (edits save one each).
    comment.text_version = getattr(aq_base(context), "version_id", None)
    if not api.user.is_anonymous():
        user_id = api.user.get_current().getId()
        comment.creator = comment.author_username = user_id
    conversation = IConversation(context)
    if parent is not None:
        comment_id = IReplies(parent).addComment(comment)
    else:
        comment_id = conversation.addComment(comment)
    comment = conversation[comment_id]
    if token is not None:
        confirmation.register(comment, token)
    # plone.app.discussion already approves the comments of users with its
    # "Review comments"; moderators of the Plan may lack it (the Moderator
    # role), and their own comments need no review either.
    if publish and review_state(comment) != PUBLISHED:
        with api.env.adopt_roles(["Reviewer"]):
            api.content.transition(obj=comment, transition="publish")
    return comment
