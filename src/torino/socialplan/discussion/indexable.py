"""What the catalog reads from a comment, without a walk up the site.

For every index and metadata column that has no indexer, plone.indexer's
wrapper asks the object for an attribute of that name *through acquisition*
and then throws away whatever came from a parent (only a TTW Python Script
found that way counts). A comment lacks most of them (``start``, ``end``,
``location``, ``getRemoteUrl``, ``sync_uid``, ``image_scales``,
``cmf_uid``, ``Subject``, ``expires``...), so cataloguing one walked each
of those names through its conversation, its text, the Plan, the site and
the Zope root, each Dexterity level looking for a schema default on the
way: a seventh of a post's write turn (issue 29), for values that were
never kept.

Here a comment's missing attribute is missing at once. The values the
catalog stores are the same, except that a Python Script added through the
web can no longer stand in for a comment's attribute (none does: every
index of the add-on has its indexer). On sites without the add-on the stock
wrapper is used."""

from Acquisition import aq_base
from plone.app.discussion.interfaces import IComment
from plone.indexer.interfaces import IIndexableObject
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.ZCatalog.interfaces import IZCatalog
from torino.socialplan.base.site import installed
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.interface import implementer


class OwnAttributesWrapper(IndexableObjectWrapper):
    """plone.indexer's wrapper (an indexer, then a workflow variable, then
    the object's own attribute), without the acquisition walk."""

    def __getattr__(self, name):
        comment = self._getWrappedObject()
        catalog = self._IndexableObjectWrapper__catalog
        indexer = queryMultiAdapter((comment, catalog), IIndexer, name=name)
        if indexer is not None:
            return indexer()
        variables = self._IndexableObjectWrapper__vars
        if name in variables:
            return variables[name]
        getattr(aq_base(comment), name)  # AttributeError: the comment has none
        return getattr(comment, name)  # in context, for methods


@adapter(IComment, IZCatalog)
@implementer(IIndexableObject)
def indexable_comment(comment, catalog):
    if installed():
        return OwnAttributesWrapper(comment, catalog)
    return IndexableObjectWrapper(comment, catalog)
