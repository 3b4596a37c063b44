"""Thin: consultation/plan_stages.py as JSON."""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from torino.socialplan.consultation import plan_stages


def life_json(plan):
    return {
        "@id": f"{plan.absolute_url()}/@plan-life",
        "stage": plan_stages.stage(plan),
        "next": plan_stages.next_stage(plan),
        "may_move_on": plan_stages.may_move_on(plan),
        "approvals": [
            plan_stages.approval_json(plan, row) for row in plan_stages.approvals(plan)
        ],
        "missing_outcomes": len(plan_stages.missing_outcomes(plan)),
        "log": plan_stages.life_log(plan),
    }


class PlanLifeGet(Service):
    def reply(self):
        return json_compatible(life_json(self.context))
