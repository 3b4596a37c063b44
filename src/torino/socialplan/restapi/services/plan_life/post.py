"""Thin: POST {"to": stage} takes the Plan to its next stage."""

from plone.restapi.serializer.converters import json_compatible
from torino.socialplan.consultation import plan_stages
from torino.socialplan.restapi.services.base import JSONPostService
from torino.socialplan.restapi.services.plan_life.get import life_json


class PlanLifePost(JSONPostService):
    def handle(self, data):
        plan_stages.move_on(self.context, data.get("to"))
        return json_compatible(life_json(self.context))
