"""``GET {plan}/@consultation``: the window and the published counts; the
moderation counts for moderators only."""

from plone.restapi.services import Service
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.statistics import consultation_status


class ConsultationGet(Service):
    def reply(self):
        status = consultation_status(
            self.context, moderation=may_moderate(self.context)
        )
        return {"@id": f"{self.context.absolute_url()}/@consultation", **status}
