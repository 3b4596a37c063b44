"""``GET {plan}/@consultation``: the window and the published counts; the
shares of outcomes and of accepted ones linked to a change (as @changes); the
moderation counts for moderators only."""

from plone.restapi.services import Service
from torino.socialplan.consultation.changes import may_see_changes
from torino.socialplan.consultation.changes import outcome_figures
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.statistics import consultation_status


class ConsultationGet(Service):
    def reply(self):
        status = consultation_status(
            self.context, moderation=may_moderate(self.context)
        )
        # The outcome figures: public once the outcomes are published, for
        # those who read the report before (as @changes).
        figures = (
            outcome_figures(self.context) if may_see_changes(self.context) else None
        )
        return {
            "@id": f"{self.context.absolute_url()}/@consultation",
            **status,
            "outcome_figures": figures,
        }
