"""Point the site's cache purging (plone.cachepurging) at the caching proxy,
or switch it off.

Run inside Zope, which provides ``app``, before the instances start:

    VARNISH_URL=http://127.0.0.1:6081 \
        zconsole run <zope.conf> scripts/cluster/purging.py

VARNISH_URL empty switches purging off (the profile's default). SITE_ID
names the site (Plone).
"""

from zope.component.hooks import setSite

import os
import transaction


ENABLED = "plone.cachepurging.interfaces.ICachePurgingSettings.enabled"
PROXIES = "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies"


def main(app):
    site = app[os.environ.get("SITE_ID") or "Plone"]
    setSite(site)
    registry = site.portal_registry
    url = (os.environ.get("VARNISH_URL") or "").rstrip("/")
    registry[PROXIES] = (url,) if url else ()
    registry[ENABLED] = bool(url)
    transaction.commit()
    state = f"on, to {url}" if url else "off"
    print(f"[purging] cache purging {state}", flush=True)


if __name__ == "__main__":
    try:
        main(app)  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
