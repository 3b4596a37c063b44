"""The consultation's settings, in the registry (profiles/default/registry/
consultation.xml and position_papers.xml), edited in Site Setup →
Consultation settings (browser/consultation_controlpanel.py). Each field's
record is ``torino.socialplan.<field name>``: the modules that read them
name the same records (contributions/confirmation.py,
position_papers/attachment.py)."""

from plone.supermodel import model
from torino.socialplan import _
from zope import schema


PREFIX = "torino.socialplan"


class IConsultationSettings(model.Schema):
    require_email_confirmation = schema.Bool(
        title=_("Require e-mail confirmation of contributions"),
        description=_(
            "If enabled, a new comment or pledge reaches the moderation queue only after its author has opened the one-time link sent to their e-mail address. Contributions not confirmed in time are deleted."  # noqa: E501
        ),
        required=False,
        default=False,
    )
    confirmation_hours = schema.Int(
        title=_("Hours to confirm a contribution"),
        description=_("How long the confirmation link sent to the author stays valid."),
        min=1,
        required=True,
        default=48,
    )
    position_paper_max_mb = schema.Int(
        title=_("Largest position paper (MB)"),
        description=_(
            "The largest PDF, ODT or DOCX document a comment or pledge may carry."
        ),
        min=1,
        max=100,
        required=True,
        default=10,
    )
