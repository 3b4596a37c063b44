"""The Plan: the draft under consultation, holding its Chapters and Pledges."""

from Acquisition import aq_chain
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from plone.app.z3cform.widgets.datetime import DatetimeFieldWidget
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import CLOSED
from torino.socialplan.base.window import window_status
from torino.socialplan.base.window import WindowStatus
from torino.socialplan.content.field_shapes import grid
from torino.socialplan.content.field_shapes import INSTITUTION_PICKER
from torino.socialplan.content.field_shapes import institutions
from torino.socialplan.content.grid_rows import IPhaseRow
from torino.socialplan.interfaces import ICommentableText
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IPlan(model.Schema):
    """Title, description and ``text`` (the introduction) come from behaviors."""

    model.fieldset(
        "consultation",
        label=_("Consultation"),
        fields=["consultation_start", "consultation_end", "phases"],
    )

    consultation_start = schema.Datetime(
        title=_("Consultation opens"),
        description=_("Date and time (Europe/Rome) from which comments are accepted."),
        required=True,
        constraint=inputs.sane_date,
    )
    directives.widget(
        "consultation_start", DatetimeFieldWidget, default_timezone="Europe/Rome"
    )

    consultation_end = schema.Datetime(
        title=_("Consultation closes"),
        description=_(
            "Date and time (Europe/Rome) after which no comment is accepted."
        ),
        required=True,
        constraint=inputs.sane_date,
    )
    directives.widget(
        "consultation_end", DatetimeFieldWidget, default_timezone="Europe/Rome"
    )

    phases = grid(
        _("Phases of the process"),
        _("Phase"),
        IPhaseRow,
        description=_("The timeline shown on the Plan page, in order."),
    )
    directives.widget("phases", DataGridFieldWidgetFactory)

    promoters = institutions(_("Promoting bodies"), _("Promoting body"))
    directives.widget("promoters", RelatedItemsFieldWidget, **INSTITUTION_PICKER)

    draft_pdf = NamedBlobFile(
        title=_("Draft of the Plan (PDF)"),
        description=_("Optional: the whole draft as a downloadable document."),
        required=False,
    )

    @invariant
    def window_in_order(data):
        start = as_rome(getattr(data, "consultation_start", None))
        end = as_rome(getattr(data, "consultation_end", None))
        if start and end and end <= start:
            raise Invalid(_("The consultation must close after it opens."))

    @invariant
    def phases_in_order(data):
        for row in getattr(data, "phases", None) or []:
            if row.get("start") and row.get("end") and row["end"] < row["start"]:
                raise Invalid(
                    _(
                        "Phase '${title}' ends before it starts.",
                        mapping={"title": row.get("title", "")},
                    )
                )


class _RomeDatetime:
    """Stores a datetime field in Europe/Rome, whoever writes it."""

    def __init__(self, name):
        self.name = name
        self.storage = f"_{name}"

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return getattr(instance, self.storage, None)

    def __set__(self, instance, value):
        setattr(instance, self.storage, as_rome(value))


@implementer(IPlan, ICommentableText)
class Plan(Container):
    consultation_start = _RomeDatetime("consultation_start")
    consultation_end = _RomeDatetime("consultation_end")

    def window(self, now=None):
        """The consultation's status now (see base.window). Closed for good
        once the Plan moved on to analysis: its dates no longer open it."""
        if stored_stage(self) is not None:
            return WindowStatus(
                CLOSED,
                as_rome(self.consultation_start),
                as_rome(self.consultation_end),
                None,
                None,
            )
        return window_status(self.consultation_start, self.consultation_end, now)


def containing_plan(obj):
    """The Plan that ``obj`` (a Plan, a Chapter, an Action, a Pledge or a
    comment on them) belongs to."""
    for item in aq_chain(obj):
        if IPlan.providedBy(item):
            return item
    return None
