"""The promoters' names, logos and contacts shown in the header and footer,
in the registry (prefix ``torino.socialplan.identity``), edited in *Site
setup → Promoting bodies* (controlpanel.py, ``@@promoters-controlpanel``) or
over REST (``@controlpanels/socialplan-promoters``).

A logo is an uploaded image kept in its record as Plone keeps its own site
logo (``plone.site_logo``): the file name and the bytes, base64-encoded
(plone.formwidget.namedfile's ``b64encode_file``). logos.py serves it.
Until one is uploaded the header shows a placeholder, marked as such."""

from plone.formwidget.namedfile.converter import b64decode_file
from torino.socialplan import _
from zope import schema
from zope.interface import Interface


PREFIX = "torino.socialplan.identity"
LOGOS = "++theme++torino.socialplan/logos/"
CHAMBER_PLACEHOLDER = LOGOS + "camera-di-commercio-placeholder.svg"
CITY_PLACEHOLDER = LOGOS + "citta-metropolitana-placeholder.svg"


PLACEHOLDERS = {"chamber": CHAMBER_PLACEHOLDER, "city": CITY_PLACEHOLDER}
BODIES = tuple(PLACEHOLDERS)

# The image types a logo may be, told by their first bytes, not by the
# name of the file: {type: test of the first bytes}.
LOGO_TYPES = {
    "image/png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    "image/webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "image/svg+xml": lambda head: b"<svg" in head.lower(),
}
LOGO_MAX_BYTES = 1024 * 1024


def logo_type(data):
    """The MIME type of an image ``data`` a logo may be, or None."""
    head = (data or b"")[:1024]
    for mime_type, test in LOGO_TYPES.items():
        if test(head):
            return mime_type
    return None


def decode_logo(value):
    """(file name, bytes) of a logo record's value; (None, None) if empty."""
    if not value:
        return None, None
    filename, data = b64decode_file(value)
    return filename, data


class InvalidLogo(schema.ValidationError):
    __doc__ = _("The logo must be a PNG, JPEG, GIF, WebP or SVG image of at most 1 MB.")


def valid_logo(value):
    try:
        _filename, data = decode_logo(value)
    except (ValueError, TypeError, IndexError) as error:
        raise InvalidLogo() from error
    if data is not None and (len(data) > LOGO_MAX_BYTES or logo_type(data) is None):
        raise InvalidLogo()
    return True


class ISiteIdentity(Interface):
    chamber_name = schema.TextLine(
        title=_("Name of the Chamber of Commerce"),
        default="Camera di commercio di Torino",
    )
    chamber_url = schema.TextLine(
        title=_("Website of the Chamber of Commerce"),
        default="https://www.to.camcom.it",
        required=False,
    )
    chamber_logo = schema.Bytes(
        title=_("Logo of the Chamber of Commerce"),
        description=_(
            "An image (PNG, JPEG, GIF, WebP or SVG, at most 1 MB), shown in "
            "the header 64 pixels high. Until one is uploaded the "
            "header shows a placeholder, marked as such."
        ),
        required=False,
        constraint=valid_logo,
    )
    chamber_address = schema.Text(
        title=_("Address of the Chamber of Commerce"),
        default="Via Carlo Alberto 16\n10123 Torino",
        required=False,
    )
    chamber_email = schema.TextLine(
        title=_("E-mail of the Chamber of Commerce"),
        default="urp@to.camcom.it",
        required=False,
    )
    chamber_phone = schema.TextLine(
        title=_("Telephone of the Chamber of Commerce"),
        default="+39 011 571 61",
        required=False,
    )
    city_name = schema.TextLine(
        title=_("Name of the Metropolitan City"),
        default="Città metropolitana di Torino",
    )
    city_url = schema.TextLine(
        title=_("Website of the Metropolitan City"),
        default="https://www.cittametropolitana.torino.it",
        required=False,
    )
    city_logo = schema.Bytes(
        title=_("Logo of the Metropolitan City"),
        description=_(
            "An image (PNG, JPEG, GIF, WebP or SVG, at most 1 MB), shown in "
            "the header 64 pixels high. Until one is uploaded the "
            "header shows a placeholder, marked as such."
        ),
        required=False,
        constraint=valid_logo,
    )
    city_address = schema.Text(
        title=_("Address of the Metropolitan City"),
        default="Corso Inghilterra 7\n10138 Torino",
        required=False,
    )
    city_email = schema.TextLine(
        title=_("E-mail of the Metropolitan City"),
        default="urp@cittametropolitana.torino.it",
        required=False,
    )
    city_phone = schema.TextLine(
        title=_("Telephone of the Metropolitan City"),
        default="+39 011 861 2111",
        required=False,
    )
