"""Builds the demo site from demo/data.py (the ``demo`` profile's handler).

Everything is created by the Manager who applies the profile and published,
so that a newcomer sees a Plan open for comments as soon as the site exists.
Values go through their schema fields first: a slip in data.py (a wrong
vocabulary token, a duplicate action code, a misspelt row key) stops the build
instead of storing content the edit forms would reject.
"""

from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue
from torino.socialplan.consultation.window import now_in_rome
from torino.socialplan.content.action import IAction
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.demo import data
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified
from zope.schema import getFieldNamesInOrder

import copy
import logging


logger = logging.getLogger("torino.socialplan.demo")

INSTITUTION_FIELDS = ("website", "address", "email", "phone", "editors_group")
PLAN_FIELDS = ("phases",)
ACTION_FIELDS = (
    "code",
    "objectives",
    "status",
    "eu_recommendation_areas",
    "partners",
    "indicators",
    "milestones",
    "budget",
    "funding_sources",
)


def rich_text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def rows(row_schema, items, where):
    """Data grid rows as dicts with exactly the row schema's keys."""
    names = getFieldNamesInOrder(row_schema)
    result = []
    for item in items:
        unknown = set(item) - set(names)
        if unknown:
            raise ValueError(f"{where}: unknown row keys {sorted(unknown)}")
        result.append(
            {
                name: item.get(name, copy.deepcopy(row_schema[name].default))
                for name in names
            }
        )
    return result


def checked_values(schema, context, item, names):
    """``item``'s values for ``names``, validated by ``schema`` bound to
    ``context`` (the container for an Action, so its code is checked against
    the Plan's other Actions)."""
    values = {}
    where = item.get("id", "?")
    for name in names:
        field = schema[name].bind(context)
        value = item[name] if name in item else copy.deepcopy(field.default)
        row_schema = getattr(getattr(field, "value_type", None), "schema", None)
        if row_schema is not None and value:
            value = rows(row_schema, value, f"{where}.{name}")
        field.validate(value)
        values[name] = value
    return values


def relations(targets):
    intids = getUtility(IIntIds)
    return [RelationValue(intids.getId(obj)) for obj in targets]


def publish(obj):
    if api.content.get_state(obj) != "published":
        api.content.transition(obj=obj, transition="publish")


def create(container, portal_type, item, values):
    return api.content.create(
        container=container,
        type=portal_type,
        id=item["id"],
        title=item["title"],
        description=item["description"],
        text=rich_text(item["text"]),
        **values,
    )


def build_institutions(portal):
    """The promoting bodies by id; existing ones (same id) are reused."""
    institutions = {}
    for item in data.INSTITUTIONS:
        existing = portal.get(item["id"])
        if existing is not None and IInstitution.providedBy(existing):
            logger.info("Institution %s exists: reused", item["id"])
            institutions[item["id"]] = existing
            continue
        values = checked_values(IInstitution, portal, item, INSTITUTION_FIELDS)
        obj = create(portal, "Institution", item, values)
        publish(obj)
        institutions[item["id"]] = obj
    return institutions


def build_plan(portal, institutions):
    start = now_in_rome().replace(second=0, microsecond=0)
    values = checked_values(IPlan, portal, data.PLAN, PLAN_FIELDS)
    values["consultation_start"] = start
    values["consultation_end"] = start + timedelta(days=data.PLAN_WINDOW_DAYS)
    plan = create(portal, "Plan", data.PLAN, values)
    IPlan.validateInvariants(plan)
    plan.promoters = relations(institutions[i] for i in data.PLAN["promoters"])
    # Registers the relations in the relation catalog and recomputes the
    # promoters' local roles in the security index.
    modified(plan)
    publish(plan)
    return plan


def build_chapters(plan, institutions):
    chapters, actions = [], []
    for chapter_item in data.CHAPTERS:
        chapter = create(plan, "Chapter", chapter_item, {})
        publish(chapter)
        chapters.append(chapter)
        for item in chapter_item["actions"]:
            values = checked_values(IAction, chapter, item, ACTION_FIELDS)
            action = create(chapter, "Action", item, values)
            action.lead_institutions = relations(
                institutions[i] for i in item["lead_institutions"]
            )
            # Institution.led_actions() reads the relation catalog.
            modified(action)
            publish(action)
            actions.append(action)
    return chapters, actions


def build_demo(context):
    portal = api.portal.get()
    plan_id = data.PLAN["id"]
    if plan_id in portal.objectIds():
        logger.info("Demo Plan %s exists: demo content left as it is", plan_id)
        return
    institutions = build_institutions(portal)
    plan = build_plan(portal, institutions)
    chapters, actions = build_chapters(plan, institutions)
    # A newcomer opening the site lands on the consultation.
    portal.setDefaultPage(plan_id)
    logger.info(
        "Demo content built: %d institutions, Plan %s (consultation open from %s "
        "to %s), %d chapters, %d actions, all published",
        len(institutions),
        plan.absolute_url(1),
        plan.consultation_start.isoformat(),
        plan.consultation_end.isoformat(),
        len(chapters),
        len(actions),
    )
