"""The "Contribute to this action" form: plain HTML, no JavaScript needed.

Thin: it turns the posted form into the data the contribution pipeline
(``submit``) takes and shows its errors next to their fields.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFPlone.utils import safe_text
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.browser.thanks import thanks_url
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit_in_turn
from torino.socialplan.consultation.contributions.confirmation import is_awaiting
from torino.socialplan.consultation.contributions.outcome_opt_in import OPT_IN
from torino.socialplan.consultation.contributions.pledge_kind import RESOURCE_KEYS
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.content.action import IAction
from torino.socialplan.content.action import published_actions
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.http.methods import FORM
from zope.i18n import translate
from zope.schema import getFieldNamesInOrder


# The fields posted as one text each (actions, resources and consent are
# read on their own).
TEXT_FIELDS = tuple(
    name
    for name in getFieldNamesInOrder(IPledge)
    if name not in ("actions", "resources", "privacy_consent")
)

# Blank resource rows offered without JavaScript (more after a submission).
BLANK_RESOURCE_ROWS = 3

# Errors shown at the top: the honeypot is hidden from people.
TOP = (None, guards.HONEYPOT_FIELD)


class PledgeForm(AllowedMethods, BrowserView):
    allowed_methods = FORM
    template = ViewPageTemplateFile("pledge_form.pt")

    def __call__(self):
        self.plan = containing_plan(self.context)
        self.errors = {}
        self.top_errors = []
        self.values = self.initial_values()
        form = self.request.form
        posted = self.request.method == "POST" and "form.submitted" in form
        if posted and self.submit():
            return ""
        return self.template()

    @property
    def is_action(self):
        return IAction.providedBy(self.context)

    def heading(self):
        if self.is_action:
            return _("Contribute to this action")
        return _("Contribute to the actions of the Plan")

    def closed_message(self):
        """Why the form is not shown, or None while the consultation is open."""
        try:
            guards.check_open(self.plan)
        except ConsultationNotOpen as error:
            return " ".join(message for _field, message in error.messages(self.request))
        return None

    def initial_values(self):
        values = dict.fromkeys(TEXT_FIELDS, "")
        values["actions"] = (
            [api.content.get_uuid(self.context)] if self.is_action else []
        )
        values["resources"] = []
        values["privacy_consent"] = False
        values[OPT_IN] = False
        return values

    def posted_data(self):
        form = self.request.form
        data = {name: safe_text(form.get(name, "")) for name in TEXT_FIELDS}
        data[guards.HONEYPOT_FIELD] = form.get(guards.HONEYPOT_FIELD, "")
        actions = form.get("actions", [])
        data["actions"] = actions if isinstance(actions, list) else [actions]
        data["resources"] = [
            {
                key: safe_text(form.get(f"resources.{index}.{key}", ""))
                for key in RESOURCE_KEYS
            }
            for index in range(self.posted_rows())
        ]
        data["privacy_consent"] = bool(form.get("privacy_consent"))
        data[OPT_IN] = bool(form.get(OPT_IN))
        paper = form.get("position_paper")
        if getattr(paper, "filename", None):  # a file was chosen
            data["position_paper"] = paper
        return data

    def posted_rows(self):
        try:
            count = int(self.request.form.get("resources.count", BLANK_RESOURCE_ROWS))
        except (TypeError, ValueError):
            count = BLANK_RESOURCE_ROWS
        # Rows beyond the policy's limit are posted for the core to refuse
        # with its message, one more than allowed is enough to say so.
        return max(0, min(count, inputs.RESOURCE_ROWS_MAX + 1))

    def submit(self):
        if not api.user.is_anonymous():
            # As the comment form: members' posts need the form's token
            # (403 without); plone.protect would otherwise undo the pledge
            # after the page had thanked for it.
            CheckAuthenticator(self.request)
        data = self.posted_data()
        self.values = dict(data)
        self.values["resources"] = [
            row
            for row in data["resources"]
            if any(isinstance(v, str) and v.strip() for v in row.values())
        ]
        try:
            pledge = submit_in_turn("pledge", self.context, data, self.request)
        except ContributionError as error:
            for field, message in error.messages(self.request):
                if field in TOP:
                    self.top_errors.append(message)
                else:
                    self.errors.setdefault(field, message)
            return False
        outcome = "pledge-awaiting" if is_awaiting(pledge) else "pledge-pending"
        self.request.response.redirect(thanks_url(self.context.absolute_url(), outcome))
        return True

    def error_links(self):
        """The error summary's links: each field in error, in the form's order."""
        targets = {
            "actions": "pledge-action-0",
            "resources": "pledge-resources-0-kind",
        }
        links = []
        for name in getFieldNamesInOrder(IPledge):
            if name in self.errors:
                links.append(
                    {
                        "target": targets.get(name, f"pledge-{name}"),
                        "label": translate(IPledge[name].title, context=self.request),
                        "message": self.errors[name],
                    }
                )
        return links

    def organization_types(self):
        vocabulary = IPledge["organization_type"].bind(self.context).vocabulary
        return [
            {
                "token": term.token,
                "title": translate(term.title, context=self.request),
                "selected": term.token == self.values.get("organization_type"),
            }
            for term in vocabulary
        ]

    def actions(self):
        chosen = set(self.values.get("actions") or ())
        return [
            {
                "uid": api.content.get_uuid(action),
                "code": action.code,
                "title": action.Title(),
                "checked": api.content.get_uuid(action) in chosen,
                "id": f"pledge-action-{index}",
            }
            for index, action in enumerate(published_actions(self.plan))
        ]

    def resource_rows(self):
        rows = list(self.values.get("resources") or ())
        blanks = max(1, BLANK_RESOURCE_ROWS - len(rows))
        rows += [dict.fromkeys(RESOURCE_KEYS, "") for _ in range(blanks)]
        return [dict(row, index=index) for index, row in enumerate(rows)]

    def privacy_url(self):
        return f"{api.portal.get().absolute_url()}/privacy-notice"

    def field_class(self, name):
        return "form-control is-invalid" if name in self.errors else "form-control"
