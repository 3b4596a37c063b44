"""A Chapter of the Plan: the text citizens comment on, and its Actions."""

from plone.dexterity.content import Container
from plone.supermodel import model
from torino.socialplan.interfaces import ICommentableText
from zope.interface import implementer


class IChapter(model.Schema):
    """Title, description and ``text`` come from behaviors."""


@implementer(IChapter, ICommentableText)
class Chapter(Container):
    def actions(self):
        """The Chapter's Actions, in the editors' order."""
        return [obj for obj in self.objectValues() if obj.portal_type == "Action"]
