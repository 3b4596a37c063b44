"""Thin: parse JSON, call consultation/pledges.py, map its errors to 4xx."""

from torino.socialplan import _
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.pledges import list_pledges
from torino.socialplan.consultation.public_view import readable_view
from torino.socialplan.consultation.public_view import Reading
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.restapi.contribution_json import contribution_json
from torino.socialplan.restapi.services.base import BatchedListing


class PledgesGet(BatchedListing):
    def entries(self, form):
        review_state = form.get("review_state") or None
        if review_state is not None and review_state not in CONTRIBUTION_STATES:
            raise ContributionError.on(
                "review_state",
                _(
                    "Unknown state: use one of ${states}.",
                    mapping={"states": ", ".join(CONTRIBUTION_STATES)},
                ),
            )
        return list_pledges(self.context, review_state)

    def items(self, batch):
        plan = containing_plan(self.context)
        reading = Reading()
        return [self.serialize(brain.getObject(), plan, reading) for brain in batch]

    def serialize(self, pledge, plan, reading):
        item = {"@id": pledge.absolute_url(), "@type": "Pledge"}
        item.update(
            contribution_json(readable_view(pledge, plan, reading), self.request)
        )
        return item
