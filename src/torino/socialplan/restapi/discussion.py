"""@comments shows each user only the comments they may view, and of each
only the fields they may read.

Stock plone.restapi lists every comment of a conversation, pending ones
included, to anonymous users, and returns any of them by id: it checks no
per-comment permission. Here a comment is listed when the user may view it
(its workflow decides) and it is published, or the user moderates. Items are
the contribution's view (consultation/public_view.py), from its kind's
allow-list: the e-mail address only for moderators.
"""

from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.discussion import CommentSerializer
from plone.restapi.serializer.discussion import ConversationSerializer
from plone.restapi.services.discussion.utils import can_delete
from plone.restapi.services.discussion.utils import can_delete_own
from plone.restapi.services.discussion.utils import can_edit
from plone.restapi.services.discussion.utils import can_view
from plone.restapi.services.discussion.utils import delete_own_comment_allowed
from plone.restapi.services.discussion.utils import edit_comment_allowed
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation.contributions.comment_kind import accepts_comments
from torino.socialplan.consultation.public_view import readable_view
from torino.socialplan.consultation.public_view import Reading
from torino.socialplan.consultation.visibility import moderates
from torino.socialplan.consultation.visibility import visible
from torino.socialplan.consultation.visibility import VisibleComments
from torino.socialplan.interfaces import IBrowserLayer
from torino.socialplan.restapi.contribution_json import contribution_json
from zExceptions import Unauthorized
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IConversation, IBrowserLayer)
class VisibleConversationSerializer(ConversationSerializer):
    def __call__(self):
        content = self.context.__parent__
        view_comments = can_view(self.context)
        moderator = moderates(content)
        ids = (
            VisibleComments(content, moderator).thread_order() if view_comments else []
        )
        batch = HypermediaBatch(self.request, ids)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": accepts_comments(content, self.request),
            },
            "items": [
                getMultiAdapter(
                    (self.context[comment_id], self.request), ISerializeToJson
                )()
                for comment_id in batch
            ],
        }
        if batch.links:
            result["batching"] = batch.links
        return result


@implementer(ISerializeToJson)
@adapter(IComment, IBrowserLayer)
class VisibleCommentSerializer(CommentSerializer):
    def __call__(self, include_items=True):
        comment = self.context
        content = comment.__parent__.__parent__
        if not visible(comment, moderates(content)):
            raise Unauthorized("You are not allowed to view this comment.")
        comments_url = f"{content.absolute_url()}/@comments"
        result = {
            "@id": f"{comments_url}/{comment.id}",
            "@type": comment.portal_type,
            "@parent": (
                f"{comments_url}/{comment.in_reply_to}" if comment.in_reply_to else None
            ),
            "comment_id": str(comment.id),
            "is_editable": bool(edit_comment_allowed() and can_edit(comment)),
            "is_deletable": bool(
                can_delete(comment)
                or (delete_own_comment_allowed() and can_delete_own(comment))
            ),
            "can_reply": _state(comment) == PUBLISHED
            and accepts_comments(content, self.request),
        }
        values = readable_view(comment, content, self._reading())
        result.update(contribution_json(values, self.request))
        return result

    def _reading(self):
        # One Reading per response: a listing reads each text's paragraphs once.
        return self.request.other.setdefault("socialplan.reading", Reading())


def _state(comment):
    return api.content.get_state(obj=comment, default=None)
