"""A contribution kind that the add-on does not ship, written as a new kind
would be: this module and one registration (the test registers it as
``<utility name="position_paper" component=".position_paper.POSITION_PAPER"
provides="...contributions.IContributionKind" />`` would).

A position paper is an organisation's document on the Plan as a whole: a
summary and a link to the document, kept in the Plan's conversation like a
comment (so the comment workflow, moderation queue and audit apply), with a
schema, public fields and mails of its own.
"""

from plone.schema import Email
from torino.socialplan.base import inputs
from torino.socialplan.consultation.contributions.comment_kind import CommentKind
from torino.socialplan.consultation.privacy import public_fields
from torino.socialplan.content.plan import IPlan
from torino.socialplan.interfaces import PUBLIC_FIELDS
from torino.socialplan.interfaces import REQUIRED_MESSAGES
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from zope import schema
from zope.i18nmessageid import MessageFactory
from zope.interface import Interface


_ = MessageFactory("torino.socialplan.tests")


class IPositionPaperFields(Interface):
    text = schema.Text(title=_("Summary"), max_length=2000)
    document_url = schema.URI(title=_("Link to the document"))
    first_name = schema.TextLine(title=_("First name"), max_length=100)
    last_name = schema.TextLine(title=_("Surname"), max_length=100)
    organization = schema.TextLine(
        title=_("Organisation"), max_length=inputs.ORGANIZATION_MAX_LENGTH
    )
    organization_type = schema.Choice(
        title=_("Type of organisation"), vocabulary=ORGANIZATION_TYPES_VOCABULARY
    )
    author_email = Email(title=_("E-mail address"), max_length=254)
    privacy_consent = schema.Bool(title=_("I consent"), required=True)


IPositionPaperFields.setTaggedValue(
    PUBLIC_FIELDS,
    ("organization", "organization_type", "text", "document_url"),
)
IPositionPaperFields.setTaggedValue(
    REQUIRED_MESSAGES, {"document_url": _("Give the link to your paper.")}
)


class PositionPaperKind(CommentKind):
    name = "position_paper"
    title = _("Position paper")
    schema = IPositionPaperFields
    extra_keys = ()
    rate_limit_key = "position_paper"
    public_fields = public_fields(IPositionPaperFields, "creation_date", "review_state")
    moderator_fields = (*public_fields, "first_name", "last_name", "author_email")

    def applies_to(self, obj):
        return False  # only those that name this kind

    def plan_of(self, context, request):
        plan = super().plan_of(context, request)
        if not IPlan.providedBy(context):
            raise ValueError("A position paper is on the Plan as a whole")
        return plan

    def anchoring(self, context, data, options):
        return {}, []

    def mail(self, occasion, mapping):
        if occasion == "to_moderate":
            return (
                _("New position paper from ${author}", mapping=mapping),
                [mapping["text"], _("Waiting in ${queue}", mapping=mapping)],
            )
        return None


POSITION_PAPER = PositionPaperKind()
