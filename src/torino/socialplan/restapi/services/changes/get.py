"""Thin: consultation/changes.py's comparison as JSON."""

from AccessControl import Unauthorized
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from torino.socialplan.consultation.changes import changes_json
from torino.socialplan.consultation.changes import may_see_changes


class ChangesGet(Service):
    def reply(self):
        if not may_see_changes(self.context):
            raise Unauthorized("The comparison is public once outcomes are published.")
        return json_compatible(changes_json(self.context))
