"""The institutional page of a promoting body."""

from AccessControl import getSecurityManager
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobImage
from plone.schema import Email
from plone.supermodel import model
from torino.socialplan import _
from zc.relation.interfaces import ICatalog
from zope import schema
from zope.component import queryUtility
from zope.interface import implementer
from zope.intid.interfaces import IIntIds


class IInstitution(model.Schema):
    """Title, description and ``text`` come from behaviors."""

    logo = NamedBlobImage(title=_("Logo"), required=False)
    website = schema.URI(title=_("Website"), required=False)
    address = schema.Text(title=_("Address"), required=False)
    email = Email(
        title=_("Public e-mail address"),
        description=_("The body's institutional contact, shown on its page."),
        required=False,
    )
    phone = schema.TextLine(title=_("Phone"), required=False)

    editors_group = schema.Choice(
        title=_("Editors group"),
        description=_(
            "Members of this group edit this page and the Actions this body leads."
        ),
        vocabulary="plone.app.vocabularies.Groups",
        required=False,
    )
    directives.read_permission(editors_group="cmf.ModifyPortalContent")
    directives.write_permission(editors_group="cmf.ManagePortal")


def related_from(obj, attribute):
    """The objects whose relation field ``attribute`` points to ``obj``.

    Unfiltered by security: callers that show the result filter it; the
    catalog's security reindex must reach drafts its user cannot see.
    """
    intids = queryUtility(IIntIds)
    relations = queryUtility(ICatalog)
    if intids is None or relations is None:
        return []
    try:
        to_id = intids.getId(obj)
    except KeyError:
        return []
    query = {"to_id": to_id, "from_attribute": attribute}
    sources = (relation.from_object for relation in relations.findRelations(query))
    return [source for source in sources if source is not None]


@implementer(IInstitution)
class Institution(Item):
    def led_actions(self):
        """The Actions this body leads that the current user may view, by code."""
        # AccessControl, not zope.security: this also runs outside a published
        # request (scripts, upgrade steps, event subscribers in tests), where
        # there is no zope.security interaction.
        security = getSecurityManager()
        actions = [
            action
            for action in related_from(self, "lead_institutions")
            if security.checkPermission("View", action)
        ]
        return sorted(actions, key=lambda action: action.code or "")
