"""``@@confirm-contribution?token=…``: the one-time link of the optional
e-mail confirmation (consultation/confirmation.py).

GET only shows what will be confirmed, with a button: mail scanners and link
previews fetch links, and must not confirm. POST confirms. The page never
shows the author's e-mail address.
"""

from plone.app.discussion.interfaces import IComment
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.consultation import confirmation
from torino.socialplan.consultation.errors import ContributionError
from zope.interface import alsoProvides


class ConfirmContributionView(BrowserView):
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

    def _is_comment(self, obj):
        return IComment.providedBy(obj)

    def heading(self):
        if self.contribution is not None and not self._is_comment(self.contribution):
            return _("Confirm your pledge")
        if self.contribution is not None:
            return _("Confirm your comment")
        return _("Confirm your contribution")

    def target(self):
        obj = self.contribution or self.confirmed
        target = confirmation.target_of(obj)
        return {"url": target.absolute_url(), "title": target.Title()}

    def text(self):
        """What the author wrote, so they recognise it (plain text)."""
        obj = self.contribution
        if self._is_comment(obj):
            return obj.text or ""
        return obj.contribution or ""

    def intro(self):
        if self._is_comment(self.contribution):
            return _(
                "Press the button to send your comment to the moderators. It "
                "will be published after moderation."
            )
        return _(
            "Press the button to send your pledge to the moderators. It will "
            "be published after moderation."
        )

    def thanks(self):
        if self._is_comment(self.confirmed):
            return _(
                "Thank you: your comment is confirmed and will be published "
                "after moderation."
            )
        return _(
            "Thank you: your pledge is confirmed and will be published after "
            "moderation."
        )

    def action_url(self):
        return f"{self.context.absolute_url()}/@@{confirmation.VIEW_NAME}"
