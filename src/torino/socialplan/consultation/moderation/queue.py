"""The queue: what waits (or was decided), as moderators list it."""

from plone import api
from plone.app.discussion.interfaces import IComment
from torino.socialplan import _
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import PORTAL_TYPES
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from torino.socialplan.consultation.campaigns.plan_campaigns import key_of
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation.audit import audit_by_item
from torino.socialplan.consultation.moderation.audit import audit_key
from torino.socialplan.consultation.moderation.paths import content_of
from torino.socialplan.consultation.moderation.paths import link
from torino.socialplan.consultation.moderation.paths import path_of
from torino.socialplan.consultation.moderation.reasons import KINDS
from torino.socialplan.consultation.position_papers.attachment import paper_of
from torino.socialplan.consultation.position_papers.attachment import PERSONAL_ATTRIBUTE
from torino.socialplan.consultation.public_view import contribution_view
from torino.socialplan.content.plan import containing_plan


def _chapter_path(plan, chapter_uid):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        UID=chapter_uid, portal_type="Chapter", path=path_of(plan)
    )
    return brains[0].getPath() if brains else None


def queue_entries(plan, review_state="pending", kind=None, chapter=None):
    """The catalog brains of the Plan's contributions matching the filters,
    newest first, as a sequence (lazy where nothing needs filtering by
    path); ContributionError (400) names every bad filter."""
    errors = []
    if review_state not in CONTRIBUTION_STATES:
        errors.append(
            (
                "review_state",
                _(
                    "Unknown state: choose one of ${states}.",
                    mapping={"states": ", ".join(CONTRIBUTION_STATES)},
                ),
            )
        )
    if kind and kind not in KINDS:
        errors.append(
            (
                "type",
                _(
                    "Unknown type: choose one of ${kinds}.",
                    mapping={"kinds": ", ".join(KINDS)},
                ),
            )
        )
    chapter_path = None
    if chapter:
        chapter_path = (
            _chapter_path(plan, chapter) if isinstance(chapter, str) else None
        )
        if chapter_path is None:
            errors.append(("chapter", _("This Plan has no such chapter.")))
    if errors:
        raise ContributionError(errors)

    kinds = (kind,) if kind else KINDS
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=[PORTAL_TYPES[k] for k in kinds],
        path=path_of(plan),
        review_state=review_state,
        sort_on="created",
        sort_order="reverse",
    )
    # E-mail confirmation: unconfirmed contributions are not in the queue yet.
    awaiting = confirmation.awaiting_paths()
    if awaiting:
        brains = [brain for brain in brains if brain.getPath() not in awaiting]
    if chapter_path is None:
        # Lazy: a page wakes the brains it shows, not the whole queue.
        return brains
    return [brain for brain in brains if _in_chapter(brain, chapter_path)]


def _in_chapter(brain, chapter_path):
    if brain.portal_type == PORTAL_TYPES[COMMENT]:
        return brain.getPath().startswith(chapter_path + "/")
    # A Pledge lives in the Plan: it belongs to the chapters of its Actions.
    pledge = brain._unrestrictedGetObject()
    for relation in pledge.actions or ():
        action = relation.to_object
        if action is not None:
            path = "/".join(action.getPhysicalPath())
            if path.startswith(chapter_path + "/"):
                return True
    return False


# What the queue shows of a contribution, where the moderators' allow-list
# of its kind has it (consultation/public_view.py reads it).
QUEUE_FIELDS = frozenset(
    (
        "text",
        "contribution",
        "first_name",
        "last_name",
        "author_name",
        "organization",
        "organization_type",
        "author_email",
        "email",
        "in_reply_to",
        "anchor",
        "paragraph",
        "orphaned",
    )
)


def describe(brain, audit=None, reading=None):
    """A queue entry as a dict, e-mail included: for moderators only."""
    obj = brain._unrestrictedGetObject()
    plan = containing_plan(content_of(obj))
    if audit is None:
        audit = audit_by_item(plan)
    created = brain.created
    item = {
        "@id": brain.getURL(),
        "created": created.ISO8601() if created else None,
        "review_state": brain.review_state,
        "audit": audit.get(audit_key(obj), []),
        "campaign": _campaign(plan, obj),
        "position_paper": _paper(obj),
    }
    kind = kind_of(obj)
    fields = [name for name in kind.moderator_fields if name in QUEUE_FIELDS]
    values = contribution_view(obj, fields, reading)
    comment = IComment.providedBy(obj)
    organization_type = values.get("organization_type")
    item.update(
        {
            "type": COMMENT if comment else PLEDGE,
            "text": (values["text"].raw if comment else values.get("contribution"))
            or "",
            "first_name": values.get("first_name") or "",
            "last_name": values.get("last_name") or "",
            "author_name": (values.get("author_name") if comment else obj.title) or "",
            "organization": values.get("organization") or "",
            "organization_type": organization_type.token if organization_type else "",
            "email": values.get(kind.email_field) or "",
        }
    )
    if comment:
        content = content_of(obj)
        item.update(
            {
                "target": [link(content)],
                "in_reply_to": values.get("in_reply_to") or 0,
                **_passage(values, content),
            }
        )
    else:
        item["target"] = [
            link(relation.to_object)
            for relation in obj.actions or ()
            if relation.to_object is not None
        ]
    return item


def _paper(obj):
    """The position paper's link and the metadata that named people (which
    the published copy does not carry), or None."""
    paper = paper_of(obj)
    if paper is None:
        return None
    return {
        "@id": f"{obj.absolute_url()}/@@position-paper",
        "content_type": paper.contentType,
        "size": paper.getSize(),
        "personal": dict(getattr(obj, PERSONAL_ATTRIBUTE, None) or {}),
    }


def _campaign(plan, obj):
    """The id of the campaign ``obj`` is in (see ``@moderation-campaigns``),
    or None."""
    index = campaign_index(plan, create=False) if plan is not None else None
    if index is None:
        return None
    member = index.member(key_of(plan, obj))
    return member.group if member is not None else None


def _passage(values, content):
    """An inline comment's quote as posted and where it is in the page now
    (None when orphaned or a whole-page comment)."""
    anchor = values.get("anchor")
    if not anchor:
        return {"quote": None, "passage_url": None}
    paragraph = values.get("paragraph")
    placed = paragraph and not values.get("orphaned")
    return {
        "quote": anchor.get("exact"),
        "passage_url": f"{content.absolute_url()}#{paragraph}" if placed else None,
    }
