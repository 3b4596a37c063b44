"""What a person writes in a comment or a reply, as a schema.

A comment is a plone.app.discussion Comment (not Dexterity content): these
fields are set on it as attributes by the consultation core, which validates
them against this schema; forms label their fields from it and the privacy
allow-lists read its tagged values.
"""

from plone.schema import Email
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.interfaces import INVALID_MESSAGES
from torino.socialplan.interfaces import PUBLIC_FIELDS
from torino.socialplan.interfaces import REQUIRED_MESSAGES
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from zope import schema
from zope.interface import Interface


class ICommentFields(Interface):
    """In the order forms show them and errors are reported."""

    text = schema.Text(
        title=_("Comment"), max_length=inputs.CONTRIBUTION_TEXT_MAX_LENGTH
    )
    first_name = schema.TextLine(
        title=_("First name"), max_length=inputs.NAME_MAX_LENGTH
    )
    last_name = schema.TextLine(title=_("Surname"), max_length=inputs.NAME_MAX_LENGTH)
    organization = schema.TextLine(
        title=_("Organisation"),
        required=False,
        missing_value="",
        max_length=inputs.ORGANIZATION_MAX_LENGTH,
    )
    organization_type = schema.Choice(
        title=_("Type of organisation"), vocabulary=ORGANIZATION_TYPES_VOCABULARY
    )
    author_email = Email(
        title=_("E-mail address"),
        description=_("Never published."),
        max_length=inputs.EMAIL_MAX_LENGTH,
    )
    privacy_consent = schema.Bool(
        title=_("I consent to the processing of my personal data"), required=True
    )


ICommentFields.setTaggedValue(
    PUBLIC_FIELDS,
    ("first_name", "last_name", "organization", "organization_type", "text"),
)
ICommentFields.setTaggedValue(
    REQUIRED_MESSAGES,
    {
        "text": _("Write your comment."),
        "first_name": _("Enter your first name."),
        "last_name": _("Enter your surname."),
        "organization_type": _("Choose the type of organisation."),
        "author_email": _("Enter your e-mail address."),
        "privacy_consent": _("Consent to the processing of personal data is required."),
    },
)
ICommentFields.setTaggedValue(
    INVALID_MESSAGES,
    {"organization_type": _("Choose one of the listed types of organisation.")},
)
