"""The cases of issue 11, one by one: each answered 5xx, or was accepted and
poisoned stored data, before the input policy (base/inputs.py)."""

from plone.app.discussion.interfaces import IConversation
from tests.support.clients import JSON
from tests.support.clients import session
from tests.support.clients import TIMEOUT
from tests.support.users import PASSWORD
from torino.socialplan.base import inputs

import json
import pytest
import requests
import transaction


def post(url, body, who="anonymous", **kwargs):
    return session(who).post(url, data=body, timeout=TIMEOUT, **kwargs)


class TestDeepBodies:
    def test_nested_brackets_anywhere(self, hostile_site):
        body = "[" * 100_000
        for url in (
            hostile_site["portal"].absolute_url(),
            hostile_site["chapter"].absolute_url() + "/@comments",
            hostile_site["plan"].absolute_url() + "/@pledges",
        ):
            for method in ("POST", "PATCH"):
                response = requests.request(
                    method, url, data=body, headers=JSON, timeout=TIMEOUT
                )
                assert response.status_code == 400, (method, url, response.text)
                assert "nested too deeply" in response.text

    def test_nested_brackets_to_classic_pages(self, hostile_site):
        response = requests.post(
            hostile_site["action_a"].absolute_url() + "/@@pledge",
            data="[" * 100_000,
            headers={"Content-Type": "application/json", "Accept": "text/html"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 400

    def test_within_the_limit_reaches_the_service(self, hostile_site):
        body = '{"text": ' + "[" * 60 + "]" * 60 + "}"
        response = post(hostile_site["chapter"].absolute_url() + "/@comments", body)
        assert response.status_code == 400
        assert "nested too deeply" not in response.text


LONE_SURROGATE = "Eve\ud800"

PERSON = {
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization": "Cooperativa Aurora",
    "organization_type": "social_enterprise",
    "privacy_consent": True,
}
COMMENT = dict(PERSON, text="Servono più tutor.", author_email="maria@example.org")
PLEDGE = dict(PERSON, email="maria@example.org", contribution="Due tutor.")


def as_json(value):
    """JSON text as a hostile client writes it (lone surrogates escaped)."""
    return json.dumps(value)


def error_fields(response):
    return {error["field"] for error in response.json()["errors"]}


def count_contributions(site):
    transaction.abort()
    plan = site["plan"]
    comments = sum(
        len(IConversation(obj)) for obj in (plan, site["chapter"], site["action_a"])
    )
    return comments, len([o for o in plan.objectValues() if o.portal_type == "Pledge"])


class TestContributions:
    @pytest.mark.parametrize(
        "field", ["first_name", "last_name", "organization", "text"]
    )
    def test_comment_lone_surrogate(self, hostile_site, field):
        before = count_contributions(hostile_site)
        response = post(
            hostile_site["chapter"].absolute_url() + "/@comments",
            as_json(dict(COMMENT, **{field: LONE_SURROGATE})),
        )
        assert response.status_code == 400, response.text
        assert error_fields(response) == {field}
        assert count_contributions(hostile_site) == before

    @pytest.mark.parametrize(
        "field", ["first_name", "last_name", "organization", "contribution"]
    )
    def test_pledge_lone_surrogate(self, hostile_site, field):
        before = count_contributions(hostile_site)
        response = post(
            hostile_site["action_a"].absolute_url() + "/@pledges",
            as_json(dict(PLEDGE, **{field: LONE_SURROGATE})),
        )
        assert response.status_code == 400, response.text
        assert error_fields(response) == {field}
        assert count_contributions(hostile_site) == before

    @pytest.mark.parametrize(
        "value", ["Eve\x00", "Eve\x1b[31m", "\u202eevE", "A\u2066B"]
    )
    @pytest.mark.parametrize("kind", ["comment", "pledge"])
    def test_controls_and_bidi_in_names(self, hostile_site, kind, value):
        url, body = (
            (hostile_site["chapter"].absolute_url() + "/@comments", COMMENT)
            if kind == "comment"
            else (hostile_site["action_a"].absolute_url() + "/@pledges", PLEDGE)
        )
        response = post(url, as_json(dict(body, first_name=value)))
        assert response.status_code == 400, response.text
        assert error_fields(response) == {"first_name"}

    def test_newline_and_tab_in_texts_only(self, hostile_site):
        url = hostile_site["chapter"].absolute_url() + "/@comments"
        response = post(url, as_json(dict(COMMENT, text="Uno\n\tdue\r\ntre")))
        assert response.status_code == 201, response.text
        response = post(url, as_json(dict(COMMENT, first_name="Ma\tria")))
        assert response.status_code == 400

    @pytest.mark.parametrize("consent", [1, 123, -1, "true", [True], {"a": 1}])
    def test_pledge_consent_is_json_true(self, hostile_site, consent):
        before = count_contributions(hostile_site)
        response = post(
            hostile_site["action_a"].absolute_url() + "/@pledges",
            as_json(dict(PLEDGE, privacy_consent=consent)),
        )
        assert response.status_code == 400, response.text
        assert error_fields(response) == {"privacy_consent"}
        assert count_contributions(hostile_site) == before

    @pytest.mark.parametrize("kind", ["comment", "pledge"])
    def test_unknown_keys_named(self, hostile_site, kind):
        url, body = (
            (hostile_site["chapter"].absolute_url() + "/@comments", COMMENT)
            if kind == "comment"
            else (hostile_site["action_a"].absolute_url() + "/@pledges", PLEDGE)
        )
        response = post(url, as_json(dict(body, is_admin=True, zz="x")))
        assert response.status_code == 400
        assert "is_admin, zz" in response.json()["message"]

    def test_resource_rows_unknown_keys_and_limit(self, hostile_site):
        url = hostile_site["action_a"].absolute_url() + "/@pledges"
        before = count_contributions(hostile_site)
        response = post(
            url, as_json(dict(PLEDGE, resources=[{"kind": "Sale", "price": 3}]))
        )
        assert response.status_code == 400
        assert error_fields(response) == {"resources"}
        assert "price" in response.json()["message"]
        rows = [{"kind": f"Sala {n}"} for n in range(inputs.RESOURCE_ROWS_MAX + 1)]
        response = post(url, as_json(dict(PLEDGE, resources=rows)))
        assert response.status_code == 400
        assert error_fields(response) == {"resources"}
        assert count_contributions(hostile_site) == before
        rows = rows[: inputs.RESOURCE_ROWS_MAX]
        response = post(url, as_json(dict(PLEDGE, resources=rows)))
        assert response.status_code == 201, response.text

    @pytest.mark.parametrize(
        "address", ["<script>@x.org", "a@b", "maria@@example.org", "m\u202e@x.org"]
    )
    def test_email_checked_as_an_address(self, hostile_site, address):
        response = post(
            hostile_site["chapter"].absolute_url() + "/@comments",
            as_json(dict(COMMENT, author_email=address)),
        )
        assert response.status_code == 400
        assert error_fields(response) == {"author_email"}
        response = post(
            hostile_site["action_a"].absolute_url() + "/@pledges",
            as_json(dict(PLEDGE, email=address)),
        )
        assert response.status_code == 400
        assert error_fields(response) == {"email"}


class TestBatching:
    @pytest.mark.parametrize(
        "params",
        [
            {"b_size": -1},
            {"b_size": 0},
            {"b_start": "x"},
            {"b_start": -3},
            {"b_size": "1e3"},
            {"b_size": 10**6},
        ],
    )
    @pytest.mark.parametrize(
        "route",
        [
            "plan/@pledges",
            "plan/@outcomes",
            "plan/@moderation",
            "plan/chapter/@comments",
        ],
    )
    def test_refused_with_a_reason(self, hostile_site, route, params):
        url = f"{hostile_site['portal'].absolute_url()}/{route}"
        response = session("manager").get(url, params=params, timeout=TIMEOUT)
        assert response.status_code == 400, response.text
        # Answered by the service, not by an exception (nothing logged).
        assert response.json()["type"] == "ValidationError"
        assert error_fields(response) == set(params)

    @pytest.mark.parametrize("params", [{"b_size": "x"}, {"b_size": -1}])
    @pytest.mark.parametrize("route", ["@search", "plan/@search", "@types"])
    def test_stock_listings_refuse_them_too(self, hostile_site, route, params):
        url = f"{hostile_site['portal'].absolute_url()}/{route}"
        response = session("manager").get(url, params=params, timeout=TIMEOUT)
        assert response.status_code == 400, response.text
        assert "b_size" in response.json()["message"]

    def test_valid_batching_still_works(self, hostile_site):
        url = hostile_site["chapter"].absolute_url() + "/@comments"
        response = session("manager").get(
            url, params={"b_size": 1, "b_start": 0}, timeout=TIMEOUT
        )
        assert response.status_code == 200
        assert len(response.json()["items"]) == 1
        url = hostile_site["portal"].absolute_url() + "/@search"
        response = session("manager").get(url, params={"b_size": 2}, timeout=TIMEOUT)
        assert response.status_code == 200


class TestCommentById:
    def test_missing_and_hidden_alike(self, hostile_site):
        base = hostile_site["chapter"].absolute_url() + "/@comments"
        hidden = hostile_site["pending_comment"].id
        anonymous = session("anonymous")
        for comment_id in ("99999", hidden, "x", "1" * 5000, "-1"):
            response = anonymous.get(f"{base}/{comment_id}", timeout=TIMEOUT)
            assert response.status_code == 404, (comment_id, response.text)
        assert response.json() == anonymous.get(f"{base}/99999").json()
        # A moderator sees the pending one; everyone the published one.
        response = session("moderator").get(f"{base}/{hidden}", timeout=TIMEOUT)
        assert response.status_code == 200
        published = hostile_site["comment"].id
        response = anonymous.get(f"{base}/{published}", timeout=TIMEOUT)
        assert response.status_code == 200


class TestEditors:
    @pytest.mark.parametrize("value", [12345, [], {}, True, "not a date", "9" * 40])
    def test_plan_dates(self, hostile_site, value):
        url = hostile_site["plan"].absolute_url()
        response = session("manager").patch(
            url, data=as_json({"consultation_start": value}), timeout=TIMEOUT
        )
        assert response.status_code == 400, response.text
        transaction.abort()
        assert hostile_site["plan"].window().is_open

    def test_too_many_phase_rows(self, hostile_site):
        rows = [
            {"title": f"Fase {n}", "start": "2026-01-01"}
            for n in range(inputs.GRID_ROWS_MAX + 1)
        ]
        response = session("manager").patch(
            hostile_site["plan"].absolute_url(),
            data=as_json({"phases": rows}),
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, response.text
        response = session("manager").patch(
            hostile_site["plan"].absolute_url(),
            data=as_json({"phases": rows[:3]}),
            timeout=TIMEOUT,
        )
        assert response.status_code == 204, response.text

    @pytest.mark.parametrize(
        "body",
        [
            {"title": "T" * 1_000_000},
            {"title": LONE_SURROGATE},
            {"description": "a\x00b"},
            {"milestones": [{"title": "\u202eevil"}]},
            {"indicators": [{"name": "x" * 600}]},
            {"partners": [{"organization": "Coop", "role": "r\ud800"}]},
        ],
    )
    def test_action_fields(self, hostile_site, body):
        action = hostile_site["action_a"]
        response = session("manager").patch(
            action.absolute_url(), data=as_json(body), timeout=TIMEOUT
        )
        assert response.status_code == 400, response.text
        transaction.abort()
        assert action.Title() == "Action A.1.1"


class TestClassicPledgeForm:
    def form(self, site, who):
        return site["action_a"].absolute_url() + "/@@pledge"

    def data(self, site, **extra):
        return {
            "form.submitted": "1",
            "first_name": "Giulia",
            "last_name": "Bianchi",
            "organization_type": "social_enterprise",
            "email": "giulia@example.org",
            "contribution": "Una sala.",
            "actions": site["action_a"].UID(),
            "privacy_consent": "on",
            **extra,
        }

    def test_member_without_token_is_forbidden(self, hostile_site):
        before = count_contributions(hostile_site)
        http = requests.Session()
        http.auth = ("member", PASSWORD)
        response = http.post(
            self.form(hostile_site, "member"),
            data=self.data(hostile_site),
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert response.status_code == 403
        assert count_contributions(hostile_site) == before

    def test_member_with_token_pledges(self, hostile_site):
        http = requests.Session()
        http.auth = ("member", PASSWORD)
        page = http.get(self.form(hostile_site, "member"), timeout=TIMEOUT).text
        token = page.split('name="_authenticator"', 1)[1].split('value="', 1)[1]
        token = token.split('"', 1)[0]
        response = http.post(
            self.form(hostile_site, "member"),
            data=self.data(hostile_site, _authenticator=token),
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert response.status_code == 302
        assert count_contributions(hostile_site)[1] == 2


class TestModeratorsTexts:
    def test_note_and_motivation_follow_the_policy(self, hostile_site):
        plan = hostile_site["plan"].absolute_url()
        moderator = session("moderator")
        response = moderator.post(
            f"{plan}/@moderation",
            data=as_json(
                {
                    "items": [hostile_site["pledge"].absolute_url()],
                    "transition": "reject",
                    "reason": "off_topic",
                    "note": "nota\ud800",
                }
            ),
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, response.text
        assert "note" in error_fields(response)
        comment_url = (
            f"{hostile_site['chapter'].absolute_url()}/@comments/"
            f"{hostile_site['comment'].id}"
        )
        response = moderator.post(
            f"{plan}/@outcomes",
            data=as_json(
                {"items": [comment_url], "outcome": "accepted", "motivation": "\u202e"}
            ),
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, response.text
        assert "motivation" in error_fields(response)


def test_body_problems():
    from torino.socialplan.restapi.guard import body_problem
    from torino.socialplan.restapi.guard import MAX_JSON_BYTES

    assert body_problem(b'{"a": [1, {"b": 2}]}') is None
    assert body_problem(b"not json") is None
    assert body_problem(b"{not json") is None  # the service answers it
    assert "deeply" in body_problem(b"[" * 65 + b"]" * 65)
    assert "deeply" in body_problem("[" * 100_000)
    assert "large" in body_problem(b'{"a": "', length=MAX_JSON_BYTES + 1)
    assert body_problem(b"%PDF-1.7", length=MAX_JSON_BYTES + 1) is None
    # Judged by what the body is, in any encoding json.loads detects.
    nested = "[" * 100 + "]" * 100
    assert "deeply" in body_problem(nested.encode("utf-16"))
    assert "deeply" in body_problem(nested.encode("utf-32-be"))
    assert "deeply" in body_problem(b"\xef\xbb\xbf" + nested.encode())
    assert "deeply" in body_problem(" \n" + nested)
    assert body_problem(b"a=1&b=2") is None
