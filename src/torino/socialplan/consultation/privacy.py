"""What the public may read of a contribution: allow-lists, never deny-lists.

Serializers and pages build what they show from these names, so a field
added to a contribution later stays private until it is listed here. The
e-mail address is in no public list: only moderators (the "View contributor
e-mail" permission) read it.
"""

from plone import api
from torino.socialplan.base import permissions
from torino.socialplan.content.comment_fields import ICommentFields
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.interfaces import PUBLIC_FIELDS


VIEW_EMAIL_PERMISSION = permissions.VIEW_EMAIL
MODERATE_PERMISSION = permissions.MODERATE


def public_fields(schema, *metadata):
    """The allow-list of a contribution: the fields its schema tags as
    public (interfaces.PUBLIC_FIELDS), then ``metadata`` (dates, state...)."""
    return (*schema.queryTaggedValue(PUBLIC_FIELDS, ()), *metadata)


# A comment, as @comments and the pages show it to anyone who may view it.
PUBLIC_COMMENT_FIELDS = (
    # What stock code shows as the author: "First Last".
    "author_name",
    *public_fields(
        ICommentFields,
        "creation_date",
        "modification_date",
        "in_reply_to",
        "review_state",
        # Inline feedback: the quoted passage and where it is in today's text.
        "anchor",
        "current_text",
        "paragraph",
        "orphaned",
        "text_version",
        # The promoters' answer.
        "outcome",
        "outcome_motivation",
        # A link to the published copy of its position paper, if any.
        "position_paper",
    ),
)
MODERATOR_COMMENT_FIELDS = (*PUBLIC_COMMENT_FIELDS, "author_email")

# A pledge: the Pledge type's public fields (and its creation date).
PUBLIC_PLEDGE_FIELDS = public_fields(
    IPledge, "created", "outcome", "outcome_motivation", "position_paper"
)
MODERATOR_PLEDGE_FIELDS = (*PUBLIC_PLEDGE_FIELDS, "email", "review_state")


def may_view_email(context):
    """Whether the current user may read contributors' e-mail at ``context``."""
    return bool(api.user.has_permission(VIEW_EMAIL_PERMISSION, obj=context))


def may_moderate(context):
    return bool(api.user.has_permission(MODERATE_PERMISSION, obj=context))
