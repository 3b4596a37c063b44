"""The input policy (base/inputs.py) in the Classic add and edit forms of
content, as the REST deserializers apply it to a POST or PATCH: every text
line and text of a Dexterity form (titles, descriptions, our types' fields)
and every text cell of a data grid.

Bound to our browser layer: a site without the add-on keeps stock forms.
What a Dexterity form's text widgets send is normalised first (newlines,
NFC, trimmed: ``TextConverter``), as the REST deserializers and the
contribution core store it.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from collective.z3cform.datagridfield.interfaces import IRow
from plone.dexterity.browser.base import DexterityExtensibleForm
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.interfaces import IBrowserLayer
from z3c.form.converter import FieldDataConverter
from z3c.form.interfaces import ITextAreaWidget
from z3c.form.interfaces import ITextWidget
from z3c.form.interfaces import IValidator
from z3c.form.interfaces import NOT_CHANGED
from z3c.form.util import changedWidget
from z3c.form.validator import SimpleFieldValidator
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IList
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


@adapter(ITextLine, ITextWidget)
class TextLineConverter(FieldDataConverter):
    """A line of a Dexterity add or edit form on our sites, normalised as
    the policy stores it (a login form's password is not touched)."""

    multiline = False

    def toFieldValue(self, value):
        if (
            isinstance(value, str)
            and IBrowserLayer.providedBy(self.widget.request)
            and isinstance(getattr(self.widget, "form", None), DexterityExtensibleForm)
        ):
            value = inputs.normalize(value, self.multiline)
        return super().toFieldValue(value)


@adapter(IText, ITextAreaWidget)
class TextConverter(TextLineConverter):
    """A text of a Dexterity add or edit form on our sites, normalised."""

    multiline = True


def policy_problem(field, value):
    """The policy's message for the text ``value`` of ``field``, or None."""
    if not isinstance(value, str):
        return None
    multiline = not ITextLine.providedBy(field)
    limit = (
        inputs.EDITOR_TEXT_MAX_LENGTH if multiline else inputs.EDITOR_LINE_MAX_LENGTH
    )
    try:
        inputs.clean_text(
            value,
            min(field.max_length or limit, limit),
            multiline,
            required=field.required,
        )
    except inputs.InvalidInput as error:
        return error.message
    return None


def changed(validator, value, force):
    """Whether ``value`` is new (as SimpleFieldValidator judges it): a value
    stored before the policy does not stop an editor changing another
    field."""
    if force:
        return True
    if value is NOT_CHANGED:
        return False
    return not validator.widget or changedWidget(
        validator.widget, value, field=validator.field, context=validator.context
    )


class _PolicyValidator(SimpleFieldValidator):
    def validate(self, value, force=False):
        # The policy first: its message is clearer than the field's own
        # (a newline in a TextLine is "Constraint not satisfied").
        if changed(self, value, force):
            problem = policy_problem(self.field, value)
            if problem is not None:
                raise inputs.PolicyViolation(problem)
        return super().validate(value, force)


@implementer(IValidator)
@adapter(Interface, IBrowserLayer, DexterityExtensibleForm, ITextLine, Interface)
class TextLineValidator(_PolicyValidator):
    """A title, a name, any line of a Dexterity add or edit form."""


@implementer(IValidator)
@adapter(Interface, IBrowserLayer, DexterityExtensibleForm, IText, Interface)
class TextValidator(_PolicyValidator):
    """A description, any text of a Dexterity add or edit form (not rich
    text: that is HTML, filtered by the site's HTML filter)."""


@implementer(IValidator)
@adapter(Interface, IBrowserLayer, Interface, IList, DataGridFieldWidget)
class GridValidator(DataGridValidator):
    """The data grid's own check (its cells' errors), then the policy on
    every text cell of every row."""

    def validate(self, value, force=False):
        super().validate(value, force)
        row_type = getattr(self.field, "value_type", None)
        if not IRow.providedBy(row_type) or not isinstance(value, list):
            return
        if not changed(self, value, force):
            return
        columns = getFieldsInOrder(row_type.schema)
        for row in value:
            if not isinstance(row, dict):
                continue
            for name, column in columns:
                problem = policy_problem(column, row.get(name))
                if problem is not None:
                    raise inputs.PolicyViolation(
                        _(
                            "${column}: ${problem}",
                            mapping={"column": column.title, "problem": problem},
                        )
                    )
