"""Thin: read the query or the JSON body, call consultation/outcomes.py, map
its errors to 4xx."""

from plone.restapi.serializer.converters import json_compatible
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import record_outcomes
from torino.socialplan.restapi.services.base import JSONPostService


class OutcomesPost(JSONPostService):
    """POST {"items": [ids], "outcome": token or null, "motivation": text}."""

    def handle(self, data):
        if "outcome" not in data:
            # A forgotten key must not clear what was recorded.
            raise ContributionError.on(
                "outcome", _("Give the outcome, or null to clear it.")
            )
        updated = record_outcomes(
            self.context,
            data.get("items"),
            data.get("outcome"),
            data.get("motivation"),
        )
        return {
            "items": [json_compatible(item) for item in updated],
            "items_total": len(updated),
        }
