"""The promoters' names, logos and contacts shown in the header and footer,
in the registry (prefix ``torino.socialplan.identity``): *Site setup →
Configuration registry*, or ``plone.api.portal.set_registry_record``.

The logos are placeholders, marked as such on the page, until the bodies
replace them with the address of their own image (a full URL, or a path
from the site root such as ``camera/@@images/logo``)."""

from torino.socialplan import _
from zope import schema
from zope.interface import Interface


PREFIX = "torino.socialplan.identity"
LOGOS = "++theme++torino.socialplan/logos/"
CHAMBER_PLACEHOLDER = LOGOS + "camera-di-commercio-placeholder.svg"
CITY_PLACEHOLDER = LOGOS + "citta-metropolitana-placeholder.svg"


def is_placeholder(logo):
    return (logo or "").startswith(LOGOS) and logo.endswith("-placeholder.svg")


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
    chamber_logo = schema.TextLine(
        title=_("Logo of the Chamber of Commerce"),
        description=_(
            "Address of the image: a full URL, or a path from the site root. "
            "The default is a placeholder, marked as such on the page."
        ),
        default=CHAMBER_PLACEHOLDER,
        required=False,
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
    city_logo = schema.TextLine(
        title=_("Logo of the Metropolitan City"),
        description=_(
            "Address of the image: a full URL, or a path from the site root. "
            "The default is a placeholder, marked as such on the page."
        ),
        default=CITY_PLACEHOLDER,
        required=False,
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
