"""Comments: the Classic form and ``POST @comments`` both call
``submit_comment``.

A comment goes into the content's plone.app.discussion conversation with our
fields as attributes (``author_email`` is the stock one, kept private). It
waits pending for a moderator, unless its author may moderate the Plan.
"""

from AccessControl import Unauthorized
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IReplies
from plone.schema.email import Email
from torino.socialplan import _
from torino.socialplan.consultation import confirmation
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.content.action import containing_plan
from torino.socialplan.discussion.rendering import normalize_newlines
from zope.component import createObject
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import ValidationError


KIND = "comment"

TEXT_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 100
ORGANIZATION_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254  # RFC 5321

ORGANIZATION_TYPES = "torino.socialplan.OrganizationTypes"

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

PUBLISHED = "published"


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
    if not isinstance(value, str):
        return None, _("Enter text here.")
    value = normalize_newlines(value).strip()
    max_length, multiline = TEXT_LIMITS[name]
    if len(value) > max_length:
        return None, _(
            "Too long: at most ${max} characters, you wrote ${length}.",
            mapping={"max": max_length, "length": len(value)},
        )
    if not multiline and "\n" in value:
        return None, _("Write it on a single line.")
    return value, None


def _check_email(name, value, context):
    value, message = _check_text(name, value, context)
    if message is None and value:
        try:
            Email().validate(value)
        except ValidationError:
            return None, _("Enter a valid e-mail address, like name@example.org.")
    return value, message


def _check_organization_type(name, value, context):
    vocabulary = queryUtility(IVocabularyFactory, ORGANIZATION_TYPES)(context)
    if not isinstance(value, str) or value not in vocabulary.by_token:
        return None, _("Choose one of the listed types of organisation.")
    return value, None


def _check_consent(name, value, context):
    # JSON true, or the form's checked box: nothing else counts as consent.
    if value is not True:
        return None, REQUIRED_MESSAGES[name]
    return value, None


CHECKS = {
    "author_email": _check_email,
    "organization_type": _check_organization_type,
    "privacy_consent": _check_consent,
}


def validate(context, data):
    """The cleaned comment fields of ``data``; every problem at once in a
    ContributionError."""
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
    if errors:
        raise ContributionError(errors)
    return values


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
    values = validate(context, data)
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
