"""The request-level cases of issue 23: bodies judged by what they are, stock
@search with bad parameters, requests Zope cannot read, methods on our
views, forgery with a moderator's login cookie, and what the log gets."""

from plone.app.discussion.interfaces import IConversation
from tests.hostile.sessions import cookie_session
from tests.hostile.views import our_views
from tests.hostile.views import path_of
from tests.support.clients import JSON
from tests.support.clients import session
from tests.support.clients import TIMEOUT
from tests.support.users import PASSWORD
from torino.socialplan.http import failures

import json
import logging
import pytest
import requests
import transaction


DEEP = ["[" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000]
TYPES = [
    "application/x-www-form-urlencoded",
    "Application/X-WWW-Form-URLEncoded",
    "application/x-url-encoded",
    "text/plain",
    None,
]


def url(site, path):
    return f"{site['portal'].absolute_url()}/{path_of(site, path)}"


class TestBodiesByContent:
    @pytest.mark.parametrize("content_type", TYPES)
    @pytest.mark.parametrize(
        "method, path",
        [
            ("POST", "plan/chapter/@comments"),
            ("POST", "plan/chapter/action-a/@pledges"),
            ("POST", "plan/@moderation"),
            ("POST", "plan/@outcomes"),
            ("PATCH", "plan"),
            ("POST", "@login"),
            ("POST", "@querystring-search"),
            ("POST", "plan/@workflow/retract"),
        ],
    )
    def test_deep_json_whatever_its_type(
        self, hostile_site, method, path, content_type
    ):
        headers = {"Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        for body in DEEP:
            response = requests.request(
                method,
                url(hostile_site, path),
                data=body,
                headers=headers,
                timeout=TIMEOUT,
            )
            assert response.status_code == 400, (content_type, response.text[:200])
            assert "nested too deeply" in response.json()["message"]

    @pytest.mark.parametrize(
        "body",
        [
            "\ufeff" + "[" * 100_000,
            ("[" * 100_000).encode("utf-16"),
            ("[" * 100_000).encode("utf-16-be"),
            ("[" * 100_000).encode("utf-32-le"),
            " \r\n\t" + "[" * 100_000,
        ],
    )
    def test_deep_json_in_any_encoding(self, hostile_site, body):
        if isinstance(body, str):
            body = body.encode("utf-8")
        response = requests.post(
            url(hostile_site, "@login"),
            data=body,
            headers={"Content-Type": "text/plain", "Accept": "application/json"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, response.text[:200]

    def test_deep_json_in_the_query_string(self, hostile_site):
        response = requests.get(
            url(hostile_site, "@querystring-search"),
            params={"query": "[" * 5000},
            headers={"Accept": "application/json"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, response.text[:200]


class TestStockSearch:
    @pytest.mark.parametrize(
        "text",
        [
            "AND",
            "NOT x",
            '"',
            "OR OR",
            "lavoro AND (",
            "?",
            "-lavoro",
            "\u202elavoro",
            "lav\x00oro",
            "*",
            ")(",
        ],
    )
    def test_searchable_text_as_the_classic_page(self, hostile_site, text):
        response = session("anonymous").get(
            url(hostile_site, "@search"),
            params={"SearchableText": text},
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text[:300]

    def test_a_valid_query_keeps_its_operators(self, hostile_site):
        http = session("anonymous")
        found = http.get(
            url(hostile_site, "@search"),
            params={"SearchableText": "Piano OR nessunaparola"},
            timeout=TIMEOUT,
        ).json()
        assert found["items_total"] >= 1
        none = http.get(
            url(hostile_site, "@search"),
            params={"SearchableText": "Piano AND nessunaparola"},
            timeout=TIMEOUT,
        ).json()
        assert none["items_total"] == 0

    @pytest.mark.parametrize(
        "params, word",
        [
            ({"sort_on": "SearchableText"}, "sort_on"),
            ({"sort_on": "nonexistent"}, "sort_on"),
            ({"sort_limit": "x"}, "sort_limit"),
            ({"sort_limit": "-3"}, "sort_limit"),
            ({"path.depth": "x"}, "depth"),
            ({"created.query": "x"}, "created"),
            ({"created.query": "x", "created.range": "min"}, "created"),
        ],
    )
    def test_bad_parameters_refused_with_a_reason(self, hostile_site, params, word):
        response = session("anonymous").get(
            url(hostile_site, "@search"), params=params, timeout=TIMEOUT
        )
        assert response.status_code == 400, response.text[:300]
        assert word in response.json()["message"]

    def test_valid_sort_still_works(self, hostile_site):
        response = session("anonymous").get(
            url(hostile_site, "@search"),
            params={"sort_on": "sortable_title", "sort_limit": "2"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 200
        assert response.json()["items_total"] >= 1


class TestRequestsZopeCannotRead:
    @pytest.mark.parametrize("path", ["%c0%ae", "%ff", "plan/%c0", "++api++/%ff"])
    def test_invalid_utf8_in_the_path(self, hostile_site, path):
        response = requests.get(url(hostile_site, path), timeout=TIMEOUT)
        assert response.status_code == 400
        assert "Traceback" not in response.text

    @pytest.mark.parametrize(
        "query",
        [
            "b_size:int=x",
            "a:float=x",
            "a:date=x",
            "a:required=",
            "a:json=" + "[" * 3000,
        ],
    )
    def test_form_converters(self, hostile_site, query):
        response = requests.get(f"{url(hostile_site, 'plan')}?{query}", timeout=TIMEOUT)
        assert response.status_code == 400

    @pytest.mark.parametrize(
        "content_type, body",
        [
            ("multipart/form-data", b"x"),
            ("application/x-www-form-urlencoded", b"a:int=x"),
            ("text/xml", b"<x>"),
        ],
    )
    def test_bodies(self, hostile_site, content_type, body):
        response = requests.post(
            url(hostile_site, "plan/chapter/@@comment-submit"),
            data=body,
            headers={"Content-Type": content_type},
            timeout=TIMEOUT,
        )
        assert response.status_code == 400


# Every view the add-on registers, with the methods it answers.
VIEWS = our_views("plan/@@view", "plan/chapter/view")
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]
METHODS += ["PROPFIND", "MKCOL", "LOCK"]


class TestMethods:
    @pytest.mark.parametrize("path", VIEWS)
    def test_unsupported_methods_405_with_allow(self, hostile_site, path):
        http = requests.Session()
        http.auth = ("manager", PASSWORD)
        before = last_transaction(hostile_site)
        for method in METHODS:
            if method in VIEWS[path]:
                continue
            response = http.request(
                method, url(hostile_site, path), timeout=TIMEOUT, allow_redirects=False
            )
            assert response.status_code == 405, (method, response.text[:200])
            assert response.headers["Allow"] == ", ".join(VIEWS[path])
        assert last_transaction(hostile_site) == before

    def test_the_export_answers_get_only(self, hostile_site):
        export = url(hostile_site, "plan/@@consultation-export")
        http = session("anonymous")
        assert http.get(export, params={"format": "csv"}).status_code == 200
        for method in ("POST", "PUT", "DELETE"):
            response = http.request(method, export, params={"format": "csv"})
            assert response.status_code == 405
            assert "Traceback" not in response.text


def last_transaction(site):
    transaction.abort()
    return site["portal"]._p_jar.db().lastTransaction()


def pledge_state(site):
    transaction.abort()
    return site["pledge"].portal_workflow.getInfoFor(site["pledge"], "review_state")


def comment_count(site):
    transaction.abort()
    return len(IConversation(site["chapter"]))


FOREIGN = "http://localhost:9"


class TestForgeryWithTheLoginCookie:
    def moderation(self, site):
        return json.dumps(
            {
                "items": [site["pledge"].absolute_url()],
                "transition": "publish",
                "reason": None,
            }
        )

    @pytest.mark.parametrize(
        "headers",
        [
            {"Content-Type": "text/plain", "Origin": FOREIGN},
            {"Content-Type": "text/plain"},
            {"Content-Type": "application/x-www-form-urlencoded"},
            {"Content-Type": "multipart/form-data; boundary=x"},
            {"Content-Type": "application/json", "Origin": FOREIGN},
            {"Content-Type": "application/json", "Origin": "null"},
            {"Content-Type": "application/json", "Referer": FOREIGN + "/page"},
            {"Content-Type": "TEXT/PLAIN; charset=utf-8"},
        ],
    )
    def test_moderation_refused(self, hostile_site, headers):
        http = cookie_session(hostile_site, "moderator")
        before = last_transaction(hostile_site)
        response = http.post(
            url(hostile_site, "plan/@moderation"),
            data=self.moderation(hostile_site),
            headers={"Accept": "application/json", **headers},
            timeout=TIMEOUT,
        )
        # 400: Zope cannot read that multipart body; refused either way.
        assert response.status_code in (400, 403), response.text[:300]
        assert last_transaction(hostile_site) == before
        assert pledge_state(hostile_site) == "pending"

    def test_no_content_type_refused(self, hostile_site):
        # A fetch of a Blob sends no Content-Type: still a simple request.
        http = cookie_session(hostile_site, "moderator")
        request = requests.Request(
            "POST",
            url(hostile_site, "plan/@moderation"),
            data=self.moderation(hostile_site).encode(),
            headers={"Accept": "application/json"},
        )
        prepared = http.prepare_request(request)
        prepared.headers.pop("Content-Type", None)
        response = http.send(prepared, timeout=TIMEOUT)
        assert response.status_code == 403
        assert pledge_state(hostile_site) == "pending"

    def test_workflow_and_comments_refused(self, hostile_site):
        http = cookie_session(hostile_site, "manager")
        headers = {"Accept": "application/json", "Content-Type": "text/plain"}
        response = http.post(
            url(hostile_site, "plan/@workflow/retract"), headers=headers
        )
        assert response.status_code == 403
        before = comment_count(hostile_site)
        response = http.post(
            url(hostile_site, "plan/chapter/@comments"),
            data=json.dumps({"text": "x"}),
            headers={**headers, "Origin": FOREIGN},
        )
        assert response.status_code == 403
        assert comment_count(hostile_site) == before
        transaction.abort()
        assert api_state(hostile_site["plan"]) == "published"

    def test_same_origin_json_accepted(self, hostile_site):
        http = cookie_session(hostile_site, "moderator")
        response = http.post(
            url(hostile_site, "plan/@moderation"),
            data=self.moderation(hostile_site),
            headers={
                **JSON,
                "Origin": hostile_site["portal"].absolute_url().rsplit("/", 1)[0],
            },
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text[:300]
        assert pledge_state(hostile_site) == "published"

    def test_token_accepted(self, hostile_site):
        http = cookie_session(hostile_site, "moderator")
        page = http.get(url(hostile_site, "plan/@@moderation"), timeout=TIMEOUT).text
        token = page.split('name="_authenticator"', 1)[1].split('value="', 1)[1]
        token = token.split('"', 1)[0]
        response = http.post(
            url(hostile_site, "plan/@moderation"),
            data=self.moderation(hostile_site),
            headers={
                "Accept": "application/json",
                "Content-Type": "text/plain",
                "Origin": FOREIGN,
                "X-CSRF-TOKEN": token,
            },
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text[:300]
        assert pledge_state(hostile_site) == "published"

    def test_basic_and_bearer_unaffected(self, hostile_site):
        http = requests.Session()
        http.auth = ("moderator", PASSWORD)
        response = http.post(
            url(hostile_site, "plan/@moderation"),
            data=self.moderation(hostile_site),
            headers={
                "Accept": "application/json",
                "Content-Type": "text/plain",
                "Origin": FOREIGN,
            },
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text[:300]
        token = requests.post(
            url(hostile_site, "@login"),
            data=json.dumps({"login": "manager", "password": PASSWORD}),
            headers=JSON,
            timeout=TIMEOUT,
        ).json()["token"]
        response = requests.post(
            url(hostile_site, "plan/@workflow/retract"),
            headers={
                "Accept": "application/json",
                "Content-Type": "text/plain",
                "Origin": FOREIGN,
                "Authorization": f"Bearer {token}",
            },
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text[:300]

    def test_anonymous_comments_as_before(self, hostile_site):
        before = comment_count(hostile_site)
        response = requests.post(
            url(hostile_site, "plan/chapter/@comments"),
            data=json.dumps(
                {
                    "text": "Servono più tutor.",
                    "first_name": "Maria",
                    "last_name": "Rossi",
                    "organization": "Coop",
                    "organization_type": "social_enterprise",
                    "author_email": "maria@example.org",
                    "privacy_consent": True,
                }
            ),
            headers={
                "Accept": "application/json",
                "Content-Type": "text/plain",
                "Origin": FOREIGN,
            },
            timeout=TIMEOUT,
        )
        assert response.status_code == 201, response.text[:300]
        assert comment_count(hostile_site) == before + 1


def api_state(obj):
    return obj.portal_workflow.getInfoFor(obj, "review_state")


class Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    ours = logging.getLogger("torino.socialplan.requests")
    yield handler.records
    root.removeHandler(handler)
    root.setLevel(level)
    assert ours  # the logger the lines come from


def lines(records):
    """Log lines as an event log would write them (tracebacks included)."""
    formatter = logging.Formatter()
    return sum(formatter.format(r).count("\n") + 1 for r in records)


class TestLogs:
    @pytest.mark.parametrize(
        "method, path, kwargs",
        [
            ("GET", "@search", {"params": {"sort_on": "SearchableText"}}),
            ("GET", "@search", {"params": {"b_size": "x"}}),
            ("POST", "plan/chapter/@comments", {"data": "[" * 100_000}),
            ("DELETE", "plan/@@consultation-export", {}),
            (
                "PATCH",
                "plan",
                {"data": '{"consultation_start": []}', "auth": 1, "headers": JSON},
            ),
            (
                "POST",
                "plan/chapter/action-a/@@pledge",
                {"data": {"form.submitted": "1"}, "auth": 1},
            ),
        ],
    )
    def test_a_refusal_writes_one_line(
        self, hostile_site, records, method, path, kwargs
    ):
        if kwargs.pop("auth", None):
            kwargs["auth"] = ("manager", PASSWORD)
        records.clear()
        kwargs.setdefault("headers", {"Accept": "application/json"})
        response = requests.request(
            method, url(hostile_site, path), timeout=TIMEOUT, **kwargs
        )
        assert 400 <= response.status_code < 500
        mine = [
            r
            for r in records
            if r.name.startswith(("torino.socialplan.requests", "Zope"))
        ]
        assert len(mine) == 1, [(r.name, r.getMessage()[:80]) for r in records]
        assert lines(mine) == 1
        assert mine[0].exc_info is None
        assert mine[0].getMessage().startswith(f"refused {response.status_code}")

    def test_every_failure_leaves_its_traceback(self, hostile_site, records):
        from torino.socialplan.content.plan import IPlan
        from torino.socialplan.interfaces import IBrowserLayer
        from zope.component import getGlobalSiteManager
        from zope.interface import Interface

        gsm = getGlobalSiteManager()
        gsm.registerAdapter(Boom, (IPlan, IBrowserLayer), Interface, "torino-boom")
        try:
            for _ in range(8):  # beyond the error log's burst of 5
                response = requests.get(
                    url(hostile_site, "plan/@@torino-boom"), timeout=TIMEOUT
                )
                assert response.status_code == 500
        finally:
            gsm.unregisterAdapter(
                Boom, (IPlan, IBrowserLayer), Interface, "torino-boom"
            )
        failed = [r for r in records if r.name == failures.logger.name]
        assert len(failed) == 8
        assert all(r.exc_info and r.levelno == logging.ERROR for r in failed)
        assert "RuntimeError: boom" in logging.Formatter().format(failed[0])
        # The error log's copy (throttled) is left out of the event log.
        assert not [r for r in records if r.name == "Zope.SiteErrorLog"]


class Boom:
    """A view that fails, as a bug would."""

    __roles__ = None  # public

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        raise RuntimeError("boom")
