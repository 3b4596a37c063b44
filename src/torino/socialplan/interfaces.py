"""Interfaces shared by the package's concerns."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer):
    """Marker for requests on a site where torino.socialplan is installed.

    Views, viewlets, static resources and REST serializers of this add-on are
    registered for this layer, so a site without the add-on is untouched.
    """
