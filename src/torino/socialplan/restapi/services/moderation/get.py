"""Thin: read the query or the JSON body, call consultation/moderation/,
map its errors to 400."""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from torino.socialplan.consultation.moderation import anchor_triage
from torino.socialplan.consultation.moderation import audit_by_item
from torino.socialplan.consultation.moderation import describe
from torino.socialplan.consultation.moderation import queue_entries
from torino.socialplan.consultation.moderation.campaigns import campaign_groups
from torino.socialplan.restapi.services.base import BatchedListing


class ModerationGet(BatchedListing):
    def entries(self, form):
        return queue_entries(
            self.context,
            review_state=form.get("review_state") or "pending",
            kind=form.get("type") or None,
            chapter=form.get("chapter") or None,
        )

    def items(self, batch):
        audit = audit_by_item(self.context)
        return [json_compatible(describe(brain, audit)) for brain in batch]


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


class CampaignsGet(Service):
    """The Plan's campaigns for moderators (consultation/moderation/
    campaigns.py); ``?review_state=pending``: those with pending members."""

    def reply(self):
        groups = campaign_groups(
            self.context, review_state=self.request.form.get("review_state") or None
        )
        return {
            "@id": f"{self.context.absolute_url()}/@moderation-campaigns",
            "items_total": len(groups),
            "items": json_compatible(groups),
        }
