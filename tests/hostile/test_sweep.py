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

Bounded: ``EXAMPLES`` generated requests per actor, from a fixed seed per
actor (the same requests on every run, different ones for each actor): 2,000
requests, 75 to 90 seconds on our shared 2-core machines (``-s`` prints the count,
the time and the statuses per actor).
"""

from .conftest import ACTORS
from .conftest import session
from .conftest import TIMEOUT
from collections import Counter
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import seed
from hypothesis import settings
from hypothesis import strategies as st
from torino.socialplan.consultation import guards
from urllib.parse import urlencode

import json
import pytest
import time
import transaction


EXAMPLES = 250

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


@pytest.mark.parametrize("actor", ACTORS)
def test_no_5xx_and_nothing_changed_unless_accepted(hostile_site, actor):
    http = session(actor)
    sent = []
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
    print(f"\nsweep {actor}: {len(sent)} requests in {elapsed:.1f} s, {tally}")
