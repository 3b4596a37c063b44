"""Row schemas of the data grids (collective.z3cform.datagridfield).

Date columns only: datagridfield 4.0.3's REST deserializer rejects Datetime
columns.
"""

from torino.socialplan import _
from zope import schema
from zope.interface import Interface


class IPhaseRow(Interface):
    title = schema.TextLine(title=_("Phase"), required=True)
    start = schema.Date(title=_("From"), required=True)
    end = schema.Date(title=_("To"), required=False)
    description = schema.Text(title=_("Description"), required=False)


class IPartnerRow(Interface):
    organization = schema.TextLine(title=_("Organisation"), required=True)
    role = schema.TextLine(title=_("Role"), required=False)


class IIndicatorRow(Interface):
    name = schema.TextLine(title=_("Indicator"), required=True)
    baseline = schema.TextLine(title=_("Baseline"), required=False)
    target = schema.TextLine(title=_("Target"), required=False)
    unit = schema.TextLine(title=_("Unit"), required=False)
    deadline = schema.Date(title=_("Deadline"), required=False)


class IMilestoneRow(Interface):
    title = schema.TextLine(title=_("Milestone"), required=True)
    due_date = schema.Date(title=_("Due date"), required=False)
    done = schema.Bool(title=_("Done"), required=False, default=False)


class IResourceRow(Interface):
    kind = schema.TextLine(
        title=_("Kind of resource"),
        description=_("For example: staff time, premises, funding, expertise."),
        required=True,
    )
    description = schema.Text(title=_("Description"), required=False)
    value = schema.TextLine(
        title=_("Value"),
        description=_("An amount, a number of hours, or a short estimate."),
        required=False,
    )
