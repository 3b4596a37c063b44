"""A keyed digest of a contributor's address, so that a person's request
(rights.py) finds their contributions without reading every one.

At 50,000 contributions, reading each to compare its address took 22 s per
request. The catalog now holds, in ``contributor_key``, an HMAC of the
address under a secret kept in the site's annotations: whoever can query
the catalog (``@search`` takes any index) cannot compute a key without the
secret, and the address itself is in no index. As the other indexes of
indexing.py, it is written when a moderator decides a contribution, not
when it is posted, so a post writes no more than before; the few pending
contributions are read directly. Erasing an address takes its key out of
the index (places.erase_identifiers); a pack then removes old revisions.

Only ``rights.py`` may query it, unrestricted. A restricted search
(``@search``, ``@@search``, any ``portal_catalog(...)``) loses any criterion
or sort on it (``_without_private_index``): with range queries a visitor
could find a published comment's key by bisection, and with it which other
published contributions share the address.
"""

from Acquisition import aq_base
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.indexer import indexer
from Products.CMFPlone.CatalogTool import CatalogTool
from Products.CMFPlone.interfaces import IPloneCatalogTool
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.content.pledge import IPledge
from zope.annotation.interfaces import IAnnotations

import hashlib
import hmac
import secrets


INDEX = "contributor_key"
ANNOTATION = "torino.socialplan.address-key"  # where the secret is kept


def _secret(create):
    annotations = IAnnotations(api.portal.get())
    secret = annotations.get(ANNOTATION)
    if secret is None and create:
        secret = annotations[ANNOTATION] = secrets.token_bytes(32)
    return secret


def key_of(address, create=False):
    """The index key of a normalised ``address``; None while no key was
    ever made (then nothing is indexed) unless ``create``."""
    secret = _secret(create)
    if secret is None or not address:
        return None
    return hmac.new(secret, address.encode("utf-8"), hashlib.sha256).hexdigest()


def forget(obj):
    """Take ``obj``'s key out of the index now (its address was erased)."""
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.indexes.get(INDEX)
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    if index is not None and rid is not None:
        index.unindex_object(rid)


def address_of(kind, obj):
    """``obj``'s address as addresses are compared (rights.normalise)."""
    value = getattr(aq_base(obj), kind.email_field, None)
    return value.strip().lower() if isinstance(value, str) else None


def _key_of_contribution(obj):
    kind = kind_of(obj)
    key = key_of(address_of(kind, obj) if kind is not None else None, create=True)
    if key is None:
        raise AttributeError(INDEX)  # nothing to index: the entry goes
    return key


@indexer(IComment, IPloneCatalogTool)
def comment_key(obj):
    return _key_of_contribution(obj)


@indexer(IPledge, IPloneCatalogTool)
def pledge_key(obj):
    return _key_of_contribution(obj)


def _is_private(name):
    return isinstance(name, str) and name.split(".")[0] == INDEX


def _without_private(query):
    if not isinstance(query, dict):
        return query
    query = {name: value for name, value in query.items() if not _is_private(name)}
    sort_on = query.get("sort_on")
    if _is_private(sort_on) or (
        isinstance(sort_on, list | tuple) and any(_is_private(s) for s in sort_on)
    ):
        del query["sort_on"]
    return query


def _without_private_index(method):
    def restricted(self, query=None, **kw):
        return method(self, _without_private(query), **_without_private(kw))

    restricted.__doc__ = method.__doc__
    return restricted


# Every restricted search (CatalogTool.__call__ calls searchResults).
CatalogTool.searchResults = _without_private_index(CatalogTool.searchResults)
