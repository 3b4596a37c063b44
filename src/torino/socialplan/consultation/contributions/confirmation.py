"""Optional e-mail confirmation of contributions (a site setting, off by
default).

With ``torino.socialplan.require_email_confirmation`` on, a comment or Pledge
from someone who may not moderate the Plan is created pending as usual but
flagged ``awaiting_confirmation``: its author gets one mail with a one-time
link, and moderators hear of it (and the queue lists it) only once the author
has opened the link and pressed its button (mail scanners prefetch links, so
a GET never confirms). Unconfirmed contributions expire after
``torino.socialplan.confirmation_hours`` and are deleted by ``cleanup``, run
lazily on each submission and each confirm request: no cron.

Only the sha256 of the token is kept: on the object, and as the key of a site
annotation {hash: (physical path, expiry timestamp)}, so the confirm view
finds the object without searching and the queue skips unconfirmed
contributions without loading them.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from torino.socialplan import _
from torino.socialplan.base.states import PENDING
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation.contributions.events import ContributionReady
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.errors import ContributionError
from urllib.parse import urlencode
from zope.annotation.interfaces import IAnnotations
from zope.event import notify

import hashlib
import secrets


REQUIRED_RECORD = "torino.socialplan.require_email_confirmation"
HOURS_RECORD = "torino.socialplan.confirmation_hours"
DEFAULT_HOURS = 48

TOKENS_KEY = "torino.socialplan.confirmation.tokens"
VIEW_NAME = "confirm-contribution"

# Attributes on the comment or Pledge.
AWAITING = "awaiting_confirmation"
HASH = "confirmation_hash"
EXPIRES = "confirmation_expires"

# secrets.token_urlsafe(32) gives 43 characters; anything far off is no token.
TOKEN_BYTES = 32
TOKEN_MIN_LENGTH = 32
TOKEN_MAX_LENGTH = 128


class InvalidToken(ContributionError):
    """No contribution waits for this token: mistyped, used or cleaned up."""

    status = 404
    kind = "NotFound"


class ExpiredToken(ContributionError):
    """The contribution waited too long; it is deleted."""

    status = 410
    kind = "Gone"


def required():
    """Whether new contributions need their author's confirmation."""
    return bool(api.portal.get_registry_record(REQUIRED_RECORD, default=False))


def validity():
    hours = api.portal.get_registry_record(HOURS_RECORD, default=DEFAULT_HOURS)
    if not isinstance(hours, int) or hours < 1:
        hours = DEFAULT_HOURS
    return timedelta(hours=hours)


def _now(now=None):
    # A naive ``now`` is Rome time, as for the consultation window.
    return as_rome(now) if now is not None else datetime.now(UTC)


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _tokens(create=False):
    annotations = IAnnotations(api.portal.get())
    tokens = annotations.get(TOKENS_KEY)
    if tokens is None and create:
        tokens = annotations[TOKENS_KEY] = OOBTree()
    return tokens


def is_awaiting(obj):
    # aq_base: a comment must not acquire the flag from its conversation.
    return bool(getattr(aq_base(obj), AWAITING, False))


def new_token(now=None):
    """A fresh token and the attributes that mark a contribution as waiting
    for it. Set them before adding the contribution, so that the added-event
    subscribers (moderators' mail) already see the flag."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    attributes = {
        AWAITING: True,
        HASH: token_hash(token),
        EXPIRES: _now(now) + validity(),
    }
    return token, attributes


def confirmation_url(token):
    portal_url = api.portal.get().absolute_url()
    return f"{portal_url}/@@{VIEW_NAME}?{urlencode({'token': token})}"


def register(obj, token):
    """After adding ``obj`` (marked with ``new_token``'s attributes): index
    its token; return the link its author must open, and until when."""
    digest = getattr(aq_base(obj), HASH)
    expires = getattr(aq_base(obj), EXPIRES)
    _tokens(create=True)[digest] = (_path(obj), expires.timestamp())
    return confirmation_url(token), expires


def awaiting_paths():
    """Physical paths (as strings) of every contribution awaiting confirmation."""
    tokens = _tokens()
    if not tokens:
        return frozenset()
    return frozenset(path for path, _expires in tokens.values())


def check(token, now=None):
    """The contribution waiting for ``token``; InvalidToken or ExpiredToken
    (the latter before ``cleanup`` has deleted it)."""
    if (
        not isinstance(token, str)
        or not TOKEN_MIN_LENGTH <= len(token) <= TOKEN_MAX_LENGTH
    ):
        raise _invalid()
    digest = token_hash(token)
    tokens = _tokens()
    entry = tokens.get(digest) if tokens is not None else None
    obj = _resolve(entry[0], digest) if entry is not None else None
    if obj is None:
        raise _invalid()
    if entry[1] <= _now(now).timestamp():
        raise ExpiredToken.on(
            None,
            _(
                "This confirmation link has expired: the contribution was not "
                "confirmed in time and has been deleted. You may send it again "
                "while the consultation is open."
            ),
        )
    return obj


def _invalid():
    return InvalidToken.on(
        None,
        _(
            "This confirmation link is not valid: it may have been used already, "
            "or it has expired."
        ),
    )


def confirm(token, now=None):
    """Confirm the contribution waiting for ``token``: it goes to the
    moderators. Also deletes every expired contribution, that of ``token``
    included."""
    try:
        obj = check(token, now)
    finally:
        cleanup(now)
    _forget(obj)
    notify(ContributionReady(obj, kind_of(obj)))
    return obj


def _forget(obj):
    digest = getattr(aq_base(obj), HASH, None)
    tokens = _tokens()
    if tokens is not None and digest in tokens:
        del tokens[digest]
    for name in (AWAITING, HASH, EXPIRES):
        if name in aq_base(obj).__dict__:
            delattr(aq_base(obj), name)


def cleanup(now=None):
    """Delete the contributions whose confirmation expired; return how many
    tokens expired."""
    tokens = _tokens()
    if not tokens:
        return 0
    limit = _now(now).timestamp()
    expired = [
        (digest, path) for digest, (path, expires) in tokens.items() if expires <= limit
    ]
    for digest, path in expired:
        del tokens[digest]
        obj = _resolve(path, digest)
        if obj is None:
            continue
        if api.content.get_state(obj=obj, default=None) == PENDING:
            kind_of(obj).remove(obj)
        else:
            # A moderator acted on it already (by its URL): keep their decision.
            _forget(obj)
    return len(expired)


def _path(obj):
    return "/".join(obj.getPhysicalPath())


def _resolve(path, digest):
    """The contribution at ``path`` if it still waits for ``digest``."""
    obj = api.portal.get().unrestrictedTraverse(path, None)
    # Acquisition could find a same-named object elsewhere: the hash tells.
    if obj is None or getattr(aq_base(obj), HASH, None) != digest:
        return None
    return obj
