"""1008 → 1009: the promoters' logos uploaded in *Site setup → Promoting
bodies* (theme/controlpanel.py) instead of typed as addresses; the portal's
time zone is the consultation's, Plone's date formats day month year and
24 hours (profiles/default/registry/dates.xml)."""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.formwidget.namedfile.converter import b64encode_file
from plone.registry.interfaces import IRegistry
from torino.socialplan.theme.settings import BODIES
from torino.socialplan.theme.settings import InvalidLogo
from torino.socialplan.theme.settings import ISiteIdentity
from torino.socialplan.theme.settings import LOGOS
from torino.socialplan.theme.settings import PREFIX
from torino.socialplan.theme.settings import valid_logo
from torino.socialplan.upgrades.to_1005 import _Environ
from zope.component import getUtility

import logging


logger = logging.getLogger("torino.socialplan")
DATES = Path(__file__).parent.parent / "profiles/default/registry/dates.xml"
IMAGES = "/@@images/"


def image_at(portal, address):
    """The (file name, bytes) of the image at ``address`` in the site (a
    path from the site root, absolute or not, or a URL of the site, to an
    image field: ``camera/@@images/logo``, or to an Image); None elsewhere."""
    portal_url = portal.absolute_url()
    if address.startswith(portal_url):
        address = address[len(portal_url) :]
    elif "//" in address:
        return None
    site_path = "/".join(portal.getPhysicalPath())
    if address.startswith(site_path + "/"):
        address = address[len(site_path) :]
    address = "/" + address.strip("/")
    if IMAGES in address:
        path, _sep, rest = address.partition(IMAGES)
        field = rest.split("/")[0]
    else:
        path, field = address, "image"
    obj = portal.unrestrictedTraverse(path.lstrip("/"), None) if path != "/" else None
    image = getattr(obj, field, None) if obj is not None else None
    data = getattr(image, "data", None)
    if not isinstance(data, bytes) or not data:
        return None
    return getattr(image, "filename", None) or field, data


def upload_logos(context):
    """Each logo's address becomes the image it pointed to, stored in the
    record; a placeholder stays a placeholder (an empty record), and an
    address outside the site is dropped with a warning: its image is to be
    uploaded in the control panel."""
    portal = api.portal.get()
    registry = getUtility(IRegistry)
    images = {}
    for key in BODIES:
        record = f"{PREFIX}.{key}_logo"
        address = registry.get(record)
        if isinstance(address, bytes) or not address or address.startswith(LOGOS):
            continue
        found = image_at(portal, address)
        value = b64encode_file(*found) if found else None
        try:
            valid = value is not None and valid_logo(value)
        except InvalidLogo:
            valid = False
        if valid:
            images[key] = value
            logger.info("Logo of %s: the image at %s, now stored", key, address)
        else:
            logger.warning(
                "Logo of %s: %s is no image of the site that a logo may be; "
                "upload it in Site setup → Promoting bodies",
                key,
                address,
            )
    # Logos as images (the other records keep their values).
    for key in BODIES:
        if f"{PREFIX}.{key}_logo" in registry.records:
            del registry.records[f"{PREFIX}.{key}_logo"]
    registry.registerInterface(ISiteIdentity, prefix=PREFIX)
    for key, value in images.items():
        registry[f"{PREFIX}.{key}_logo"] = value


def rome_dates(context):
    """Europe/Rome for Plone too, unless the site was given a zone other
    than UTC; Plone's own date formats, day month year and 24 hours."""
    registry = getUtility(IRegistry)
    zone = registry.get("plone.portal_timezone")
    importer = RegistryImporter(registry, _Environ())
    importer.importDocument(DATES.read_bytes())
    if zone and zone not in ("UTC", "Europe/Rome"):
        registry["plone.portal_timezone"] = zone
        logger.info("Time zone left as set: %s", zone)
    logger.info("Dates: the portal's time zone and Plone's formats")
