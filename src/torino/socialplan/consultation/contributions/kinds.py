"""The kinds of contribution: what each declares once, and how to find one."""

from Acquisition import aq_base
from plone import api
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.consultation.contributions import field_checks
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.content.plan import containing_plan
from zope.component import getUtilitiesFor
from zope.component import queryUtility
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


# Each contribution the pipeline stores names its kind in this attribute.
KIND_ATTRIBUTE = "contribution_kind"


class IContributionKind(Interface):
    """A kind of contribution, registered as a named utility (its name)."""

    name = Attribute("The kind's name: comment, reply, pledge")
    schema = Attribute("The zope.schema interface of what a person sends")
    marker = Attribute("The interface the stored contributions provide")


@implementer(IContributionKind)
class ContributionKind:
    """What a kind declares. The pipeline (pipeline.py) calls, in order:
    ``plan_of``, ``prepare``, ``validate``, ``create``; notifications call
    ``mail`` and ``mail_mapping``; privacy reads ``public_fields``."""

    name = None
    title = None
    schema = None
    marker = None
    states = CONTRIBUTION_STATES
    # Whether a moderator's own contribution is published at once.
    moderators_publish_own = False
    # Kinds sharing a key share a client's rate limit.
    rate_limit_key = None
    # Keys of the request body beyond the schema's fields.
    extra_keys = ()
    # The privacy allow-lists (privacy.public_fields builds them).
    public_fields = ()
    moderator_fields = ()
    # The schema field that holds the author's (private) e-mail address.
    email_field = "email"
    # The text field quoted in the moderators' mail.
    text_field = "text"
    # Whether it may carry a position paper (the body's "position_paper").
    accepts_paper = False
    # Whether ``validate`` returns plain data only (no persistent object),
    # so that another thread's connection may store it (write_turn.py,
    # ``committed_together``).
    values_are_plain = False

    # -- the pipeline's steps

    def plan_of(self, context, request):
        """The Plan a contribution on ``context`` goes to, or raise a
        ContributionError (or Unauthorized) when it may not go there."""
        raise NotImplementedError

    def prepare(self, context, options):
        """Check what ``options`` name (say, the comment replied to) and
        return what ``create`` needs of them."""
        return options

    def validate(self, context, data, options):
        return field_checks.validate(
            self.schema, context, data, extra_keys=self.extra_keys
        )

    def create(self, context, values, attributes, publish, options):
        """Store a contribution of ``values`` (and the confirmation's
        ``attributes``) pending, or published when ``publish``; return it."""
        raise NotImplementedError

    # -- reading a stored contribution

    def applies_to(self, obj):
        """Whether ``obj``, which names no kind, is of this kind."""
        return self.marker is not None and self.marker.providedBy(obj)

    def page_of(self, obj):
        """The page that shows ``obj`` (mails link to it)."""
        return obj

    def target_of(self, obj):
        """What the contribution is about, as its author's mails name it."""
        return self.plan_of_contribution(obj)

    def plan_of_contribution(self, obj):
        return containing_plan(self.page_of(obj))

    def state(self, obj):
        return api.content.get_state(obj=obj, default=None)

    def email(self, obj):
        return getattr(obj, self.email_field, None)

    def remove(self, obj):
        """Delete ``obj`` (an unconfirmed contribution), whoever asks."""
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=obj, check_linkintegrity=False)

    # -- the author's confirmation page (browser/confirmation.py)

    confirm_heading = None
    confirm_intro = None
    confirmed_thanks = None

    # -- mail (consultation/notifications.py sends it)

    def mail_mapping(self, obj):
        """Values the kind's messages use, besides the common ones."""
        return {}

    def mail(self, occasion, mapping):
        """(subject, [paragraphs]) for ``occasion``: "to_moderate",
        "published", "rejected", "confirm"; or None to send nothing."""
        return None


def get_kind(name):
    kind = queryUtility(IContributionKind, name=name)
    if kind is None:
        raise LookupError(f"No contribution kind {name!r}")
    return kind


def kinds():
    return [kind for _name, kind in sorted(getUtilitiesFor(IContributionKind))]


def kind_of(obj):
    """The kind of the stored contribution ``obj``, or None: the one it names,
    else (stored before kinds were named, or by another route) the kind that
    recognises it; kinds do not overlap (a reply is not a comment)."""
    name = getattr(aq_base(obj), KIND_ATTRIBUTE, None)
    kind = queryUtility(IContributionKind, name=name) if name else None
    if kind is not None:
        return kind
    for kind in kinds():
        if kind.applies_to(obj):
            return kind
    return None


def readable_fields(obj, context):
    """The fields of ``obj`` the current user may read at ``context``: its
    kind's public allow-list; a moderator's, for those who moderate, with
    the e-mail address only for those who may "View contributor e-mail"."""
    kind = kind_of(obj)
    if kind is None:
        return ()
    if may_view_email(context):
        return kind.moderator_fields
    if may_moderate(context):
        return tuple(name for name in kind.moderator_fields if name != kind.email_field)
    return kind.public_fields
