"""Whether torino.socialplan is installed on the site at hand.

A Zope process may serve several Plone sites, not all with the add-on: what
it registers for stock interfaces (comments, any content, the catalog's
queue processor, link integrity's check) must act only where it is
installed, and leave every other site stock. Installed means that the
add-on's browser layer is registered in the site (plone.browserlayer keeps
it in the site's local registry), as the profile does and the uninstall
profile undoes: one dictionary lookup.
"""

from plone.browserlayer.interfaces import ILocalBrowserLayerType
from zope.component.hooks import getSite

import functools


LAYER_NAME = "torino.socialplan"


def installed(site=None):
    """Whether the add-on is installed on ``site`` (the current site if
    None; outside any site, False)."""
    site = site if site is not None else getSite()
    if site is None:
        return False
    try:
        registry = site.getSiteManager()
    except AttributeError:  # not a site (the Zope root)
        return False
    return registry.queryUtility(ILocalBrowserLayerType, name=LAYER_NAME) is not None


def on_our_sites(handler):
    """An event subscriber that does nothing on sites without the add-on."""

    @functools.wraps(handler)
    def guarded(*args, **kwargs):
        if not installed():
            return None
        return handler(*args, **kwargs)

    return guarded
