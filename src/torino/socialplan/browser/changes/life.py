"""@@plan-life: where the Plan stands in its life, the approvals of its
promoting bodies (each body's editors record their own) and the next step
(for its editors). @@plan-life-act?body=UID: an approval act's PDF."""

from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from torino.socialplan import _
from torino.socialplan.base.plan_stages import ANALYSIS
from torino.socialplan.base.plan_stages import STAGE_TITLES
from torino.socialplan.base.plan_stages import STAGES
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.consultation import changes
from torino.socialplan.consultation import plan_stages
from torino.socialplan.http.methods import FORM
from zExceptions import NotFound
from zope.i18nmessageid import Message


class PlanLifeView(SocialPlanView):
    allowed_methods = FORM

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "move_on" in form:
                to = form.get("to")
                self.act(
                    lambda: plan_stages.move_on(self.context, to),
                    lambda stage: Message(
                        _("The Plan moved on to: ${stage}."),
                        mapping={"stage": self.translate(STAGE_TITLES[stage])},
                    ),
                )
            elif "record_approval" in form:
                self.act(self.record_approval, lambda _r: _("Approval recorded."))
            self.request.response.redirect(f"{self.context.absolute_url()}/@@plan-life")
            return ""
        return self.index()

    def record_approval(self):
        form = self.request.form
        upload = form.get("act_pdf")
        pdf = None
        if upload is not None and getattr(upload, "filename", None):
            pdf = (upload.filename, upload.read())
        return plan_stages.record_approval(
            self.context,
            form.get("body"),
            form.get("deciding_body"),
            form.get("act_number"),
            form.get("act_date"),
            act_url=form.get("act_url"),
            act_pdf=pdf,
        )

    def stage(self):
        return plan_stages.stage(self.context)

    def stages(self):
        current = self.stage()
        return [
            {
                "id": stage,
                "title": STAGE_TITLES[stage],
                "current": stage == current,
                "done": STAGES.index(stage) < STAGES.index(current),
            }
            for stage in STAGES
        ]

    def next_stage(self):
        stage = plan_stages.next_stage(self.context)
        if stage is None or not plan_stages.may_move_on(self.context):
            return None
        return {"id": stage, "title": STAGE_TITLES[stage]}

    def approvals(self):
        in_analysis = self.stage() == ANALYSIS
        rows = []
        for row in plan_stages.approvals(self.context):
            record = row["approval"]
            rows.append(
                {
                    **row,
                    "may_record": in_analysis
                    and plan_stages.may_record_approval(row["institution"]),
                    "date_label": (
                        self.format_date(record["act_date"]) if record else None
                    ),
                    "pdf_url": (
                        f"{self.context.absolute_url()}/@@plan-life-act"
                        f"?body={row['uid']}"
                        if record and record.get("act_pdf") is not None
                        else None
                    ),
                }
            )
        return rows

    def missing_outcomes(self):
        return len(plan_stages.missing_outcomes(self.context))

    def unlinked(self):
        return changes.unlinked_taken_in(self.context)

    def log(self):
        return list(reversed(plan_stages.life_log(self.context)))

    def stage_title(self, stage):
        return STAGE_TITLES.get(stage, stage) if stage else ""


class ApprovalActDownload(SocialPlanView):
    """An approval act's PDF: public like the Plan (acts are public)."""

    def __call__(self):
        body = self.request.form.get("body")
        for row in plan_stages.approvals(self.context):
            record = row["approval"]
            if row["uid"] == body and record and record.get("act_pdf") is not None:
                pdf = record["act_pdf"]
                response = self.request.response
                response.setHeader("Content-Type", "application/pdf")
                response.setHeader(
                    "Content-Disposition", f'attachment; filename="{pdf.filename}"'
                )
                response.setHeader("Content-Length", str(pdf.getSize()))
                return stream_data(pdf)
        raise NotFound("No such act.")
