"""Thin: read the query or the JSON body, call consultation/outcomes.py, map
its errors to 4xx."""

from plone.restapi.serializer.converters import json_compatible
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import outcome_item
from torino.socialplan.consultation.outcomes import published_entries
from torino.socialplan.consultation.outcomes import record_outcomes
from torino.socialplan.restapi.services.base import BatchedListing
from torino.socialplan.restapi.services.base import JSONPostService


class OutcomesGet(BatchedListing):
    """GET: the Plan's published contributions, newest first, batched;
    filters ``type`` (comment, pledge), ``chapter`` (UID), ``outcome`` (a
    token, or ``none`` for those still unanswered)."""

    def entries(self, form):
        return published_entries(
            self.context,
            kind=form.get("type") or None,
            chapter=form.get("chapter") or None,
            outcome=form.get("outcome") or None,
        )

    def items(self, batch):
        return [
            json_compatible(outcome_item(brain._unrestrictedGetObject()))
            for brain in batch
        ]


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
