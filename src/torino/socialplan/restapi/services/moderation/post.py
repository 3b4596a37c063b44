"""Thin: read the query or the JSON body, call consultation/moderation/,
map its errors to 400."""

from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import acknowledge_anchor_changes
from torino.socialplan.consultation.moderation import campaigns
from torino.socialplan.consultation.moderation import moderate_each
from torino.socialplan.restapi.services.base import JSONPostService


class ModerationPost(JSONPostService):
    def handle(self, data):
        changes = moderate_each(
            self.context,
            data.get("items"),
            data.get("transition"),
            reason=data.get("reason"),
            note=data.get("note"),
        )
        return {"items": changes, "items_total": len(changes)}


class AnchorTriagePost(JSONPostService):
    """``{"items": [comment URLs or paths], "action": "seen"}``: mark their
    changes as seen; "accept" or "dismiss" the place where an orphan's quote
    stands again ("candidate" in the GET)."""

    def handle(self, data):
        seen = acknowledge_anchor_changes(
            self.context, data.get("items"), data.get("action") or "seen"
        )
        return {"items": seen, "items_total": len(seen)}


class CampaignsPost(JSONPostService):
    """``{"action": "decide", "campaign": id, "transition", "reason",
    "note"}``: decide every pending member; ``{"action": "split", "items":
    [URLs]}``; ``{"action": "merge", "campaigns": [ids]}``."""

    def handle(self, data):
        action = data.get("action")
        if action == "decide":
            changes = campaigns.decide_campaign(
                self.context,
                data.get("campaign"),
                data.get("transition"),
                reason=data.get("reason"),
                note=data.get("note"),
            )
            return {"items": changes, "items_total": len(changes)}
        if action == "split":
            return {
                "campaign": campaigns.split_campaign(self.context, data.get("items"))
            }
        if action == "merge":
            return {
                "campaign": campaigns.merge_campaigns(
                    self.context, data.get("campaigns")
                )
            }
        raise ContributionError.on(
            "action", _("Choose an action: decide, split or merge.")
        )
