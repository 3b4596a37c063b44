"""The promoters' logos: the uploaded image of each body (settings.py), at
an address that changes with the image, ``@@promoter-logo/<body>/<hash>.<ext>``,
so that browsers and proxies keep it for a year, as plone.app.caching's
``plone.stableResource`` keeps hashed image scales, and a new upload is seen
as soon as the page naming it is; the theme's placeholder until one is
uploaded. The view sets its headers itself: it has no plone.app.caching
ruleset, which would give a year to its redirects too."""

from plone import api
from plone.registry.interfaces import IRegistry
from Products.Five.browser import BrowserView
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.theme.settings import BODIES
from torino.socialplan.theme.settings import decode_logo
from torino.socialplan.theme.settings import logo_type
from torino.socialplan.theme.settings import PLACEHOLDERS
from torino.socialplan.theme.settings import PREFIX
from zExceptions import NotFound
from zope.component import getUtility
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import hashlib
import mimetypes


VIEW = "@@promoter-logo"
# An SVG opened on its own runs no script and loads nothing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
A_YEAR = 365 * 24 * 3600


def stored_logo(key):
    """The record's value of body ``key``'s logo (bytes), or None (also on a
    site not upgraded to 1009 yet, whose record holds an address)."""
    value = getUtility(IRegistry).get(f"{PREFIX}.{key}_logo")
    return value if isinstance(value, bytes) and value else None


def logo_name(value):
    """``<hash>.<ext>``: the last part of the logo's address."""
    _filename, data = decode_logo(value)
    extension = (
        {"image/jpeg": ".jpg", "image/svg+xml": ".svg"}.get(logo_type(data))
        or mimetypes.guess_extension(logo_type(data) or "")
        or ""
    )
    return hashlib.sha256(value).hexdigest()[:16] + extension


def logo_url(key, portal_url=None):
    """(address of body ``key``'s logo, whether it is the placeholder)."""
    portal_url = portal_url or api.portal.get().absolute_url()
    value = stored_logo(key)
    if not value:
        return f"{portal_url}/{PLACEHOLDERS[key]}", True
    return f"{portal_url}/{VIEW}/{key}/{logo_name(value)}", False


@implementer(IPublishTraverse)
class PromoterLogo(AllowedMethods, BrowserView):
    """``@@promoter-logo/<body>/<name>``: the image; an old name (a page
    cached before the upload) is sent to the current one."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.names = []

    def publishTraverse(self, request, name):
        if len(self.names) >= 2:
            raise NotFound(self, name, request)
        self.names.append(name)
        return self

    def __call__(self):
        if len(self.names) != 2 or self.names[0] not in BODIES:
            raise NotFound(self, "/".join(self.names), self.request)
        key, name = self.names
        response = self.request.response
        value = stored_logo(key)
        if not value or logo_name(value) != name:
            url, _placeholder = logo_url(key)
            response.setHeader("Cache-Control", "no-cache")
            response.redirect(url, lock=True)
            return ""
        _filename, data = decode_logo(value)
        mime_type = logo_type(data)
        response.setHeader("Content-Type", mime_type)
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Cache-Control", f"public, max-age={A_YEAR}, immutable")
        if mime_type == "image/svg+xml":
            response.setHeader("Content-Security-Policy", SVG_POLICY)
        return data
