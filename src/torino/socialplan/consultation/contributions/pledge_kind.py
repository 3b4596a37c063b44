"""Pledges: what an organisation commits to do for which Actions, and how.

A Pledge is Dexterity content inside its Plan, created pending whoever sends
it: only moderators publish pledges. Its schema is the type's (IPledge).
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.consultation.contributions import field_checks
from torino.socialplan.consultation.contributions.kinds import ContributionKind
from torino.socialplan.consultation.privacy import MODERATOR_PLEDGE_FIELDS
from torino.socialplan.consultation.privacy import PUBLIC_PLEDGE_FIELDS
from torino.socialplan.content.action import IAction
from torino.socialplan.content.action import published_actions
from torino.socialplan.content.grid_rows import IResourceRow
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.content.pledge import IPledge
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.schema import getFieldNamesInOrder
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import ValidationError


RESOURCE_KEYS = tuple(getFieldNamesInOrder(IResourceRow))
RESOURCE_LIMITS = {
    "kind": (inputs.RESOURCE_LINE_MAX_LENGTH, False),
    "description": (inputs.RESOURCE_TEXT_MAX_LENGTH, True),
    "value": (inputs.RESOURCE_LINE_MAX_LENGTH, False),
}


class InvalidActions(ValidationError):
    __doc__ = _("Choose one or more of the published actions of this Plan.")


class MalformedResources(ValidationError):
    __doc__ = _(
        "Give each resource as an object with a kind, and optionally a "
        "description and a value."
    )


class ResourceKindMissing(ValidationError):
    __doc__ = _("Give the kind of each resource you offer.")


class ResourceNotOneLine(ValidationError):
    __doc__ = _("The kind and the value of a resource take one line each.")


class PledgeKind(ContributionKind):
    name = "pledge"
    accepts_paper = True
    title = _("Pledge")
    schema = IPledge
    marker = IPledge
    text_field = "contribution"
    public_fields = PUBLIC_PLEDGE_FIELDS
    moderator_fields = MODERATOR_PLEDGE_FIELDS

    def plan_of(self, context, request):
        plan = containing_plan(context)
        if plan is None:
            raise ValueError(f"{context!r} is in no Plan")
        return plan

    def validate(self, context, data, options):
        plan = containing_plan(context)
        # From an Action, the pledge is for that Action unless it says more.
        default_actions = [context] if IAction.providedBy(context) else []
        return field_checks.validate(
            self.schema,
            plan,
            data,
            checks={
                "actions": lambda field, uids: _actions(plan, uids, default_actions),
                "resources": lambda field, rows: _resources(plan, rows),
            },
        )

    def create(self, context, values, attributes, publish, options):
        intids = getUtility(IIntIds)
        values = dict(
            values,
            actions=[RelationValue(intids.getId(a)) for a in values["actions"]],
            **attributes,
        )
        # Nobody from the public holds Add Pledge: the core adds it for them.
        # As the add form does, the name chooser asks PledgeName for an opaque
        # id (api.content.create would want an id or a title).
        with api.env.adopt_roles(["Manager"]):
            return createContentInContainer(
                containing_plan(context), "Pledge", **values
            )

    confirm_heading = _("Confirm your pledge")
    confirm_intro = _(
        "Press the button to send your pledge to the moderators. It will "
        "be published after moderation."
    )
    confirmed_thanks = _(
        "Thank you: your pledge is confirmed and will be published after moderation."
    )

    def mail_mapping(self, obj):
        actions = [
            relation.to_object.Title()
            for relation in obj.actions or ()
            if relation.to_object is not None
        ]
        return {"target": self.target_of(obj).Title(), "actions": "; ".join(actions)}

    def mail(self, occasion, mapping):
        if occasion == "to_moderate":
            return (
                _("New pledge to moderate from ${author}", mapping=mapping),
                [
                    _(
                        "${author} pledged a contribution to: ${actions}.",
                        mapping=mapping,
                    ),
                    mapping["text"],
                    _("The pledge waits for moderation: ${queue}", mapping=mapping),
                ],
            )
        if occasion == "published":
            return (
                _("Your pledge has been published"),
                [
                    _("Dear ${name},", mapping=mapping),
                    _(
                        'your pledge to "${plan}" has been published: ${url}',
                        mapping=mapping,
                    ),
                    _("Thank you for taking part in the consultation."),
                ],
            )
        if occasion == "rejected":
            return (
                _("Your pledge was not published"),
                [
                    _("Dear ${name},", mapping=mapping),
                    _(
                        'your pledge to "${plan}" was not published. '
                        "Reason: ${reason}.",
                        mapping=mapping,
                    ),
                    _("Thank you for taking part in the consultation."),
                ],
            )
        if occasion == "confirm":
            return (
                _("Confirm your pledge"),
                [
                    _(
                        'to send your pledge to "${target}" to the moderators, open '
                        "this link and press the button to confirm it: ${url}",
                        mapping=mapping,
                    )
                ],
            )
        return None


PLEDGE = PledgeKind()


def _actions(plan, uids, default_actions):
    """Published Actions of ``plan`` from their UIDs: a list of at most
    inputs.PLEDGE_ACTIONS_MAX distinct UIDs (a form's checkboxes, a REST
    client's JSON list).

    Unknown, private and other Plans' Actions get the same message: it does
    not tell whether an Action exists.
    """
    if uids is None:
        if default_actions:
            return list(default_actions)
        raise InvalidActions(uids)
    if not isinstance(uids, list):
        raise inputs.InvalidInput(
            _("Send the actions as a list of their ids, even for one action.")
        )
    if not uids or not all(isinstance(uid, str) and uid for uid in uids):
        raise InvalidActions(uids)
    if len(uids) > inputs.PLEDGE_ACTIONS_MAX:
        raise inputs.InvalidInput(
            _(
                "Too many actions: at most ${max}, you sent ${count}.",
                mapping={"max": inputs.PLEDGE_ACTIONS_MAX, "count": len(uids)},
            )
        )
    if len(set(uids)) != len(uids):
        raise inputs.InvalidInput(_("Name each action once."))
    found = {api.content.get_uuid(a): a for a in published_actions(plan, UID=uids)}
    if set(found) != set(uids):
        raise InvalidActions(uids)
    return [found[uid] for uid in uids]


def _resources(plan, rows):
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise MalformedResources(rows)
    cleaned = [row for row in map(_resource_row, rows) if row is not None]
    inputs.check_rows(cleaned, inputs.RESOURCE_ROWS_MAX)
    IPledge["resources"].bind(plan).validate(cleaned)
    return cleaned


def _resource_row(row):
    """One checked resource row, or None for a blank one (a form's)."""
    if not isinstance(row, dict):
        raise MalformedResources(row)
    unknown = inputs.unknown_keys(row, RESOURCE_KEYS)
    if unknown:
        raise inputs.InvalidInput(inputs.unknown_keys_message(unknown, RESOURCE_KEYS))
    row = {key: _resource_cell(key, row.get(key)) for key in RESOURCE_KEYS}
    if not any(row.values()):
        return None
    if row["kind"] is None:
        raise ResourceKindMissing(row)
    cells = dict(getFieldsInOrder(IResourceRow))
    for key in RESOURCE_KEYS:
        try:
            cells[key].validate(row[key])
        except ConstraintNotSatisfied:
            raise ResourceNotOneLine(row) from None
        except ValidationError:
            raise MalformedResources(row) from None
    return row


def _resource_cell(key, value):
    if value is None:
        return None
    max_length, multiline = RESOURCE_LIMITS[key]
    # The kind is what a row is: a given row needs a real word for it.
    required = key == "kind"
    return inputs.clean_text(value, max_length, multiline, required) or None
