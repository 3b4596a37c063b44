"""The one path of every contribution, from the Classic forms and from REST."""

from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.states import PENDING
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions import outcome_opt_in
from torino.socialplan.consultation.contributions.events import ConfirmationRequested
from torino.socialplan.consultation.contributions.events import ContributionReady
from torino.socialplan.consultation.contributions.kinds import get_kind
from torino.socialplan.consultation.contributions.kinds import KIND_ATTRIBUTE
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.legal import notice
from torino.socialplan.consultation.position_papers.attachment import paper_attributes
from torino.socialplan.consultation.position_papers.attachment import PAPER_FIELD
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.write_turn import committed_in_turn
from zope.event import notify


def submit(kind, context, data, request, now=None, **options):
    """Store a contribution of ``kind`` (a name or an IContributionKind) on
    ``context`` from ``data`` and return it.

    Raises Unauthorized when the user may not see ``context``, and a
    ContributionError (or a subclass: 403 outside the window, 429 past the
    rate limit) for everything a person can correct; nothing is stored then.
    ``options`` are the kind's (a reply's ``in_reply_to``).
    """
    if isinstance(kind, str):
        kind = get_kind(kind)
    plan = kind.plan_of(context, request)
    guards.check_open(plan, now)
    options = kind.prepare(context, options)
    guards.check_honeypot(data)
    paper = None
    if isinstance(data, dict) and PAPER_FIELD in data:
        data = dict(data)
        paper = data.pop(PAPER_FIELD)
    # Whether to be told the outcome: a key of every kind, beside its fields.
    data, opt_in, opt_in_error = outcome_opt_in.take(data)
    try:
        values = kind.validate(context, data, options)
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
    # Expired unconfirmed contributions go lazily, on submissions.
    confirmation.cleanup(now)
    token = None
    attributes = {
        KIND_ATTRIBUTE: kind.name,
        # The version of the privacy notice its author accepted (consent on record).
        notice.ACCEPTED_ATTRIBUTE: notice.current_version(),
        # Private (no allow-list names them): outcome_mail.py reads them.
        **outcome_opt_in.attributes(opt_in, request),
        **from_paper,
    }
    if not moderator and confirmation.required():
        # Flagged before it is stored: added-event subscribers see it.
        token, flags = confirmation.new_token(now)
        attributes.update(flags)
    publish = moderator and kind.moderators_publish_own
    # Its added event tells the moderators (see ``added``).
    obj = kind.create(context, values, attributes, publish=publish, options=options)
    if token is not None:
        url, expires = confirmation.register(obj, token)
        notify(ConfirmationRequested(obj, kind, url, expires))
    return obj


def submit_in_turn(kind, context, data, request, **options):
    """``submit`` for a person's request (the forms and REST): stored and
    committed in the write turn, so that a burst of posts does not run out
    of conflict retries (write_turn.py). The caller's transaction goes on
    doomed: the contribution is committed, and nothing else is."""
    with committed_in_turn():
        return submit(kind, context, data, request, **options)


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
