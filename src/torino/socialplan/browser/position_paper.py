"""@@position-paper on a comment or Pledge: its position paper, for the
public only once the contribution is published, always as an attachment
(never rendered inline), without the metadata that named people."""

from plone import api
from Products.Five.browser import BrowserView
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation.position_papers.attachment import paper_of
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.http.attachments import send_attachment
from torino.socialplan.http.methods import AllowedMethods
from zExceptions import NotFound


class PositionPaperDownload(AllowedMethods, BrowserView):
    def __call__(self):
        obj = self.context
        paper = paper_of(obj)
        if paper is None:
            raise NotFound("No position paper")
        state = api.content.get_state(obj=obj, default=None)
        plan = containing_plan(obj)
        if state != PUBLISHED and not (plan is not None and may_moderate(plan)):
            raise NotFound("No position paper")
        return send_attachment(self.request.response, paper)
