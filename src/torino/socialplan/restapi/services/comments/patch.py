"""PATCH @comments/{id} on the Plan's texts: refused (405).

Stock plone.restapi's PATCH edits a comment through plone.app.discussion's
form, which would skip the consultation's validation and input policy and
change the words published under a citizen's name. A contribution is
published, rejected or marked as spam as its author wrote it.
"""

from plone.restapi.services import Service
from torino.socialplan import _
from torino.socialplan.consultation.errors import NotEditable
from torino.socialplan.restapi.services.base import error_reply
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class CommentsPatch(Service):
    def publishTraverse(self, request, name):
        return self

    def reply(self):
        self.request.response.setHeader("Allow", "GET, POST, DELETE")
        return error_reply(
            self.request,
            NotEditable.on(
                None,
                _(
                    "Comments are published as their authors wrote them: they "
                    "cannot be edited. Publish, reject or mark them as spam."
                ),
            ),
        )
