"""The words browser/static/staff.js gives Plone's stock widgets, translated,
on the pages of signed-in users."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from torino.socialplan import _
from zope.i18n import translate

import json


STRINGS = {
    "editor": _("Text editor"),
    "format": _("Text format"),
    "home": _("Site root"),
    "remove": _("Remove"),
    "row": _("row"),
}


class StaffStringsViewlet(ViewletBase):
    def render(self):
        if api.user.is_anonymous():
            return ""
        data = {
            key: translate(message, context=self.request)
            for key, message in STRINGS.items()
        }
        text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
        return (
            '<script id="socialplan-staff-strings" type="application/json">'
            f"{text}</script>"
        )
