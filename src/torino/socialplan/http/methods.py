"""Which HTTP methods the add-on's views answer.

Zope publishes a browser view for any method: the export answered PUT,
DELETE and POST with the export, and TRACE, PROPFIND, PUT, DELETE or OPTIONS
on any ``@@view`` ended in an AttributeError (500) in ZPublisher's WebDAV
branch of traversal. Each view of ours names the methods it answers
(``allowed_methods``); any other gets 405 with an ``Allow`` header, from
``__before_publishing_traverse__``, which ZPublisher calls on the view as
soon as it is traversed, before that branch.
"""

from plone.rest.interfaces import IAPIRequest
from plone.rest.interfaces import IService
from torino.socialplan import _
from torino.socialplan.interfaces import IBrowserLayer
from zExceptions import MethodNotAllowed
from zope.i18n import translate


READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")
# Methods a browser page answers (PURGE is plone.cachepurging's, to Varnish).
BROWSER_METHODS = frozenset((*FORM, "PURGE"))


def method_not_allowed(request, allowed):
    error = MethodNotAllowed(
        translate(
            _(
                "This address answers ${methods} only.",
                mapping={"methods": ", ".join(allowed)},
            ),
            context=request,
        )
    )
    error.setHeader("Allow", ", ".join(allowed))
    return error


class AllowedMethods:
    """Mixin for the add-on's browser views (before BrowserView)."""

    allowed_methods = READ

    def __before_publishing_traverse__(self, obj, request):
        method = (request.get("REQUEST_METHOD") or "GET").upper()
        if method not in self.allowed_methods:
            raise method_not_allowed(request, self.allowed_methods)


def refuse_webdav(event):
    """On ZPublisher's IPubAfterTraversal, on our sites: outside the REST API,
    any method but GET, HEAD and POST gets 405.

    Stock Zope answers WebDAV on every page: OPTIONS and a PATCH of the site
    root, as Anonymous, committed a transaction each (a lazily created
    portlet mapping, the content's own OPTIONS); PUT, DELETE, MKCOL, LOCK
    with a Manager's password replaced, deleted or created content outside
    every form, workflow and audit. A consultation has no WebDAV clients:
    writes go through the pages' forms and the REST API (plone.rest services
    answer PATCH, PUT, DELETE and CORS' OPTIONS themselves).
    """
    request = event.request
    method = (request.get("REQUEST_METHOD") or "GET").upper()
    if method in BROWSER_METHODS or not IBrowserLayer.providedBy(request):
        return
    if IAPIRequest.providedBy(request) or IService.providedBy(request.get("PUBLISHED")):
        return
    raise method_not_allowed(request, FORM)
