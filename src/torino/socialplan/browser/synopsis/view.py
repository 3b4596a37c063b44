"""@@synopsis on a Plan: the synopsis report for the governing bodies.

GET shows the status of the PDF in the language asked (``lang``, it or en;
the page's language by default): a form to build it (POST, CSRF-protected),
the progress while it builds ("chapter 3 of 9", polled from
``?status=json``), or the download (``?download=1``). GET never writes.
"""

from plone import api
from plone.protect import CheckAuthenticator
from torino.socialplan import _
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.consultation import synopsis
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.http.attachments import send_attachment
from torino.socialplan.http.methods import FORM
from zExceptions import NotFound

import json


class SynopsisView(SocialPlanView):
    allowed_methods = FORM

    def __call__(self):
        self.error = None
        try:
            synopsis.check_access(self.context)
            self.lang = synopsis.check_language(self.requested_language())
        except ContributionError as error:
            self.request.response.setStatus(error.status)
            self.error = [message for _field, message in error.messages(self.request)]
            self.lang = None
            return self.index()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            synopsis.start(self.context, self.lang)
            self.request.response.redirect(self.url())
            return ""
        if self.request.form.get("status") == "json":
            self.request.response.setHeader("Content-Type", "application/json")
            self.request.response.setHeader("Cache-Control", "no-store")
            return json.dumps(self.status_json())
        if self.request.form.get("download"):
            return self.download()
        self.request.response.setHeader("Cache-Control", "no-store")
        return self.index()

    def requested_language(self):
        lang = self.request.form.get("lang")
        if lang is None:
            current = api.portal.get_current_language(context=self.context) or "it"
            lang = current.split("-")[0]
            return lang if lang in synopsis.LANGUAGES else "it"
        return lang

    def url(self, **params):
        query = "&".join(f"{k}={v}" for k, v in {"lang": self.lang, **params}.items())
        return f"{self.context.absolute_url()}/@@synopsis?{query}"

    def status(self):
        return synopsis.status(self.context, self.lang)

    def progress_label(self, status=None):
        status = status or self.status()
        if status["status"] != synopsis.BUILDING:
            return ""
        if status["done"] >= status["total"] - 1 and not status["current"]:
            return self.translate(_("Setting the pages of the PDF…"))
        return self.translate(
            _(
                "Chapter ${number} of ${total}: ${title}",
                mapping={
                    "number": status["done"] + 1,
                    "total": max(1, status["total"] - 1),
                    "title": status["current"] or "",
                },
            )
        )

    def status_json(self):
        status = self.status()
        return {**status, "label": self.progress_label(status)}

    def languages(self):
        return [
            {"code": "it", "title": "Italiano", "url": self.url_for("it")},
            {"code": "en", "title": "English", "url": self.url_for("en")},
        ]

    def url_for(self, lang):
        return f"{self.context.absolute_url()}/@@synopsis?lang={lang}"

    def download(self):
        entry = synopsis.record(self.context, self.lang)
        if entry is None or entry.get("pdf") is None:
            raise NotFound("The synopsis has not been built yet.")
        return send_attachment(self.request.response, entry["pdf"], no_store=True)
