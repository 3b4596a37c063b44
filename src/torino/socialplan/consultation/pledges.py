"""Pledges: submit one (the Classic form and ``@pledges`` both call
``submit_pledge``) and find those a visitor may list.

A pledge is created pending inside its Plan, whoever sends it: only
moderators publish pledges.
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.utils import getToolByName
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.consultation import confirmation
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import outcome_of
from torino.socialplan.consultation.outcomes import outcome_term
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import PUBLIC_PLEDGE_FIELDS
from torino.socialplan.content.action import IAction
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.content.rows import IResourceRow
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongType

import re


KIND = "pledge"


RESOURCE_KEYS = ("kind", "description", "value")

# The input policy (consultation/inputs.py) for each text of a pledge:
# (maximum length, multi-line).
TEXT_LIMITS = {
    "first_name": (inputs.NAME_MAX_LENGTH, False),
    "last_name": (inputs.NAME_MAX_LENGTH, False),
    "organization": (inputs.ORGANIZATION_MAX_LENGTH, False),
    "contribution": (inputs.CONTRIBUTION_TEXT_MAX_LENGTH, True),
}
RESOURCE_LIMITS = {
    "kind": (inputs.RESOURCE_LINE_MAX_LENGTH, False),
    "description": (inputs.RESOURCE_TEXT_MAX_LENGTH, True),
    "value": (inputs.RESOURCE_LINE_MAX_LENGTH, False),
}

# The text and choice fields; actions, resources and consent have their own
# checks.
TEXT_FIELDS = (
    "first_name",
    "last_name",
    "organization",
    "organization_type",
    "email",
    "contribution",
)


def submit_pledge(context, data, request, now=None):
    """Create a pending Pledge in the Plan of ``context`` (a Plan or an
    Action) from ``data``, or raise a ContributionError.

    ``data`` holds the Pledge fields as plain values: ``actions`` is a list of
    Action UIDs (from an Action, it defaults to that Action), ``resources``
    a list of dicts with kind, description and value.
    """
    plan = containing_plan(context)
    if plan is None:
        raise ValueError(f"{context!r} is in no Plan")
    guards.check_window(plan, now)
    guards.check_honeypot(data)
    default_actions = [context] if IAction.providedBy(context) else []
    values = validate(plan, data, default_actions)
    moderator = may_moderate(plan)
    if not moderator:
        guards.check_rate_limit(request, KIND)
    intids = getUtility(IIntIds)
    values["actions"] = [RelationValue(intids.getId(a)) for a in values["actions"]]
    # E-mail confirmation: expired contributions go lazily, on submissions;
    # a new one is flagged before it is added (moderators' mail).
    confirmation.cleanup(now)
    token = None
    if not moderator and confirmation.required():
        token, attributes = confirmation.new_token(now)
        values.update(attributes)
    # Nobody from the public holds Add Pledge: the core adds it for them.
    # As the add form does, the name chooser asks PledgeName for an opaque id
    # (api.content.create would want an id or a title).
    with api.env.adopt_roles(["Manager"]):
        pledge = createContentInContainer(plan, "Pledge", **values)
    if token is not None:
        confirmation.register(pledge, token)
    return pledge


def validate(plan, data, default_actions=()):
    """The Pledge values from ``data``, or a ContributionError naming every
    wrong field."""
    if not isinstance(data, dict):
        raise ContributionError.on(None, _("Send the pledge as a JSON object."))
    fields = getFieldsInOrder(IPledge)
    names = tuple(name for name, _field in fields)
    unknown = inputs.unknown_keys(data, set(names) | {guards.HONEYPOT_FIELD})
    if unknown:
        raise ContributionError.on(None, inputs.unknown_keys_message(unknown, names))
    values = {}
    errors = []
    for name, field in fields:
        field = field.bind(plan)
        try:
            values[name] = _value(plan, name, field, data, default_actions)
        except inputs.InvalidInput as error:
            errors.append((name, error.message))
        except ValidationError as error:
            errors.append((name, _message(field, error)))
    if errors:
        raise ContributionError(errors)
    return values


def _value(plan, name, field, data, default_actions):
    """The checked value of the field ``name``, or InvalidInput or a
    ValidationError."""
    value = data.get(name)
    if name == "actions":
        return _actions(plan, value, default_actions)
    if name == "resources":
        return _resources(plan, value)
    if name == "privacy_consent":
        # JSON true only: zope.schema's Bool would take 1 or 123.
        if not inputs.is_consent(value):
            raise RequiredMissing(name)
        return True
    if value is None:
        pass  # missing: the field says whether it is required
    elif name in TEXT_LIMITS:
        value = inputs.clean_text(value, *TEXT_LIMITS[name])
    elif name == "email":
        value = inputs.clean_email(value)
    value = _clean(value)
    if value is not None and not isinstance(value, str):
        # Before the vocabulary, which cannot look up a list.
        raise WrongType(value, str, name)
    field.validate(value)
    return value


def _clean(value):
    """Text as typed, without surrounding blanks; blank is missing."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def _message(field, error):
    if field.__name__ == "privacy_consent":
        return _("Consent to the processing of personal data is required.")
    if isinstance(error, RESOURCE_AND_ACTION_ERRORS):
        return error.doc()
    if isinstance(error, RequiredMissing):
        return _("This field is required.")
    if isinstance(error, TooLong):
        return _(
            "Too long: at most ${max} characters.", mapping={"max": field.max_length}
        )
    if field.__name__ == "email":
        return _("Enter a valid e-mail address.")
    if field.__name__ == "organization_type":
        return _("Choose one of the listed types of organisation.")
    if isinstance(error, WrongType):
        return _("Enter text.")
    if isinstance(error, ConstraintNotSatisfied):
        return _("Enter a single line of text.")
    return error.doc()


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


RESOURCE_AND_ACTION_ERRORS = (
    InvalidActions,
    MalformedResources,
    ResourceKindMissing,
    ResourceNotOneLine,
)


def _actions(plan, uids, default_actions):
    """Published Actions of ``plan`` from their UIDs.

    Unknown, private and other Plans' Actions get the same message: it does
    not tell whether an Action exists.
    """
    if uids is None:
        if default_actions:
            return list(default_actions)
        raise InvalidActions(uids)
    if isinstance(uids, str):
        uids = [uids]
    if not isinstance(uids, list) or not uids:
        raise InvalidActions(uids)
    if not all(isinstance(uid, str) and uid for uid in uids):
        raise InvalidActions(uids)
    uids = list(dict.fromkeys(uids))
    found = {api.content.get_uuid(a): a for a in published_actions(plan, UID=uids)}
    if set(found) != set(uids):
        raise InvalidActions(uids)
    return [found[uid] for uid in uids]


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
    return sorted(actions, key=lambda action: _code_key(action.code))


def _code_key(code):
    """A.1.10 after A.1.2."""
    return [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"\.", code or "")
    ]


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
    fields = dict(getFieldsInOrder(IResourceRow))
    for key in RESOURCE_KEYS:
        try:
            fields[key].validate(row[key])
        except ConstraintNotSatisfied:
            raise ResourceNotOneLine(row) from None
        except ValidationError:
            raise MalformedResources(row) from None
    return row


def _resource_cell(key, value):
    if value is None:
        return None
    return _clean(inputs.clean_text(value, *RESOURCE_LIMITS[key]))


def list_pledges(context, review_state=None):
    """Catalog brains of the Pledges of ``context``'s Plan (or, on an Action,
    of those naming it) that the user may view, newest first.

    The public gets published ones only; moderators every state, or
    ``review_state``.
    """
    plan = containing_plan(context)
    query = {
        "portal_type": "Pledge",
        "path": {"query": "/".join(plan.getPhysicalPath()), "depth": 1},
        "sort_on": "created",
        "sort_order": "descending",
    }
    if not may_moderate(plan):
        if review_state not in (None, "published"):
            return []
        review_state = "published"
    if review_state:
        query["review_state"] = review_state
    if IAction.providedBy(context):
        uids = naming_pledges(context)
        if not uids:
            return []
        query["UID"] = uids
    return getToolByName(plan, "portal_catalog")(**query)


def naming_pledges(action):
    """UIDs of every Pledge naming ``action``, whatever its state."""
    relations = api.relation.get(
        target=action, relationship="actions", unrestricted=True
    )
    uids = []
    for relation in relations:
        source = relation.from_object
        if IPledge.providedBy(source):
            uids.append(api.content.get_uuid(source))
    return uids


def pledge_data(pledge, fields=PUBLIC_PLEDGE_FIELDS):
    """The ``fields`` of ``pledge`` as plain values, built from the allow-list.

    ``organization_type`` and ``outcome`` are {token, title} (the title a
    message id; ``outcome`` None until the promoters give one), ``actions``
    the named Actions the user may view, ``created`` a DateTime.
    """
    readers = {
        "organization_type": _organization_type,
        "actions": _viewable_actions,
        "resources": lambda p: [
            {key: row.get(key) for key in RESOURCE_KEYS}
            for row in p.resources or ()
            if row.get("kind")
        ],
        "created": lambda p: p.created(),
        "review_state": lambda p: api.content.get_state(p, default=None),
        # Pledges older than outcomes lack the attributes (no acquisition).
        "outcome": lambda p: outcome_term(outcome_of(p)["outcome"]),
        "outcome_motivation": lambda p: outcome_of(p)["outcome_motivation"],
    }
    return {
        name: readers[name](pledge) if name in readers else getattr(pledge, name, None)
        for name in fields
    }


def _organization_type(pledge):
    token = pledge.organization_type
    vocabulary = IPledge["organization_type"].bind(pledge).vocabulary
    try:
        title = vocabulary.getTermByToken(token).title
    except LookupError:
        title = token
    return {"token": token, "title": title}


def _viewable_actions(pledge):
    actions = []
    for relation in pledge.actions or ():
        action = getattr(relation, "to_object", None)
        if action is not None and api.user.has_permission("View", obj=action):
            actions.append(action)
    return sorted(actions, key=lambda action: _code_key(action.code))
