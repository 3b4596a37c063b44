"""1006 → 1007: two writes every comment made, which concurrent posts
conflicted on (issue 14), are gone for the comments already there too.

- Contributions still pending are taken out of the indexes that list and
  sort decided content, as new ones are (consultation/indexing.py); a
  moderator's decision indexes them.
- Comments are taken out of the intid utility: new ones have no intid
  (discussion/intids.py), and a comment removed later would otherwise leave
  its entry behind.
"""

from plone.app.discussion.interfaces import IComment
from torino.socialplan.upgrades.to_1006 import unindex_pending_text
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import logging


logger = logging.getLogger("torino.socialplan")


def unindex_pending_names(context):
    unindex_pending_text(context)  # the same step, for every index held back


def forget_comment_intids(context):
    intids = getUtility(IIntIds)
    forgotten = 0
    for uid, key in list(intids.refs.items()):
        # A comment's class says what it is: no need to load it.
        if IComment.providedBy(getattr(key, "object", None)):
            del intids.refs[uid]
            del intids.ids[key]
            forgotten += 1
    logger.info("%d comments taken out of the intid utility", forgotten)
