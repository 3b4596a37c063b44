"""Where a contribution is: its path, its URL, the page it is on (audit
entries store paths, answers give URLs of the site as reached now)."""

from Acquisition import aq_parent
from plone import api
from plone.app.discussion.interfaces import IComment
from urllib.parse import unquote
from urllib.parse import urlsplit


def path_of(obj):
    return "/".join(obj.getPhysicalPath())


def url_of(obj):
    return obj.absolute_url()


def site_path(obj):
    """``obj``'s path from the site root ("/plan/..."): what the audit trail
    stores, not a URL, which would keep the host of the request that wrote
    it (http://nohost/ for a script, such as the demo's set-up)."""
    portal = api.portal.get()
    return "/" + "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :])


def path_of_url(url):
    """The path from the site root of a URL of the site, or the URL as is."""
    path = unquote(urlsplit(url).path)
    portal_path = "/".join(api.portal.get().getPhysicalPath())
    if path.startswith(portal_path + "/"):
        return path[len(portal_path) :]
    return url


def entry_url(stored):
    """The URL of an audit entry's item, on the site as it is reached now.

    Older entries stored the URL of the request that wrote them: their path
    is kept and the site's URL put in front.
    """
    if not isinstance(stored, str) or not stored:
        return stored
    path = stored if stored.startswith("/") else path_of_url(stored)
    if not path.startswith("/"):
        return stored
    return api.portal.get().absolute_url() + path


def content_of(obj):
    """The object a comment is about; a Pledge is its own content."""
    if IComment.providedBy(obj):
        return aq_parent(aq_parent(obj))
    return obj


def link(obj):
    return {"@id": obj.absolute_url(), "title": obj.Title()}
