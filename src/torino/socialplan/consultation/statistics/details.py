"""One contribution as the report's lists show it, from the privacy allow-lists."""

from torino.socialplan.base.states import COMMENT
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.public_view import public_view
from torino.socialplan.consultation.statistics.catalog_entries import release


def contribution_details(entry, with_email=False, reading=None):
    """What the lists show of ``entry``: its public view (its kind's
    allow-list), plus the e-mail address only when ``with_email``."""
    obj = entry.brain._unrestrictedGetObject()
    kind = kind_of(obj)
    values = public_view(obj, reading)
    comment = entry.kind == COMMENT
    anchor = values.get("anchor")
    details = {
        "first_name": values.get("first_name") or "",
        "last_name": values.get("last_name") or "",
        "author_name": (values.get("author_name") if comment else obj.title) or "",
        "organization": values.get("organization") or "",
        "organization_type": _token(values.get("organization_type")),
        "text": (values["text"].raw if comment else values.get("contribution")) or "",
        "anchor": anchor if isinstance(anchor, dict) else None,
        "paragraph": values.get("paragraph") if comment else None,
        "orphaned": bool(values.get("orphaned")),
        "outcome": _token(values.get("outcome")),
        "outcome_motivation": values.get("outcome_motivation"),
        "in_reply_to": values.get("in_reply_to") or None,
        "resources": values.get("resources") or [],
        "email": (kind.email(obj) or "") if with_email else None,
    }
    release(obj)
    return details


def _token(term):
    return term.token if term else None


def parent_names(found):
    """{(content path, comment id): "First Last"} of the comments of ``found``,
    for "in reply to" lines."""
    return {
        (e.content, e.comment_id): e.brain.author_name or ""
        for e in found
        if e.kind == COMMENT
    }
