"""``@@my-data``: rights without an account (consultation/personal_data/
rights.py). Without a token: a form asking for an e-mail address, answered
the same whether the address is known. With the mailed link's token: what is
stored, downloads (JSON, CSV), withdrawal of pending contributions, erasure.
A GET never changes anything (mail scanners open links); every POST carries
the form's authenticator.

``@@personal-data-requests``: the same for a moderator handling a request
received by post."""

from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.personal_data import rights
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.http.methods import FORM
from zope.interface import alsoProvides

import json


def _messages(error, request):
    return " ".join(message for _field, message in error.messages(request))


class _Rights(AllowedMethods, BrowserView):
    allowed_methods = FORM
    via = "link"
    message = error = result = None
    stored = None

    def no_store(self):
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("Referrer-Policy", "no-referrer")

    def download(self, address, fmt):
        data = rights.export(address, via=self.via)
        response = self.request.response
        if fmt == "csv":
            response.setHeader("Content-Type", "text/csv; charset=utf-8")
            response.setHeader(
                "Content-Disposition", 'attachment; filename="my-data.csv"'
            )
            return rights.export_csv(data)
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Content-Disposition", 'attachment; filename="my-data.json"')
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)

    def act(self, address, action):
        if action == "withdraw":
            count = rights.withdraw(address, via=self.via)
            self.result = _(
                "Withdrawn: ${count} contributions waiting for moderation were "
                "deleted.",
                mapping={"count": count},
            )
        elif action == "erase":
            done = rights.erase(address, via=self.via)
            self.result = _(
                "Erased: ${deleted} contributions deleted, ${anonymised} "
                "published ones kept without your name and e-mail address.",
                mapping=done,
            )
        else:
            return False
        return True

    def summary(self, address):
        counts = {}
        for kind, obj in rights.stored_about(address):
            key = (kind.name, kind.state(obj))
            counts[key] = counts.get(key, 0) + 1
        return [
            {"kind": kind, "state": state, "count": count}
            for (kind, state), count in sorted(counts.items())
        ]


class MyDataView(_Rights):
    template = ViewPageTemplateFile("my_data.pt")

    def __call__(self):
        # Anonymous visitors: the token (a secret) and the form's
        # authenticator guard the writes; plone.protect's automatic check
        # would also refuse the link index's writes on GET (cleanup).
        alsoProvides(self.request, IDisableCSRFProtection)
        self.no_store()
        form = self.request.form
        self.token = form.get("token")
        try:
            if self.token is None:
                if self.request.method == "POST":
                    CheckAuthenticator(self.request)
                    rights.request_link(form.get("email"), self.request)
                    self.message = _(
                        "If this address is in our records, a link has been sent "
                        "to it. It works for ${hours} hours.",
                        mapping={"hours": rights.LINK_HOURS},
                    )
                return self.template()
            address = rights.check_link(self.token)
            if self.request.method == "GET" and form.get("format") in ("json", "csv"):
                return self.download(address, form["format"])
            if self.request.method == "POST":
                CheckAuthenticator(self.request)
                if self.act(address, form.get("action")):
                    rights.use_link(self.token)
                    return self.template()
            self.stored = self.summary(address)
        except ContributionError as error:
            self.request.response.setStatus(error.status)
            retry = getattr(error, "retry_after", None)
            if retry:
                self.request.response.setHeader("Retry-After", str(retry))
            self.error = _messages(error, self.request)
        return self.template()

    def action_url(self):
        return f"{self.context.absolute_url()}/@@{rights.VIEW_NAME}"


class PostalRequestView(_Rights):
    """A moderator acting for a person who wrote by post."""

    template = ViewPageTemplateFile("postal_request.pt")
    via = "moderator"

    def __call__(self):
        self.no_store()
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                address = rights.normalise(form.get("email"))
                action = form.get("action")
                if action in ("json", "csv"):
                    return self.download(address, action)
                if not self.act(address, action):
                    self.stored = self.summary(address)
                    count = sum(row["count"] for row in self.stored)
                    rights.audit("look_up", self.via, count)
            except ContributionError as error:
                self.request.response.setStatus(error.status)
                self.error = _messages(error, self.request)
        return self.template()
