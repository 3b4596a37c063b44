"""Forgery protection for requests that a login cookie authenticates.

plone.restapi's services switch plone.protect off (they expect token clients
and anonymous ones), so with a moderator's ``__ac`` cookie a hostile page
could ``POST @moderation``, ``@comments`` or ``@workflow/publish`` as
``text/plain``, a body any cross-site form or no-cors ``fetch`` may send;
only the cookie's SameSite=Lax stood in the way (and same-site pages, on
another port or subdomain, are not stopped by it).

After traversal (when the user is known), an unsafe request (any method but
GET, HEAD, OPTIONS) whose user is authenticated and that carries no
``Authorization`` header (so: by the login cookie) is refused, 403, unless
it carries a valid plone.protect token (``X-CSRF-TOKEN`` header or
``_authenticator`` field), when:

- its ``Origin`` (or, without one, its ``Referer``) is another origin than
  the site's; or
- it is a REST request (plone.rest's IAPIRequest) sent with POST as one of
  the types a cross-site form or a no-cors ``fetch`` can send without a
  preflight: ``text/plain``, ``application/x-www-form-urlencoded``,
  ``multipart/form-data``, or none at all. A same-origin script sends
  ``application/json`` (which needs a preflight cross-site) or the token.

Anonymous requests (nothing to forge), Basic and Bearer (JWT) clients are
left as they are; Classic forms carry ``_authenticator``. On sites with the
add-on only (our browser layer).
"""

from AccessControl import getSecurityManager
from plone.protect.authenticator import check
from plone.rest.interfaces import IAPIRequest
from torino.socialplan import _
from torino.socialplan.interfaces import IBrowserLayer
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.i18n import translate


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# What an HTML form or a fetch without preflight may declare (none: a Blob).
SIMPLE_TYPES = (
    "",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
)


def origin_of(url):
    """scheme://host[:port] of ``url``, lower-cased, default ports dropped."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    default = {"http": 80, "https": 443}.get(scheme)
    host = parts.hostname.lower()
    if port is not None and port != default:
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def foreign_origin(request):
    """Whether the request says it comes from a page of another origin."""
    own = origin_of(request.get("SERVER_URL") or "")
    origin = request.getHeader("Origin")
    if origin is not None:
        return origin_of(origin) != own  # "null" too
    referer = request.getHeader("Referer")
    if referer:
        return origin_of(referer) != own
    return False


def by_cookie(request):
    """Whether an authenticated user came with the login cookie (no
    Authorization header, which a cross-site page cannot add)."""
    # Zope moves the header out of the environment into ``_auth``.
    if getattr(request, "_auth", None) or request.getHeader("Authorization"):
        return False
    user = getSecurityManager().getUser()
    return user is not None and user.getUserName() != "Anonymous User"


def simple_type(request):
    content_type = (request.getHeader("Content-Type") or "").split(";")[0]
    return content_type.strip().lower() in SIMPLE_TYPES


def has_token(request):
    try:
        check(request)
    except Forbidden:
        return False
    return True


def forgery(request):
    """Why this request may be forged, or None."""
    method = (request.get("REQUEST_METHOD") or "GET").upper()
    if method in SAFE_METHODS or not by_cookie(request):
        return None
    if foreign_origin(request):
        reason = _(
            "This request comes from another site's page: it is refused "
            "without a valid authenticator token."
        )
    elif method == "POST" and IAPIRequest.providedBy(request) and simple_type(request):
        reason = _(
            "A request authenticated by the login cookie must be sent as "
            "application/json or carry a valid authenticator token "
            "(X-CSRF-TOKEN)."
        )
    else:
        return None
    return None if has_token(request) else reason


def check_forgery(event):
    """On ZPublisher's IPubAfterTraversal."""
    request = event.request
    if not IBrowserLayer.providedBy(request):
        return
    reason = forgery(request)
    if reason is not None:
        raise Forbidden(translate(reason, context=request))
