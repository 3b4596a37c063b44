"""What the demo profile built, as plain JSON values, for comparing two builds.

Everything a visitor or an editor can see of the demo content is there: each
item's place, type, state, title, description, text and schema fields (grids,
relations as paths), the Plan's window length, the comments (text, author,
anchor, paragraph, reply) and the pledges, the audit trail, the default page.
What differs between two builds of the same data is not: UIDs, creation and
publication moments, the consultation's start (the build's minute), comment
ids, pledge ids and paragraph ids (a paragraph is named by its place in
the text, a reply's parent by its place in the conversation).

Long strings (the rich texts) are kept as their length and SHA-256, so that
the stored dump stays readable while still catching a one-byte change.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from datetime import date
from datetime import datetime
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import iterSchemata
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.consultation.moderation import audit_log
from torino.socialplan.content.comment_fields import ICommentFields
from z3c.relationfield.interfaces import IRelationValue
from zope.schema import getFieldNamesInOrder

import hashlib
import re


DEMO_TYPES = ("Institution", "Plan", "Chapter", "Action")
# Set from the clock by the build, or by Plone when an item is made.
MOMENTS = frozenset(
    {
        "consultation_start",
        "consultation_end",
        "effective",
        "expires",
        "creation_date",
        "modification_date",
    }
)
SHORT = 160
# What an audit entry says besides its moment and the item's ids.
AUDIT_KEYS = ("type", "who", "transition", "from", "to", "reason", "note")


def plain(value):
    """``value`` as JSON: rich text as its raw HTML and mime types, relations
    as the target's path in the site, dates as ISO strings."""
    if isinstance(value, RichTextValue):
        return {
            "raw": plain(value.raw),
            "mimeType": value.mimeType,
            "outputMimeType": value.outputMimeType,
        }
    if IRelationValue.providedBy(value):
        return path_of(value.to_object)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(value[key]) for key in sorted(value)}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, str) and len(value) > SHORT:
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
        return f"{len(value)} chars, sha256 {digest}"
    return value


def path_of(obj):
    portal = api.portal.get()
    return "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :])


def schema_values(obj):
    values = {}
    for schema in iterSchemata(obj):
        for name in getFieldNamesInOrder(schema):
            if name in MOMENTS:
                continue
            values[name] = plain(getattr(aq_base(obj), name, None))
    return values


def item(obj):
    entry = {
        "path": path_of(obj),
        "portal_type": obj.portal_type,
        "review_state": api.content.get_state(obj),
        "fields": schema_values(obj),
    }
    if obj.portal_type == "Plan":
        start, end = obj.consultation_start, obj.consultation_end
        entry["window"] = {
            "length": str(end - start),
            "start_zone": start.tzinfo.zone,
            "start_on_the_minute": start.second == start.microsecond == 0,
        }
    if obj.portal_type == "Institution":
        entry["led_actions"] = [path_of(action) for action in obj.led_actions()]
    return entry


def comment(obj, page, place):
    """``place``: {comment id: its index in the page's conversation}."""
    current = [p.id for p in paragraphs(page)]
    entry = {
        name: plain(getattr(obj, name, None))
        for name in getFieldNamesInOrder(ICommentFields)
    }
    entry.update(
        review_state=api.content.get_state(obj),
        author_name=obj.author_name,
        author_username=obj.author_username,
        creator=obj.creator,
        mime_type=obj.mime_type,
        in_reply_to=place.get(obj.in_reply_to),
        anchor=plain(obj.anchor),
        anchor_start=obj.anchor_start,
        anchor_end=obj.anchor_end,
        paragraph=None if obj.paragraph is None else current.index(obj.paragraph),
        orphaned=obj.orphaned,
        # When the text was edited (the approved Plan's): a moment of the build.
        anchor_change=without_moments(obj.anchor_change),
    )
    return entry


def without_uids(value):
    """A change key names its text by UID: new on each build."""
    if isinstance(value, str):
        return re.sub(r"\b[0-9a-f]{32}\b", "<uid>", value)
    return value


def without_moments(value):
    if isinstance(value, dict):
        return {
            key: plain(item)
            for key, item in value.items()
            if not isinstance(item, datetime | date)
        }
    return value


def conversation(page):
    comments = list(IConversation(page).values())
    place = {obj.id: index for index, obj in enumerate(comments)}
    return [comment(obj, page, place) for obj in comments]


def pledge(obj):
    entry = item(obj)
    # Its id is made at random when it is sent.
    entry["path"] = path_of(aq_parent(obj)) + "/(a pledge)"
    entry["fields"].pop("id", None)
    entry["title"] = obj.title
    entry["fields"]["actions"] = [
        relation.to_object.code for relation in obj.actions or ()
    ]
    return entry


def demo_objects(container):
    for obj in container.objectValues():
        if obj.portal_type in DEMO_TYPES:
            yield obj
            yield from demo_objects(obj)


def life(plan):
    """What a Plan's life recorded: its stage, the approval acts, the
    outcomes of its comments and the changes they are linked to, the audit."""
    from torino.socialplan.consultation import changes
    from torino.socialplan.consultation import plan_stages
    from torino.socialplan.consultation.outcomes import outcome_of

    approvals = [
        {
            "body": row["title"],
            **{
                key: plain(row["approval"].get(key))
                for key in ("deciding_body", "act_number", "act_date", "act_url")
            },
        }
        for row in plan_stages.approvals(plan)
        if row["approval"] is not None
    ]
    outcomes = []
    for page in [plan, *plan.objectValues()]:
        if page.portal_type not in ("Plan", "Chapter"):
            continue
        for comment in IConversation(page).values():
            values = outcome_of(comment)
            outcomes.append(
                {
                    "text": plain(comment.text),
                    "outcome": values["outcome"],
                    "motivation": plain(values["outcome_motivation"]),
                    "linked_changes": len(changes.linked_changes(comment)),
                }
            )
    comparison = changes.plan_comparison(plan)
    return {
        "stage": plan_stages.stage(plan),
        "approvals": approvals,
        "outcomes": outcomes,
        "changes": [
            [plain(change["old"]), plain(change["new"])]
            for content in comparison["contents"]
            for change in content["changes"]
        ],
        "audit_log": [
            {key: without_uids(plain(entry.get(key))) for key in AUDIT_KEYS}
            for entry in audit_log(plan)
        ],
    }


def dump(portal):
    """The demo content of ``portal`` as JSON values."""
    objects = list(demo_objects(portal))
    # The open Plan (the site's default page), and the approved one.
    plans = [obj for obj in objects if obj.portal_type == "Plan"]
    (plan,) = [obj for obj in plans if obj.getId() == portal.getDefaultPage()]
    pages = [obj for obj in objects if obj.portal_type in ("Plan", "Chapter")]
    return {
        "lives": {path_of(other): life(other) for other in plans if other is not plan},
        "default_page": portal.getDefaultPage(),
        "items": [item(obj) for obj in objects],
        "paragraphs": {
            path_of(page): [plain(p.text) for p in paragraphs(page)] for page in pages
        },
        "comments": {
            path_of(page): conversation(page)
            for page in pages
            if len(IConversation(page))
        },
        "pledges": [
            pledge(obj) for obj in plan.objectValues() if obj.portal_type == "Pledge"
        ],
        "audit_log": [
            {key: entry[key] for key in AUDIT_KEYS} for entry in audit_log(plan)
        ],
    }


def differences(found, expected, where="site"):
    """Where ``found`` differs from ``expected``: one line per difference."""
    if isinstance(found, dict) and isinstance(expected, dict):
        for key in [*expected, *(k for k in found if k not in expected)]:
            if key not in found or key not in expected:
                yield f"{where}.{key}: only in {'found' if key in found else 'expected'}"
            else:
                yield from differences(found[key], expected[key], f"{where}.{key}")
    elif isinstance(found, list) and isinstance(expected, list):
        if len(found) != len(expected):
            yield f"{where}: {len(found)} entries, {len(expected)} expected"
        for index, (one, other) in enumerate(zip(found, expected)):  # noqa: B905
            label = other.get("path", index) if isinstance(other, dict) else index
            yield from differences(one, other, f"{where}[{label}]")
    elif found != expected:
        yield f"{where}: {found!r}, expected {expected!r}"
