"""Comments below a Plan, Chapter or Action: the published ones, threaded, a
batch at a time, and while the consultation is open a plain HTML form (no
JavaScript needed) for the whole page or, from a paragraph's marker, for
that paragraph.

Thin: the form posts to ``@@comment-submit``, which turns it into the data
the contribution pipeline (``submit``) takes; on errors it shows the page
again with each error next to its field (or answers JSON to inline.js).

Fast: a page reads the first batch of threads from the conversation's ordered
ids and wakes only the comments it may show; totals come from the catalog and
the per-paragraph counts from the content's stored summary; comments print
their stored HTML.
"""

from pathlib import Path
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.browser.comments.form import FORM_STATE
from torino.socialplan.browser.comments.threads import ANCHOR
from torino.socialplan.browser.comments.threads import BATCH_SIZE
from torino.socialplan.browser.comments.threads import start_of
from torino.socialplan.browser.comments.threads import Threads
from torino.socialplan.browser.comments.threads import ThreadsMixin
from torino.socialplan.browser.thanks import thanks_message
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.commented_paragraphs import inline_summary
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.consultation.contributions.comment_kind import COMMENT
from torino.socialplan.consultation.contributions.comment_kind import comments_enabled
from torino.socialplan.consultation.contributions.outcome_opt_in import OPT_IN
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.position_papers.attachment import max_bytes
from torino.socialplan.consultation.position_papers.attachment import PAPER_FIELD
from torino.socialplan.content.comment_fields import ICommentFields
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID
from zope.i18n import translate
from zope.schema import getFieldNamesInOrder

import functools
import hashlib
import json


PAPER_LABEL = _("Position paper")


def form_fields():
    """The form's fields in its order: the comment's, its position paper
    after its text."""
    fields = list(getFieldNamesInOrder(ICommentFields))
    fields.insert(fields.index(COMMENT.text_field) + 1, PAPER_FIELD)
    return fields


@functools.cache
def module_version():
    """A digest of inline.js as this process serves it."""
    data = (Path(__file__).parent.parent / "static" / "inline.js").read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def compact_highlights(highlights):
    """The published passages for inline.js, one short array each: [comment,
    paragraph, start, end], or [comment, paragraph] for a whole paragraph (a
    page with a hundred sent each as an object with its keys spelled out)."""
    return [
        [h["comment"], h["paragraph"]]
        if h["whole"]
        else [h["comment"], h["paragraph"], h["start"], h["end"]]
        for h in highlights or ()
    ]


class CommentsViewlet(ThreadsMixin, ViewletBase):
    index = ViewPageTemplateFile("comments.pt")

    # The form's maxlength attributes, from the schema the core validates.
    text_max_length = ICommentFields["text"].max_length
    name_max_length = ICommentFields["first_name"].max_length
    organization_max_length = ICommentFields["organization"].max_length
    email_max_length = ICommentFields["author_email"].max_length

    def update(self):
        super().update()
        self.plan = containing_plan(self.context)
        self.enabled = comments_enabled(self.context, self.request)
        state = self.request.get(FORM_STATE) or {}
        self.values = state.get("values") or {"privacy_consent": False}
        self.errors = state.get("errors") or {}
        self.top_errors = state.get("top_errors") or []
        self.reader = Threads(self.context, self.request)
        self.start = start_of(self.request)
        comments, self.more = self.reader.batch(self.start)
        self.threads = [self.reader.tree(comment) for comment in comments]
        self.total = self.reader.count() if (self.threads or self.start) else 0
        self.summary = inline_summary(self.context)
        self.reply_to = self.reply_target(
            state.get("in_reply_to") or self.request.form.get("reply_to")
        )
        self.passage = None if self.reply_to else self.chosen_passage(state)
        self.thanks = thanks_message(self.request, "comment")
        own = self.request.form.get("comment")
        self.own_comment = own if self.thanks and own and str(own).isdigit() else None

    def available(self):
        return bool(self.threads or self.start or self.enabled)

    def chosen_passage(self, state):
        """The paragraph or passage the form is about: from a marker's link
        (``?paragraph=``) or from a submission shown again with errors."""
        values = state.get("values") or {}
        anchor = values.get("anchor")
        if isinstance(anchor, dict) and anchor.get("exact"):
            position = anchor.get("position") or {}
            return {
                "kind": "anchor",
                "text": anchor["exact"],
                "fields": {
                    "anchor_exact": anchor.get("exact"),
                    "anchor_prefix": anchor.get("prefix", ""),
                    "anchor_suffix": anchor.get("suffix", ""),
                    "anchor_start": position.get("start", ""),
                    "anchor_end": position.get("end", ""),
                },
            }
        paragraph_id = values.get("paragraph") or self.request.form.get("paragraph")
        if not paragraph_id or not isinstance(paragraph_id, str):
            return None
        for paragraph in paragraphs(self.context):
            if paragraph.id == paragraph_id:
                return {
                    "kind": "paragraph",
                    "text": paragraph.text,
                    "fields": {"paragraph": paragraph.id},
                }
        if "paragraph" in self.errors:
            # Posted, and gone since: keep the error next to where it was.
            return {"kind": "paragraph", "text": None, "fields": {}}
        return None

    def error_links(self):
        """The error summary's links: each field in error, in the form's order."""
        links = []
        for name in form_fields():
            if name in self.errors:
                if name == PAPER_FIELD:
                    label = translate(PAPER_LABEL, context=self.request)
                else:
                    label = translate(ICommentFields[name].title, context=self.request)
                links.append(
                    {
                        "target": f"comment-{name}",
                        "label": label,
                        "message": self.errors[name],
                    }
                )
        passage = self.passage_error()
        if passage:
            links.insert(
                0,
                {
                    "target": "formfield-comment-passage",
                    "label": translate(_("Passage"), context=self.request),
                    "message": passage,
                },
            )
        return links

    def passage_error(self):
        return self.errors.get("anchor") or self.errors.get("paragraph")

    def open_form(self):
        return bool(self.enabled and self.closed_message() is None)

    def has_inline(self):
        return bool(self.summary.get("counts"))

    def module_wanted(self):
        """inline.js is for pages with the form or inline comments."""
        return bool(self.open_form() or self.has_inline() or self.more)

    def organization_types(self):
        return self.reader.organization_types()

    def organization_type_options(self):
        chosen = self.values.get("organization_type")
        return [
            {
                "token": term.token,
                "title": translate(term.title, context=self.request),
                "selected": term.token == chosen,
            }
            for term in self.organization_types()
        ]

    def closed_message(self):
        """Why no comment is accepted now, or None while the consultation is open."""
        if self.plan is None:
            return None
        if not hasattr(self, "_closed"):
            try:
                guards.check_open(self.plan)
            except ConsultationNotOpen as error:
                self._closed = " ".join(
                    message for _field, message in error.messages(self.request)
                )
            else:
                self._closed = None
        return self._closed

    def reply_target(self, comment_id):
        """The published comment the form replies to, if any."""
        try:
            comment = self.reader.published(int(comment_id))
        except (TypeError, ValueError):
            return None
        return self.reader.describe(comment) if comment is not None else None

    def previous_url(self):
        if not self.start:
            return None
        start = max(0, self.start - BATCH_SIZE)
        return self.load_more_url(start) if start else f"{self.context_url()}#{ANCHOR}"

    def next_start(self):
        return self.start + BATCH_SIZE

    def privacy_url(self):
        return f"{api.portal.get().absolute_url()}/{PRIVACY_NOTICE_ID}"

    def module_url(self):
        """inline.js at an address that changes with its content
        (``++webresource++``, as Plone's bundles): a browser never runs a
        cached copy older than the page's config."""
        return (
            f"{api.portal.get().absolute_url()}/++webresource++{module_version()}"
            "/++plone++torino.socialplan/inline.js"
        )

    def is_anonymous(self):
        return api.user.is_anonymous()

    def described_by(self, name, with_help):
        """The ids of the help text and error of field ``name`` that exist."""
        ids = [f"comment-{name}-help"] if with_help else []
        if name in self.errors:
            ids.append(f"comment-{name}-error")
        return " ".join(ids) or None

    def paper_max_mb(self):
        return max_bytes() // (1024 * 1024)

    def field_class(self, name, base="form-control"):
        return f"{base} is-invalid" if name in self.errors else base

    def config(self):
        """What inline.js needs, as JSON safe inside a <script> element."""

        def text(message):
            return translate(message, context=self.request)

        fields = form_fields()
        data = {
            "fields": fields,
            "personal": [
                *(name for name in fields if name != COMMENT.text_field),
                OPT_IN,
            ],
            "open": self.open_form(),
            "language": api.portal.get_current_language(context=self.context),
            "highlights": compact_highlights(self.summary.get("highlights")),
            "urls": {
                "inline": f"{self.context_url()}/@@inline-comments",
                "batch": f"{self.context_url()}/@@comments-batch",
                "submit": f"{self.context_url()}/@@comment-submit",
            },
            "strings": {
                "selection": text(_("Comment on the selected passage")),
                "panel": text(_("Comments on this paragraph")),
                "close": text(_("Close")),
                "loading": text(_("Loading comments…")),
                "loadError": text(
                    _("The comments could not be loaded. Please try again later.")
                ),
                "quote": text(_("Your comment is about:")),
                "choose": text(_("Choose a passage")),
                "whole": text(_("The whole paragraph")),
                "selected": text(_("The selected passage")),
                "viewAll": text(_("View all comments")),
                "highlight": text(_("Commented passage: open its comment")),
                "sendError": text(
                    _("Your comment could not be sent. Please try again later.")
                ),
                "errors": text(
                    _("Please correct the errors shown next to the fields.")
                ),
            },
        }
        # "</script>" or "<!--" in a value must not end the element early.
        return (
            json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )
