"""A Pledge: what a stakeholder's organisation commits to do for the Plan.

Pledges live inside their Plan and are moderated like comments. The e-mail
address is private: only users with the "View contributor e-mail" permission
read it, in forms and over REST.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from plone.app.content.interfaces import INameFromTitle
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.content.field_shapes import grid
from torino.socialplan.content.grid_rows import IResourceRow
from torino.socialplan.interfaces import INVALID_MESSAGES
from torino.socialplan.interfaces import PUBLIC_FIELDS
from torino.socialplan.interfaces import REQUIRED_MESSAGES
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.component import adapter
from zope.interface import implementer

import uuid


VIEW_EMAIL = "torino.socialplan.ViewContributorEmail"


class ConsentRequired(schema.ValidationError):
    __doc__ = _("Consent to the processing of personal data is required.")


def consent_given(value):
    if value is not True:
        raise ConsentRequired(value)
    return True


class IPledge(model.Schema):
    first_name = schema.TextLine(
        title=_("First name"), required=True, max_length=inputs.NAME_MAX_LENGTH
    )
    last_name = schema.TextLine(
        title=_("Surname"), required=True, max_length=inputs.NAME_MAX_LENGTH
    )
    organization = schema.TextLine(
        title=_("Organisation"),
        description=_("Leave empty if you take part as a private citizen."),
        required=False,
        max_length=inputs.ORGANIZATION_MAX_LENGTH,
    )
    organization_type = schema.Choice(
        title=_("Type of organisation"),
        vocabulary=ORGANIZATION_TYPES_VOCABULARY,
        required=True,
    )
    email = Email(
        title=_("E-mail address"),
        description=_("Never published; used only to contact you about your pledge."),
        required=True,
        max_length=inputs.EMAIL_MAX_LENGTH,
    )
    directives.read_permission(email=VIEW_EMAIL)

    actions = RelationList(
        title=_("Actions you will contribute to"),
        value_type=RelationChoice(
            title=_("Action"), vocabulary="plone.app.vocabularies.Catalog"
        ),
        required=True,
        min_length=1,
        max_length=inputs.PLEDGE_ACTIONS_MAX,
    )
    directives.widget(
        "actions",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Action"]},
    )

    contribution = schema.Text(
        title=_("How you will contribute"),
        required=True,
        max_length=inputs.CONTRIBUTION_TEXT_MAX_LENGTH,
    )

    resources = grid(
        _("Resources you offer"),
        _("Resource"),
        IResourceRow,
        max_length=inputs.RESOURCE_ROWS_MAX,
    )
    directives.widget("resources", DataGridFieldWidgetFactory)

    privacy_consent = schema.Bool(
        title=_("I consent to the processing of my personal data"),
        description=_(
            "Your name, surname and organisation are published with your pledge; "
            "your e-mail address is not."
        ),
        required=True,
        constraint=consent_given,
    )


IPledge.setTaggedValue(
    PUBLIC_FIELDS,
    (
        "first_name",
        "last_name",
        "organization",
        "organization_type",
        "contribution",
        "resources",
        "actions",
    ),
)
IPledge.setTaggedValue(
    REQUIRED_MESSAGES,
    {"privacy_consent": ConsentRequired.__doc__},
)
IPledge.setTaggedValue(
    INVALID_MESSAGES,
    {"organization_type": _("Choose one of the listed types of organisation.")},
)


@implementer(IPledge)
class Pledge(Item):
    @property
    def title(self):
        """Who pledged: what listings and the moderation queue show."""
        name = " ".join(filter(None, (self.first_name, self.last_name)))
        if self.organization:
            return f"{name} ({self.organization})"
        return name

    @title.setter
    def title(self, value):
        """The title is derived from the names; what is set is ignored."""


@implementer(INameFromTitle)
@adapter(IPledge)
class PledgeName:
    """Short opaque ids (pledge-1a2b3c4d): URLs do not carry people's names."""

    def __init__(self, context):
        self.title = f"pledge-{uuid.uuid4().hex[:8]}"
