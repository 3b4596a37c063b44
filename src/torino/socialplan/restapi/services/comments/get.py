"""GET @comments and GET @comments/{id}: stock plone.restapi's service, with
hostile parameters answered 4xx.

Stock answers 503 for an id that does not exist (KeyError) and 401 for a
comment the user may not see, which tells a client that a hidden comment
exists; both are 404 here. Batching parameters are checked before the batch
(plone.batching asserts on a negative size: a 500).
"""

from plone.app.discussion.interfaces import IConversation
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services import Service
from torino.socialplan import _
from torino.socialplan.consultation.contributions.comment_kind import CommentNotFound
from torino.socialplan.consultation.visibility import moderates
from torino.socialplan.consultation.visibility import visible
from torino.socialplan.restapi.services.base import batching_error
from torino.socialplan.restapi.services.base import error_reply
from zExceptions import NotFound
from zope.component import getMultiAdapter
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class CommentsGet(Service):
    comment_id = None

    def publishTraverse(self, request, name):
        if self.comment_id is not None:
            # Only one id after @comments.
            raise NotFound(name)
        self.comment_id = name
        return self

    def reply(self):
        problem = batching_error(self.request)
        if problem is not None:
            return error_reply(self.request, problem)
        conversation = IConversation(self.context)
        if self.comment_id is None:
            obj = conversation
        else:
            obj = self.comment(conversation)
            if obj is None:
                return error_reply(
                    self.request,
                    CommentNotFound.on(None, _("There is no such comment.")),
                )
        return getMultiAdapter((obj, self.request), ISerializeToJson)()

    def comment(self, conversation):
        """The comment the path names, if the user may see it."""
        try:
            comment = conversation[int(self.comment_id)]
        except (KeyError, TypeError, ValueError, OverflowError):
            return None
        if not visible(comment, moderates(self.context)):
            return None
        return comment
