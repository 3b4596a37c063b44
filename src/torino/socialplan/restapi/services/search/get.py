"""Stock ``@search`` with its parameters checked.

plone.restapi hands ``SearchableText`` to ZCTextIndex's query parser as it
comes, and the other parameters to the catalog: a text of operators or
punctuation only (``AND``, ``NOT x``, ``"``, ``lavoro AND (``, ``?``,
``-lavoro``), ``sort_on`` of an index that cannot sort, ``sort_limit``,
``path.depth`` or a date of the wrong type each answered 500.

Here a text the parser refuses is searched the way the Classic search page
searches it (plone.base's ``munge_search_term``: operators quoted, words
prefixed); a text left with no word searches nothing (the stock answer to an
empty text), as does one that even the munged form does not make parseable
(the Classic page finds nothing for it). ``sort_on`` must name a sortable
index, ``sort_limit`` be a whole number from 1; whatever else the catalog
refuses in the query is a 400 with its reason, not a 500.
"""

from DateTime.interfaces import DateTimeError
from plone import api
from plone.base.utils import munge_search_term
from plone.restapi.exceptions import QueryParsingError
from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from plone.restapi.services.search.get import SearchGet
from Products.ZCatalog.Catalog import CatalogError
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.QueryParser import QueryParser
from torino.socialplan import _
from zExceptions import BadRequest
from zope.i18n import translate


# What the catalog raises for a query it cannot run: the client's error.
QUERY_ERRORS = (
    CatalogError,
    DateTimeError,
    ParseError,
    QueryParsingError,
    TypeError,
    ValueError,
)


class CheckedCatalog:
    """The catalog, whose searchResults answers a bad query with a 400."""

    def __init__(self, catalog, request):
        self._tool = catalog
        self._request = request

    def __getattr__(self, name):
        return getattr(self._tool, name)

    def searchResults(self, **query):
        try:
            return self._tool.searchResults(**query)
        except QUERY_ERRORS as error:
            raise BadRequest(refusal(self._request, error)) from None


def refusal(request, error):
    return translate(
        _(
            "The search query cannot be run: ${reason}",
            mapping={"reason": str(error)[:200]},
        ),
        context=request,
    )


class CheckedSearchHandler(SearchHandler):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.catalog = CheckedCatalog(self.catalog, request)

    def _parse_query(self, query):
        try:
            return super()._parse_query(query)
        except QUERY_ERRORS as error:
            raise BadRequest(refusal(self.request, error)) from None

    def quote_chars(self, text):
        text = super().quote_chars(text)
        if not text or text == "*" or parses(self.catalog, text):
            return text
        munged = munge_search_term(text)
        # What even the Classic page cannot parse finds nothing there.
        return munged if parses(self.catalog, munged) else ""


def parses(catalog, text):
    """Whether ZCTextIndex's parser takes ``text`` as it is."""
    try:
        index = catalog._catalog.getIndex("SearchableText")
        lexicon = getattr(catalog, index.lexicon_id)
        QueryParser(lexicon).parseQuery(text)
    except (ParseError, KeyError, AttributeError):
        return False
    return True


class CheckedSearchGet(SearchGet):
    def reply(self):
        query = unflatten_dotted_dict(self.request.form.copy())
        problem = parameter_problem(self.context, query)
        if problem is not None:
            raise BadRequest(translate(problem, context=self.request))
        return CheckedSearchHandler(self.context, self.request).search(query)


def parameter_problem(context, query):
    """Why ``SearchableText``, ``sort_on`` or ``sort_limit`` must be
    refused, or None."""
    text = query.get("SearchableText")
    if text is not None and not isinstance(text, str):
        return _("SearchableText must be one text.")
    sort_on = query.get("sort_on")
    if sort_on is not None:
        catalog = api.portal.get_tool("portal_catalog")._catalog
        names = sort_on if isinstance(sort_on, list) else [sort_on]
        for name in names:
            if name == "relevance":
                continue
            index = catalog.indexes.get(name) if isinstance(name, str) else None
            if index is None or not hasattr(index, "documentToKeyMap"):
                return _(
                    "sort_on must name a sortable index: ${name} is not one.",
                    mapping={"name": str(name)[:100]},
                )
    sort_limit = query.get("sort_limit")
    if sort_limit is not None:
        try:
            number = int(sort_limit)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            return _("sort_limit must be a whole number, 1 or more.")
    return None
