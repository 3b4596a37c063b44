"""Thin: read the query or the JSON body, call consultation/moderation.py,
map its errors to 400."""

from plone.restapi.batching import HypermediaBatch
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import acknowledge_anchor_changes
from torino.socialplan.consultation.moderation import anchor_triage
from torino.socialplan.consultation.moderation import audit_by_item
from torino.socialplan.consultation.moderation import describe
from torino.socialplan.consultation.moderation import moderate
from torino.socialplan.consultation.moderation import queue_entries
from torino.socialplan.restapi.services.base import batching_error
from torino.socialplan.restapi.services.base import error_reply
from torino.socialplan.restapi.services.base import JSONPostService


class ModerationGet(Service):
    def reply(self):
        problem = batching_error(self.request)
        if problem is not None:
            return error_reply(self.request, problem)
        form = self.request.form
        try:
            entries = queue_entries(
                self.context,
                review_state=form.get("review_state") or "pending",
                kind=form.get("type") or None,
                chapter=form.get("chapter") or None,
            )
        except ContributionError as error:
            return error_reply(self.request, error)
        batch = HypermediaBatch(self.request, entries)
        audit = audit_by_item(self.context)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [json_compatible(describe(brain, audit)) for brain in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result


class ModerationPost(JSONPostService):
    def handle(self, data):
        changes = moderate(
            self.context,
            data.get("items"),
            data.get("transition"),
            reason=data.get("reason"),
            note=data.get("note"),
        )
        return {"items": changes, "items_total": len(changes)}


class AnchorTriageGet(Service):
    """The inline comments whose passage an edit moved, changed or
    orphaned, not yet seen by a moderator."""

    def reply(self):
        items = anchor_triage(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@anchor-triage",
            "items_total": len(items),
            "items": json_compatible(items),
        }


class AnchorTriagePost(JSONPostService):
    """``{"items": [comment URLs or paths]}``: mark their changes as seen."""

    def handle(self, data):
        seen = acknowledge_anchor_changes(self.context, data.get("items"))
        return {"items": seen, "items_total": len(seen)}
