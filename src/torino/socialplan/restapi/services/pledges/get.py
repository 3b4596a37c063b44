"""Thin: parse JSON, call consultation/pledges.py, map its errors to 4xx."""

from plone.restapi.serializer.converters import json_compatible
from torino.socialplan import _
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.pledges import list_pledges
from torino.socialplan.consultation.pledges import pledge_data
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.consultation.privacy import MODERATOR_PLEDGE_FIELDS
from torino.socialplan.consultation.privacy import PUBLIC_PLEDGE_FIELDS
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.restapi.services.base import BatchedListing
from zope.i18n import translate


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
        fields = MODERATOR_PLEDGE_FIELDS if may_moderate(plan) else PUBLIC_PLEDGE_FIELDS
        if not may_view_email(plan):
            fields = tuple(name for name in fields if name != "email")
        return [self.serialize(brain.getObject(), fields) for brain in batch]

    def serialize(self, pledge, fields):
        data = pledge_data(pledge, fields)
        item = {"@id": pledge.absolute_url(), "@type": "Pledge"}
        for name, value in data.items():
            if name == "organization_type":
                value = dict(
                    value, title=translate(value["title"], context=self.request)
                )
            elif name == "actions":
                value = [
                    {"@id": a.absolute_url(), "code": a.code, "title": a.Title()}
                    for a in value
                ]
            item[name] = json_compatible(value)
        return item
