"""``@@confirm-contribution?token=…``: the one-time link of the optional
e-mail confirmation (consultation/contributions/confirmation.py).

GET only shows what will be confirmed, with a button: mail scanners and link
previews fetch links, and must not confirm. POST confirms. The page never
shows the author's e-mail address.
"""

from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions import kind_of
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.http.methods import FORM
from zope.interface import alsoProvides


class ConfirmContributionView(AllowedMethods, BrowserView):
    allowed_methods = FORM
    template = ViewPageTemplateFile("templates/confirm_contribution.pt")

    def __call__(self):
        # The token is the secret an authenticator would be, and anyone
        # holding the link may confirm; cleanup also writes on GET.
        alsoProvides(self.request, IDisableCSRFProtection)
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        # The token is in the URL: links on the page must not pass it on.
        response.setHeader("Referrer-Policy", "no-referrer")
        self.token = self.request.form.get("token")
        self.contribution = None
        self.confirmed = None
        self.error = None
        try:
            if self.request.method == "POST":
                self.confirmed = confirmation.confirm(self.token)
            else:
                try:
                    self.contribution = confirmation.check(self.token)
                finally:
                    confirmation.cleanup()
        except ContributionError as error:
            response.setStatus(error.status)
            self.error = " ".join(
                message for _field, message in error.messages(self.request)
            )
        return self.template()

    def _kind(self, obj):
        return kind_of(obj) if obj is not None else None

    def heading(self):
        kind = self._kind(self.contribution)
        return kind.confirm_heading if kind else _("Confirm your contribution")

    def target(self):
        obj = self.contribution or self.confirmed
        target = self._kind(obj).target_of(obj)
        return {"url": target.absolute_url(), "title": target.Title()}

    def text(self):
        """What the author wrote, so they recognise it (plain text)."""
        obj = self.contribution
        return getattr(obj, self._kind(obj).text_field, None) or ""

    def intro(self):
        return self._kind(self.contribution).confirm_intro

    def thanks(self):
        return self._kind(self.confirmed).confirmed_thanks

    def action_url(self):
        return f"{self.context.absolute_url()}/@@{confirmation.VIEW_NAME}"
