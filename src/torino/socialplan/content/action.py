"""An Action of the Plan: a measure with its lead bodies, indicators and milestones."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from Products.CMFCore.utils import getToolByName
from torino.socialplan import _
from torino.socialplan.content.field_shapes import grid
from torino.socialplan.content.field_shapes import INSTITUTION_PICKER
from torino.socialplan.content.field_shapes import institutions
from torino.socialplan.content.grid_rows import IIndicatorRow
from torino.socialplan.content.grid_rows import IMilestoneRow
from torino.socialplan.content.grid_rows import IPartnerRow
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.interfaces import ICommentableText
from torino.socialplan.vocabularies import ACTION_STATUSES_VOCABULARY
from torino.socialplan.vocabularies import EU_AREAS_VOCABULARY
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer

import re


CODE_PATTERN = re.compile(r"^[A-Z]{1,3}(\.\d{1,3}){1,4}$")


class InvalidCode(schema.ValidationError):
    __doc__ = _(
        "Use a code like A.1.2: capital letters, then numbers separated by dots."
    )


class CodeTaken(schema.ValidationError):
    __doc__ = _("This code is already used by another action of this Plan.")


def code_taken(context, code):
    """Whether another Action of ``context``'s Plan already uses ``code``.

    Searches without security: a code used by a draft the user cannot see is
    still taken (the error names no title, so nothing leaks).
    """
    plan = containing_plan(context)
    if plan is None:
        return False
    own_uid = IUUID(context, None) if IAction.providedBy(context) else None
    catalog = getToolByName(plan, "portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Action",
        action_code=code,
        path="/".join(plan.getPhysicalPath()),
    )
    return any(own_uid != brain.UID for brain in brains)


class ActionCode(schema.TextLine):
    """A code like A.1.2, unique among the Actions of its Plan.

    Checked on the field, so that the edit form and the REST API both report
    the error on ``code``: the field is bound to the Action (edit, REST) or to
    its Chapter (add form).
    """

    def _validate(self, value):
        super()._validate(value)
        if not CODE_PATTERN.match(value):
            raise InvalidCode(value)
        if self.context is not None and code_taken(self.context, value):
            raise CodeTaken(value)


class IAction(model.Schema):
    """Title, description and ``text`` come from behaviors."""

    code = ActionCode(
        title=_("Code"),
        description=_("Unique in the Plan, for example A.1.2."),
        required=True,
    )

    objectives = schema.Text(
        title=_("Objectives"), description=_("One objective per line."), required=False
    )

    lead_institutions = institutions(_("Lead bodies"), _("Lead body"))
    directives.widget(
        "lead_institutions", RelatedItemsFieldWidget, **INSTITUTION_PICKER
    )

    status = schema.Choice(
        title=_("Status"),
        vocabulary=ACTION_STATUSES_VOCABULARY,
        required=True,
        default="proposed",
    )

    eu_recommendation_areas = schema.List(
        title=_("Areas of the EU Recommendation"),
        description=_(
            "Areas of the Council Recommendation C/2023/1344 on the social economy "
            "that this action addresses."
        ),
        value_type=schema.Choice(vocabulary=EU_AREAS_VOCABULARY),
        required=False,
        default=[],
    )
    directives.widget("eu_recommendation_areas", CheckBoxFieldWidget)

    model.fieldset(
        "implementation",
        label=_("Implementation"),
        fields=["partners", "indicators", "milestones", "budget", "funding_sources"],
    )

    partners = grid(_("Partners"), _("Partner"), IPartnerRow)
    directives.widget("partners", DataGridFieldWidgetFactory)

    indicators = grid(_("Indicators"), _("Indicator"), IIndicatorRow)
    directives.widget("indicators", DataGridFieldWidgetFactory)

    milestones = grid(_("Milestones"), _("Milestone"), IMilestoneRow)
    directives.widget("milestones", DataGridFieldWidgetFactory)

    budget = schema.TextLine(
        title=_("Budget"),
        description=_("For example: € 250,000 (estimate)."),
        required=False,
    )
    funding_sources = schema.Text(title=_("Funding sources"), required=False)


@implementer(IAction, ICommentableText)
class Action(Item):
    def objectives_list(self):
        """The objectives, one per line, without list markers."""
        lines = (self.objectives or "").splitlines()
        cleaned = (line.strip().lstrip("-•").strip() for line in lines)
        return [line for line in cleaned if line]


def published_actions(plan, **query):
    """The published Actions of ``plan``, in code order."""
    catalog = getToolByName(plan, "portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Action",
        review_state="published",
        path="/".join(plan.getPhysicalPath()),
        **query,
    )
    actions = [brain._unrestrictedGetObject() for brain in brains]
    return sorted(actions, key=lambda action: code_key(action.code))


def code_key(code):
    """A.1.10 after A.1.2."""
    return [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"\.", code or "")
    ]
