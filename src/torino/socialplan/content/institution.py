"""The institutional page of a promoting body."""

from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobImage
from plone.schema import Email
from plone.supermodel import model
from torino.socialplan import _
from zc.relation.interfaces import ICatalog
from zope import schema
from zope.component import queryUtility
from zope.security import checkPermission
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


@implementer(IInstitution)
class Institution(Item):
    def led_actions(self):
        """The Actions this body leads that the current user may view, by code."""
        intids = queryUtility(IIntIds)
        relations = queryUtility(ICatalog)
        if intids is None or relations is None:
            return []
        try:
            to_id = intids.getId(self)
        except KeyError:
            return []
        actions = []
        for relation in relations.findRelations({
            "to_id": to_id,
            "from_attribute": "lead_institutions",
        }):
            action = relation.from_object
            if action is not None and checkPermission("zope2.View", action):
                actions.append(action)
        return sorted(actions, key=lambda action: action.code or "")
