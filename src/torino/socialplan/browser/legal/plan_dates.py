"""Opening a consultation while the legal pages lack a fact is refused where
an editor opens it: a Plan's "Consultation opens" date in the past or today,
in the add and edit forms, gets a clear message naming what is missing.
(Contributions are refused too, whatever the dates: consultation/guards.py.)"""

from torino.socialplan import _
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.legal import settings
from torino.socialplan.content.plan import IPlan
from z3c.form import validator
from zope.i18n import translate
from zope.interface import Invalid


class OpensOnlyWhenLegalPagesComplete(validator.SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        start = as_rome(value)
        if start is None or start > now_in_rome():
            return
        missing = settings.missing_titles()
        if missing:
            titles = "; ".join(translate(t, context=self.request) for t in missing)
            raise Invalid(
                _(
                    "The consultation cannot open before the privacy notice and "
                    "the accessibility statement are complete (Site Setup → "
                    "Personal data and legal pages). Missing: ${titles}.",
                    mapping={"titles": titles},
                )
            )


validator.WidgetValidatorDiscriminators(
    OpensOnlyWhenLegalPagesComplete, field=IPlan["consultation_start"]
)
