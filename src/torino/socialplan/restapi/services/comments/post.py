"""Thin: parse JSON, call the contribution pipeline, map its errors to 4xx."""

from plone import api
from torino.socialplan.consultation.contributions import submit_in_turn
from torino.socialplan.consultation.contributions.confirmation import is_awaiting
from torino.socialplan.restapi.services.base import JSONPostService
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class CommentsPost(JSONPostService):
    """A comment, or with a comment id in the path a reply to it."""

    in_reply_to = None

    def publishTraverse(self, request, name):
        if self.in_reply_to is not None:
            # Only one id after @comments.
            raise NotFound(name)
        self.in_reply_to = name
        return self

    def handle(self, data):
        comment = submit_in_turn(
            "comment" if self.in_reply_to is None else "reply",
            self.context,
            data,
            self.request,
            in_reply_to=self.in_reply_to,
        )
        url = f"{self.context.absolute_url()}/@comments/{comment.id}"
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", url)
        return {
            "@id": url,
            "comment_id": comment.id,
            "review_state": api.content.get_state(obj=comment, default=None),
            "awaiting_confirmation": is_awaiting(comment),
        }
