"""Row schemas of the data grids (collective.z3cform.datagridfield).

Date columns only: datagridfield 4.0.3's REST deserializer rejects Datetime
columns; each takes a year from 1900 to 2100 (the input policy's
``sane_date``). Text columns are bounded by the input policy (base/inputs.py);
so are the rows of each grid (its List field).
"""

from torino.socialplan import _
from torino.socialplan.base import inputs
from zope import schema
from zope.interface import Interface


class IPhaseRow(Interface):
    title = schema.TextLine(
        title=_("Phase"), required=True, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    start = schema.Date(title=_("From"), required=True, constraint=inputs.sane_date)
    end = schema.Date(title=_("To"), required=False, constraint=inputs.sane_date)
    description = schema.Text(
        title=_("Description"), required=False, max_length=inputs.EDITOR_TEXT_MAX_LENGTH
    )


class IPartnerRow(Interface):
    organization = schema.TextLine(
        title=_("Organisation"), required=True, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    role = schema.TextLine(
        title=_("Role"), required=False, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )


class IIndicatorRow(Interface):
    name = schema.TextLine(
        title=_("Indicator"), required=True, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    baseline = schema.TextLine(
        title=_("Baseline"), required=False, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    target = schema.TextLine(
        title=_("Target"), required=False, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    unit = schema.TextLine(
        title=_("Unit"), required=False, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    deadline = schema.Date(
        title=_("Deadline"), required=False, constraint=inputs.sane_date
    )


class IMilestoneRow(Interface):
    title = schema.TextLine(
        title=_("Milestone"), required=True, max_length=inputs.EDITOR_LINE_MAX_LENGTH
    )
    due_date = schema.Date(
        title=_("Due date"), required=False, constraint=inputs.sane_date
    )
    done = schema.Bool(title=_("Done"), required=False, default=False)


class IResourceRow(Interface):
    kind = schema.TextLine(
        title=_("Kind of resource"),
        description=_("For example: staff time, premises, funding, expertise."),
        required=True,
        max_length=inputs.RESOURCE_LINE_MAX_LENGTH,
    )
    description = schema.Text(
        title=_("Description"),
        required=False,
        max_length=inputs.RESOURCE_TEXT_MAX_LENGTH,
    )
    value = schema.TextLine(
        title=_("Value"),
        description=_("An amount, a number of hours, or a short estimate."),
        required=False,
        max_length=inputs.RESOURCE_LINE_MAX_LENGTH,
    )
