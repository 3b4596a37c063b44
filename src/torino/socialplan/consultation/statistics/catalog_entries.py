"""The Plan's contributions as the catalog knows them (entries), and the facts
read from the objects when a list or a chart needs them."""

from Acquisition import aq_base
from dataclasses import dataclass
from dataclasses import field
from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import PORTAL_TYPES
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.window import zope_datetime_in_rome
from torino.socialplan.consultation.commented_paragraphs import inline_summary
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.position_papers.attachment import (
    FILE_ATTRIBUTE as PAPER_ATTRIBUTE,
)
from torino.socialplan.consultation.statistics.structure import INLINE
from torino.socialplan.consultation.statistics.structure import path_of
from torino.socialplan.consultation.statistics.structure import PLEDGE_RELATION
from torino.socialplan.consultation.statistics.structure import portal_catalog
from torino.socialplan.consultation.statistics.structure import REPLY
from torino.socialplan.consultation.statistics.structure import WHOLE_PAGE
from torino.socialplan.interfaces import CONVERSATION
from zc.relation.interfaces import ICatalog
from zope.component import getUtility
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds

import re


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
    paper: bool = False  # it carries a position paper
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


def query_for(plan, kind, states):
    query = {
        "portal_type": PORTAL_TYPES[kind],
        "path": path_of(plan),
        "review_state": list(states),
        "sort_on": "created",
    }
    if kind == PLEDGE:
        query["path"] = {"query": path_of(plan), "depth": 1}
    return query


def entries(plan, the_outline, states=(PUBLISHED,), unrestricted=False):
    """The Plan's comments and Pledges in ``states`` (oldest first) placed on
    the Plan or on the Chapters and Actions of ``the_outline``.

    ``unrestricted`` (for moderators only) finds what the user's roles could
    not; otherwise the catalog checks View.
    """
    catalog = portal_catalog()
    search = catalog.unrestrictedSearchResults if unrestricted else catalog
    awaiting = confirmation.awaiting_paths()
    nodes = the_outline.nodes
    viewable_actions = {a.path for a in the_outline.all_actions()}
    found = []

    brains = search(**query_for(plan, COMMENT, states))
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
    for brain in search(**query_for(plan, PLEDGE, states)):
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
    prefix = path_of(plan) + "/"
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


def release(obj):
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
        entry.organization_type = own_attribute(obj, "organization_type", None)
        entry.outcome = own_attribute(obj, "outcome", None)
        entry.paper = own_attribute(obj, PAPER_ATTRIBUTE, None) is not None
        if entry.kind == COMMENT:
            anchor = own_attribute(obj, "anchor", None)
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
                        own_attribute(obj, "first_name", None),
                        own_attribute(obj, "last_name", None),
                        own_attribute(obj, "organization", None),
                        own_attribute(obj, "outcome_motivation", None),
                        *text,
                    ],
                )
            ).casefold()
            entry.matches = all(word in haystack for word in words)
        release(obj)
    return found


def paper_count(found):
    """How many entries of ``found`` (decided: pending ones are not in the
    index, consultation/indexing.py) carry a position paper, from the
    catalog: no contribution is read."""
    if not found:
        return 0
    with_paper = {
        brain.getRID()
        for brain in portal_catalog().unrestrictedSearchResults(has_position_paper=True)
    }
    return sum(1 for entry in found if entry.brain.getRID() in with_paper)


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
