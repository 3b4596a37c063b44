"""Comments below a Plan, Chapter or Action: the published ones, threaded, a
batch at a time, and while the consultation is open a plain HTML form (no
JavaScript needed) for the whole page or, from a paragraph's marker, for
that paragraph.

Thin: the form posts to ``@@comment-submit``, which turns it into the data
``submit_comment`` takes; on errors it shows the page again with each error
next to its field (or answers JSON to inline.js).

Fast: a page reads the first batch of threads from the conversation's ordered
ids and wakes only the comments it may show; totals come from the catalog and
the per-paragraph counts from the content's stored summary; comments print
their stored HTML.
"""

from Acquisition import aq_base
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.layout.globals.interfaces import IViewView
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.CMFPlone.utils import safe_text
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from torino.socialplan import _
from torino.socialplan.base.window import as_rome
from torino.socialplan.browser.base import SocialPlanView
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.anchors import normalize
from torino.socialplan.consultation.comments import comments_enabled
from torino.socialplan.consultation.comments import EMAIL_MAX_LENGTH
from torino.socialplan.consultation.comments import FIELDS
from torino.socialplan.consultation.comments import NAME_MAX_LENGTH
from torino.socialplan.consultation.comments import ORGANIZATION_MAX_LENGTH
from torino.socialplan.consultation.comments import PUBLISHED
from torino.socialplan.consultation.comments import review_state
from torino.socialplan.consultation.comments import submit_comment
from torino.socialplan.consultation.comments import TEXT_MAX_LENGTH
from torino.socialplan.consultation.confirmation import is_awaiting
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.paragraphs import inline_summary
from torino.socialplan.consultation.paragraphs import paragraph_comment_ids
from torino.socialplan.consultation.paragraphs import paragraph_texts
from torino.socialplan.consultation.paragraphs import paragraphs
from torino.socialplan.consultation.paragraphs import passage_now
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.discussion.rendering import comment_html
from torino.socialplan.http import error_reply
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.schema.interfaces import IVocabularyFactory

import json


# What @@comment-submit leaves on the request for the viewlet to show again.
FORM_STATE = "torino.socialplan.comment_form"

# Errors shown at the top of the form: they belong to no visible field.
TOP = (None, guards.HONEYPOT_FIELD, "in_reply_to")

ANCHOR = "socialplan-comments"
FORM_ANCHOR = "socialplan-comment-form"


# Top-level threads per batch, with all their published replies.
BATCH_SIZE = 20
START = "comments_start"

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
    data = {name: safe_text(form.get(name, "")) for name in FIELDS}
    data["privacy_consent"] = bool(form.get("privacy_consent"))
    data[guards.HONEYPOT_FIELD] = form.get(guards.HONEYPOT_FIELD, "")
    # Both are passed when both are posted: the core refuses that itself.
    anchor = posted_anchor(form)
    if anchor is not None:
        data["anchor"] = anchor
    paragraph = safe_text(form.get("paragraph", ""))
    if isinstance(paragraph, str):
        paragraph = paragraph.strip()
    if paragraph:
        data["paragraph"] = paragraph
    return data


def wants_json(request):
    return "application/json" in (request.getHeader("Accept") or "")


def start_of(request):
    try:
        return max(0, int(request.form.get(START, 0)))
    except (TypeError, ValueError):
        return 0


class DateLabels:
    """A comment date on the consultation's clock, with the locale's patterns
    looked up once per page rather than once per comment."""

    def __init__(self, formatter):
        self.locale = formatter.locale()
        self.date_pattern = self.locale.date_formats["long"]
        self.time_pattern = self.locale.time_formats["short"]

    def __call__(self, value):
        value = as_rome(value).replace(microsecond=0)
        day = self.date_pattern.apply(value, self.locale)
        return {
            "iso": value.isoformat(),
            "label": f"{day}, {self.time_pattern.apply(value, self.locale)}",
        }


class Threads:
    """The published comments of ``context``, read from the conversation's
    ordered structures: ``_children`` maps a parent id (0 for the top level)
    to its children's ids, oldest first; ``_comments`` maps ids to comments.
    Only the comments looked at are loaded; each one's state is checked."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.conversation = IConversation(context, None)
        self.workflow = api.portal.get_tool("portal_workflow")
        self.chain = None
        formatter = SocialPlanView(context, request)
        self.dates = DateLabels(formatter)
        self._vocabularies = {}
        self._titles = {}
        self._paragraph_texts = None

    def passage_now(self, comment):
        """The comment's passage as the text reads now, when an edit changed
        its words since it was posted (None otherwise)."""
        if self._paragraph_texts is None:
            self._paragraph_texts = paragraph_texts(self.context)
        now = passage_now(comment, self._paragraph_texts)
        quote = (getattr(comment, "anchor", None) or {}).get("exact")
        return now if now and quote and normalize(now) != normalize(quote) else None

    def published(self, comment_id):
        """The published comment ``comment_id``, acquisition-wrapped, or None."""
        if self.conversation is None:
            return None
        comment = self.conversation._comments.get(comment_id)
        if comment is None:
            return None
        comment = comment.__of__(self.conversation)
        if self.chain is None:
            self.chain = self.workflow.getChainFor(comment)
        if not self.chain:
            return comment  # no moderation workflow: every comment is public
        status = self.workflow.getStatusOf(self.chain[0], comment) or {}
        return comment if status.get("review_state") == PUBLISHED else None

    def children(self, comment_id):
        if self.conversation is None:
            return ()
        return self.conversation._children.get(comment_id) or ()

    def batch(self, start=0, size=BATCH_SIZE):
        """The top-level published comments ``start`` to ``start + size``, and
        whether more follow."""
        shown = []
        seen = 0
        for comment_id in self.children(0):
            comment = self.published(comment_id)
            if comment is None:
                continue
            if seen >= start + size:
                return shown, True
            if seen >= start:
                shown.append(comment)
            seen += 1
        return shown, False

    def tree(self, comment, prefix="comment-"):
        """``comment`` described, with its published replies (a reply to a
        comment no longer published is not shown at all)."""
        node = self.describe(comment, prefix)
        for child_id in self.children(comment.comment_id):
            child = self.published(child_id)
            if child is not None:
                node["replies"].append(self.tree(child, prefix))
        return node

    def describe(self, comment, prefix="comment-"):
        # Read attributes off the bare comment: a missing one (an older
        # comment without `outcome`, say) must not be acquired from the
        # content or the site, which is also slow.
        base = aq_base(comment)
        first = getattr(base, "first_name", None)
        last = getattr(base, "last_name", None)
        name = " ".join(filter(None, (first, last))) or base.author_name
        anchor = getattr(base, "anchor", None) or None
        orphaned = bool(anchor and getattr(base, "orphaned", False))
        paragraph = getattr(base, "paragraph", None) if anchor else None
        return {
            "id": base.comment_id,
            "anchor": f"{prefix}{base.comment_id}",
            "name": name,
            "organization": getattr(base, "organization", None),
            "organization_type": self.term_title(
                ORGANIZATION_TYPES_VOCABULARY, getattr(base, "organization_type", None)
            ),
            "date": self.dates(base.creation_date),
            "html": comment_html(base),
            "quote": anchor.get("exact") if isinstance(anchor, dict) else None,
            "now": self.passage_now(base) if anchor and not orphaned else None,
            "orphaned": orphaned,
            "paragraph": None if orphaned else paragraph,
            "outcome": self.term_title(
                OUTCOMES_VOCABULARY, getattr(base, "outcome", None)
            ),
            "outcome_motivation": getattr(base, "outcome_motivation", None),
            "replies": [],
        }

    def vocabulary(self, name):
        if name not in self._vocabularies:
            factory = queryUtility(IVocabularyFactory, name)
            self._vocabularies[name] = factory(self.context) if factory else None
        return self._vocabularies[name]

    def organization_types(self):
        return self.vocabulary(ORGANIZATION_TYPES_VOCABULARY)

    def term_title(self, vocabulary, token):
        """The translated title of ``token``, looked up once per page."""
        if not token:
            return None
        key = (vocabulary, token)
        if key not in self._titles:
            terms = self.vocabulary(vocabulary)
            try:
                term = terms.getTermByToken(token) if terms else None
            except LookupError:
                term = None
            self._titles[key] = (
                translate(term.title, context=self.request) if term else None
            )
        return self._titles[key]

    def count(self):
        """How many comments are published here: the catalog's metadata of
        the content (``total_comments`` counts what Anonymous may view, and is
        reindexed on each comment's transition), no search needed."""
        catalog = api.portal.get_tool("portal_catalog")
        try:
            metadata = catalog.getMetadataForUID(
                "/".join(self.context.getPhysicalPath())
            )
        except KeyError:  # not catalogued
            return 0
        return metadata.get("total_comments") or 0


# The fixed words of each comment shown, translated once per page.
LABELS = {
    "passage": _("On the passage:"),
    "orphaned": _(
        "The passage this comment referred to is no longer in the text. It read:"
    ),
    "changed": _("The passage has since changed. It now reads:"),
    "go": _("Go to the paragraph"),
    "outcome": _("Outcome:"),
    "reply": _("Reply"),
    "more": _("More comments"),
    "load": _("Load more comments"),
    "earlier": _("Back to the earlier comments"),
}


class ThreadsMixin:
    """What the viewlet and the fragment views share to show comments."""

    threads_template = ViewPageTemplateFile("threads.pt")
    _labels = None

    def labels(self):
        if self._labels is None:
            self._labels = {
                key: translate(message, context=self.request)
                for key, message in LABELS.items()
            }
        return self._labels

    def context_url(self):
        return self.context.absolute_url()

    def reply_url(self, node):
        return f"{self.context_url()}?reply_to={node['id']}#{FORM_ANCHOR}"

    def load_more_url(self, start):
        return f"{self.context_url()}?{START}={start}#{ANCHOR}"

    def batch_url(self, start):
        return f"{self.context_url()}/@@comments-batch?{START}={start}"


class CommentsViewlet(ThreadsMixin, ViewletBase):
    index = ViewPageTemplateFile("comments.pt")

    text_max_length = TEXT_MAX_LENGTH
    name_max_length = NAME_MAX_LENGTH
    organization_max_length = ORGANIZATION_MAX_LENGTH
    email_max_length = EMAIL_MAX_LENGTH

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
                guards.check_window(self.plan)
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
        return f"{api.portal.get().absolute_url()}/++plone++torino.socialplan/inline.js"

    def is_anonymous(self):
        return api.user.is_anonymous()

    def described_by(self, name, with_help):
        """The ids of the help text and error of field ``name`` that exist."""
        ids = [f"comment-{name}-help"] if with_help else []
        if name in self.errors:
            ids.append(f"comment-{name}-error")
        return " ".join(ids) or None

    def field_class(self, name, base="form-control"):
        return f"{base} is-invalid" if name in self.errors else base

    def config(self):
        """What inline.js needs, as JSON safe inside a <script> element."""

        def text(message):
            return translate(message, context=self.request)

        data = {
            "open": self.open_form(),
            "language": api.portal.get_current_language(context=self.context),
            "highlights": list(self.summary.get("highlights") or ()),
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
            json.dumps(data, ensure_ascii=False)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )


class CommentSubmit(BrowserView):
    """Where the comment form posts: thank and redirect, or show the page
    again with the errors. inline.js asks for JSON (Accept) and gets the
    outcome, or the errors by field with the core's status."""

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
            comment = submit_comment(
                self.context, data, self.request, in_reply_to=in_reply_to
            )
        except ContributionError as error:
            if wants_json(self.request):
                return self.json(error_reply(self.request, error))
            return self.show_errors(data, in_reply_to, error)
        if review_state(comment) == PUBLISHED:
            state = PUBLISHED
            message = _("Your comment has been published.")
            anchor = f"comment-{comment.comment_id}"
        elif is_awaiting(comment):
            state = "awaiting_confirmation"
            message = _(
                "Check your e-mail: open the link we sent you to confirm your "
                "comment. It will be published after moderation."
            )
            anchor = ANCHOR
        else:
            state = "pending"
            message = _("Thank you: your comment will be published after moderation.")
            anchor = ANCHOR
        if wants_json(self.request):
            return self.json(
                {
                    "comment_id": str(comment.comment_id),
                    "state": state,
                    "message": translate(message, context=self.request),
                }
            )
        IStatusMessage(self.request).add(message, "info")
        return self.request.response.redirect(f"{self.context.absolute_url()}#{anchor}")

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


class FragmentView(ThreadsMixin, BrowserView):
    """An HTML fragment for inline.js: never themed, never cached publicly."""

    def __call__(self):
        self.reader = Threads(self.context, self.request)
        self.open_form = bool(
            comments_enabled(self.context, self.request) and self.window_open()
        )
        self.update()
        response = self.request.response
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        response.setHeader("X-Theme-Disabled", "True")
        return self.index()

    def window_open(self):
        plan = containing_plan(self.context)
        return plan is not None and plan.window().is_open

    def update(self):
        raise NotImplementedError


class InlineCommentsView(FragmentView):
    """``@@inline-comments?paragraph=<id>``: the published inline comments of
    one paragraph, with their replies, oldest first."""

    index = ViewPageTemplateFile("inline_comments.pt")

    def update(self):
        paragraph_id = self.request.form.get("paragraph")
        ids = paragraph_comment_ids(self.context, paragraph_id)
        self.threads = []
        for comment_id in ids:
            comment = self.reader.published(int(comment_id))
            if comment is not None:
                self.threads.append(self.reader.tree(comment, prefix="panel-comment-"))


class CommentsBatchView(FragmentView):
    """``@@comments-batch?comments_start=<n>``: the next batch of threads for
    the list, and the link to the one after."""

    index = ViewPageTemplateFile("comments_batch.pt")

    def update(self):
        self.start = start_of(self.request)
        comments, self.more = self.reader.batch(self.start)
        self.threads = [self.reader.tree(comment) for comment in comments]

    def next_start(self):
        return self.start + BATCH_SIZE
