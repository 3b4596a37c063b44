"""A contribution's fields checked against its kind's schema with the input
policy (base/inputs.py): every problem is reported at once, by field name."""

from plone.schema.email import IEmail
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.guards import HONEYPOT_FIELD
from torino.socialplan.interfaces import INVALID_MESSAGES
from torino.socialplan.interfaces import REQUIRED_MESSAGES
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongType


def validate(schema, context, data, checks=None, extra_keys=()):
    """The cleaned values of ``data`` for every field of ``schema``, or a
    ContributionError naming each wrong field.

    ``checks``: {field name: function(field, value)} for fields a kind checks
    itself (a pledge's actions); ``extra_keys``: other keys the kind reads
    (an inline comment's anchor).
    """
    if not isinstance(data, dict):
        raise ContributionError.on(None, _("The request body is not a JSON object."))
    fields = getFieldsInOrder(schema)
    names = tuple(name for name, _field in fields)
    unknown = inputs.unknown_keys(data, {*names, *extra_keys, HONEYPOT_FIELD})
    if unknown:
        raise ContributionError.on(
            None, inputs.unknown_keys_message(unknown, names + tuple(extra_keys))
        )
    messages = schema.queryTaggedValue(REQUIRED_MESSAGES, {})
    invalid = schema.queryTaggedValue(INVALID_MESSAGES, {})
    checks = checks or {}
    values = {}
    errors = []
    for name, field in fields:
        field = field.bind(context)
        try:
            values[name] = checks.get(name, clean)(field, data.get(name))
        except inputs.InvalidInput as error:
            errors.append((name, error.message))
        except ValidationError as error:
            errors.append((name, message(field, error, messages, invalid)))
    if errors:
        raise ContributionError(errors)
    return values


def clean(field, value):
    """``value`` made valid for ``field`` (trimmed, NFC, within its length),
    its ``missing_value`` when blank and optional; or a ValidationError or
    InvalidInput."""
    if IBool.providedBy(field):
        # Consent is JSON true only: zope.schema's Bool would take 1 or "yes".
        if field.required and not inputs.is_consent(value):
            raise RequiredMissing(field.__name__)
        return bool(value)
    if value is not None:
        if IEmail.providedBy(field):
            value = inputs.clean_email(value)
        elif ITextLine.providedBy(field) or IText.providedBy(field):
            value = inputs.clean_text(
                value,
                field.max_length or inputs.EDITOR_TEXT_MAX_LENGTH,
                multiline=not ITextLine.providedBy(field),
                required=field.required,
            )
        elif isinstance(value, str):
            value = value.strip()
        elif IChoice.providedBy(field):
            # Before the vocabulary, which cannot look up a list.
            raise WrongType(value, str, field.__name__)
    if value is None or value == "":
        if field.required:
            raise RequiredMissing(field.__name__)
        return field.missing_value
    field.validate(value)
    return value


def message(field, error, messages, invalid):
    """What to tell the person about ``error`` on ``field``."""
    name = field.__name__
    if isinstance(error, RequiredMissing):
        return messages.get(name) or _("This field is required.")
    if name in invalid:
        return invalid[name]
    if IChoice.providedBy(field):
        return _("Choose one of the listed values.")
    if IBool.providedBy(field):
        return messages.get(name) or _("This field is required.")
    if isinstance(error, TooLong):
        return _(
            "Too long: at most ${max} characters.", mapping={"max": field.max_length}
        )
    if IEmail.providedBy(field):
        return _("Enter a valid e-mail address.")
    if isinstance(error, WrongType):
        return _("Enter text.")
    # Our own ValidationErrors carry their message as their docstring.
    return error.doc()
