"""The published comments of a text as the page shows them, threaded, a batch
at a time: which ones is the one reader's (consultation/visibility.py); this
module describes them, with dates, terms and labels translated once per page,
for markup.py to print (their text as the stored HTML)."""

from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.base.window import as_rome
from torino.socialplan.browser.comments.markup import threads_html
from torino.socialplan.browser.presentation import paper_label
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.consultation.anchors import normalize
from torino.socialplan.consultation.public_view import public_view
from torino.socialplan.consultation.public_view import Reading
from torino.socialplan.consultation.visibility import VisibleComments
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


ANCHOR = "socialplan-comments"
FORM_ANCHOR = "socialplan-comment-form"


# Top-level threads per batch, with all their published replies.
BATCH_SIZE = 20
START = "comments_start"


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
        # A page's comments share days and often minutes: each formatted once
        # (a long date reads the day only, a short time hours and minutes).
        self._days = {}
        self._times = {}

    def __call__(self, value):
        value = as_rome(value).replace(microsecond=0)
        day = value.date()
        if day not in self._days:
            self._days[day] = self.date_pattern.apply(value, self.locale)
        minute = (value.hour, value.minute)
        if minute not in self._times:
            self._times[minute] = self.time_pattern.apply(value, self.locale)
        return {
            "iso": value.isoformat(),
            "label": f"{self._days[day]}, {self._times[minute]}",
        }


# What describe() shows of a comment's public view: the rest of its
# allow-list (state, dates of change, version) is not read at all.
SHOWN = frozenset(
    {
        "first_name",
        "last_name",
        "author_name",
        "organization",
        "organization_type",
        "creation_date",
        "text",
        "anchor",
        "current_text",
        "orphaned",
        "paragraph",
        "outcome",
        "outcome_motivation",
        "position_paper",
    }
)


class Threads:
    """The published comments of ``context`` as the page shows them: the
    one reader of visible comments (consultation/visibility.py) decides
    which, and in which order; only the comments shown are loaded."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.visible = VisibleComments(context)
        formatter = SocialPlanView(context, request)
        self.dates = DateLabels(formatter)
        self._vocabularies = {}
        self._titles = {}
        self.reading = Reading()

    def published(self, comment_id):
        """The published comment ``comment_id``, acquisition-wrapped, or None."""
        return self.visible.get(comment_id)

    def children(self, comment_id):
        return self.visible.children(comment_id)

    def batch(self, start=0, size=BATCH_SIZE):
        """The top-level published comments ``start`` to ``start + size``, and
        whether more follow."""
        ids = self.children(0)
        shown = [self.published(comment_id) for comment_id in ids[start : start + size]]
        return shown, len(ids) > start + size

    def tree(self, comment, prefix="comment-"):
        """``comment`` described, with its published replies (a reply to a
        comment no longer published is not shown at all)."""
        node = self.describe(comment, prefix)
        for child_id in self.children(comment.comment_id):
            node["replies"].append(self.tree(self.published(child_id), prefix))
        return node

    def describe(self, comment, prefix="comment-"):
        """What the page shows of ``comment``: its public view, whoever reads
        the page (moderators see e-mail addresses in the queue only)."""
        values = public_view(comment, self.reading, only=SHOWN)
        name = " ".join(filter(None, (values["first_name"], values["last_name"])))
        anchor = values["anchor"]
        quote = anchor.get("exact") if anchor else None
        orphaned = values["orphaned"]
        now = values["current_text"] if anchor and not orphaned else None
        return {
            "id": comment.comment_id,
            "anchor": f"{prefix}{comment.comment_id}",
            "name": name or values["author_name"],
            "organization": values["organization"],
            "organization_type": self.title(values["organization_type"]),
            "date": self.dates(values["creation_date"]),
            "html": values["text"].html,
            "quote": quote,
            # The passage as the text reads now, when an edit changed its words.
            "now": now
            if now and quote and normalize(now) != normalize(quote)
            else None,
            "orphaned": orphaned,
            "paragraph": None if orphaned else values["paragraph"],
            "outcome": self.title(values["outcome"]),
            "outcome_motivation": values["outcome_motivation"],
            "paper": self.paper(values["position_paper"]),
            "replies": [],
        }

    def vocabulary(self, name):
        if name not in self._vocabularies:
            factory = queryUtility(IVocabularyFactory, name)
            self._vocabularies[name] = factory(self.context) if factory else None
        return self._vocabularies[name]

    def organization_types(self):
        return self.vocabulary(ORGANIZATION_TYPES_VOCABULARY)

    def paper(self, paper):
        """The position paper's link text: its type and size."""
        if paper is None:
            return None
        return dict(paper, label=paper_label(paper, self.request))

    def title(self, term):
        """A term's title, translated once per page."""
        if term is None:
            return None
        if term not in self._titles:
            self._titles[term] = translate(term.title, context=self.request)
        return self._titles[term]

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
    "paper": _("Position paper:"),
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

    def threads_html(self, nodes, open_form):
        """The threads ``nodes`` as HTML (markup.py), with a "Reply" link on
        each comment while ``open_form``."""
        return threads_html(
            nodes, self.labels(), self.reply_href if open_form else None
        )

    @staticmethod
    def reply_href(node):
        # Relative: the page the comment is shown on (the list, a batch or a
        # paragraph's panel are all on it), its form for this reply.
        return f"?reply_to={node['id']}#{FORM_ANCHOR}"

    def load_more_url(self, start):
        return f"{self.context_url()}?{START}={start}#{ANCHOR}"

    def batch_url(self, start):
        return f"{self.context_url()}/@@comments-batch?{START}={start}"
