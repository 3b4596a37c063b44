"""The one path of every contribution, from the Classic forms and from REST:
``prepare`` checks it (nothing written), ``store`` writes it; a person's
request stores it in the write turn (``submit_in_turn``)."""

from plone import api
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.states import PENDING
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions import outcome_opt_in
from torino.socialplan.consultation.contributions.events import ConfirmationRequested
from torino.socialplan.consultation.contributions.events import ContributionChecked
from torino.socialplan.consultation.contributions.events import ContributionReady
from torino.socialplan.consultation.contributions.kinds import get_kind
from torino.socialplan.consultation.contributions.kinds import KIND_ATTRIBUTE
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.legal import notice
from torino.socialplan.consultation.position_papers.attachment import FILE_ATTRIBUTE
from torino.socialplan.consultation.position_papers.attachment import paper_attributes
from torino.socialplan.consultation.position_papers.attachment import PAPER_FIELD
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.write_turn import arriving
from torino.socialplan.consultation.write_turn import committed_in_turn
from torino.socialplan.consultation.write_turn import committed_together
from zope.event import notify

import copy


class Submission:
    """A contribution checked and ready to store: what ``prepare`` found."""

    def __init__(self, kind, context, request, data, options):
        self.kind, self.context, self.request = kind, context, request
        self.data, self.options = data, options
        self.values = self.attributes = self.plan = None
        self.moderator = False
        # The text an inline comment's passage was resolved in.
        self.text_source = commented_paragraphs.source(context)


def prepare(kind, context, data, request, now=None, **options):
    """Check a contribution of ``kind`` (a name or an IContributionKind) on
    ``context`` from ``data``, and count it against its author's rate
    limit; return a Submission for ``store``. Nothing is written.

    Raises Unauthorized when the user may not see ``context``, and a
    ContributionError (or a subclass: 403 outside the window, 429 past the
    rate limit) for everything a person can correct.
    ``options`` are the kind's (a reply's ``in_reply_to``).
    """
    if isinstance(kind, str):
        kind = get_kind(kind)
    plan = kind.plan_of(context, request)
    guards.check_open(plan, now)
    prepared = kind.prepare(context, options)
    guards.check_honeypot(data)
    paper = None
    if isinstance(data, dict) and PAPER_FIELD in data:
        data = dict(data)
        paper = data.pop(PAPER_FIELD)
    # Whether to be told the outcome: a key of every kind, beside its fields.
    data, opt_in, opt_in_error = outcome_opt_in.take(data)
    submission = Submission(kind, context, request, data, options)
    try:
        values = kind.validate(context, data, prepared)
    except ContributionError as error:
        if opt_in_error is not None and error.errors and error.errors[0][0]:
            error.errors.append(opt_in_error)
        raise
    if opt_in_error is not None:
        raise ContributionError([opt_in_error])
    # Set before it is added, as the kind's other attributes: its text
    # counts for campaigns when it is announced.
    from_paper = paper_attributes(kind, paper)
    moderator = may_moderate(plan)
    if not moderator:
        guards.check_rate_limit(request, kind.rate_limit_key or kind.name)
    submission.plan, submission.values, submission.moderator = plan, values, moderator
    submission.attributes = {
        KIND_ATTRIBUTE: kind.name,
        # The version of the privacy notice its author accepted (consent on record).
        notice.ACCEPTED_ATTRIBUTE: notice.current_version(),
        # Private (no allow-list names them): outcome_mail.py reads them.
        **outcome_opt_in.attributes(opt_in, request),
        **from_paper,
    }
    notify(ContributionChecked(context, kind))
    return submission


def store(submission, now=None):
    """Store a prepared contribution and return it.

    When the database moved on since ``prepare`` (another transaction
    committed in between: the window closed, the text was edited, the
    comment replied to was recalled), what may have changed is checked
    again here, from the current view."""
    kind, context = submission.kind, submission.context
    guards.check_open(submission.plan, now)
    options = kind.prepare(context, submission.options)
    values = submission.values
    if commented_paragraphs.source(context) != submission.text_source:
        # Edited meanwhile: the passage is resolved in the text as it is now.
        values = kind.validate(context, submission.data, options)
    # Expired unconfirmed contributions go lazily, on submissions.
    confirmation.cleanup(now)
    token = None
    attributes = dict(submission.attributes)
    if not submission.moderator and confirmation.required():
        # Flagged before it is stored: added-event subscribers see it.
        token, flags = confirmation.new_token(now)
        attributes.update(flags)
    publish = submission.moderator and kind.moderators_publish_own
    # Its added event tells the moderators (see ``added``).
    obj = kind.create(context, values, attributes, publish=publish, options=options)
    if token is not None:
        url, expires = confirmation.register(obj, token)
        notify(ConfirmationRequested(obj, kind, url, expires))
    return obj


def submit(kind, context, data, request, now=None, **options):
    """``prepare`` and ``store`` a contribution, in the current transaction
    (scripts, the demo's build); return it."""
    return store(prepare(kind, context, data, request, now, **options), now)


def submit_in_turn(kind, context, data, request, **options):
    """``submit`` for a person's request (the forms and REST): checked
    before the write turn (write_turn.py), then stored and committed in it,
    so that the turn lasts only as long as the write. The caller's
    transaction goes on doomed: the contribution is committed, and nothing
    else is.

    Anonymous comments are stored together with those queued meanwhile in
    this process (``committed_together``): under a burst one transaction
    stores several, so that the turn is taken once for them all."""
    site = api.portal.get()
    key = "/".join(site.getPhysicalPath())
    with arriving(key) as arrival:
        submission = prepare(kind, context, data, request, **options)
        if _may_store_together(submission):
            path = committed_together(key, lambda: _store_by_path(submission), arrival)
            return site.unrestrictedTraverse(path)
    with committed_in_turn():
        return store(submission)


def _may_store_together(submission):
    """Whether another request's thread may store it: its values are plain
    data (no persistent object of this request's connection, no position
    paper's blob), it is stored as Anonymous (as the leader of a group of
    anonymous posts runs), and it sends no confirmation link (made from the
    request's URL)."""
    return (
        submission.kind.values_are_plain
        and FILE_ATTRIBUTE not in submission.attributes
        and not submission.moderator
        and api.user.is_anonymous()
        and not confirmation.required()
    )


def _store_by_path(submission):
    """``store`` in the current thread's connection (the group's leader):
    the content and Plan found again by path; the stored one's path."""
    site = api.portal.get()
    here = copy.copy(submission)
    here.context = site.unrestrictedTraverse(submission.context.getPhysicalPath())
    here.plan = site.unrestrictedTraverse(submission.plan.getPhysicalPath())
    return store(here).getPhysicalPath()


@on_our_sites
def added(obj, event):
    """A contribution was added, by the pipeline or any other route (a
    script, a stock view): unless it waits for its author's confirmation or
    needs no review, it is ready for the moderators. (plone.app.discussion's
    ICommentAddedEvent names the content; the comment is ``event.comment``.)"""
    obj = getattr(event, "comment", None) or obj
    kind = kind_of(obj)
    if kind is None:
        return
    plan = kind.plan_of_contribution(obj)
    if plan is None or confirmation.is_awaiting(obj):
        return
    if kind.moderators_publish_own and may_moderate(plan):
        return  # published by the pipeline once added: nothing to review
    if kind.state(obj) not in (PENDING, None):
        return
    notify(ContributionReady(obj, kind))
