"""The checks every contribution passes, from any route: the consultation
window, the honeypot and the per-client rate limit."""

from limits import RateLimitItemPerHour
from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from torino.socialplan import _
from torino.socialplan.base.window import CLOSED
from torino.socialplan.base.window import UPCOMING
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.errors import TooManyContributions
from torino.socialplan.consultation.legal import settings as legal_settings

import math
import os
import threading
import time


# A field people never see (hidden by CSS and aria-hidden, labelled for
# robots) and bots fill in. Forms render it; REST clients simply omit it.
HONEYPOT_FIELD = "website_url"

# Per client address and kind of contribution.
LIMITS = (RateLimitItemPerMinute(5), RateLimitItemPerHour(30))

# Where the counts live, as a `limits` storage URL: "memory://" (the default:
# per process, right for one instance) or, with several instances behind a
# balancer, a shared one such as "redis://127.0.0.1:6380/0" (zope.conf's
# <environment>, see instance/etc/zope-relstorage.conf).
STORAGE_VARIABLE = "SOCIALPLAN_RATELIMIT_STORAGE"

_limiter = None
_limiter_lock = threading.Lock()


def _get_limiter():
    """The limiter on the configured storage, made on first use: zope.conf's
    <environment> is applied at start-up, and tests may change it."""
    global _limiter
    if _limiter is None:
        with _limiter_lock:
            if _limiter is None:
                url = os.environ.get(STORAGE_VARIABLE) or "memory://"
                _limiter = MovingWindowRateLimiter(storage_from_string(url))
    return _limiter


def check_legal_settings():
    """Raise ConsultationNotOpen while the privacy notice or the
    accessibility statement lacks a fact (consultation/legal/settings.py): no
    one's data is collected under an incomplete notice."""
    if legal_settings.missing():
        raise ConsultationNotOpen.on(
            None,
            _(
                "The consultation cannot open yet: the privacy notice and the "
                "accessibility statement are not complete. The site's editors "
                "have been shown what is missing."
            ),
        )


def check_open(plan, now=None):
    """Raise ConsultationNotOpen unless the Plan's consultation is open and
    the legal pages complete: what every contribution passes."""
    window = check_window(plan, now)
    check_legal_settings()
    return window


def check_window(plan, now=None):
    """Raise ConsultationNotOpen unless the Plan's window is open."""
    window = plan.window(now)
    if window.state == UPCOMING:
        raise ConsultationNotOpen.on(
            None,
            _(
                "The consultation is not open yet: it opens on ${start}.",
                mapping={"start": _format(window.start)},
            ),
        )
    if window.state == CLOSED:
        if window.end is None:
            message = _("The consultation is not open: its dates are not set yet.")
        else:
            message = _(
                "The consultation closed on ${end}: contributions are no longer "
                "accepted.",
                mapping={"end": _format(window.end)},
            )
        raise ConsultationNotOpen.on(None, message)
    return window


def check_honeypot(data):
    """Refuse a contribution whose honeypot is filled: anything but an absent
    field or the empty string (a JSON 0, false, null, [] or {} is a robot's
    filling too)."""
    if data.get(HONEYPOT_FIELD, "") != "":
        # Said plainly: a person who filled it by mistake can correct it.
        raise ContributionError.on(
            HONEYPOT_FIELD, _("Leave this field empty: it is a trap for spam robots.")
        )


def client_address(request):
    """The client's address as Zope resolved it: X-Forwarded-For counts only
    when the connection comes from a proxy of zope.conf's ``trusted-proxy``
    (ZPublisher.HTTPRequest.trusted_proxies), and then its right-most entry
    that is not itself a trusted proxy; anyone else's header is ignored."""
    return request.getClientAddr() or "unknown"


# Set in the WSGI environ that Zope hands to every retry of a request.
COUNTED = "torino.socialplan.rate_limit_counted"


def _counted_by_this_request(request):
    """The kinds this HTTP request has already counted. After a
    ConflictError Zope retries the request (``HTTPRequest.retry``) from the
    same original environ; the counts live outside the transaction (memory
    or Redis), so without this a post retried three times under load used
    four of its author's five a minute."""
    environ = getattr(request, "_orig_env", None)
    if not isinstance(environ, dict):
        return set()
    return environ.setdefault(COUNTED, set())


def count_or_refuse(request, name, limits, message):
    """Count one hit of ``name`` from this client in each of ``limits``, or
    raise TooManyContributions with ``message`` (a message id whose
    ``${seconds}`` says when to try again) and its Retry-After."""
    key = client_address(request)
    limiter = _get_limiter()
    for limit in limits:
        if not limiter.test(limit, name, key):
            reset, _remaining = limiter.get_window_stats(limit, name, key)
            retry_after = max(1, math.ceil(reset - time.time()))
            raise TooManyContributions(
                [(None, _(message, mapping={"seconds": retry_after}))],
                retry_after=retry_after,
            )
    for limit in limits:
        limiter.hit(limit, name, key)


def check_rate_limit(request, kind):
    """Count one contribution of ``kind`` from this client, or refuse it;
    a retry of a request that was counted passes without counting again."""
    counted = _counted_by_this_request(request)
    if getattr(request, "retry_count", 0) and kind in counted:
        return
    count_or_refuse(
        request,
        kind,
        LIMITS,
        _(
            "Too many contributions from your connection: please "
            "try again in ${seconds} seconds."
        ),
    )
    counted.add(kind)


def reset_rate_limits():
    """Forget every count (tests, the demo's build). On a shared storage
    this forgets every instance's counts."""
    _get_limiter().storage.reset()


def _format(value):
    return value.strftime("%d/%m/%Y %H:%M %Z")
