"""What the event log gets from a failed request, on sites with the add-on.

Zope's error log (Products.SiteErrorLog) copies every exception but
Unauthorized, NotFound and Redirect to the event log as ERROR with its
traceback (about 19 lines), and throttles that copy per exception type (5,
then one a minute): a flood of refused requests (400 from the guards, the
deserializers' 400s, 403 for a bad authenticator, 405) buried the real
errors, and real 500s of a type already seen went unlogged.

Here, for requests to a site with the add-on:

- a refused request (a 4xx status) writes one INFO line, no traceback:
  ``refused 400 POST http://.../@comments: BadRequest: <the reason>``;
  Unauthorized, NotFound and Redirect write nothing, as before;
- a failure (5xx) writes its traceback, ERROR, every time, never throttled;
- the error log's own copy of these requests is left out of the event log
  (a filter on its logger); its entries in the ZMI stay as they were.

A retried ConflictError is conflicts.py's to log.
"""

from torino.socialplan.interfaces import IBrowserLayer
from zope.globalrequest import getRequest
from ZPublisher.HTTPResponse import status_codes

import logging


logger = logging.getLogger("torino.socialplan.requests")

# As the error log's default ignored exceptions: no line at all.
QUIET = ("Unauthorized", "NotFound", "Redirect")

# Where a request is marked as one to a site of ours before plone.browserlayer
# marks it (a guard that refuses on entering the site).
OURS = "torino.socialplan.site"


def mark_ours(request):
    request.other[OURS] = True


def is_ours(request):
    if request is None:
        return False
    return IBrowserLayer.providedBy(request) or bool(request.other.get(OURS, False))


def status_of(error):
    status = getattr(error, "getStatus", None)
    if status is not None:
        try:
            return int(status())
        except (TypeError, ValueError):
            return 500
    return status_codes.get(type(error).__name__.lower(), 500)


def log_failure(event):
    """On ZPublisher's IPubFailure."""
    request = event.request
    if event.retry or not is_ours(request):
        return
    error = event.exc_info[1]
    name = type(error).__name__
    if name in QUIET:
        return
    status = status_of(error)
    # An error view may answer with another status (DeserializationError:
    # 400); the response has it.
    answered = request.response.getStatus()
    if status >= 500 and 400 <= answered < 500:
        status = answered
    method = request.get("REQUEST_METHOD", "GET")
    url = request.get("ACTUAL_URL") or request.get("URL", "")
    if status >= 500:
        logger.error("failed %s %s %s", status, method, url, exc_info=event.exc_info)
        return
    reason = " ".join(str(error).split())[:300]
    logger.info("refused %s %s %s: %s: %s", status, method, url, name, reason)


class LeaveOutOurRequests(logging.Filter):
    """The error log's copy of a failure on a site of ours (log_failure
    has written what the event log gets)."""

    def filter(self, record):
        return not is_ours(getRequest())


ERROR_LOG_FILTER = LeaveOutOurRequests()
logging.getLogger("Zope.SiteErrorLog").addFilter(ERROR_LOG_FILTER)
