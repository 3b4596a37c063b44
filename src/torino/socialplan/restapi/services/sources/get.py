"""Stock ``@sources/<field>`` for a field that has no source (a TextLine:
``@sources/title``): plone.restapi reads ``field.source`` and answered 500
(AttributeError). Here it answers as it does for a source that is not one:
404. Our layer only."""

from plone.restapi.services.sources.get import get_field_by_name
from plone.restapi.services.sources.get import SourcesGet
from torino.socialplan import _
from zope.i18n import translate


class CheckedSourcesGet(SourcesGet):
    def reply(self):
        if len(self.params) == 1:
            field = get_field_by_name(self.params[0], self.context)
            if field is not None and not hasattr(field, "source"):
                message = _(
                    "The field ${name} has no source.",
                    mapping={"name": self.params[0][:100]},
                )
                return self._error(
                    404, "Not Found", translate(message, context=self.request)
                )
        return super().reply()
