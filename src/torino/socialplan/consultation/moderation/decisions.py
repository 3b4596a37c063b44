"""Bulk decisions: the transitions moderators apply, checked and audited."""

from plone import api
from plone.app.discussion.events import CommentPublishedEvent
from plone.app.discussion.events import CommentTransitionEvent
from plone.app.discussion.interfaces import IComment
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.conflicts import log_retried_decision
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.errors import DecisionsInterrupted
from torino.socialplan.consultation.moderation.paths import content_of
from torino.socialplan.consultation.moderation.paths import path_of
from torino.socialplan.consultation.moderation.paths import url_of
from torino.socialplan.consultation.moderation.reasons import NOTE_MAX_LENGTH
from torino.socialplan.consultation.moderation.reasons import reason_title
from torino.socialplan.consultation.moderation.reasons import REASONS
from torino.socialplan.consultation.moderation.reasons import site_language
from torino.socialplan.consultation.moderation.reasons import TRANSITIONS
from torino.socialplan.consultation.moderation.reasons import TRANSITIONS_WITH_REASON
from torino.socialplan.consultation.write_turn import begin_fresh
from torino.socialplan.consultation.write_turn import current_author
from torino.socialplan.consultation.write_turn import turn
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.interfaces import CONVERSATION
from transaction.interfaces import TransientError
from urllib.parse import unquote
from urllib.parse import urlsplit
from zope.event import notify
from zope.i18n import translate
from zope.i18nmessageid import Message

import random
import time
import transaction


# A decision that conflicts is retried alone, after a random pause that
# doubles each time up to a second (as Zope before retrying a request): at
# most 8.55 s in all, within any proxy's timeout. A decision touches the
# catalog's most shared trees (state, security), so it needs more attempts
# than a post: with eight, 4 in 900 decisions ran out in the cluster bench.
DECISION_ATTEMPTS = 12
FIRST_PAUSE = 0.05
LONGEST_PAUSE = 1.0


def resolve(plan, item_id):
    """The comment or Pledge of ``plan`` that ``item_id`` (its URL or its path
    from the site root) names, or None."""
    if not isinstance(item_id, str) or not item_id.strip():
        return None
    portal = api.portal.get()
    path = unquote(urlsplit(item_id.strip()).path)
    portal_path = urlsplit(portal.absolute_url()).path
    segments = [s for s in path.split("/") if s and s != "++api++"]
    prefix = [s for s in portal_path.split("/") if s]
    if segments[: len(prefix)] == prefix:
        segments = segments[len(prefix) :]
    plan_segments = list(plan.getPhysicalPath()[len(portal.getPhysicalPath()) :])
    if segments[: len(plan_segments)] != plan_segments:
        return None
    relative = segments[len(plan_segments) :]
    if not relative:
        return None
    try:
        obj = plan.unrestrictedTraverse("/".join(relative))
    except (AttributeError, KeyError, LookupError, TypeError, ValueError):
        return None
    if IComment.providedBy(obj):
        if relative[-2:-1] != [CONVERSATION]:
            return None
    elif not IPledge.providedBy(obj):
        return None
    # Acquisition could reach a same-named object outside the Plan: its
    # physical path tells where it really lives.
    if not path_of(obj).startswith(path_of(plan) + "/"):
        return None
    return obj


def _available(obj, transition):
    workflow = api.portal.get_tool("portal_workflow")
    return transition in {t["id"] for t in workflow.getTransitionsFor(obj)}


def moderate(plan, ids, transition, reason=None, note=None):
    """Apply ``transition`` to every contribution ``ids`` names, or to none.

    Everything is checked first: each id must name a comment or Pledge of
    this Plan for which the user may take the transition now. Returns the
    changes as [{"@id", "type", "from", "to"}].
    """
    errors, note = _check_arguments(transition, reason, note)
    objects = _resolve_all(plan, ids, transition, errors)
    if errors:
        raise ContributionError(errors)
    reason = reason or None
    return [_apply(obj, transition, reason, note) for obj in objects]


def moderate_each(plan, ids, transition, reason=None, note=None):
    """``moderate`` for a moderator's request: everything is checked first,
    as there, then each decision is committed in a transaction of its own.

    A bulk decision on fifty comments touched, in one transaction, the
    catalog entries of all fifty while people kept posting: under load
    nearly every attempt met a concurrent commit, and Zope's five retries of
    the whole request ran out (issue 14). One decision is short, and a
    conflict retries that decision alone. If it still fails, the decisions
    already committed stay (each is complete and audited) and the request
    stops with a 409 that says how many were taken (the rest may be sent
    again).
    """
    errors, note = _check_arguments(transition, reason, note)
    objects = _resolve_all(plan, ids, transition, errors)
    if errors:
        raise ContributionError(errors)
    author = current_author()
    transaction.commit()  # what the request wrote before: nothing, or its own
    changes = []
    for obj in objects:
        try:
            changes.append(
                _apply_alone(plan, obj, transition, reason or None, note, author)
            )
        except TransientError:
            # Not Zope's retry of the whole request: it would find the first
            # decisions taken, and refuse them as not available.
            raise DecisionsInterrupted.on(
                "items",
                _(
                    "${done} of ${total} decisions taken; the others met changes "
                    "made at the same moment: send them again.",
                    mapping={"done": len(changes), "total": len(objects)},
                ),
            ) from None
    # Doomed: nothing after the decisions is committed, so no conflict can
    # make Zope retry a request whose decisions are taken.
    begin_fresh(author).doom()
    return changes


def _apply_alone(plan, obj, transition, reason, note, author):
    for attempt in range(DECISION_ATTEMPTS):
        with turn():
            begin_fresh(author)
            if attempt and not _available(obj, transition):  # decided meanwhile
                state = api.content.get_state(obj)
                kind = COMMENT if IComment.providedBy(obj) else PLEDGE
                return {"@id": url_of(obj), "type": kind, "from": state, "to": state}
            try:
                change = _apply(obj, transition, reason, note)
                transaction.commit()
                return change
            except TransientError as error:  # a conflict, or a lock not had in time
                transaction.abort()
                if attempt == DECISION_ATTEMPTS - 1:
                    raise
                log_retried_decision(path_of(plan), path_of(obj), error)
        # Out of the turn: the others go on meanwhile.
        pause = min(LONGEST_PAUSE, FIRST_PAUSE * 2**attempt)
        time.sleep(random.uniform(0, pause))  # noqa: S311
    raise AssertionError("unreachable")  # pragma: no cover


def _check_arguments(transition, reason, note):
    """The errors of the transition, reason and note, and the cleaned note."""
    errors = []
    if transition not in TRANSITIONS:
        errors.append(
            (
                "transition",
                _(
                    "Unknown action: choose one of ${transitions}.",
                    mapping={"transitions": ", ".join(TRANSITIONS)},
                ),
            )
        )
    if reason:
        if transition in TRANSITIONS and transition not in TRANSITIONS_WITH_REASON:
            errors.append(
                ("reason", _("A reason applies only to rejecting or marking as spam."))
            )
        elif not isinstance(reason, str) or reason not in dict(REASONS):
            errors.append(("reason", _("Choose a reason from the list.")))
    if note is not None and not isinstance(note, str):
        errors.append(("note", _("The note must be text.")))
        note = None
    problem = inputs.problem_in(note or "", multiline=True)
    if problem is not None:
        errors.append(("note", problem))
        note = None
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        errors.append(
            (
                "note",
                _(
                    "The note is too long: at most ${max} characters.",
                    mapping={"max": NOTE_MAX_LENGTH},
                ),
            )
        )
    return errors, note


def resolve_selection(plan, ids, errors, acceptable, refused):
    """The objects ``ids`` name, once each, for a bulk operation on the
    Plan's contributions (moderation, outcomes). Adds to ``errors`` the ids
    that name nothing of this Plan, and, with the message ``refused`` (a
    message with ``${ids}``), those for which ``acceptable(obj)`` is false."""
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, (list, tuple)) or not ids:
        errors.append(("items", _("Select at least one contribution.")))
        return []
    if len(ids) > inputs.ITEMS_MAX:
        errors.append(("items", too_many_items(len(ids))))
        return []
    unique = dict.fromkeys(i if isinstance(i, str) else repr(i) for i in ids)
    objects, unknown, unacceptable = {}, [], []
    for item_id in unique:
        obj = resolve(plan, item_id)
        if obj is None:
            unknown.append(item_id)
        elif not acceptable(obj):
            unacceptable.append(item_id)
        else:
            # The same item by its URL and by its path: once is enough.
            objects.setdefault(obj.getPhysicalPath(), obj)
    for wrong, message in (
        (unknown, _("Not contributions of this Plan: ${ids}.")),
        (unacceptable, refused),
    ):
        if wrong:
            mapping = {"ids": ", ".join(wrong)}
            errors.append(("items", Message(message, mapping=mapping)))
    return list(objects.values())


def too_many_items(count):
    """The message for a request naming ``count`` items, beyond the policy's
    inputs.ITEMS_MAX: refused before any is looked up."""
    return _(
        "Too many contributions in one request: at most ${max}, you sent "
        "${count}. Send them in smaller batches.",
        mapping={"max": inputs.ITEMS_MAX, "count": count},
    )


def _resolve_all(plan, ids, transition, errors):
    """The objects ``ids`` name, once each; adds to ``errors`` the ids that
    name nothing of this Plan or whose transition is not available."""
    return resolve_selection(
        plan,
        ids,
        errors,
        lambda obj: transition not in TRANSITIONS or _available(obj, transition),
        _("This action is not available for: ${ids}."),
    )


def _apply(obj, transition, reason, note):
    workflow = api.portal.get_tool("portal_workflow")
    before = workflow.getInfoFor(obj, "review_state")
    # The reason travels in the event's kwargs: notifications read it there.
    workflow.doActionFor(
        obj,
        transition,
        comment=_history_comment(reason, note),
        reason=reason,
        note=note,
    )
    after = workflow.getInfoFor(obj, "review_state")
    kind = COMMENT if IComment.providedBy(obj) else PLEDGE
    if kind == COMMENT:
        _comment_transitioned(obj, transition)
    else:
        obj.reindexObject()
    # The audit entry is written by audit_transition, as for every route.
    return {"@id": url_of(obj), "type": kind, "from": before, "to": after}


def _comment_transitioned(comment, transition):
    """What plone.app.discussion's own moderation view does after a
    transition, but its full reindex of the comment: the workflow has
    reindexed the state and the security, and a decision the indexes held
    until then (consultation/indexing.py). Rewriting the rest unchanged
    (the path index rewrites every entry) marked some twenty BTree nodes as
    read, and a split under any of them by a concurrent post failed the
    decision. Nor its reindex of the text's count: every transition
    recounts it (discussion/comment_counts.py, ``recount``)."""
    content = content_of(comment)
    if transition == "publish":
        notify(CommentPublishedEvent(content, comment))
    notify(CommentTransitionEvent(content, comment))


def _history_comment(reason, note):
    """The workflow history's comment, in the site language."""
    parts = []
    if reason:
        parts.append(translate(reason_title(reason), target_language=site_language()))
    if note:
        parts.append(note)
    return " — ".join(parts)
