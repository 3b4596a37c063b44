"""The cases of issue 11, one by one: each answered 5xx, or was accepted and
poisoned stored data, before the input policy (consultation/inputs.py)."""

from .conftest import JSON
from .conftest import session
from .conftest import TIMEOUT

import requests


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
