"""Fragments inline.js fetches: a paragraph's comments and the next batch of
threads (also plain pages without JavaScript)."""

from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan.browser.comments.threads import BATCH_SIZE
from torino.socialplan.browser.comments.threads import start_of
from torino.socialplan.browser.comments.threads import Threads
from torino.socialplan.browser.comments.threads import ThreadsMixin
from torino.socialplan.consultation.commented_paragraphs import paragraph_comment_ids
from torino.socialplan.consultation.contributions.comment_kind import comments_enabled
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.http.methods import AllowedMethods


class FragmentView(AllowedMethods, ThreadsMixin, BrowserView):
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
