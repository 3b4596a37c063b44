"""``@@comment-submit``: the posted comment form turned into the data the
contribution pipeline (``submit``) takes. On errors the page is shown again
with each error next to its field, or JSON is answered to inline.js."""

from plone import api
from plone.app.layout.globals.interfaces import IViewView
from plone.protect import CheckAuthenticator
from Products.CMFPlone.utils import safe_text
from Products.Five.browser import BrowserView
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.browser.thanks import MESSAGES
from torino.socialplan.browser.thanks import thanks_url
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit_in_turn
from torino.socialplan.consultation.contributions.confirmation import is_awaiting
from torino.socialplan.consultation.contributions.outcome_opt_in import OPT_IN
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.position_papers.attachment import PAPER_FIELD
from torino.socialplan.content.comment_fields import ICommentFields
from torino.socialplan.http import error_reply
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.http.methods import FORM
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.schema import getFieldNamesInOrder

import json


# What @@comment-submit leaves on the request for the viewlet to show again.
FORM_STATE = "torino.socialplan.comment_form"

# Errors shown at the top of the form: they belong to no visible field.
TOP = (None, guards.HONEYPOT_FIELD, "in_reply_to")


# The hidden fields of a passage chosen on the page (inline.js fills them).
ANCHOR_FIELDS = ("exact", "prefix", "suffix", "start", "end")


def _offset(value):
    """A posted offset as an int; anything else as posted, for the core to
    refuse with its own message."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def posted_anchor(form):
    """The selector of the hidden ``anchor_*`` fields, or None."""
    raw = {name: safe_text(form.get(f"anchor_{name}", "")) for name in ANCHOR_FIELDS}
    if not raw["exact"]:
        return None
    anchor = {"exact": raw["exact"], "prefix": raw["prefix"], "suffix": raw["suffix"]}
    if raw["start"] or raw["end"]:
        anchor["position"] = {
            "start": _offset(raw["start"]),
            "end": _offset(raw["end"]),
        }
    return anchor


def posted_data(form):
    data = {
        name: safe_text(form.get(name, ""))
        for name in getFieldNamesInOrder(ICommentFields)
    }
    data["privacy_consent"] = bool(form.get("privacy_consent"))
    data[OPT_IN] = bool(form.get(OPT_IN))
    data[guards.HONEYPOT_FIELD] = form.get(guards.HONEYPOT_FIELD, "")
    # Both are passed when both are posted: the core refuses that itself.
    anchor = posted_anchor(form)
    if anchor is not None:
        data["anchor"] = anchor
    paper = form.get(PAPER_FIELD)
    if getattr(paper, "filename", None):  # a file was chosen
        data[PAPER_FIELD] = paper
    paragraph = safe_text(form.get("paragraph", ""))
    if isinstance(paragraph, str):
        paragraph = paragraph.strip()
    if paragraph:
        data["paragraph"] = paragraph
    return data


def wants_json(request):
    return "application/json" in (request.getHeader("Accept") or "")


class CommentSubmit(AllowedMethods, BrowserView):
    """Where the comment form posts: thank and redirect, or show the page
    again with the errors. inline.js asks for JSON (Accept) and gets the
    outcome, or the errors by field with the core's status."""

    allowed_methods = FORM

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        if not api.user.is_anonymous():
            # Anonymous posts carry no session to forge; members' do.
            CheckAuthenticator(self.request)
        form = self.request.form
        data = posted_data(form)
        in_reply_to = form.get("in_reply_to") or None
        try:
            comment = submit_in_turn(
                "comment" if in_reply_to is None else "reply",
                self.context,
                data,
                self.request,
                in_reply_to=in_reply_to,
            )
        except ContributionError as error:
            if wants_json(self.request):
                return self.json(error_reply(self.request, error))
            return self.show_errors(data, in_reply_to, error)
        if api.content.get_state(obj=comment, default=None) == PUBLISHED:
            state, outcome = PUBLISHED, "comment-published"
        elif is_awaiting(comment):
            state, outcome = "awaiting_confirmation", "comment-awaiting"
        else:
            state, outcome = "pending", "comment-pending"
        if wants_json(self.request):
            return self.json(
                {
                    "comment_id": str(comment.comment_id),
                    "state": state,
                    "message": translate(MESSAGES[outcome], context=self.request),
                }
            )
        # The thanks next to the form, in view and focused (browser/thanks.py);
        # a published comment is linked from it.
        query = {"comment": comment.comment_id} if state == PUBLISHED else {}
        return self.request.response.redirect(
            thanks_url(self.context.absolute_url(), outcome, **query)
        )

    def json(self, data):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(data)

    def show_errors(self, data, in_reply_to, error):
        errors = {}
        top_errors = []
        for field, message in error.messages(self.request):
            if field in TOP:
                top_errors.append(message)
            else:
                errors.setdefault(field, message)
        values = dict(data)
        # A browser cannot be given a file back: the person chooses it again.
        values.pop(PAPER_FIELD, None)
        # Never echo the honeypot back: a person would not see it to clear it.
        values.pop(guards.HONEYPOT_FIELD, None)
        self.request.set(
            FORM_STATE,
            {
                "values": values,
                "errors": errors,
                "top_errors": top_errors,
                "in_reply_to": in_reply_to,
            },
        )
        page = getMultiAdapter((self.context, self.request), name="view")
        # The comments viewlet shows on "the" view of the content only.
        alsoProvides(page, IViewView)
        return page()
