"""A comment's catalog Description, from its plain text.

plone.app.discussion's indexer transforms the text twice through
PortalTransforms: once to plain text (nothing to do for our comments, typed
as ``text/plain``) and once to safe HTML, only to count its words. The
second searches the transforms' graph for a path on every call: a post's
commit took 169 ms with it and 36 ms without (profiled on a test site), and
that commit runs in the write turn every post and decision waits for
(consultation/write_turn.py). The words of a plain text are its words.
"""

from plone.app.discussion.catalog import description as stock_description
from plone.app.discussion.catalog import MAX_DESCRIPTION
from plone.app.discussion.interfaces import IComment
from plone.indexer import indexer
from Products.CMFPlone.interfaces import IPloneCatalogTool
from torino.socialplan.base.site import installed


@indexer(IComment, IPloneCatalogTool)
def description(comment):
    """The first words of the comment, then " [...]" if there are more, as
    plone.app.discussion's."""
    if getattr(comment, "mime_type", None) != "text/plain" or not installed():
        return stock_description(comment)()
    words = (comment.text or "").split()
    text = " ".join(words[:MAX_DESCRIPTION])
    if len(words) > MAX_DESCRIPTION:
        text += " [...]"
    return text
