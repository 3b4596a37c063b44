"""Thin: consultation/changes.py's comparison as JSON; ``?show=`` filters it
as the page does ("contributed": changes that came from contributions;
"unchanged": contributions that changed nothing)."""

from AccessControl import Unauthorized
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from torino.socialplan.consultation.changes import changes_json
from torino.socialplan.consultation.changes import may_see_changes
from torino.socialplan.consultation.changes import SHOW
from zExceptions import BadRequest


class ChangesGet(Service):
    def reply(self):
        if not may_see_changes(self.context):
            raise Unauthorized("The comparison is public once outcomes are published.")
        show = self.request.form.get("show", "")
        if show not in SHOW:
            raise BadRequest(
                "Unknown value of show: give 'contributed' (changes that came "
                "from contributions), 'unchanged' (contributions that changed "
                "nothing) or nothing (every change)."
            )
        return json_compatible(changes_json(self.context, show))
