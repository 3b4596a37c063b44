"""Comments below a Plan, Chapter or Action: the published ones, threaded,
and while the consultation is open a plain HTML form (no JavaScript needed).

Thin: the form posts to ``@@comment-submit``, which turns it into the data
``submit_comment`` takes; on errors it shows the page again with each error
next to its field.
"""

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
from torino.socialplan.browser.views import SocialPlanView
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.comments import comments_enabled
from torino.socialplan.consultation.comments import EMAIL_MAX_LENGTH
from torino.socialplan.consultation.comments import FIELDS
from torino.socialplan.consultation.comments import NAME_MAX_LENGTH
from torino.socialplan.consultation.comments import ORGANIZATION_MAX_LENGTH
from torino.socialplan.consultation.comments import ORGANIZATION_TYPES
from torino.socialplan.consultation.comments import PUBLISHED
from torino.socialplan.consultation.comments import review_state
from torino.socialplan.consultation.comments import submit_comment
from torino.socialplan.consultation.comments import TEXT_MAX_LENGTH
from torino.socialplan.consultation.confirmation import is_awaiting
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.window import as_rome
from torino.socialplan.content.action import containing_plan
from torino.socialplan.discussion.rendering import comment_html
from torino.socialplan.setuphandlers.privacy import PRIVACY_NOTICE_ID
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.schema.interfaces import IVocabularyFactory


# What @@comment-submit leaves on the request for the viewlet to show again.
FORM_STATE = "torino.socialplan.comment_form"

# Errors shown at the top of the form: they belong to no visible field.
TOP = (None, guards.HONEYPOT_FIELD, "in_reply_to")

ANCHOR = "socialplan-comments"
FORM_ANCHOR = "socialplan-comment-form"


def posted_data(form):
    data = {name: safe_text(form.get(name, "")) for name in FIELDS}
    data["privacy_consent"] = bool(form.get("privacy_consent"))
    data[guards.HONEYPOT_FIELD] = form.get(guards.HONEYPOT_FIELD, "")
    return data


class CommentsViewlet(ViewletBase):
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
        self.threads = self.published_threads()
        self.reply_to = self.reply_target(
            state.get("in_reply_to") or self.request.form.get("reply_to")
        )

    def available(self):
        return bool(self.threads or self.enabled)

    def formatter(self):
        return SocialPlanView(self.context, self.request)

    def published_threads(self):
        """Published comments as trees: a reply under its parent, a reply to a
        comment no longer published not at all."""
        self.published = {}
        conversation = IConversation(self.context, None)
        if conversation is None:
            return []
        formatter = self.formatter()
        nodes = self.published
        roots = []
        for thread in conversation.getThreads():
            comment = thread["comment"]
            if review_state(comment) != PUBLISHED:
                continue
            parent = comment.in_reply_to
            if parent and parent not in nodes:
                continue
            node = self.describe(comment, formatter)
            nodes[comment.comment_id] = node
            (nodes[parent]["replies"] if parent else roots).append(node)
        return roots

    def describe(self, comment, formatter):
        first = getattr(comment, "first_name", None)
        last = getattr(comment, "last_name", None)
        name = " ".join(filter(None, (first, last))) or comment.author_name
        created = as_rome(comment.creation_date).replace(microsecond=0)
        return {
            "id": comment.comment_id,
            "anchor": f"comment-{comment.comment_id}",
            "name": name,
            "organization": getattr(comment, "organization", None),
            "organization_type": self.organization_type_title(
                getattr(comment, "organization_type", None)
            ),
            "date": {
                "iso": created.isoformat(),
                "label": formatter.format_datetime(created),
            },
            "html": comment_html(comment),
            "replies": [],
        }

    def organization_types(self):
        return queryUtility(IVocabularyFactory, ORGANIZATION_TYPES)(self.context)

    def organization_type_title(self, token):
        if not token:
            return None
        try:
            term = self.organization_types().getTermByToken(token)
        except LookupError:
            return None
        return translate(term.title, context=self.request)

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
        try:
            guards.check_window(self.plan)
        except ConsultationNotOpen as error:
            return " ".join(message for _field, message in error.messages(self.request))
        return None

    def reply_target(self, comment_id):
        """The published comment the form replies to, if any."""
        try:
            return self.published.get(int(comment_id))
        except (TypeError, ValueError):
            return None

    def context_url(self):
        return self.context.absolute_url()

    def reply_url(self, node):
        return f"{self.context_url()}?reply_to={node['id']}#{FORM_ANCHOR}"

    def privacy_url(self):
        return f"{api.portal.get().absolute_url()}/{PRIVACY_NOTICE_ID}"

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


class CommentSubmit(BrowserView):
    """Where the comment form posts: thank and redirect, or show the page
    again with the errors."""

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
            return self.show_errors(data, in_reply_to, error)
        if review_state(comment) == PUBLISHED:
            message = _("Your comment has been published.")
            anchor = f"comment-{comment.comment_id}"
        elif is_awaiting(comment):
            message = _(
                "Check your e-mail: open the link we sent you to confirm your "
                "comment. It will be published after moderation."
            )
            anchor = ANCHOR
        else:
            message = _("Thank you: your comment will be published after moderation.")
            anchor = ANCHOR
        IStatusMessage(self.request).add(message, "info")
        return self.request.response.redirect(f"{self.context.absolute_url()}#{anchor}")

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
