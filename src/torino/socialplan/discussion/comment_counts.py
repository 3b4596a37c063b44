"""A text's public comment count, last comment date and commentators, from
the catalog.

plone.app.discussion computes both by waking the comments:
``total_comments`` wakes every comment of the text and checks Anonymous'
View on each, ``last_comment_date`` walks back from the newest until a
public one. Every comment added and every moderation decision reindexes
them, so under a burst on one text each post read thousands of comments
(and the longer a transaction, the more concurrent commits it meets). The
catalog already knows which comments of the text are published: a count and
a sort on its indexes.

The count must see the comment's new state: a search inside the catalog
queue's own processing does not flush the queue again, and the text may
have been queued before the comment, and the workflow tool reindexes the
comment's state only after its ``ActionSucceededEvent``. So after a
transition the comment's state is indexed first, then the text
(``recount``).

A comment that is not published changes none of the three: plone.app.
discussion reindexes the text whenever a comment is added or removed, which
for every pending post woke the text and ran the counting queries inside the
write turn (issue 29). ``text_follows_public_comment`` replaces that
subscriber (configure.zcml): the text is reindexed when a published comment
comes or goes; a pending one counts once a decision publishes it
(``recount``).
"""

from plone import api
from plone.app.discussion.comment import notify_content_object
from plone.app.discussion.interfaces import IConversation
from plone.indexer import indexer
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.interfaces import IPloneCatalogTool
from torino.socialplan.base.site import installed
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.interfaces import ICommentableText


def _published_comments(content, **options):
    conversation = IConversation(content, None)
    if conversation is None or not len(conversation._comments):
        return []
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Discussion Item",
        review_state=PUBLISHED,
        path={"query": "/".join(conversation.getPhysicalPath()), "depth": 1},
        **options,
    )


@indexer(ICommentableText, IPloneCatalogTool)
def total_comments(content):
    return len(_published_comments(content))


@indexer(ICommentableText, IPloneCatalogTool)
def last_comment_date(content):
    for brain in _published_comments(
        content, sort_on="created", sort_order="reverse", sort_limit=1
    )[:1]:
        return brain.created.asdatetime() if brain.created else None
    return None


@indexer(ICommentableText, IPloneCatalogTool)
def commentators(content):
    """plone.app.discussion's ``public_commentators``: the user names of the
    authors of the text's published comments (None for anonymous authors),
    from the catalog's ``Creator`` index, where it checked Anonymous' View on
    every comment of the text. With 1,000 comments on a text that was two
    thirds of a post's commit (an index and a metadata column: 2,000
    permission checks)."""
    creators = api.portal.get_tool("portal_catalog").Indexes["Creator"]
    return tuple(
        {
            creators.getEntryForObject(brain.getRID())
            for brain in _published_comments(content)
        }
    )


def text_follows_public_comment(comment, event):
    """plone.app.discussion's ``notify_content_object`` for a comment added
    or removed, on our sites only when the comment is published."""
    if installed() and api.content.get_state(comment, default=None) != PUBLISHED:
        return
    notify_content_object(comment, event)


@on_our_sites
def recount(comment, event):
    """After a comment's transition: its state in the catalog first (the
    workflow tool reindexes it only after this event), then the text's
    counts."""
    comment.reindexObject(idxs=["review_state"])
    processQueue()
    notify_content_object(comment, event)
