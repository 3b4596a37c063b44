"""The figures of a Plan's consultation, for ``@consultation``, the report
(``@@consultation-report``) and the public results (``@@consultation-results``).

Counts come from the catalog: comments and Pledges are found by their brains
(type, path, state, creation date), comments are placed on their Plan,
Chapter or Action by their path, Pledges on their Actions by the relation
catalog, and replies are told apart by the conversation's tree of ids. Only
what the catalog does not hold (inline or not, organisation type, outcome,
resources) is read from the objects, one at a time, each let go at once.

Who sees what: the Chapters and Actions a user may not View are left out with
their comments; callers check the permissions of the Plan and ask for
non-published states only for users who may moderate.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.states import UNPUBLISHED
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.base.window import zope_datetime_in_rome
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.paragraphs import inline_summary
from torino.socialplan.consultation.pledges import pledge_data
from torino.socialplan.consultation.privacy import own
from torino.socialplan.consultation.privacy import PUBLIC_COMMENT_FIELDS
from torino.socialplan.consultation.privacy import PUBLIC_PLEDGE_FIELDS
from torino.socialplan.interfaces import CONVERSATION
from zc.relation.interfaces import ICatalog
from zope.component import getUtility
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds

import re


COMMENT = "comment"
PLEDGE = "pledge"
PORTAL_TYPES = {COMMENT: "Discussion Item", PLEDGE: "Pledge"}
# Moderation counts: what is not published.

PLEDGE_RELATION = "actions"  # the Pledge field naming its Actions

# Kinds of comment in the report's filters and charts.
INLINE = "inline"
WHOLE_PAGE = "whole_page"
REPLY = "reply"
COMMENT_KINDS = (INLINE, WHOLE_PAGE, REPLY)

NO_OUTCOME = "none"


def _path(obj):
    return "/".join(obj.getPhysicalPath())


def _catalog():
    return api.portal.get_tool("portal_catalog")


# The Plan's outline: Chapters and Actions the user may view


@dataclass(frozen=True)
class Node:
    kind: str  # "plan", "chapter" or "action"
    uid: str
    path: str
    url: str
    title: str
    code: str | None = None  # Actions
    chapter: str | None = None  # an Action's Chapter path


@dataclass
class Outline:
    plan: Node
    chapters: list  # [Node]
    actions: dict  # chapter path -> [Node]
    nodes: dict = field(default_factory=dict)  # path -> Node

    def all_actions(self):
        return [a for chapter in self.chapters for a in self.actions[chapter.path]]

    def chapter_of(self, path):
        """The Chapter node a content path belongs to, or None (the Plan)."""
        node = self.nodes.get(path)
        if node is None or node.kind == "plan":
            return None
        return node if node.kind == "chapter" else self.nodes[node.chapter]


def outline(plan):
    """The Plan's Chapters and Actions that the current user may View, in
    their order; an Action of a Chapter the user may not view is left out."""
    catalog = _catalog()
    plan_path = _path(plan)
    codes = catalog._catalog.getIndex("action_code")
    plan_node = Node(
        "plan", api.content.get_uuid(plan), plan_path, plan.absolute_url(), plan.Title()
    )
    chapters, actions, nodes = [], {}, {plan_path: plan_node}
    brains = catalog.searchResults(
        portal_type=["Chapter", "Action"],
        path=plan_path,
        sort_on="getObjPositionInParent",
    )
    action_brains = []
    for brain in brains:
        path = brain.getPath()
        parent = path.rsplit("/", 1)[0]
        if brain.portal_type == "Chapter" and parent == plan_path:
            node = Node("chapter", brain.UID, path, brain.getURL(), brain.Title)
            chapters.append(node)
            actions[path] = []
            nodes[path] = node
        elif brain.portal_type == "Action":
            action_brains.append((brain, path, parent))
    for brain, path, parent in action_brains:
        if parent in actions:
            code = codes.getEntryForObject(brain.getRID(), None)
            node = Node(
                "action", brain.UID, path, brain.getURL(), brain.Title, code, parent
            )
            actions[parent].append(node)
            nodes[path] = node
    return Outline(plan_node, chapters, actions, nodes)


# Contributions, from the catalog


@dataclass
class Entry:
    """A comment or Pledge as the catalog knows it, plus the facts read from
    the object by ``read_facts``."""

    brain: object = field(repr=False)
    kind: str  # COMMENT or PLEDGE
    path: str
    url: str
    state: str
    created: object  # datetime in Europe/Rome
    content: str  # path of the commented Plan, Chapter or Action; Pledges: Plan
    comment_id: int | None = None
    actions: tuple = ()  # Pledges: paths of the named Actions the user may view
    reply: bool = False
    # Read from the object (read_facts):
    inline: bool | None = None
    organization_type: str | None = None
    outcome: str | None = None
    resources: tuple = ()
    matches: bool = True  # the text search

    @property
    def comment_kind(self):
        if self.kind != COMMENT:
            return None
        if self.reply:
            return REPLY
        return INLINE if self.inline else WHOLE_PAGE

    @property
    def day(self):
        return self.created.date()


def _query(plan, kind, states):
    query = {
        "portal_type": PORTAL_TYPES[kind],
        "path": _path(plan),
        "review_state": list(states),
        "sort_on": "created",
    }
    if kind == PLEDGE:
        query["path"] = {"query": _path(plan), "depth": 1}
    return query


def entries(plan, the_outline, states=(PUBLISHED,), unrestricted=False):
    """The Plan's comments and Pledges in ``states`` (oldest first) placed on
    the Plan or on the Chapters and Actions of ``the_outline``.

    ``unrestricted`` (for moderators only) finds what the user's roles could
    not; otherwise the catalog checks View.
    """
    catalog = _catalog()
    search = catalog.unrestrictedSearchResults if unrestricted else catalog
    awaiting = confirmation.awaiting_paths()
    nodes = the_outline.nodes
    viewable_actions = {a.path for a in the_outline.all_actions()}
    found = []

    brains = search(**_query(plan, COMMENT, states))
    tops = _top_level_ids(the_outline)
    for brain in brains:
        path = brain.getPath()
        parts = path.rsplit("/", 2)
        if len(parts) != 3 or path in awaiting:
            continue
        content, marker, comment_id = parts
        if marker != CONVERSATION or content not in nodes:
            continue
        comment_id = int(comment_id)
        found.append(
            _entry(
                brain,
                COMMENT,
                content,
                comment_id=comment_id,
                reply=comment_id not in tops.get(content, ()),
            )
        )

    links = pledge_actions(plan)
    for brain in search(**_query(plan, PLEDGE, states)):
        path = brain.getPath()
        if path in awaiting:
            continue
        found.append(
            _entry(
                brain,
                PLEDGE,
                the_outline.plan.path,
                actions=tuple(
                    sorted(
                        (a for a in links.get(path, ()) if a in viewable_actions),
                        key=lambda a: _position(the_outline, a),
                    )
                ),
            )
        )
    found.sort(key=lambda e: e.created)
    return found


def _entry(brain, kind, content, **facts):
    return Entry(
        brain=brain,
        kind=kind,
        path=brain.getPath(),
        url=brain.getURL(),
        state=brain.review_state,
        created=_created(brain),
        content=content,
        **facts,
    )


def _created(brain):
    return zope_datetime_in_rome(brain.created)


def _position(the_outline, action_path):
    for index, action in enumerate(the_outline.all_actions()):
        if action.path == action_path:
            return index
    return len(the_outline.nodes)


def _top_level_ids(the_outline):
    """{content path: ids of its top-level comments}: what is not there is a
    reply. Read from each conversation's tree, without waking comments."""
    tops = {}
    root = api.portal.get().getPhysicalRoot()
    for path in the_outline.nodes:
        content = root.unrestrictedTraverse(path)
        conversation = IConversation(content, None)
        children = getattr(conversation, "_children", None)
        tops[path] = frozenset(children.get(0, ())) if children is not None else ()
    return tops


def pledge_actions(plan):
    """{Pledge path: set of Action paths it names} for the Pledges of
    ``plan``, from the relation catalog (paths kept by the intid references:
    no Pledge is loaded)."""
    relations = queryUtility(ICatalog)
    if relations is None:
        return {}
    intids = getUtility(IIntIds)
    prefix = _path(plan) + "/"
    links = {}
    for token in relations.findRelationTokens({"from_attribute": PLEDGE_RELATION}):
        source = _intid_path(intids, relations.getValueTokens("from_id", token))
        if source is None or not source.startswith(prefix):
            continue
        target = _intid_path(intids, relations.getValueTokens("to_id", token))
        if target is not None:
            links.setdefault(source, set()).add(target)
    return links


def _intid_path(intids, tokens):
    for intid in tokens or ():
        reference = intids.refs.get(intid)
        path = getattr(reference, "path", None)
        if path:
            return path
    return None


# Facts from the objects


def _release(obj):
    """Turn ``obj`` back into a ghost unless this transaction changed it: the
    next contribution does not add to the memory used."""
    base = aq_base(obj)
    if getattr(base, "_p_changed", None) is False:
        base._p_deactivate()


def read_facts(found, search=None):
    """Fill in the facts of each entry (inline, organisation type, outcome,
    resources) and, given ``search`` text, whether it matches."""
    words = _words(search)
    for entry in found:
        obj = entry.brain._unrestrictedGetObject()
        entry.organization_type = own(obj, "organization_type", None)
        entry.outcome = own(obj, "outcome", None)
        if entry.kind == COMMENT:
            anchor = own(obj, "anchor", None)
            entry.inline = bool(anchor) and not entry.reply
            text = [obj.text, (anchor or {}).get("exact") if anchor else None]
        else:
            entry.inline = False
            entry.resources = tuple(
                (row.get("kind") or "", row.get("value") or "")
                for row in obj.resources or ()
                if row.get("kind")
            )
            text = [obj.contribution, *(" ".join(r) for r in entry.resources)]
        if words:
            haystack = " ".join(
                filter(
                    None,
                    [
                        own(obj, "first_name", None),
                        own(obj, "last_name", None),
                        own(obj, "organization", None),
                        own(obj, "outcome_motivation", None),
                        *text,
                    ],
                )
            ).casefold()
            entry.matches = all(word in haystack for word in words)
        _release(obj)
    return found


def _words(search):
    if not isinstance(search, str):
        return ()
    return tuple(w.casefold() for w in re.split(r"\s+", search.strip()) if w)


def inline_comment_count(the_outline):
    """Published inline comments on the Plan and the Chapters and Actions
    listed, from the summaries stored with each text (no comment is loaded;
    replies are never inline)."""
    portal = api.portal.get()
    total = 0
    for path in the_outline.nodes:
        summary = inline_summary(portal.unrestrictedTraverse(path))
        total += sum(summary["counts"].values()) + summary["orphaned"]
    return total


# Counts


def _count_by_place(the_outline, found):
    """Published comments and Pledges per Chapter and per Action."""
    comments, pledges = {}, {}
    for entry in found:
        if entry.kind == COMMENT:
            comments[entry.content] = comments.get(entry.content, 0) + 1
            chapter = the_outline.chapter_of(entry.content)
            if chapter is not None and chapter.path != entry.content:
                comments[chapter.path] = comments.get(chapter.path, 0) + 1
        else:
            chapters = set()
            for action in entry.actions:
                pledges[action] = pledges.get(action, 0) + 1
                chapters.add(the_outline.nodes[action].chapter)
            for chapter in chapters:
                pledges[chapter] = pledges.get(chapter, 0) + 1
    return comments, pledges


def moderation_counts(plan):
    """{"comments": {state: n}, "pledges": {state: n}} of what is not
    published, as the moderation queue counts it: for moderators only."""
    catalog = _catalog()
    awaiting = confirmation.awaiting_paths()
    counts = {}
    for kind, key in ((COMMENT, "comments"), (PLEDGE, "pledges")):
        counts[key] = {}
        for state in UNPUBLISHED:
            brains = catalog.unrestrictedSearchResults(**_query(plan, kind, (state,)))
            if awaiting:
                total = sum(1 for b in brains if b.getPath() not in awaiting)
            else:
                total = len(brains)
            counts[key][state] = total
    return counts


def consultation_status(plan, moderation=False, now=None):
    """What ``GET {plan}/@consultation`` answers (without its "@id")."""
    status = plan.window(now)
    the_outline = outline(plan)
    found = entries(plan, the_outline)
    comments, pledges = _count_by_place(the_outline, found)
    counts = {
        "comments": sum(1 for e in found if e.kind == COMMENT),
        "inline_comments": inline_comment_count(the_outline),
        "replies": sum(1 for e in found if e.kind == COMMENT and e.reply),
        "pledges": sum(1 for e in found if e.kind == PLEDGE),
        "by_chapter": [
            {
                "@id": chapter.url,
                "uid": chapter.uid,
                "title": chapter.title,
                "comments": comments.get(chapter.path, 0),
                "pledges": pledges.get(chapter.path, 0),
                "actions": [
                    {
                        "@id": action.url,
                        "uid": action.uid,
                        "code": action.code,
                        "title": action.title,
                        "comments": comments.get(action.path, 0),
                        "pledges": pledges.get(action.path, 0),
                    }
                    for action in the_outline.actions[chapter.path]
                ],
            }
            for chapter in the_outline.chapters
        ],
    }
    if moderation:
        counts["moderation"] = moderation_counts(plan)
    return {**status.as_json(), "counts": counts}


# Figures for the charts (entries with their facts)


def figures(plan, the_outline, found, outcomes=(), organization_types=(), now=None):
    """Aggregates of ``found`` (entries with facts) for charts and tables.

    ``outcomes`` and ``organization_types`` are the vocabulary tokens, in
    their order; days run across the window (up to today while it is open).
    """
    comments_by, pledges_by = _count_by_place(the_outline, found)
    comments = [e for e in found if e.kind == COMMENT]
    pledges = [e for e in found if e.kind == PLEDGE]
    result = {
        "totals": {
            "comments": len(comments),
            "inline_comments": sum(1 for e in comments if e.comment_kind == INLINE),
            "replies": sum(1 for e in comments if e.reply),
            "pledges": len(pledges),
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


# One contribution, for the lists


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
    _release(obj)
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
