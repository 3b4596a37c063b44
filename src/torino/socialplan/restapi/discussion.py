"""@comments shows each user only the comments they may view.

Stock plone.restapi lists every comment of a conversation, pending ones
included, to anonymous users, and returns any of them by id: it checks no
per-comment permission. Here each comment's own View permission (set by the
comment workflow: pending ones are for moderators) decides.
"""

from AccessControl import getSecurityManager
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.discussion import CommentSerializer
from plone.restapi.serializer.discussion import ConversationSerializer
from plone.restapi.services.discussion.utils import can_reply
from plone.restapi.services.discussion.utils import can_view
from torino.socialplan.interfaces import IBrowserLayer
from zExceptions import Unauthorized
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


def may_view(comment):
    return bool(getSecurityManager().checkPermission("View", comment))


@implementer(ISerializeToJson)
@adapter(IConversation, IBrowserLayer)
class VisibleConversationSerializer(ConversationSerializer):
    def __call__(self):
        view_comments = can_view(self.context)
        threads = (
            [
                thread
                for thread in self.context.getThreads()
                if may_view(thread["comment"])
            ]
            if view_comments
            else []
        )
        batch = HypermediaBatch(self.request, threads)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": can_reply(self.context),
            },
            "items": [
                getMultiAdapter((thread["comment"], self.request), ISerializeToJson)()
                for thread in batch
            ],
        }
        if batch.links:
            result["batching"] = batch.links
        return result


@implementer(ISerializeToJson)
@adapter(IComment, IBrowserLayer)
class VisibleCommentSerializer(CommentSerializer):
    def __call__(self, include_items=True):
        if not may_view(self.context):
            raise Unauthorized("You are not allowed to view this comment.")
        return super().__call__(include_items=include_items)
