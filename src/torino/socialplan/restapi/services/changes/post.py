"""Thin: link the outcomes of contributions to changes of the text."""

from torino.socialplan import _
from torino.socialplan.consultation.changes import link_changes
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.restapi.services.base import JSONPostService


class ChangesPost(JSONPostService):
    """POST {"items": [contribution ids], "changes": [change keys]}: the
    outcome of each item is linked to exactly those changes ([] unlinks)."""

    def handle(self, data):
        if "changes" not in data:
            # A forgotten key must not unlink what was linked.
            raise ContributionError.on(
                "changes", _("Give the changes, or [] to unlink.")
            )
        linked = link_changes(self.context, data.get("items"), data.get("changes"))
        return {"items": linked, "items_total": len(linked)}
