"""Thin: parse JSON, call consultation/comments.py, map its errors to 4xx."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from torino.socialplan import _
from torino.socialplan.consultation.comments import review_state
from torino.socialplan.consultation.comments import submit_comment
from torino.socialplan.consultation.confirmation import is_awaiting
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.errors import TooManyContributions
from zExceptions import NotFound
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


def error_reply(request, error):
    request.response.setStatus(error.status)
    if isinstance(error, TooManyContributions):
        request.response.setHeader("Retry-After", str(error.retry_after))
    return error.as_json(request)


@implementer(IPublishTraverse)
class CommentsPost(Service):
    """A comment, or with a comment id in the path a reply to it."""

    in_reply_to = None

    def publishTraverse(self, request, name):
        if self.in_reply_to is not None:
            # Only one id after @comments.
            raise NotFound(name)
        self.in_reply_to = name
        return self

    def reply(self):
        # Token or anonymous clients, as for stock plone.restapi services.
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json_body(self.request)
        except DeserializationError:
            return error_reply(
                self.request,
                ContributionError.on(None, _("The request body is not a JSON object.")),
            )
        try:
            comment = submit_comment(
                self.context, data, self.request, in_reply_to=self.in_reply_to
            )
        except ContributionError as error:
            return error_reply(self.request, error)
        url = f"{self.context.absolute_url()}/@comments/{comment.id}"
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", url)
        return {
            "@id": url,
            "comment_id": comment.id,
            "review_state": review_state(comment),
            "awaiting_confirmation": is_awaiting(comment),
        }
