"""Property-based sweep (Hypothesis) over every write endpoint, as every
kind of actor: whatever the body, the answer is below 500, and a request that
is refused changes nothing.

The endpoints: ``POST @comments`` on the Plan, a Chapter and an Action, and
as a reply (``@comments/{id}``, of a published and of a pending comment);
``POST @pledges`` on an Action and on the Plan; ``POST @moderation``,
``@outcomes`` and ``@anchor-triage`` on the Plan; ``PATCH`` of the Plan, the
Chapter and both Actions (titles, descriptions, dates, data grids); the
Classic forms (``@@comment-submit``, ``@@pledge``); and the batching
parameters of the listings (``GET @pledges``, ``@moderation``, ``@outcomes``,
``@comments``, and stock ``@search``).

The bodies: near-valid ones (a valid body with some fields replaced by any
JSON value, some removed, unknown ones added), any JSON value at all (lone
surrogates, control characters, bidi overrides, NaN, huge numbers, deep
nesting), and bytes that are not JSON. The actors: Anonymous, a Member, an
editor of each promoting body, the Plan's editors, a moderator, a Reviewer
and a Manager.

"Changes nothing" is checked on the database: the ZODB's last transaction
is the same after any answer but a 2xx (or the 302 with which a Classic form
thanks). The rate limit is reset before every request so that validation,
not the limit, answers.

The second sweep (issue 23) goes beyond our write routes: stock REST routes
with nasty parameters (``@search``, ``@querystring-search``, ``@navigation``,
``@breadcrumbs``, ``@types``, ``@vocabularies``, ``@workflow``, ``@history``,
``@users``, ``@groups``...); every method on every view the add-on
registers; declared content types (any letter case, charsets, multipart
without boundary, XML-RPC, none) on the write routes; URL encodings
(invalid UTF-8, NUL, encoded slashes, overlong forms) in paths and query
strings; and sessions authenticated by the login cookie (a member and a
moderator, with no Origin, the site's, a foreign one or ``null``), besides
Anonymous and Basic. Whatever comes, no 5xx; a refused request changes
nothing; and a cookie-authenticated unsafe request from a foreign origin is
never accepted.

Bounded: ``EXAMPLES`` generated requests per actor for the first sweep and
``STOCK_EXAMPLES`` per session for the second, from a fixed seed (the same
requests on every run): 1,600 requests (1,000 and 600), 60 s of requests
and 75 s with the set-up on an idle 2-core machine, about twice that under
load (``-s`` prints the counts by route family, the time and the statuses
per actor).
"""

from collections import Counter
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import seed
from hypothesis import settings
from hypothesis import strategies as st
from tests.hostile.sessions import cookie_session
from tests.hostile.views import our_views
from tests.hostile.views import path_of
from tests.support.clients import session
from tests.support.clients import TIMEOUT
from tests.support.users import ACTORS
from torino.socialplan.consultation import guards
from urllib.parse import urlencode

import json
import pytest
import requests
import time
import transaction


EXAMPLES = 125

NASTY = [
    "",
    " ",
    "Eve\ud800",
    "\udfff",
    "a\x00b",
    "\x1b[31m",
    "\u202eevE",
    "\u2066x\u2069",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "x" * 6000,  # beyond every limit
    "riga\nriga",
    "\r\n\t",
    "12345",
    "2026-13-45T99:99",
    "null",
    "@x.org",
    "<script>@x.org",
    "maria@example.org",
    "../../etc/passwd",
    "%00",
]

text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(
        alphabet=st.sampled_from("\ud800\udfff\x00\x1b\x7f\u202e\u2066\n\r\tAé€😀"),
        max_size=20,
    ),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
)

json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(text, children, max_size=4),
    ),
    max_leaves=12,
)

DEEP = ["[" * 100_000, "[" * 70 + "]" * 70, '{"a":' * 5000 + "1" + "}" * 5000]


def near(base, extra_keys=()):
    """``base`` with some fields given any value, some dropped, some added."""
    keys = list(base) + list(extra_keys) + ["is_admin", "@type", "website_url"]
    return st.builds(
        lambda changes, dropped: {
            **{k: v for k, v in base.items() if k not in dropped},
            **changes,
        },
        st.dictionaries(st.sampled_from(keys), json_values, max_size=3),
        st.sets(st.sampled_from(list(base)), max_size=2),
    )


def bodies(base, extra_keys=()):
    return st.one_of(
        near(base, extra_keys).map(json.dumps),
        json_values.map(json.dumps),
        st.sampled_from(DEEP),
        st.binary(max_size=40),
    )


def endpoints(site):
    """(method, url, body strategy, content type) for every write route."""
    plan = site["plan"].absolute_url()
    chapter = site["chapter"].absolute_url()
    action_a = site["action_a"].absolute_url()
    action_b = site["action_b"].absolute_url()
    comment = {
        "text": "Servono tutor.",
        "first_name": "Maria",
        "last_name": "Rossi",
        "organization": "Coop",
        "organization_type": "social_enterprise",
        "author_email": "maria@example.org",
        "privacy_consent": True,
    }
    pledge = {
        "first_name": "Anna",
        "last_name": "Bianchi",
        "organization_type": "social_enterprise",
        "email": "anna@example.org",
        "contribution": "Una sala.",
        "actions": [site["action_a"].UID()],
        "resources": [{"kind": "Sala", "description": "", "value": "10"}],
        "privacy_consent": True,
    }
    pledge_url = site["pledge"].absolute_url()
    comment_url = f"{chapter}/@comments/{site['comment'].id}"
    moderation = {"items": [pledge_url], "transition": "publish", "reason": None}
    outcomes = {
        "items": [comment_url],
        "outcome": "accepted",
        "motivation": "Accolta.",
    }
    edits = {
        "title": "Nuovo titolo",
        "description": "Descrizione",
        "consultation_start": "2026-01-01T09:00",
        "phases": [{"title": "Fase", "start": "2026-01-01", "end": None}],
    }
    action_edits = {
        "title": "Azione",
        "milestones": [{"title": "Tappa", "due_date": "2026-05-01", "done": False}],
        "indicators": [{"name": "Posti", "target": "10"}],
        "partners": [{"organization": "Coop", "role": "Partner"}],
        "code": "A.1.9",
    }
    json_type = "application/json"
    form_type = "application/x-www-form-urlencoded"
    form_comment = st.dictionaries(
        st.sampled_from([*comment, "in_reply_to", "paragraph", "anchor", "x"]),
        st.one_of(text, st.lists(text, max_size=2)),
        max_size=8,
    )
    form_pledge = st.dictionaries(
        st.sampled_from([*pledge, "form.submitted", "resources.count", "x"]),
        st.one_of(text, st.lists(text, max_size=2)),
        max_size=8,
    ).map(lambda d: {**d, "form.submitted": "1"})
    batching = st.dictionaries(
        st.sampled_from(["b_size", "b_start", "review_state", "type", "chapter"]),
        st.one_of(text, st.integers(min_value=-5, max_value=10**9).map(str)),
        max_size=3,
    )
    return [
        ("POST", f"{plan}/@comments", bodies(comment), json_type),
        (
            "POST",
            f"{chapter}/@comments",
            bodies(comment, ["anchor", "paragraph"]),
            json_type,
        ),
        ("POST", f"{action_a}/@comments", bodies(comment, ["anchor"]), json_type),
        ("POST", comment_url, bodies(comment), json_type),
        (
            "POST",
            f"{chapter}/@comments/{site['pending_comment'].id}",
            bodies(comment),
            json_type,
        ),
        ("POST", f"{action_a}/@pledges", bodies(pledge), json_type),
        ("POST", f"{plan}/@pledges", bodies(pledge), json_type),
        ("POST", f"{plan}/@moderation", bodies(moderation, ["note"]), json_type),
        ("POST", f"{plan}/@outcomes", bodies(outcomes), json_type),
        ("POST", f"{plan}/@anchor-triage", bodies({"items": [comment_url]}), json_type),
        ("PATCH", plan, bodies(edits, ["consultation_end"]), json_type),
        ("PATCH", chapter, bodies({"title": "Capitolo"}), json_type),
        ("PATCH", action_a, bodies(action_edits), json_type),
        ("PATCH", action_b, bodies(action_edits), json_type),
        ("POST", f"{chapter}/@@comment-submit", form_comment, form_type),
        ("POST", f"{action_a}/@@pledge", form_pledge, form_type),
        ("GET", f"{plan}/@pledges", batching, None),
        ("GET", f"{plan}/@moderation", batching, None),
        ("GET", f"{plan}/@outcomes", batching, None),
        ("GET", f"{chapter}/@comments", batching, None),
        ("GET", f"{site['portal'].absolute_url()}/@search", batching, None),
    ]


def requests_for(site):
    return st.sampled_from(endpoints(site)).flatmap(
        lambda e: st.tuples(st.just(e[:2]), e[2], st.just(e[3]))
    )


def last_transaction(site):
    transaction.abort()
    return site["portal"]._p_jar.db().lastTransaction()


def encoded(fields):
    """Form or query fields as a hostile client sends them: lone
    surrogates as the (invalid UTF-8) bytes they would be."""
    return urlencode(fields, doseq=True, encoding="utf-8", errors="surrogatepass")


def send(http, method, url, body, content_type):
    if content_type is None:
        return http.request(method, f"{url}?{encoded(body)}", timeout=TIMEOUT)
    if content_type != "application/json":
        # A browser's form post, as a member or anonymous (no token).
        headers = {"Content-Type": content_type, "Accept": "text/html"}
        return http.request(
            method,
            url,
            data=encoded(body),
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    return http.request(method, url, data=body, timeout=TIMEOUT)


REPORT = {}


def family_of(method, url):
    """The route family of a request of the first sweep, for the report."""
    if method == "GET":
        return "listings"
    if "@@" in url:
        return "classic forms"
    if method == "PATCH":
        return "editors' PATCH"
    if "@comments" in url or "@pledges" in url:
        return "contributions"
    return "moderation"


@pytest.mark.parametrize("actor", ACTORS)
def test_no_5xx_and_nothing_changed_unless_accepted(hostile_site, actor):
    http = session(actor)
    sent = []
    families = Counter()
    changed = []  # per accepted request: whether it committed
    started = time.monotonic()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=False,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(ACTORS.index(actor))
    @given(request=requests_for(hostile_site))
    def check(request):
        (method, url), body, content_type = request
        guards.reset_rate_limits()
        before = last_transaction(hostile_site)
        response = send(http, method, url, body, content_type)
        sent.append(response.status_code)
        families[family_of(method, url)] += 1
        status = response.status_code
        assert status < 500, (method, url, body, status, response.text[:300])
        accepted = 200 <= status < 300 or (
            content_type not in (None, "application/json") and status == 302
        )
        if accepted:
            changed.append(last_transaction(hostile_site) != before)
        else:
            assert last_transaction(hostile_site) == before, (
                method,
                url,
                body,
                status,
                response.text[:300],
            )

    check()
    elapsed = time.monotonic() - started
    REPORT[actor] = (len(sent), elapsed)
    # The check can see a change: accepted contributions did commit.
    assert any(changed)
    tally = dict(sorted(Counter(sent).items()))
    print(
        f"\nsweep {actor}: {len(sent)} requests in {elapsed:.1f} s, "
        f"by family {dict(sorted(families.items()))}, {tally}"
    )


# --- the second sweep: stock routes, methods, types, encodings, cookies ----

STOCK_EXAMPLES = 150

STOCK_ROUTES = [
    "@search",
    "@querystring-search",
    "@querystring",
    "@navigation",
    "@contextnavigation",
    "@breadcrumbs",
    "@navroot",
    "@site",
    "@types",
    "@types/Plan",
    "@types/Document",
    "@vocabularies",
    "@vocabularies/plone.app.vocabularies.PortalTypes",
    "@vocabularies/plone.app.vocabularies.Keywords",
    "@sources/title",
    "@workflow",
    "@history",
    "@users",
    "@users/member",
    "@groups",
    "@principals",
    "@actions",
    "@sharing",
    "@lock",
    "@consultation",
    "@comments",
    "@pledges",
    "@outcomes",
    "@moderation",
]
STOCK_PARAMS = [
    "SearchableText",
    "sort_on",
    "sort_order",
    "sort_limit",
    "b_size",
    "b_start",
    "path",
    "path.depth",
    "path.query",
    "created.query",
    "created.range",
    "modified",
    "portal_type",
    "review_state",
    "Subject",
    "fullobjects",
    "metadata_fields",
    "use_site_search_settings",
    "expand",
    "expand.navigation.depth",
    "expand.contextnavigation.topLevel",
    "query",
    "title",
    "token",
    "search",
    "limit",
    "groups",
    "depth",
    "include_items",
    "version",
    "format",
]
STOCK_VALUES = [
    "AND",
    "NOT x",
    '"',
    "OR OR",
    "lavoro AND (",
    "?",
    "-lavoro",
    "*",
    "\u202elavoro",
    "lav\x00oro",
    "SearchableText",
    "sortable_title",
    "-1",
    "0",
    "1e400",
    "x",
    "[" * 80,
    '{"a": 1}',
    "[]",
    '[{"i": "portal_type", "o": "x", "v": "Plan"}]',
    "2026-13-45",
    "min",
    "max:min",
    "/",
    "../../",
    "null",
    "true",
]
stock_value = st.one_of(st.sampled_from(STOCK_VALUES), text)

# Every view the add-on registers and the methods it answers.
VIEWS = our_views("plan/chapter/@@view")
ALL_METHODS = [
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "COPY",
    "MOVE",
    "LOCK",
    "UNLOCK",
]
CONTENT_TYPES = [
    None,
    "application/json",
    "Application/JSON; charset=utf-8",
    "application/x-www-form-urlencoded",
    "APPLICATION/X-WWW-FORM-URLENCODED",
    "application/x-url-encoded",
    "text/plain",
    "text/plain; charset=latin-1",
    "multipart/form-data",
    "multipart/form-data; boundary=zz",
    "text/xml",
    "application/xml",
    "application/octet-stream",
    "",
    "x/\x00",
]
WRITE_ROUTES = [
    ("POST", "plan/chapter/@comments"),
    ("POST", "plan/chapter/action-a/@pledges"),
    ("POST", "plan/@moderation"),
    ("POST", "plan/@outcomes"),
    ("PATCH", "plan"),
    ("PATCH", "plan/chapter/action-a"),
    ("POST", "@querystring-search"),
    ("POST", "plan/@workflow/retract"),
    ("POST", "plan/chapter/@@comment-submit"),
    ("POST", "plan/@@moderation"),
]
ENCODED = [
    "%c0%ae",
    "%ff",
    "%fe%ff",
    "%e2%82",
    "%ed%a0%80",
    "%f4%90%80%80",
    "%00",
    "%2f",
    "%2e%2e",
    "%25",
    "%e2%80%ae",
    "%u0041",
    "%",
    "%zz",
]
ORIGINS = [None, "same", "http://evil.example", "null"]
SAFE = ("GET", "HEAD", "OPTIONS")

SESSIONS = ("anonymous", "member-cookie", "moderator-cookie", "manager-basic")

stock_request = st.builds(
    lambda route, where, params: ("stock", "GET", f"{where}{route}", params, None),
    st.sampled_from(STOCK_ROUTES),
    st.sampled_from(["", "plan/", "plan/chapter/", "++api++/"]),
    st.dictionaries(st.sampled_from(STOCK_PARAMS), stock_value, max_size=4),
)
method_request = st.builds(
    lambda view, method: ("views", method, view, {}, None),
    st.sampled_from(list(VIEWS)),
    st.sampled_from(ALL_METHODS),
)
typed_request = st.builds(
    lambda route, content_type, body: ("types", route[0], route[1], body, content_type),
    st.sampled_from(WRITE_ROUTES),
    st.sampled_from(CONTENT_TYPES),
    st.one_of(
        json_values.map(json.dumps),
        st.sampled_from(DEEP),
        st.binary(max_size=40),
        st.sampled_from(["a:int=x", "a:json=" + "[" * 2000, "<x>", "--zz\r\n"]),
    ),
)
encoded_request = st.builds(
    lambda where, pieces, in_query: (
        "encodings",
        "GET",
        where + ("" if in_query else "".join(pieces)),
        "".join(pieces) if in_query else {},
        None,
    ),
    st.sampled_from(
        ["", "plan/", "plan/@@", "++api++/plan/", "plan/chapter/@comments/"]
    ),
    st.lists(
        st.one_of(st.sampled_from(ENCODED), st.sampled_from(["a", "x=", "&", ":int"])),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
any_request = st.one_of(stock_request, method_request, typed_request, encoded_request)


def open_session(site, who):
    if who.endswith("-cookie"):
        return cookie_session(site, who.split("-")[0])
    if who == "manager-basic":
        return session("manager")
    return session("anonymous")


def send_raw(http, site, request, origin):
    family, method, path, params, content_type = request
    portal = site["portal"].absolute_url()
    url = f"{portal}/{path_of(site, path) if family == 'views' else path}"
    if family == "types":
        pass  # params is the body
    elif isinstance(params, str):  # already encoded
        url = f"{url}?{params}"
    elif params:
        url = f"{url}?{encoded(params)}"
    headers = {"Accept": "application/json"} if family != "views" else {}
    if origin == "same":
        headers["Origin"] = portal.rsplit("/", 1)[0]
    elif origin:
        headers["Origin"] = origin
    body = None
    if family == "types":
        body = params if isinstance(params, bytes) else str(params).encode()
        if content_type is not None:
            headers["Content-Type"] = content_type
    prepared = http.prepare_request(
        requests.Request(method, url, data=body, headers=headers)
    )
    # The URL as written (requests would re-quote some encodings), and no
    # Content-Type unless one was chosen.
    prepared.url = url
    if family == "types" and content_type is None:
        prepared.headers.pop("Content-Type", None)
    return http.send(prepared, timeout=TIMEOUT, allow_redirects=False)


FAMILIES = Counter()
STOCK_REPORT = {}


@pytest.mark.parametrize("who", SESSIONS)
def test_stock_routes_methods_types_encodings_cookies(hostile_site, who):
    http = open_session(hostile_site, who)
    statuses = Counter()
    families = Counter()
    started = time.monotonic()

    @settings(
        max_examples=STOCK_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(100 + SESSIONS.index(who))
    @given(request=any_request, origin=st.sampled_from(ORIGINS))
    def check(request, origin):
        family, method, path = request[:3]
        guards.reset_rate_limits()
        before = last_transaction(hostile_site)
        response = send_raw(http, hostile_site, request, origin)
        status = response.status_code
        statuses[status] += 1
        families[family] += 1
        assert status < 500, (who, request, origin, status, response.text[:300])
        if family == "views" and method not in VIEWS[path]:
            assert status == 405, (request, status)
            assert response.headers.get("Allow") == ", ".join(VIEWS[path])
        accepted = 200 <= status < 400
        foreign = origin not in (None, "same")
        forged = who.endswith("-cookie") and foreign and method not in SAFE
        if forged:
            assert not 200 <= status < 300, (who, request, origin, status)
        # Stock services answer some refusals without an exception (the
        # transaction then commits whatever they touched on the way, such
        # as lazily created settings): only our routes and forged requests
        # must leave the database as it was.
        ours = not path.startswith(("@", "++api++/@")) and "@workflow" not in path
        if forged or (not accepted and ours):
            assert last_transaction(hostile_site) == before, (
                who,
                request,
                origin,
                status,
                response.text[:300],
            )

    check()
    elapsed = time.monotonic() - started
    FAMILIES.update(families)
    STOCK_REPORT[who] = (sum(families.values()), elapsed)
    print(
        f"\nsweep 2 {who}: {sum(families.values())} requests in {elapsed:.1f} s, "
        f"by family {dict(sorted(families.items()))}, "
        f"statuses {dict(sorted(statuses.items()))}"
    )
