"""The thanks after a contribution, where its author looks: the form posts,
the answer redirects to the page with ``?posted=<outcome>#socialplan-thanks``
and the page shows the message at that anchor (next to the comment form, or
above a pledge's Action or Plan), focusable (tabindex -1), so that the
browser scrolls it into view and moves the focus to it.

The outcome is one of a few known words, never the author's text: the page
stays the same for everyone who opens that address (and cacheable)."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from urllib.parse import urlencode
from zope.i18n import translate


POSTED = "posted"
ANCHOR = "socialplan-thanks"

MESSAGES = {
    "comment-published": _("Your comment has been published."),
    "comment-pending": _("Thank you: your comment will be published after moderation."),
    "comment-awaiting": _(
        "Check your e-mail: open the link we sent you to confirm your "
        "comment. It will be published after moderation."
    ),
    "pledge-pending": _("Thank you: your pledge will be published after moderation."),
    "pledge-awaiting": _(
        "Check your e-mail: open the link we sent you to confirm your "
        "pledge. It will be published after moderation."
    ),
}


def thanks_url(url, outcome, **query):
    """Where a form redirects after ``outcome`` (a key of MESSAGES)."""
    if outcome not in MESSAGES:
        raise ValueError(outcome)
    return f"{url}?{urlencode({POSTED: outcome, **query})}#{ANCHOR}"


def posted(request, kind):
    """The outcome of a ``kind`` ("comment", "pledge") contribution the
    request's address names, or None."""
    outcome = request.form.get(POSTED)
    if isinstance(outcome, str) and outcome.startswith(f"{kind}-"):
        return outcome if outcome in MESSAGES else None
    return None


def thanks_message(request, kind):
    outcome = posted(request, kind)
    if outcome is None:
        return None
    return translate(MESSAGES[outcome], context=request)


class PledgeThanksViewlet(ViewletBase):
    """Above the title of the page a pledge form redirected to."""

    index = ViewPageTemplateFile("templates/thanks.pt")

    def update(self):
        super().update()
        self.message = thanks_message(self.request, "pledge")
        self.anchor = ANCHOR

    def available(self):
        return self.message is not None
