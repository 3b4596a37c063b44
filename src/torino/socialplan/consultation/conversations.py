"""Adding a comment to a conversation with an id that does not follow the
clock alone.

plone.app.discussion numbers comments by the time in microseconds. Every
new comment of a text then becomes the highest key of the conversation's
``_comments``, and its path the highest of the catalog's ``uids`` and path
index entries under that conversation: concurrent posts all insert into the
same last bucket of each of those BTrees, and whenever that bucket splits
the other transactions' inserts cannot be merged (the cluster bench's
remaining ConflictErrors, README "Write hot spots").

Our ids put one of 1,024 random lanes above the time in milliseconds
(``2**52 + lane * 2**42 + ms``): concurrent posts land in different parts of
those BTrees, and the time is still read from the id, without waking the
comment (``creation_order``). They stay below 2**53, so that JavaScript
reads them exactly, and above every time-based id until 2041, so that both
kinds can be told apart. Threads and paragraph lists are ordered by
``creation_order`` (visibility.py, paragraphs.py).

``add_comment`` is plone.app.discussion's ``Conversation.addComment`` (6.0)
but for the id: that method has no hook for it.
"""

from Acquisition import aq_base
from BTrees.LLBTree import LLSet
from OFS.event import ObjectWillBeAddedEvent
from plone import api
from plone.app.discussion.interfaces import DISCUSSION_ANNOTATION_KEY
from plone.app.discussion.interfaces import IConversation
from plone.indexer import indexer
from Products.CMFPlone.interfaces import IPloneCatalogTool
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.interfaces import ICommentableText
from zope.annotation.interfaces import IAnnotations
from zope.container.contained import ContainerModifiedEvent
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent
from zope.lifecycleevent import ObjectCreatedEvent

import random
import time


NEW_IDS = 2**52
LANE_SHIFT = 42  # 2**42 ms: until the year 2109
LANES = 2 ** (52 - LANE_SHIFT)  # 1,024: ids stay below 2**53
MILLISECONDS = 2**LANE_SHIFT - 1
_random = random.SystemRandom()


def creation_order(comment_id):
    """The microsecond a comment was added, from its id alone: ours carry
    the millisecond, plone.app.discussion's are the microsecond."""
    comment_id = int(comment_id)
    if comment_id >= NEW_IDS:
        return (comment_id & MILLISECONDS) * 1000
    return comment_id


def new_comment_id(conversation):
    lane = _random.randrange(LANES)
    comment_id = NEW_IDS + (lane << LANE_SHIFT) + time.time_ns() // 1_000_000
    while comment_id in conversation._comments:
        comment_id += 1  # the same lane, a millisecond on
    return comment_id


def add_comment(conversation, comment, in_reply_to=None):
    """Add ``comment`` (top level, or a reply to the comment id
    ``in_reply_to``) to ``conversation``; returns its id."""
    comment = aq_base(comment)
    comment_id = new_comment_id(conversation)
    comment.comment_id = comment_id
    if in_reply_to is not None:
        comment.in_reply_to = in_reply_to
    notify(ObjectWillBeAddedEvent(comment, conversation, comment_id))
    conversation._comments[comment_id] = comment
    comment.__parent__ = aq_base(conversation)
    commentator = comment.author_username
    if commentator:
        counts = conversation._commentators
        counts[commentator] = counts.get(commentator, 0) + 1
    reply_to = comment.in_reply_to
    if not reply_to:
        comment.in_reply_to = reply_to = 0
    if reply_to not in conversation._children:
        conversation._children[reply_to] = LLSet()
    conversation._children[reply_to].insert(comment_id)
    annotations = IAnnotations(conversation.__parent__)
    if DISCUSSION_ANNOTATION_KEY not in annotations:
        annotations[DISCUSSION_ANNOTATION_KEY] = aq_base(conversation)
    notify(ObjectCreatedEvent(comment))
    notify(ObjectAddedEvent(comment.__of__(conversation), conversation, comment_id))
    notify(ContainerModifiedEvent(conversation))
    return comment_id


def _last_comment_date(content):
    """When the newest published comment on ``content`` was written.
    Stock ``Conversation.last_comment_date`` takes the highest id anyone may
    view: ids are not times any more, and rejected comments acquire View.
    Read from the catalog: a comment published in the very request that
    adds it (a moderator's own) counts from the text's next reindex."""
    conversation = IConversation(content, None)
    if conversation is None or not len(conversation):
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Discussion Item",
        path={"query": "/".join(conversation.getPhysicalPath()), "depth": 1},
        review_state=PUBLISHED,
        sort_on="created",
        sort_order="reverse",
        sort_limit=1,
    )
    for brain in brains[:1]:
        # The catalog's date, not the comment woken: plone.app.discussion
        # keeps creation dates to the second, and so does the catalog.
        return brain.created.asdatetime() if brain.created else None
    return None


last_comment_date = indexer(ICommentableText, IPloneCatalogTool)(_last_comment_date)
