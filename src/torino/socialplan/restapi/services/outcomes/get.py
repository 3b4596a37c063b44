"""Thin: read the query or the JSON body, call consultation/outcomes.py, map
its errors to 4xx."""

from plone.restapi.serializer.converters import json_compatible
from torino.socialplan.consultation.outcomes import outcome_item
from torino.socialplan.consultation.outcomes import published_entries
from torino.socialplan.restapi.services.base import BatchedListing


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
