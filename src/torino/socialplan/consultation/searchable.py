"""A contribution's ``SearchableText`` with its position paper's words, so
that a site search finds a published comment or Pledge by what its paper
says. The catalog's queue processor (consultation/indexing.py) indexes no
text of a pending contribution, and catalog security keeps what is indexed
from those who may not view it; the e-mail address is in no text here."""

from plone.app.discussion.catalog import searchable_text as stock_comment_text
from plone.app.discussion.interfaces import IComment
from plone.indexer import indexer
from Products.CMFPlone.interfaces import IPloneCatalogTool
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.site import installed
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.position_papers.attachment import TEXT_ATTRIBUTE
from torino.socialplan.consultation.public_view import contribution_view
from torino.socialplan.content.pledge import IPledge


def _with_paper(obj, text):
    paper = own_attribute(obj, TEXT_ATTRIBUTE, None) or ""
    return " ".join(part for part in (text, paper) if part)


@indexer(IComment, IPloneCatalogTool)
def comment_searchable_text(comment):
    text = stock_comment_text(comment)()
    if not installed():
        return text
    return _with_paper(comment, text)


# A Pledge's words, read through its public allow-list (public_view.py):
# the e-mail address is never on it.
PLEDGE_WORDS = ("first_name", "last_name", "organization", "contribution")


@indexer(IPledge, IPloneCatalogTool)
def pledge_searchable_text(pledge):
    """Who pledged, how they will contribute, and their paper's words."""
    kind = kind_of(pledge)
    fields = [name for name in PLEDGE_WORDS if kind and name in kind.public_fields]
    values = contribution_view(pledge, fields)
    text = " ".join(values[name] for name in fields if isinstance(values[name], str))
    return _with_paper(pledge, text)
