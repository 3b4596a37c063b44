"""JSON of our types: what plone.restapi gives, plus what the pages show."""

from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.serializer.dxfields import DateTimeFieldSerializer
from Products.CMFCore.utils import getToolByName
from torino.socialplan.base.window import rome_iso
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.interfaces import IBrowserLayer
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IDatetime


@adapter(IDatetime, IPlan, IBrowserLayer)
@implementer(IFieldSerializer)
class RomeDatetimeFieldSerializer(DateTimeFieldSerializer):
    """The consultation dates as editors set them, on the Rome clock."""

    def __call__(self):
        if self.field.interface is not IPlan:
            # Behaviors' dates (effective, expires) keep their own handling.
            return super().__call__()
        return rome_iso(self.get_value())


@implementer(ISerializeToJson)
@adapter(IPlan, IBrowserLayer)
class SerializePlanToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version,
            include_items=include_items,
            include_expansion=include_expansion,
        )
        plan = self.getVersion("current" if version is None else version)
        result["consultation"] = plan.window().as_json()
        return result


@implementer(ISerializeToJson)
@adapter(IInstitution, IBrowserLayer)
class SerializeInstitutionToJson(SerializeToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version,
            include_items=include_items,
            include_expansion=include_expansion,
        )
        workflow = getToolByName(self.context, "portal_workflow")
        result["led_actions"] = [
            {
                "@id": action.absolute_url(),
                "title": action.title,
                "code": action.code,
                "review_state": workflow.getInfoFor(
                    action, "review_state", default=None
                ),
            }
            for action in self.context.led_actions()
        ]
        return result


@implementer(ISerializeToJson)
@adapter(IPledge, IBrowserLayer)
class SerializePledgeToJson(SerializeToJson):
    """A Pledge has no title field: give clients the one listings show."""

    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version,
            include_items=include_items,
            include_expansion=include_expansion,
        )
        result["title"] = self.context.title
        return result
