"""A contribution's words and names enter the catalog once a moderator has
decided on it.

Every new contribution is pending, and its words are its own: names,
organisations, terms the site has never seen. Indexing them when they are
posted writes the shared lexicon and word postings that every concurrent
post writes too; under load those were 1,325 of the 1,353 conflicts left
(issue 14): a new word takes the next word id, so two posts with new words
always collide. Nobody needs a pending text in a search: the public may not
see it, and moderators find it in their queue. So the catalog's queue
processor leaves a pending comment or pledge out of ``SearchableText``,
``Title`` and ``Description`` (its metadata, which listings show, is kept
whole); a decision indexes its words (rejected and spam stay findable by
moderators), and a recall to pending takes them out again.

The same holds for the indexes that serve listing and sorting decided
content: ``id``, ``getId``, ``sortable_title``, ``Type``, ``effective``,
``in_reply_to``, ``is_folderish``, ``is_default_page``. Every post inserted
a key in each of them, and every insert marks the BTree node above the
bucket as read (BTrees' ``readCurrent``): when any concurrent insert split a
bucket under that node, the commit failed. Under load these were most of
the conflicts left (cluster bench, by structure: issue 14). Nothing finds or
sorts pending contributions by them (the moderation queue asks for the
state, the type, the path and sorts by ``created``); plone.app.discussion's
own moderation view asks ``object_provides=IComment``, so a pending comment
is indexed there as a comment only (``comment_object_provides``). A decision
indexes them, so that a published comment still sorts in a site search.

The processor replaces CMF's (overrides.zcml: a utility is global) and only
differs for pending contributions on sites where the add-on is installed. A
full catalog rebuild bypasses it and indexes every text: harmless, the next
decision or recall puts things right.
"""

from plone import api
from plone.app.discussion.interfaces import IComment
from plone.indexer import indexer
from Products.CMFCore.indexing import PortalCatalogProcessor
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.interfaces import IPortalCatalogQueueProcessor
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.CatalogTool import object_provides as stock_object_provides
from torino.socialplan.base.site import installed
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.states import PENDING
from torino.socialplan.content.pledge import IPledge
from zope.interface import implementer


TEXT_INDEXES = ("SearchableText", "Title", "Description")
NAME_INDEXES = ("id", "getId", "sortable_title")
LISTING_INDEXES = (
    "Type",
    "effective",
    "in_reply_to",
    "is_folderish",
    "is_default_page",
)
# Never set on a contribution (a comment has no subjects, related items or
# commentators of its own): yet every post bumped their counters.
EMPTY_INDEXES = ("Subject", "getRawRelatedItems", "commentators")
# A keyed digest of the author's address (personal_data/address_key.py).
PERSONAL_INDEXES = ("contributor_key",)
# Whether it carries a position paper (counted once published).
PAPER_INDEXES = ("has_position_paper",)
UNTIL_DECIDED = (
    TEXT_INDEXES
    + NAME_INDEXES
    + LISTING_INDEXES
    + EMPTY_INDEXES
    + PERSONAL_INDEXES
    + PAPER_INDEXES
)


def is_pending_contribution(obj):
    """A comment or Pledge waiting for a decision, on a site with the add-on
    (elsewhere comments are indexed as stock Plone indexes them)."""
    if not (IComment.providedBy(obj) or IPledge.providedBy(obj)):
        return False
    if not installed():
        return False
    return api.content.get_state(obj, default=None) == PENDING


@implementer(IPortalCatalogQueueProcessor)
class ContributionAwareProcessor(PortalCatalogProcessor):
    """CMF's portal catalog processor, except for pending contributions: all
    their indexes and metadata but those indexed once decided."""

    def index(self, obj, attributes=None):
        if not is_pending_contribution(obj):
            return super().index(obj, attributes)
        self.reindex(obj, attributes)  # a first index of these indexes only

    def reindex(self, obj, attributes=None, update_metadata=1):
        if is_pending_contribution(obj):
            catalog = getToolByName(obj, "portal_catalog", None)
            if catalog is None:
                return
            names = attributes or catalog.indexes()
            attributes = [name for name in names if name not in UNTIL_DECIDED]
            if not attributes:
                if not update_metadata:
                    return
                attributes = ["portal_type"]  # the metadata record still follows
        return super().reindex(obj, attributes, update_metadata)


# What a pending comment is found as: plone.app.discussion's moderation view
# asks for ``object_provides=IComment``, nothing else asks for a pending
# comment by what it provides. Its eleven other interfaces were eleven index
# postings written by every post, and eleven names in the index's record of
# it; a decision indexes them all.
PENDING_COMMENT_PROVIDES = (IComment.__identifier__,)


@indexer(IComment)
def comment_object_provides(obj):
    """``object_provides`` of a comment: only IComment while it is pending
    on a site with the add-on; everything it provides otherwise."""
    if is_pending_contribution(obj):
        return PENDING_COMMENT_PROVIDES
    return stock_object_provides(obj)()


def drop_until_decided(obj):
    """Take ``obj`` out of the indexes of decided contributions, now that it
    is pending (again)."""
    processQueue()  # what this transaction queued is in the catalog
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    if rid is None:
        return
    indexes = catalog.Indexes
    for name in UNTIL_DECIDED:
        if name in indexes.objectIds():
            indexes[name].unindex_object(rid)


@on_our_sites
def follow_decision(obj, event):
    """Index a contribution's words and names when it leaves pending; drop
    them when it is recalled to pending."""
    if event.transition is None:  # created: not indexed yet
        return
    leaves, enters = (
        event.old_state.getId() == PENDING,
        event.new_state.getId() == PENDING,
    )
    if enters and not leaves:
        drop_until_decided(obj)
        obj.reindexObject(idxs=["object_provides"])
    elif leaves and not enters:
        obj.reindexObject(idxs=[*UNTIL_DECIDED, "object_provides"])
    # Between decided states (published, rejected, spam) they stay.
