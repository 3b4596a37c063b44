"""Site Setup → Personal data and legal pages → Retention: what a run of the
retention periods would erase now, and a button that runs it (the same as
``make purge-personal-data``)."""

from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan.consultation.personal_data.record import record
from torino.socialplan.consultation.personal_data.retention import purge
from torino.socialplan.consultation.personal_data.retention import run_state
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.http.methods import FORM

import json


# A run from the control panel stops after this long (one request, one
# transaction, batches in savepoints) and says how far it got; "Apply" again
# goes on. `make purge-personal-data` has no limit.
VIEW_SECONDS = 30


class RetentionView(AllowedMethods, BrowserView):
    allowed_methods = FORM
    template = ViewPageTemplateFile("retention.pt")
    done = None

    def __call__(self):
        if self.request.method == "POST" and "apply" in self.request.form:
            CheckAuthenticator(self.request)
            self.done = purge(seconds=VIEW_SECONDS).as_json()
        # Bounded too: over tens of thousands of contributions the preview
        # counts what it finds within the limit and says so.
        self.preview = purge(dry_run=True, seconds=VIEW_SECONDS)
        self.last_run = run_state()
        return self.template()


class RecordOfProcessingView(AllowedMethods, BrowserView):
    """The record of processing (art. 30), as a JSON download."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader(
            "Content-Disposition", 'attachment; filename="record-of-processing.json"'
        )
        response.setHeader("Cache-Control", "no-store")
        return json.dumps(record(), ensure_ascii=False, indent=2, default=str)
