"""The promoters' header and footer. The theme's rules (static/rules.xml)
move them in place of Plone's logo and footer portlets; the settings come
from the registry (settings.py)."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.registry.interfaces import IRegistry
from torino.socialplan import _
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID
from torino.socialplan.theme.logos import logo_url
from torino.socialplan.theme.pages import ACCESSIBILITY_ID
from torino.socialplan.theme.pages import LEGAL_NOTES_ID
from torino.socialplan.theme.settings import BODIES
from torino.socialplan.theme.settings import ISiteIdentity
from torino.socialplan.theme.settings import PREFIX
from zope.component import getUtility

import re


def identity():
    """The settings but the logos (logos.py) as a dict; a site not upgraded
    yet gets the defaults."""
    registry = getUtility(IRegistry)
    values = {}
    for name, field in ISiteIdentity.namesAndDescriptions():
        if name.endswith("_logo"):
            continue
        record = f"{PREFIX}.{name}"
        values[name] = registry.get(record, field.default)
    return values


class IdentityMixin:
    def bodies(self):
        values = identity()
        portal_url = api.portal.get().absolute_url()
        bodies = []
        for key in BODIES:
            logo, placeholder = logo_url(key, portal_url)
            phone = values[f"{key}_phone"] or ""
            bodies.append(
                {
                    "key": key,
                    "name": values[f"{key}_name"],
                    "url": values[f"{key}_url"],
                    "logo": logo,
                    "placeholder": placeholder,
                    "address": [
                        line.strip()
                        for line in (values[f"{key}_address"] or "").splitlines()
                        if line.strip()
                    ],
                    "email": values[f"{key}_email"],
                    "phone": phone,
                    "tel": re.sub(r"[^+\d]", "", phone),
                }
            )
        return bodies


class IdentityViewlet(IdentityMixin, ViewletBase):
    """The slim bar with the promoters' names, and the brand: their logos,
    the site's title; the navigation buttons labelled in the visitor's
    language (Bootstrap's stock labels are English)."""

    def update(self):
        super().update()
        self.site_title = api.portal.get().Title()


class FooterViewlet(IdentityMixin, ViewletBase):
    """The promoters' contacts and the legal pages."""

    def links(self):
        portal = api.portal.get()
        pages = (
            (PRIVACY_NOTICE_ID, _("Privacy notice")),
            (LEGAL_NOTES_ID, _("Legal notes")),
            (ACCESSIBILITY_ID, _("Accessibility statement")),
        )
        links = []
        for page_id, title in pages:
            page = portal.get(page_id)
            if page is not None and api.user.has_permission("View", obj=page):
                links.append({"url": page.absolute_url(), "title": title})
        links.append(
            {"url": f"{portal.absolute_url()}/sitemap", "title": _("Site map")}
        )
        return links
