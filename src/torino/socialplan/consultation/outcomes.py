"""The promoters' answers: the outcome of each published contribution.

Editors of the promoting bodies and moderators (permission "Record
outcomes" on the Plan) give a published comment, reply or Pledge an outcome
(a token of torino.socialplan.Outcomes) and a short motivation, one by one or
for a selection. Outcomes are public beside the contribution (the allow-lists
of privacy.py name ``outcome`` and ``outcome_motivation``); who recorded it
and when stay with the editors and in the Plan's audit trail.

Contributions are named by the ids of the moderation queue (their URL or
their path from the site root), so queue, outcomes and exports agree.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_parent
from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IComment
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base import permissions
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import zope_datetime_in_rome
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import audit_key
from torino.socialplan.consultation.moderation import queue_entries
from torino.socialplan.consultation.moderation import record
from torino.socialplan.consultation.moderation import resolve_selection
from torino.socialplan.interfaces import CONVERSATION
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


# api.user.has_permission takes the permission title, not its zcml id.

MOTIVATION_MAX_LENGTH = 2000
# The four attributes stored on a comment or Pledge.
ATTRIBUTES = ("outcome", "outcome_motivation", "outcome_by", "outcome_date")
# The filter value for contributions still without an outcome.
NO_OUTCOME = "none"
# How outcome changes appear in the Plan's audit (beside moderation).
AUDIT_ACTION = "record_outcome"


def outcome_vocabulary(context=None):
    return getUtility(IVocabularyFactory, OUTCOMES_VOCABULARY)(context)


def outcome_tokens():
    return tuple(term.token for term in outcome_vocabulary())


def outcome_title(token):
    """The title (a message id) of an outcome token; None for None."""
    if not token:
        return None
    try:
        return outcome_vocabulary().getTermByToken(token).title
    except LookupError:
        return token


def outcome_term(token):
    """{token, title} as the REST API shows vocabulary values, or None."""
    if not token:
        return None
    return {"token": token, "title": outcome_title(token)}


def outcome_of(obj):
    """The four outcome attributes of a comment or Pledge (None if unset:
    contributions older than outcomes lack them). Read without acquisition:
    a comment would otherwise find its content's, or the Plan's."""
    base = aq_base(obj)
    return {name: getattr(base, name, None) for name in ATTRIBUTES}


def may_record_outcomes(plan):
    return bool(api.user.has_permission(permissions.RECORD_OUTCOMES, obj=plan))


# Recording


def record_outcomes(plan, ids, outcome, motivation=None, now=None):
    """Give every published contribution of ``plan`` that ``ids`` names the
    ``outcome`` (a token, or None to clear it) and ``motivation``; all or none.

    Returns the updated contributions as ``outcome_item`` dicts. Raises
    Unauthorized without "Record outcomes" on the Plan and a ContributionError
    (400) naming every problem; nothing is changed then.
    """
    if not may_record_outcomes(plan):
        raise Unauthorized("You may not record outcomes on this Plan.")
    errors = []
    outcome = _check_outcome(outcome, errors)
    motivation = _check_motivation(motivation, outcome, errors)
    objects = _resolve_published(plan, ids, errors)
    if errors:
        raise ContributionError(errors)
    user = api.user.get_current()
    who = user.getId() or "anonymous"
    when = now or datetime.now(UTC)
    updated = []
    for obj in objects:
        before = outcome_of(obj)
        # Cleared: nothing public remains; the audit keeps who cleared it.
        values = {
            "outcome": outcome,
            "outcome_motivation": motivation if outcome else None,
            "outcome_by": who if outcome else None,
            "outcome_date": when if outcome else None,
        }
        for name, value in values.items():
            setattr(obj, name, value)
        # No reindexing and no modified event: outcomes are not indexed, and
        # a reindex would rewrite catalog entries the public can search.
        record(
            plan,
            {
                "item": audit_key(obj),
                "@id": obj.absolute_url(),
                "type": _kind(obj),
                "who": who,
                "who_name": user.getProperty("fullname", None) or who,
                "when": when.isoformat(timespec="seconds"),
                # The keys every audit entry has (the moderation history
                # reads them): from/to are outcome tokens here.
                "transition": AUDIT_ACTION,
                "from": before["outcome"],
                "to": outcome,
                "reason": None,
                "note": values["outcome_motivation"] or "",
                "previous_motivation": before["outcome_motivation"],
            },
        )
        updated.append(outcome_item(obj))
    return updated


def _check_outcome(outcome, errors):
    if outcome is None or outcome == "":
        return None
    if not isinstance(outcome, str) or outcome not in outcome_tokens():
        errors.append(
            (
                "outcome",
                _(
                    "Unknown outcome: choose one of ${outcomes}, or none to clear it.",
                    mapping={"outcomes": ", ".join(outcome_tokens())},
                ),
            )
        )
        return None
    return outcome


def _check_motivation(motivation, outcome, errors):
    if motivation is None:
        return None
    if not isinstance(motivation, str):
        errors.append(("motivation", _("The motivation must be text.")))
        return None
    problem = inputs.problem_in(motivation, multiline=True)
    if problem is not None:
        errors.append(("motivation", problem))
        return None
    motivation = inputs.normalize_newlines(motivation).strip()
    if not motivation:
        return None
    if len(motivation) > MOTIVATION_MAX_LENGTH:
        errors.append(
            (
                "motivation",
                _(
                    "The motivation is too long: at most ${max} characters, "
                    "you wrote ${length}.",
                    mapping={"max": MOTIVATION_MAX_LENGTH, "length": len(motivation)},
                ),
            )
        )
        return None
    if outcome is None and not any(field == "outcome" for field, _m in errors):
        errors.append(("motivation", _("Choose an outcome to go with the motivation.")))
        return None
    return motivation


def _resolve_published(plan, ids, errors):
    return resolve_selection(
        plan,
        ids,
        errors,
        lambda obj: api.content.get_state(obj=obj, default=None) == PUBLISHED,
        _("Only published contributions get an outcome: ${ids}."),
    )


# Listing


def published_entries(plan, kind=None, chapter=None, outcome=None):
    """The catalog brains of the Plan's published contributions, newest
    first, filtered like the moderation queue (``kind``, ``chapter`` UID) and
    by ``outcome`` (a token, or NO_OUTCOME). ContributionError names every
    bad filter."""
    errors = []
    if outcome and outcome != NO_OUTCOME and outcome not in outcome_tokens():
        errors.append(
            (
                "outcome",
                _(
                    "Unknown outcome: choose one of ${outcomes}.",
                    mapping={"outcomes": ", ".join((*outcome_tokens(), NO_OUTCOME))},
                ),
            )
        )
    try:
        entries = queue_entries(plan, PUBLISHED, kind=kind, chapter=chapter)
    except ContributionError as error:
        errors = error.errors + errors
        entries = []
    if errors:
        raise ContributionError(errors)
    if not outcome:
        return entries
    wanted = None if outcome == NO_OUTCOME else outcome
    # Outcomes are not indexed (see record_outcomes): the objects tell.
    return [
        brain
        for brain in entries
        if outcome_of(brain._unrestrictedGetObject())["outcome"] == wanted
    ]


def outcome_item(obj):
    """A published contribution as the outcome lists show it (no e-mail)."""
    kind = _kind(obj)
    base = aq_base(obj)
    item = {
        "@id": obj.absolute_url(),
        "type": kind,
        "created": contribution_date(obj).isoformat(timespec="seconds"),
        "first_name": getattr(base, "first_name", None) or "",
        "last_name": getattr(base, "last_name", None) or "",
        "organization": getattr(base, "organization", None) or "",
        "organization_type": getattr(base, "organization_type", None) or "",
        "quote": None,
        "in_reply_to": None,
    }
    if kind == COMMENT:
        content = aq_parent(aq_parent(obj))
        anchor = getattr(base, "anchor", None)
        item.update(
            {
                "text": obj.text or "",
                "target": [_link(content)],
                "quote": anchor.get("exact") if isinstance(anchor, dict) else None,
                "in_reply_to": (
                    f"{content.absolute_url()}/{CONVERSATION}/{obj.in_reply_to}"
                    if obj.in_reply_to
                    else None
                ),
            }
        )
    else:
        item.update(
            {
                "text": obj.contribution or "",
                "target": [
                    _link(relation.to_object)
                    for relation in obj.actions or ()
                    if getattr(relation, "to_object", None) is not None
                ],
            }
        )
    values = outcome_of(obj)
    item.update(values, outcome=outcome_term(values["outcome"]))
    return item


def contribution_date(obj):
    """When a comment or Pledge was made, in Europe/Rome."""
    if IComment.providedBy(obj):
        # Naive on comments older than plone.app.discussion's localized_now.
        value = obj.creation_date
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return as_rome(value)
    return zope_datetime_in_rome(obj.created())


def _kind(obj):
    return COMMENT if IComment.providedBy(obj) else PLEDGE


def _link(obj):
    return {
        "@id": obj.absolute_url(),
        "title": obj.Title(),
        "code": getattr(obj, "code", None),
    }
