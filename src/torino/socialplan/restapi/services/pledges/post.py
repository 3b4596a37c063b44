"""Thin: parse JSON, call consultation/pledges.py, map its errors to 4xx."""

from Products.CMFCore.utils import getToolByName
from torino.socialplan.consultation.contributions import submit_in_turn
from torino.socialplan.consultation.contributions.confirmation import is_awaiting
from torino.socialplan.restapi.services.base import JSONPostService


class PledgesPost(JSONPostService):
    def handle(self, data):
        pledge = submit_in_turn("pledge", self.context, data, self.request)
        workflow = getToolByName(self.context, "portal_workflow")
        url = pledge.absolute_url()
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", url)
        return {
            "@id": url,
            "review_state": workflow.getInfoFor(pledge, "review_state", None),
            "awaiting_confirmation": is_awaiting(pledge),
        }
