"""The catalog reads a comment's own attributes without walking up the site
(discussion/indexable.py): the same values as plone.indexer's wrapper, for
every index and metadata column, without asking the text, the Plan or the
site for the names a comment lacks."""

from plone import api
from plone.dexterity.content import DexterityContent
from plone.indexer.interfaces import IIndexableObject
from plone.indexer.wrapper import IndexableObjectWrapper
from tests.support.contributions import post_comment
from torino.socialplan.discussion.indexable import OwnAttributesWrapper
from zope.component import queryMultiAdapter


def _value(wrapper, name):
    try:
        value = getattr(wrapper, name)
    except AttributeError:
        return "missing"
    return value() if callable(value) else value


def _names(catalog):
    return sorted({*catalog.schema(), *catalog.indexes(), "getPhysicalPath"})


def test_a_comment_is_catalogued_with_the_stock_values(consultation):
    comment = post_comment(consultation, "Una proposta per il fondo rotativo.")
    catalog = api.portal.get_tool("portal_catalog")
    wrapper = queryMultiAdapter((comment, catalog), IIndexableObject)
    assert isinstance(wrapper, OwnAttributesWrapper)
    stock = IndexableObjectWrapper(comment, catalog)
    names = _names(catalog)
    assert [n for n in names if _value(wrapper, n) != _value(stock, n)] == []
    # What a comment has of its own is there; what it lacks stays missing.
    assert _value(wrapper, "portal_type") == "Discussion Item"
    assert _value(wrapper, "review_state") == api.content.get_state(comment)
    assert _value(wrapper, "location") == "missing"
    assert _value(wrapper, "cmf_uid") == "missing"


def test_names_a_comment_lacks_are_not_asked_of_its_parents(consultation, monkeypatch):
    comment = post_comment(consultation, "Una proposta per il fondo rotativo.")
    catalog = api.portal.get_tool("portal_catalog")
    asked = []
    original = DexterityContent.__getattr__

    def counted(self, name):
        asked.append(name)
        return original(self, name)

    monkeypatch.setattr(DexterityContent, "__getattr__", counted)
    lacking = ("start", "end", "location", "sync_uid", "getRemoteUrl", "image_scales")
    for name in lacking:
        _value(IndexableObjectWrapper(comment, catalog), name)
    assert set(lacking) <= set(asked)  # stock walks up for each
    asked.clear()
    for name in lacking:
        assert _value(OwnAttributesWrapper(comment, catalog), name) == "missing"
    assert set(lacking) & set(asked) == set()
