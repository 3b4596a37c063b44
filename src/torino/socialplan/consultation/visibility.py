"""Which comments of a text a user sees, and in which order: the one reader
of visible comments, for the page (browser/comments) and for ``@comments``
(restapi/discussion.py).

The catalog tells which comments the user may View and which are published;
the conversation's ``_children`` (parent id -> children's ids, oldest first;
0 is the top level) gives the order. No comment is loaded to decide: only
those shown are, and no catalog brain is made either: the ids come from the
paths of the result's record ids.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation.privacy import may_moderate
from ZODB.utils import z64
from ZTUtils.Lazy import LazyMap

import threading


class _Recent:
    """A small map shared by the threads of this process, the oldest entry
    dropped beyond ``size``."""

    def __init__(self, size):
        self.size = size
        self._items = {}
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            return self._items.get(key)

    def put(self, key, value):
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = value
            while len(self._items) > self.size:
                del self._items[next(iter(self._items))]


# The published ids of the texts read most recently, as anonymous readers
# see them: a page of a busy text asks the catalog once per change.
PUBLIC_IDS = _Recent(256)


def may_view(comment):
    return bool(getSecurityManager().checkPermission("View", comment))


def moderates(content):
    """Whether the user reviews the comments of ``content``."""
    return may_moderate(content) or bool(
        getSecurityManager().checkPermission("Review comments", content)
    )


def visible(comment, moderator):
    """Whether the user sees ``comment``. Rejected and spam comments acquire
    View from their content: the state, not only the permission, keeps them
    from the public."""
    state = api.content.get_state(obj=comment, default=None)
    return may_view(comment) and (moderator or state == PUBLISHED)


class VisibleComments:
    """The comments of ``content`` the user sees: published ones, or every
    one they may view when ``moderator`` (the REST listing for moderators;
    the page always shows published comments only)."""

    def __init__(self, content, moderator=False):
        self.conversation = IConversation(content, None)
        self.moderator = moderator
        self._ids = None

    def ids(self):
        """The visible comment ids (a set), from one catalog query."""
        if self._ids is None:
            if not self.conversation:
                self._ids = frozenset()
            else:
                key = self._public_key()
                self._ids = PUBLIC_IDS.get(key) if key else None
                if self._ids is None:
                    self._ids = self._catalogued_ids()
                    if key:
                        PUBLIC_IDS.put(key, self._ids)
        return self._ids

    def _public_key(self):
        """What the published ids an anonymous reader sees depend on: the
        conversation and the state of the catalog, or None (another reader,
        or a catalog changed in this transaction: no reuse)."""
        if self.moderator or not api.user.is_anonymous():
            return None
        catalog = api.portal.get_tool("portal_catalog")
        # Every catalog change bumps the counter (as the pages' ETags have
        # it; reading it first indexes what this transaction queued); its
        # serial tells two databases, or two test sandboxes, apart.
        value = catalog.getCounter()
        counter = getattr(aq_base(catalog), "_counter", None)
        if counter is None or counter._p_changed or counter._p_serial == z64:
            return None
        return ("/".join(self.conversation.getPhysicalPath()), value, counter._p_serial)

    def _catalogued_ids(self):
        catalog = api.portal.get_tool("portal_catalog")
        query = {
            "portal_type": "Discussion Item",
            "path": {
                "query": "/".join(self.conversation.getPhysicalPath()),
                "depth": 1,
            },
        }
        if not self.moderator:
            query["review_state"] = PUBLISHED
        results = catalog(**query)
        if isinstance(results, LazyMap):
            # The record ids of an unsorted result: a brain per comment (its
            # metadata record, its acquisition wrapper) would cost more than
            # the search itself on a page with hundreds.
            paths = catalog._catalog.paths
            found = (paths[rid] for rid in results._seq)
        else:
            found = (brain.getPath() for brain in results)
        return frozenset(int(path.rsplit("/", 1)[-1]) for path in found)

    def children(self, parent_id=0):
        """The visible children of ``parent_id``, oldest first. A reply to a
        comment that is not visible is not reached at all."""
        if not self.conversation:
            return []
        ids = self.ids()
        return [
            comment_id
            for comment_id in self.conversation._children.get(parent_id) or ()
            if comment_id in ids
        ]

    def thread_order(self):
        """Every visible id, depth first (as stock ``getThreads``)."""
        ordered, stack = [], list(reversed(self.children(0)))
        while stack:
            comment_id = stack.pop()
            ordered.append(comment_id)
            stack.extend(reversed(self.children(comment_id)))
        return ordered

    def get(self, comment_id):
        """The visible comment ``comment_id``, wrapped in its conversation."""
        if comment_id not in self.ids():
            return None
        return self.conversation[comment_id]
