"""The figures of the report's charts, from entries with their facts."""

from datetime import date
from datetime import timedelta
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.statistics.state_counts import count_by_place
from torino.socialplan.consultation.statistics.structure import COMMENT_KINDS
from torino.socialplan.consultation.statistics.structure import INLINE
from torino.socialplan.consultation.statistics.structure import NO_OUTCOME


def figures(plan, the_outline, found, outcomes=(), organization_types=(), now=None):
    """Aggregates of ``found`` (entries with facts) for charts and tables.

    ``outcomes`` and ``organization_types`` are the vocabulary tokens, in
    their order; days run across the window (up to today while it is open).
    """
    comments_by, pledges_by = count_by_place(the_outline, found)
    comments = [e for e in found if e.kind == COMMENT]
    pledges = [e for e in found if e.kind == PLEDGE]
    result = {
        "totals": {
            "comments": len(comments),
            "inline_comments": sum(1 for e in comments if e.comment_kind == INLINE),
            "replies": sum(1 for e in comments if e.reply),
            "pledges": len(pledges),
            "position_papers": sum(1 for e in found if e.paper),
        },
        "per_chapter": [
            (
                chapter,
                comments_by.get(chapter.path, 0),
                pledges_by.get(chapter.path, 0),
            )
            for chapter in the_outline.chapters
        ],
        "plan_comments": comments_by.get(the_outline.plan.path, 0),
        "per_action": [
            (action, comments_by.get(action.path, 0), pledges_by.get(action.path, 0))
            for action in the_outline.all_actions()
        ],
        "per_day": _per_day(plan, found, now),
        "per_organization_type": _per_token(
            found, "organization_type", organization_types
        ),
        "comment_kinds": [
            (kind, sum(1 for e in comments if e.comment_kind == kind))
            for kind in COMMENT_KINDS
        ],
        "pledges_per_action": [
            (
                action,
                pledges_by.get(action.path, 0),
                _resources(e for e in pledges if action.path in e.actions),
            )
            for action in the_outline.all_actions()
        ],
        "outcomes": _per_token(found, "outcome", (*outcomes, NO_OUTCOME)),
    }
    return result


def _resources(pledges):
    """[(kind, [values])] offered by ``pledges``, kinds in first-seen order."""
    offered = {}
    for entry in pledges:
        for kind, value in entry.resources:
            offered.setdefault(kind.strip(), []).append(value.strip())
    return [(kind, [v for v in values if v]) for kind, values in offered.items()]


def _per_token(found, name, tokens):
    """[(token, comments, pledges)] in the order of ``tokens``; unknown values
    last, under their own token; None counts as NO_OUTCOME."""
    counts = {}
    for entry in found:
        token = getattr(entry, name) or NO_OUTCOME
        comments, pledges = counts.get(token, (0, 0))
        counts[token] = (
            (comments + 1, pledges)
            if entry.kind == COMMENT
            else (comments, pledges + 1)
        )
    ordered = [t for t in tokens if t != NO_OUTCOME or name == "outcome"]
    ordered += sorted(t for t in counts if t not in ordered)
    return [(t, *counts.get(t, (0, 0))) for t in ordered]


def _per_day(plan, found, now=None):
    """[(date, comments, pledges)] for every Europe/Rome day of the window
    up to today (or its end), and any day with contributions outside it."""
    status = plan.window(now)
    today = (as_rome(now) if now is not None else now_in_rome()).date()
    days = {e.day for e in found}
    first = status.start.date() if status.start else None
    last = min(status.end.date(), today) if status.end else None
    if first is not None and last is not None and first <= last:
        days.update(_days(first, last))
    counts = {day: [0, 0] for day in days}
    for entry in found:
        counts[entry.day][0 if entry.kind == COMMENT else 1] += 1
    return [(day, *counts[day]) for day in sorted(days)]


def _days(first: date, last: date):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
