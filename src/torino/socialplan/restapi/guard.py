"""A guard on requests, before anything parses their JSON body or batches.

plone.restapi reads the JSON body of a request in several places before any
service runs (the JWT plugin's credential extraction, during authentication)
and catches only ValueError: a body of 100,000 nested ``[`` raised
RecursionError there, a 500 on every route of the site. This guard runs when
the publisher enters the Plone site (its before-traverse event), after Zope
has read the request and before authentication: a body that starts like JSON
and is nested deeper than ``MAX_JSON_DEPTH`` or larger than
``MAX_JSON_BYTES`` is answered 400 at once. So are batching parameters
(``b_size``, ``b_start``) that are not whole numbers in range, which stock
listings answer with 500.

The body is judged by what it is, not by its declared type: plone.restapi's
``json_body`` reads ``BODY`` whatever the Content-Type says (form-urlencoded
in any letter case, ``application/x-url-encoded``, text/plain, none at all),
so every body that JSON could decode (UTF-8 with or without BOM, UTF-16,
UTF-32, as ``json.loads`` detects) is bounded. So are query-string values
that are JSON (``@querystring-search?query=...``).

It is ZCML (restapi/configure.zcml), so ``make start``, the buildout instance
and the test layers all get it with the add-on; it acts on sites with the
add-on installed only (our browser layer).
"""

from plone.base.interfaces import IPloneSiteRoot
from plone.browserlayer.interfaces import ILocalBrowserLayerType
from torino.socialplan import _
from torino.socialplan.http.failures import mark_ours
from torino.socialplan.restapi.services.base import batching_error
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.traversing.interfaces import IBeforeTraverseEvent

import json


# Deep enough for any of our bodies (a contribution is 3 levels, a data grid
# PATCH 4, Slate or block JSON rarely beyond 20).
MAX_JSON_DEPTH = 64
# A Plan's draft PDF travels base64-encoded in a REST body: 32 MB keeps
# uploads of about 24 MB possible.
MAX_JSON_BYTES = 32 * 1024 * 1024

CHECKED = "torino.socialplan.request_checked"

# Stock services that read ``limit`` as a whole number.
COUNTED_SERVICES = frozenset({"@users", "@groups", "@principals"})

# Listings of ours that answer bad batching parameters themselves.
SELF_CHECKING_SERVICES = frozenset(
    {"@pledges", "@outcomes", "@moderation", "@comments"}
)


def json_depth(value):
    """How deeply ``value`` (parsed JSON) nests lists and objects, counted
    without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def body_problem(body, length=0):
    """Why ``body`` (bytes or text; its start only when ``length``, the
    declared length, is beyond MAX_JSON_BYTES) must be refused (a message),
    or None.

    Only bodies that start like JSON, in any encoding ``json.loads``
    detects, are looked at; one that is not valid JSON is left to the
    service, which answers it.
    """
    if not body or not starts_like_json(body):
        return None
    if max(len(body), length) > MAX_JSON_BYTES:
        return _(
            "The JSON body is too large: at most ${max} bytes.",
            mapping={"max": MAX_JSON_BYTES},
        )
    try:
        data = json.loads(body)
    except RecursionError:
        data = None
    except ValueError:
        return None
    if data is None or json_depth(data) > MAX_JSON_DEPTH:
        return _(
            "The JSON body is nested too deeply: at most ${max} levels.",
            mapping={"max": MAX_JSON_DEPTH},
        )
    return None


def starts_like_json(body):
    """Whether ``body`` (bytes or text) starts, after JSON white space and
    a byte-order mark, with ``[`` or ``{`` once decoded as ``json.loads``
    would decode it."""
    head = body[:64]
    if isinstance(head, bytes):
        try:
            head = head.decode(json.detect_encoding(head), "ignore")
        except LookupError:
            return False
    return head.lstrip(" \t\r\n\ufeff")[:1] in ("[", "{")


def query_problem(request):
    """Why a query-string value that is JSON must be refused, or None."""
    for value in request.form.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                problem = body_problem(item)
                if problem is not None:
                    return problem
    return None


def batching_problem(request):
    """Why ``b_size`` or ``b_start`` must be refused, or None.

    Stock listings (``@search`` and the others) answer 500 on ``b_size=x``
    or ``-1``. Our own listings check them themselves and answer a JSON
    error without raising (nothing logged): they are left to do so.
    """
    names = set(request.get("TraversalRequestNameStack") or ())
    if names & SELF_CHECKING_SERVICES:
        return None
    error = batching_error(request)
    if error is not None:
        return " ".join(message for _field, message in error.messages(request))
    if names & COUNTED_SERVICES:
        return limit_problem(request)
    return None


def limit_problem(request):
    """Why ``limit`` (of @users, @groups, @principals) must be refused, or
    None: plone.restapi reads it with int() and answered 500."""
    value = request.form.get("limit")
    if value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0:
        return translate(
            _(
                "${name} must be a whole number, ${low} or more.",
                mapping={"name": "limit", "low": 0},
            ),
            context=request,
        )
    return None


@adapter(IPloneSiteRoot, IBeforeTraverseEvent)
def check_request(site, event):
    request = event.request
    if request.other.get(CHECKED):
        return
    request.other[CHECKED] = True
    layers = site.getSiteManager()
    if layers.queryUtility(ILocalBrowserLayerType, name="torino.socialplan") is None:
        return  # the add-on is not installed in this site
    mark_ours(request)
    problem = batching_problem(request)
    if problem is not None:
        raise BadRequest(problem)
    if request.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
        problem = query_problem(request)
    else:
        problem = body_problem(*_body(request))
    if problem is not None:
        raise BadRequest(translate(problem, context=request))


def _body(request):
    """The body, or its first bytes only when it is larger than
    MAX_JSON_BYTES (an upload is not read into memory here)."""
    try:
        length = int(request.getHeader("Content-Length") or 0)
    except ValueError:
        length = 0
    if length <= MAX_JSON_BYTES:
        return request.get("BODY"), length
    body_file = request.get("BODYFILE")
    if body_file is None:
        return None, length
    head = body_file.read(64)
    body_file.seek(0)
    return head, length
