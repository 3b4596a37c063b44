"""Thin: read the query or the JSON body, call consultation/outcomes.py, map
its errors to 4xx."""

from plone.restapi.batching import HypermediaBatch
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import outcome_item
from torino.socialplan.consultation.outcomes import published_entries
from torino.socialplan.consultation.outcomes import record_outcomes
from torino.socialplan.restapi.services.base import batching_error
from torino.socialplan.restapi.services.base import error_reply
from torino.socialplan.restapi.services.base import JSONPostService


class OutcomesGet(Service):
    """GET: the Plan's published contributions, newest first, batched;
    filters ``type`` (comment, pledge), ``chapter`` (UID), ``outcome`` (a
    token, or ``none`` for those still unanswered)."""

    def reply(self):
        problem = batching_error(self.request)
        if problem is not None:
            return error_reply(self.request, problem)
        form = self.request.form
        try:
            entries = published_entries(
                self.context,
                kind=form.get("type") or None,
                chapter=form.get("chapter") or None,
                outcome=form.get("outcome") or None,
            )
        except ContributionError as error:
            return error_reply(self.request, error)
        batch = HypermediaBatch(self.request, entries)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [
                json_compatible(outcome_item(brain._unrestrictedGetObject()))
                for brain in batch
            ],
        }
        if batch.links:
            result["batching"] = batch.links
        return result


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
