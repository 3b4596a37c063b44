"""The checks every contribution passes, whatever its route."""

from datetime import datetime
from datetime import timedelta
from torino.socialplan.base.window import ROME
from torino.socialplan.base.window import window_status
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.errors import TooManyContributions

import pytest


class FakePlan:
    def __init__(self, start, end):
        self.start, self.end = start, end

    def window(self, now=None):
        return window_status(self.start, self.end, now)


class FakeRequest:
    def __init__(self, address):
        self.address = address

    def getClientAddr(self):
        return self.address


START = ROME.localize(datetime(2025, 2, 25))
END = ROME.localize(datetime(2025, 3, 12))


@pytest.fixture(autouse=True)
def fresh_limits():
    guards.reset_rate_limits()
    yield
    guards.reset_rate_limits()


class TestWindow:
    def test_open(self):
        window = guards.check_window(FakePlan(START, END), datetime(2025, 3, 1))
        assert window.is_open

    def test_upcoming_names_the_opening(self):
        with pytest.raises(ConsultationNotOpen) as raised:
            guards.check_window(FakePlan(START, END), datetime(2025, 2, 1))
        assert raised.value.status == 403
        body = raised.value.as_json()
        assert body["type"] == "ConsultationNotOpen"
        assert "25/02/2025 00:00 CET" in body["message"]

    def test_closed_names_the_closing(self):
        with pytest.raises(ConsultationNotOpen) as raised:
            guards.check_window(FakePlan(START, END), datetime(2025, 4, 1))
        assert "12/03/2025 00:00 CET" in raised.value.as_json()["message"]

    def test_no_dates(self):
        with pytest.raises(ConsultationNotOpen) as raised:
            guards.check_window(FakePlan(None, None), datetime(2025, 4, 1))
        assert "not set" in raised.value.as_json()["message"]


class TestHoneypot:
    def test_empty_passes(self):
        guards.check_honeypot({"website_url": ""})
        guards.check_honeypot({})

    def test_filled_is_refused_on_its_field(self):
        with pytest.raises(ContributionError) as raised:
            guards.check_honeypot({"website_url": "http://spam.example"})
        assert raised.value.status == 400
        assert raised.value.as_json()["errors"][0]["field"] == "website_url"


class TestRateLimit:
    def test_five_a_minute_then_429(self):
        request = FakeRequest("192.0.2.1")
        for _ in range(5):
            guards.check_rate_limit(request, "comment")
        with pytest.raises(TooManyContributions) as raised:
            guards.check_rate_limit(request, "comment")
        assert raised.value.status == 429
        assert 1 <= raised.value.retry_after <= 60

    def test_counted_per_client_and_kind(self):
        first, second = FakeRequest("192.0.2.1"), FakeRequest("192.0.2.2")
        for _ in range(5):
            guards.check_rate_limit(first, "comment")
        guards.check_rate_limit(second, "comment")
        guards.check_rate_limit(first, "pledge")

    def test_a_refused_attempt_is_not_counted(self):
        request = FakeRequest("192.0.2.9")
        for _ in range(5):
            guards.check_rate_limit(request, "comment")
        for _ in range(3):
            with pytest.raises(TooManyContributions):
                guards.check_rate_limit(request, "comment")
        guards.reset_rate_limits()
        guards.check_rate_limit(request, "comment")

    def test_a_retried_request_counts_once(self):
        """Zope retries a request after a ConflictError: the retry is the
        same post, and must not count again."""
        from io import BytesIO
        from ZPublisher.HTTPRequest import HTTPRequest
        from ZPublisher.HTTPResponse import HTTPResponse

        environ = {
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "REQUEST_METHOD": "POST",
            "REMOTE_ADDR": "192.0.2.77",
        }
        request = HTTPRequest(BytesIO(b""), environ, HTTPResponse())
        request.retry_max_count = 3
        guards.check_rate_limit(request, "comment")
        for _ in range(3):
            request = request.retry()
            guards.check_rate_limit(request, "comment")
        # One counted: four more posts of this minute pass, the sixth not.
        for _ in range(4):
            fresh = HTTPRequest(BytesIO(b""), dict(environ), HTTPResponse())
            guards.check_rate_limit(fresh, "comment")
        fresh = HTTPRequest(BytesIO(b""), dict(environ), HTTPResponse())
        with pytest.raises(TooManyContributions):
            guards.check_rate_limit(fresh, "comment")


def test_errors_as_json_keep_every_field():
    error = ContributionError([("first_name", "Required"), ("text", "Too long")])
    body = error.as_json()
    assert [item["field"] for item in body["errors"]] == ["first_name", "text"]
    assert body["message"] == "Required Too long"


def test_window_closes_at_the_exact_minute():
    plan = FakePlan(START, END)
    guards.check_window(plan, END - timedelta(seconds=1))
    with pytest.raises(ConsultationNotOpen):
        guards.check_window(plan, END)
