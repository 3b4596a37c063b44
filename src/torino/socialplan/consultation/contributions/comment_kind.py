"""Comments and replies: the kinds stored in plone.app.discussion.

A comment goes into the text's conversation with the fields of
ICommentFields as attributes (``author_email`` is the stock one, kept
private). It waits pending for a moderator, unless its author may moderate
the Plan.

An inline comment quotes a passage of the text (``anchor``, a
TextQuoteSelector) or names a whole paragraph (``paragraph``); it is resolved
against the current text now, on write, and stored with the version of the
text the commenter read (``text_version``). A reply answers a published
comment and quotes nothing.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_parent
from BTrees.LLBTree import LLSet
from BTrees.LLBTree import LLTreeSet
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IReplies
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.contributions import field_checks
from torino.socialplan.consultation.contributions.kinds import ContributionKind
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.privacy import MODERATOR_COMMENT_FIELDS
from torino.socialplan.consultation.privacy import PUBLIC_COMMENT_FIELDS
from torino.socialplan.content.comment_fields import ICommentFields
from torino.socialplan.content.plan import containing_plan
from zope.component import createObject
from zope.component import getMultiAdapter

import contextlib
import json


ANCHOR_FIELDS = ("anchor", "paragraph")
NOT_ANCHORED = {
    "anchor": None,
    "paragraph": None,
    "anchor_start": None,
    "anchor_end": None,
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


def accepts_comments(context, request):
    """Whether a new comment on ``context`` would be accepted now: inside a
    Plan whose window is open, where discussion is enabled."""
    plan = containing_plan(context)
    return bool(
        plan is not None
        and plan.window().is_open
        and comments_enabled(context, request)
    )


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
    if api.content.get_state(obj=parent, default=None) != PUBLISHED:
        raise ContributionError.on(
            "in_reply_to", _("You can reply only to a published comment.")
        )
    return parent


class CommentKind(ContributionKind):
    name = "comment"
    accepts_paper = True
    values_are_plain = True
    title = _("Comment")
    schema = ICommentFields
    marker = IComment
    rate_limit_key = "comment"
    moderators_publish_own = True
    extra_keys = ANCHOR_FIELDS
    email_field = "author_email"
    public_fields = PUBLIC_COMMENT_FIELDS
    moderator_fields = MODERATOR_COMMENT_FIELDS

    def applies_to(self, obj):
        return IComment.providedBy(obj) and not getattr(
            aq_base(obj), "in_reply_to", None
        )

    def plan_of(self, context, request):
        if not api.user.has_permission("View", obj=context):
            raise Unauthorized("You may not view this content.")
        plan = containing_plan(context)
        if plan is None or not comments_enabled(context, request):
            raise CommentsDisabled.on(None, _("Comments are not enabled on this page."))
        return plan

    def validate(self, context, data, options):
        values, errors = {}, []
        try:
            values = field_checks.validate(
                self.schema, context, data, extra_keys=self.extra_keys
            )
        except ContributionError as error:
            if not error.errors or error.errors[0][0] is None:
                raise  # not an object, or unknown keys: nothing else to say
            errors = error.errors
        anchoring, anchor_errors = self.anchoring(context, data, options)
        if errors or anchor_errors:
            raise ContributionError(errors + anchor_errors)
        values.update(anchoring)
        return values

    def anchoring(self, context, data, options):
        """({anchor, paragraph, anchor_start, anchor_end}, errors) for the
        passage or paragraph ``data`` names, resolved in the current text."""
        given = [name for name in ANCHOR_FIELDS if not _blank(data.get(name))]
        if not given:
            return dict(NOT_ANCHORED), []
        if len(given) > 1:
            return {}, [
                (
                    "paragraph",
                    _("Comment either on a passage or on a paragraph, not on both."),
                )
            ]
        if not commented_paragraphs.is_fresh(context):
            # The text changed without our events: this is a write, bring the
            # stored ids in step so the comment refers to ids that last.
            commented_paragraphs.refresh_paragraphs(context)
        current = commented_paragraphs.paragraphs(context)
        if given == ["paragraph"]:
            return _check_paragraph(data["paragraph"], current)
        return _check_selector(data["anchor"], current)

    def create(self, context, values, attributes, publish, options):
        comment = createObject("plone.Comment")
        # E-mail confirmation: flagged before it is added (moderators' mail).
        for name, value in attributes.items():
            setattr(comment, name, value)
        comment.mime_type = "text/plain"
        for name in self.schema.names():
            setattr(comment, name, values[name])
        # What stock code (titles, catalog, moderation view) shows as the author.
        comment.author_name = f"{values['first_name']} {values['last_name']}"
        comment.user_notification = None
        # Set before it is added: the added event counts the inline comments.
        for name in NOT_ANCHORED:
            setattr(comment, name, values.get(name))
        comment.orphaned = False
        comment.anchor_change = None
        # The version of the text the commenter read (edits save one each).
        comment.text_version = getattr(aq_base(context), "version_id", None)
        if not api.user.is_anonymous():
            user_id = api.user.get_current().getId()
            comment.creator = comment.author_username = user_id
        conversation = IConversation(context)
        parent = options.get("parent")
        if parent is not None:
            comment_id = IReplies(parent).addComment(comment)
        else:
            _top_level_ids_in_buckets(conversation)
            comment_id = conversation.addComment(comment)
        comment = conversation[comment_id]
        # plone.app.discussion already approves the comments of users with its
        # "Review comments"; moderators of the Plan may lack it (the Moderator
        # role), and their own comments need no review either.
        if publish and self.state(comment) != PUBLISHED:
            with api.env.adopt_roles(["Reviewer"]):
                api.content.transition(obj=comment, transition="publish")
        return comment

    confirm_heading = _("Confirm your comment")
    confirm_intro = _(
        "Press the button to send your comment to the moderators. It "
        "will be published after moderation."
    )
    confirmed_thanks = _(
        "Thank you: your comment is confirmed and will be published after moderation."
    )

    def page_of(self, obj):
        return aq_parent(aq_parent(obj))

    def target_of(self, obj):
        return self.page_of(obj)

    def remove(self, obj):
        conversation = aq_parent(obj)
        del conversation[obj.id]

    def mail_mapping(self, obj):
        return {"target": self.target_of(obj).Title()}

    def mail(self, occasion, mapping):
        if occasion == "to_moderate":
            return (
                _("New comment to moderate on ${target}", mapping=mapping),
                [
                    _('${author} commented on "${target}":', mapping=mapping),
                    mapping["text"],
                    _("The comment waits for moderation: ${queue}", mapping=mapping),
                ],
            )
        if occasion == "published":
            return (
                _("Your comment has been published"),
                [
                    _("Dear ${name},", mapping=mapping),
                    _(
                        'your comment on "${target}" has been published: ${url}',
                        mapping=mapping,
                    ),
                    _(
                        'Thank you for taking part in the consultation on "${plan}".',
                        mapping=mapping,
                    ),
                ],
            )
        if occasion == "rejected":
            return (
                _("Your comment was not published"),
                [
                    _("Dear ${name},", mapping=mapping),
                    _(
                        'your comment on "${target}" was not published. '
                        "Reason: ${reason}.",
                        mapping=mapping,
                    ),
                    _(
                        'Thank you for taking part in the consultation on "${plan}".',
                        mapping=mapping,
                    ),
                ],
            )
        if occasion == "confirm":
            return (
                _("Confirm your comment"),
                [
                    _(
                        'to send your comment on "${target}" to the moderators, '
                        "open this link and press the button to confirm it: ${url}",
                        mapping=mapping,
                    )
                ],
            )
        return None


class ReplyKind(CommentKind):
    """A comment answering a published one: ``in_reply_to`` names it."""

    name = "reply"
    accepts_paper = False
    title = _("Reply")

    def applies_to(self, obj):
        return IComment.providedBy(obj) and bool(
            getattr(aq_base(obj), "in_reply_to", None)
        )

    def prepare(self, context, options):
        return {"parent": find_parent(context, options.get("in_reply_to"))}

    def anchoring(self, context, data, options):
        given = [name for name in ANCHOR_FIELDS if not _blank(data.get(name))]
        return {}, [
            (name, _("A reply cannot quote the text: reply to the comment only."))
            for name in given
        ]


COMMENT = CommentKind()
REPLY = ReplyKind()


def _top_level_ids_in_buckets(conversation):
    """plone.app.discussion keeps the ids of a text's top-level comments in
    one LLSet, which every post writes whole: it grows with the comments
    (2,600 ids are 21 KB a post, for every instance to reload). An
    LLTreeSet keeps the same ids in buckets, and a post writes one; the
    stock code reads both alike. Converted on the next post."""
    children = conversation._children
    top = children.get(0)
    if top is None or isinstance(top, LLSet):
        children[0] = LLTreeSet(top or ())


def _blank(value):
    return value is None or value == "" or value is False


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
        selector = anchors.validate_selector(
            value, length=len(anchors.document_text(current))
        )
    except anchors.SelectorError as error:
        return {}, [("anchor", error.message)]
    # The quote and its context are stored: valid Unicode only. They quote
    # our own text, so the character policy does not judge them (a soft
    # hyphen in the text is quoted as it is); a quote not in the text is
    # refused below.
    for part in selector.values():
        if isinstance(part, str):
            problem = inputs.storable_problem(part)
            if problem is not None:
                return {}, [("anchor", problem)]
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
