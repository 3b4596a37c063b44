"""One contribution as the report's lists show it, from the privacy allow-lists."""

from torino.socialplan.base.states import COMMENT
from torino.socialplan.consultation.pledges import pledge_data
from torino.socialplan.consultation.privacy import PUBLIC_COMMENT_FIELDS
from torino.socialplan.consultation.privacy import PUBLIC_PLEDGE_FIELDS
from torino.socialplan.consultation.statistics.catalog_entries import release


def contribution_details(entry, with_email=False):
    """What the lists show of ``entry``: its public fields (from the privacy
    allow-lists), plus the e-mail address only when ``with_email``."""
    obj = entry.brain._unrestrictedGetObject()
    if entry.kind == COMMENT:
        fields = {name: getattr(obj, name, None) for name in PUBLIC_COMMENT_FIELDS}
        details = {
            "first_name": fields["first_name"] or "",
            "last_name": fields["last_name"] or "",
            "author_name": fields["author_name"] or "",
            "organization": fields["organization"] or "",
            "organization_type": fields["organization_type"] or "",
            "text": fields["text"] or "",
            "anchor": fields["anchor"] if isinstance(fields["anchor"], dict) else None,
            "paragraph": fields["paragraph"],
            "orphaned": bool(fields["orphaned"]),
            "outcome": fields["outcome"],
            "outcome_motivation": fields["outcome_motivation"],
            "in_reply_to": fields["in_reply_to"] or None,
            "resources": [],
            "email": (obj.author_email or "") if with_email else None,
        }
    else:
        fields = pledge_data(obj, PUBLIC_PLEDGE_FIELDS)
        details = {
            "first_name": fields["first_name"] or "",
            "last_name": fields["last_name"] or "",
            "author_name": obj.title,
            "organization": fields["organization"] or "",
            "organization_type": (fields["organization_type"] or {}).get("token"),
            "text": fields["contribution"] or "",
            "anchor": None,
            "paragraph": None,
            "orphaned": False,
            "outcome": _token(fields["outcome"]),
            "outcome_motivation": fields["outcome_motivation"],
            "in_reply_to": None,
            "resources": fields["resources"],
            "email": (obj.email or "") if with_email else None,
        }
    release(obj)
    return details


def _token(value):
    """A vocabulary value as its token (pledge_data gives {token, title})."""
    if isinstance(value, dict):
        return value.get("token")
    return value


def parent_names(found):
    """{(content path, comment id): "First Last"} of the comments of ``found``,
    for "in reply to" lines."""
    return {
        (e.content, e.comment_id): e.brain.author_name or ""
        for e in found
        if e.kind == COMMENT
    }
