"""Field deserializers of our layer: whatever a client sends in a POST or
PATCH of content is the client's error (400 on the field), never a 500.

Data grid rows: malformed rows are refused. Text lines and texts follow the
input policy (base/inputs.py: its character policy, bounded lengths, a
letter or digit in a required one). Dates and date-and-time fields take
ISO 8601 text in ASCII digits with a year from 1900 to 2100, or null,
nothing else.
"""

from collective.z3cform.datagridfield.deserializer import DatagridRowDeserializer
from collective.z3cform.datagridfield.interfaces import IRow
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.deserializer.dxfields import TextLineFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.interfaces import IBrowserLayer
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import IBool
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import ValidationError

import json


def _error_text(error):
    if isinstance(error, ValidationError):
        return error.doc()
    return str(error)


@implementer(IFieldDeserializer)
@adapter(IRow, IDexterityContent, IBrowserLayer)
class RowDeserializer(DatagridRowDeserializer):
    """Checks a row's shape, then lets the data grid's deserializer convert it.

    The stock deserializer calls ``row.get()`` on whatever it gets (500 on a
    string), ignores unknown keys, reads "maybe" as false in a Bool column and
    reports column errors without the column. Every error here is a
    ValueError, which plone.restapi returns as 400 on the grid field.
    """

    def __call__(self, row):
        columns = getFields(self.field.schema)
        if not isinstance(row, dict):
            self._fail(
                _(
                    "${field}: each row must be an object with the keys "
                    "${columns}, not ${value}.",
                    mapping={"columns": ", ".join(columns), "value": _dump(row)},
                )
            )
        unknown = sorted(set(row) - set(columns))
        if unknown:
            self._fail(
                _(
                    "${field}: unknown column(s) ${unknown}; the columns are "
                    "${columns}.",
                    mapping={
                        "unknown": ", ".join(unknown),
                        "columns": ", ".join(columns),
                    },
                )
            )
        for name, column in columns.items():
            value = row.get(name)
            if IBool.providedBy(column) and not isinstance(value, bool | None):
                # Bool.fromUnicode reads any unknown string as False.
                self._fail(
                    _(
                        "${field}: column '${column}' must be true or false, "
                        "not ${value}.",
                        mapping={"column": name, "value": _dump(value)},
                    )
                )
        # Omitted optional columns get their default (a missing "done" is
        # false, not null), as the edit form stores them.
        row = {
            **{
                name: column.default
                for name, column in columns.items()
                if not column.readonly
            },
            **row,
        }
        try:
            return super().__call__(row)
        except (ValueError, ValidationError) as error:
            self._fail_on_column(row, columns, error)

    def _fail_on_column(self, row, columns, error):
        """Re-run the columns one by one to name the one that failed."""
        for name, column in columns.items():
            if column.readonly:
                continue
            deserializer = queryMultiAdapter(
                (column, self.context, self.request), IFieldDeserializer
            )
            if deserializer is None:
                continue
            value = row.get(name)
            try:
                deserializer(value)
            except (ValueError, ValidationError) as column_error:
                if isinstance(column_error, RequiredMissing):
                    self._fail(
                        _(
                            "${field}: column '${column}' is required.",
                            mapping={"column": name},
                        )
                    )
                if IDate.providedBy(column) and not isinstance(
                    column_error, ValidationError
                ):
                    # strptime's own message names a format, not the field.
                    self._fail(
                        _(
                            "${field}: column '${column}' must be a date as "
                            "YYYY-MM-DD, not ${value}.",
                            mapping={"column": name, "value": _dump(value)},
                        )
                    )
                self._fail(
                    _(
                        "${field}: column '${column}': ${error} (value: ${value})",
                        mapping={
                            "column": name,
                            "error": _error_text(column_error),
                            "value": _dump(value),
                        },
                    )
                )
        # The row as a whole (DictRow's own validation) failed.
        self._fail(_("${field}: ${error}", mapping={"error": _error_text(error)}))

    def _fail(self, message):
        mapping = dict(message.mapping or {}, field=self._grid_name())
        message = _(message, mapping=mapping)
        raise ValueError(translate(message, context=self.request))

    def _grid_name(self):
        """The name of the list field whose rows this deserializer reads.

        ``self.field`` is the grid's value_type (a DictRow), which has no
        name of its own; its row schema identifies the grid.
        """
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                value_type = getattr(field, "value_type", None)
                if (
                    ICollection.providedBy(field)
                    and IRow.providedBy(value_type)
                    and value_type.schema is self.field.schema
                ):
                    return name
        return self.field.title or self.field.schema.__name__


def _dump(value):
    """A short JSON rendering of a client's value, for error messages."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _policy_text(deserializer, value, limit, multiline):
    """``value`` cleaned by the input policy, or ValueError (a 400)."""
    if not isinstance(value, str):
        return value  # the field's own validation refuses other types
    max_length = min(deserializer.field.max_length or limit, limit)
    try:
        return inputs.clean_text(
            value, max_length, multiline, required=deserializer.field.required
        )
    except inputs.InvalidInput as error:
        raise ValueError(
            translate(error.message, context=deserializer.request)
        ) from None


@implementer(IFieldDeserializer)
@adapter(ITextLine, IDexterityContent, IBrowserLayer)
class PolicyTextLineDeserializer(TextLineFieldDeserializer):
    """A title, a grid cell, any line of our site's content: one line of
    valid text, at most inputs.EDITOR_LINE_MAX_LENGTH characters (or the
    field's own, lower, limit)."""

    def __call__(self, value):
        value = _policy_text(self, value, inputs.EDITOR_LINE_MAX_LENGTH, False)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IText, IDexterityContent, IBrowserLayer)
class PolicyTextDeserializer(DefaultFieldDeserializer):
    """A description or a multi-line cell: valid text, at most
    inputs.EDITOR_TEXT_MAX_LENGTH characters (or the field's own limit)."""

    def __call__(self, value):
        value = _policy_text(self, value, inputs.EDITOR_TEXT_MAX_LENGTH, True)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IDatetime, IDexterityContent, IBrowserLayer)
class StrictDatetimeDeserializer(DatetimeFieldDeserializer):
    """ISO 8601 text in ASCII digits, a year from inputs.YEAR_MIN to
    YEAR_MAX, or null: stock hands anything to dateutil, which raises
    TypeError on a number or a list (a 500), and reads "-2026-01-01" or
    full-width digits as dates."""

    def __call__(self, value):
        if value is not None and not inputs.is_datetime_text(value):
            self._refuse(value)
        try:
            value = super().__call__(value)
        except (TypeError, OverflowError, ValueError):
            self._refuse(value)
        inputs.sane_date(value)
        return value

    def _refuse(self, value):
        message = _(
            "Give a date and time as text, like 2026-03-01T09:00, not ${value}.",
            mapping={"value": _dump(value)},
        )
        raise ValueError(translate(message, context=self.request))


@implementer(IFieldDeserializer)
@adapter(IDate, IDexterityContent, IBrowserLayer)
class StrictDateDeserializer(DefaultFieldDeserializer):
    """YYYY-MM-DD in ASCII digits, a year from inputs.YEAR_MIN to YEAR_MAX,
    or null: not "-2026-01-01", full-width digits or year 1. A malformed date
    is a ValueError (the grid names the format), one out of range the input
    policy's ValidationError (its own message)."""

    def __call__(self, value):
        if value is not None:
            value = inputs.parse_date(value)  # InvalidInput is a ValueError
            inputs.sane_date(value)
        self.field.validate(value)
        return value
