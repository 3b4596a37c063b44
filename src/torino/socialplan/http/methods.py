"""Which HTTP methods the add-on's views answer.

Zope publishes a browser view for any method: the export answered PUT,
DELETE and POST with the export, and TRACE, PROPFIND, PUT, DELETE or OPTIONS
on any ``@@view`` ended in an AttributeError (500) in ZPublisher's WebDAV
branch of traversal. Each view of ours names the methods it answers
(``allowed_methods``); any other gets 405 with an ``Allow`` header, from
``__before_publishing_traverse__``, which ZPublisher calls on the view as
soon as it is traversed, before that branch.
"""

from torino.socialplan import _
from zExceptions import MethodNotAllowed
from zope.i18n import translate


READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")


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
