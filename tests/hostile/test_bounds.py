"""Every count and position bounded and checked against what it refers to:
an inline comment's anchor offsets, a pledge's actions, the items of one
moderation request, editors' dates; and the honeypot, whose falsy JSON
values are not "empty"."""

from datetime import date
from datetime import datetime
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.hostile.data import COMMENT
from tests.hostile.data import PLEDGE
from tests.support.clients import session
from tests.support.clients import TIMEOUT
from tests.support.plans import rich
from torino.socialplan.base import inputs
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import guards
from torino.socialplan.content.grid_rows import IIndicatorRow
from torino.socialplan.content.grid_rows import IMilestoneRow
from torino.socialplan.content.grid_rows import IPhaseRow
from torino.socialplan.content.plan import IPlan

import json
import pytest
import requests
import time
import transaction


FIRST = "Le cooperative di comunità offrono servizi."
SECOND = "Si propone un fondo rotativo."
# The document text the offsets count in: paragraphs joined by newlines.
LENGTH = len(FIRST) + 1 + len(SECOND)


def post(url, body, who="anonymous"):
    guards.reset_rate_limits()
    return session(who).post(url, data=json.dumps(body), timeout=TIMEOUT)


def fields_of(response):
    assert response.status_code == 400, (response.status_code, response.text[:300])
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def count_comments(chapter):
    transaction.abort()
    return len(IConversation(chapter))


# Anchors ----------------------------------------------------------------


def test_selector_position_within_the_text():
    selector = {"exact": "fondo", "position": {"start": 3, "end": 8}}
    assert anchors.validate_selector(selector, length=8)["position"] == {
        "start": 3,
        "end": 8,
    }
    for position in (
        {"start": 3, "end": 9},
        {"start": 10**100, "end": 10**100 + 5},
        {"start": -1, "end": 3},
        {"start": 3, "end": 3},
        {"start": 3.0, "end": 5},
        {"start": "3", "end": 5},
        {"start": True, "end": 5},
    ):
        with pytest.raises(anchors.SelectorError):
            anchors.validate_selector(dict(selector, position=position), length=8)


@pytest.fixture
def texted(hostile_site):
    setRoles(hostile_site["portal"], TEST_USER_ID, ["Manager"])
    chapter = hostile_site["chapter"]
    chapter.text = rich(f"<p>{FIRST}</p><p>{SECOND}</p>")
    setRoles(hostile_site["portal"], TEST_USER_ID, ["Member"])
    transaction.commit()
    return hostile_site


def test_anchor_offsets_rest(texted):
    chapter = texted["chapter"]
    url = chapter.absolute_url() + "/@comments"
    before = count_comments(chapter)
    anchor = {"exact": "fondo rotativo", "prefix": "un ", "suffix": "."}
    for position in (
        {"start": 10**100, "end": 10**100 + 14},
        {"start": 0, "end": LENGTH + 1},
        {"start": LENGTH, "end": LENGTH + 14},
        {"start": -5, "end": 9},
        {"start": 5, "end": "9"},
    ):
        response = post(url, dict(COMMENT, anchor=dict(anchor, position=position)))
        assert set(fields_of(response)) == {"anchor"}, position
    assert count_comments(chapter) == before
    # Within the text: stored, and shown as posted in the public annotation.
    start = len(FIRST) + 1 + SECOND.index("fondo")
    position = {"start": start, "end": start + len("fondo rotativo")}
    response = post(url, dict(COMMENT, anchor=dict(anchor, position=position)))
    assert response.status_code == 201, response.text
    transaction.abort()
    comment = IConversation(chapter)[response.json()["comment_id"]]
    assert comment.anchor["position"] == position
    # The edge: end at the very end of the text.
    end_anchor = {
        "exact": "rotativo.",
        "position": {"start": LENGTH - 9, "end": LENGTH},
    }
    response = post(url, dict(COMMENT, anchor=end_anchor))
    assert response.status_code == 201, response.text


def test_anchor_offsets_classic_form(texted):
    chapter = texted["chapter"]
    before = count_comments(chapter)
    data = {
        **{k: v for k, v in COMMENT.items() if k != "privacy_consent"},
        "privacy_consent": "on",
        "anchor_exact": "fondo rotativo",
        "anchor_prefix": "un ",
        "anchor_suffix": ".",
    }
    for start, end in ((10**100, 10**100 + 14), (0, LENGTH + 1), ("1e3", "1e4")):
        response = requests.post(
            chapter.absolute_url() + "/@@comment-submit",
            data=dict(data, anchor_start=str(start), anchor_end=str(end)),
            headers={"Accept": "application/json"},
            timeout=TIMEOUT,
        )
        assert "anchor" in fields_of(response), (start, end)
    assert count_comments(chapter) == before


# A pledge's actions -----------------------------------------------------


def count_pledges(site):
    transaction.abort()
    return len([o for o in site["plan"].objectValues() if o.portal_type == "Pledge"])


def test_pledge_actions(hostile_site):
    url = hostile_site["plan"].absolute_url() + "/@pledges"
    a, b = hostile_site["action_a"].UID(), hostile_site["action_b"].UID()
    before = count_pledges(hostile_site)
    for actions in (
        a,  # a string, not a list
        [a, a],
        [a] * 10_000,
        [a, b, a],
        [f"{n:032x}" for n in range(inputs.PLEDGE_ACTIONS_MAX + 1)],
        ["0" * 32],  # no such Action
        [hostile_site["plan"].UID()],  # not an Action
        [a, 7],
        {"a": a},
        [],
    ):
        started = time.monotonic()
        response = post(url, dict(PLEDGE, actions=actions))
        assert set(fields_of(response)) == {"actions"}, actions
        assert time.monotonic() - started < 5
    assert count_pledges(hostile_site) == before
    response = post(url, dict(PLEDGE, actions=[b, a]))
    assert response.status_code == 201, response.text
    assert count_pledges(hostile_site) == before + 1


def test_pledge_actions_messages(hostile_site):
    url = hostile_site["plan"].absolute_url() + "/@pledges"
    a = hostile_site["action_a"].UID()
    assert "list" in fields_of(post(url, dict(PLEDGE, actions=a)))["actions"]
    assert "once" in fields_of(post(url, dict(PLEDGE, actions=[a, a])))["actions"]
    many = [f"{n:032x}" for n in range(inputs.PLEDGE_ACTIONS_MAX + 1)]
    message = fields_of(post(url, dict(PLEDGE, actions=many)))["actions"]
    assert str(inputs.PLEDGE_ACTIONS_MAX) in message


# Moderation items -------------------------------------------------------


@pytest.mark.parametrize("route", ["@moderation", "@outcomes", "@anchor-triage"])
def test_items_capped(hostile_site, route):
    plan = hostile_site["plan"].absolute_url()
    pledge = hostile_site["pledge"].absolute_url()
    body = {
        "@moderation": {"transition": "publish"},
        "@outcomes": {"outcome": "accepted"},
        "@anchor-triage": {},
    }[route]
    for count in (inputs.ITEMS_MAX + 1, 50_000):
        items = [f"{pledge}?n={n}" for n in range(count)]
        started = time.monotonic()
        response = post(f"{plan}/{route}", dict(body, items=items), who="moderator")
        elapsed = time.monotonic() - started
        message = fields_of(response)["items"]
        assert str(inputs.ITEMS_MAX) in message and str(count) in message
        assert elapsed < 10, elapsed
    transaction.abort()
    assert api.content.get_state(hostile_site["pledge"]) == "pending"


def test_items_at_the_cap_are_looked_at(hostile_site):
    """ITEMS_MAX items are not refused for their number (here: because
    they name nothing)."""
    plan = hostile_site["plan"].absolute_url()
    items = [f"{plan}/nothing-{n}" for n in range(inputs.ITEMS_MAX)]
    response = post(
        f"{plan}/@moderation", {"items": items, "transition": "publish"}, "moderator"
    )
    message = fields_of(response)["items"]
    assert "nothing-0" in message


# Editors' dates ---------------------------------------------------------


BAD_DATES = [
    "-2026-01-01",
    "+2026-01-01",
    "２０２６-01-01",  # full-width digits
    "٢٠٢٦-٠١-٠١",  # Arabic-Indic digits
    "0001-01-01",
    "1899-12-31",
    "2101-01-01",
    "9999-12-31",
    "2026-1-1",
    "20260101",
    "2026-02-30",
    " 2026-01-01",
    "2026-01-01T00:00",
    20260101,
    True,
    ["2026-01-01"],
]


def test_grid_dates_rest(hostile_site):
    plan, action = hostile_site["plan"], hostile_site["action_a"]
    manager = session("manager")
    wrong = []
    for value in BAD_DATES:
        for obj, body in (
            (plan, {"phases": [{"title": "Fase", "start": value}]}),
            (action, {"milestones": [{"title": "M", "due_date": value}]}),
            (action, {"indicators": [{"name": "I", "deadline": value}]}),
        ):
            response = manager.patch(
                obj.absolute_url(), data=json.dumps(body), timeout=TIMEOUT
            )
            if response.status_code != 400:
                wrong.append((value, list(body), response.status_code))
    assert not wrong, wrong
    response = manager.patch(
        plan.absolute_url(),
        data=json.dumps({"phases": [{"title": "Fase", "start": "0001-01-01"}]}),
        timeout=TIMEOUT,
    )
    assert "1900" in response.text and "2100" in response.text
    response = manager.patch(
        plan.absolute_url(),
        data=json.dumps({"phases": [{"title": "Fase", "start": "2026-01-01"}]}),
        timeout=TIMEOUT,
    )
    assert response.status_code == 204, response.text
    transaction.abort()
    assert plan.phases[0]["start"] == date(2026, 1, 1)


def test_datetimes_rest(hostile_site):
    plan = hostile_site["plan"]
    manager = session("manager")
    transaction.abort()
    start = plan.consultation_start
    for value in (
        "-2026-01-01T09:00",
        "２０２６-01-01T09:00",
        "2026-01-01T０9:00",
        "0001-01-01T00:00",
        "2101-01-01T00:00",
        "1/2/2026",
        "tomorrow",
    ):
        response = manager.patch(
            plan.absolute_url(),
            data=json.dumps({"consultation_start": value}),
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, (value, response.text)
    transaction.abort()
    assert plan.consultation_start == start
    value = start.strftime("%Y-%m-%dT%H:%M:%S%z")
    response = manager.patch(
        plan.absolute_url(),
        data=json.dumps({"consultation_start": value}),
        timeout=TIMEOUT,
    )
    assert response.status_code == 204, response.text


def test_date_fields_constrained_for_every_route():
    """The Classic edit forms validate the fields: the constraint is on the
    field, so the add and edit forms refuse what REST refuses."""
    for field in (
        IPhaseRow["start"],
        IPhaseRow["end"],
        IMilestoneRow["due_date"],
        IIndicatorRow["deadline"],
    ):
        field.validate(date(2026, 1, 1))
        for value in (date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1)):
            with pytest.raises(inputs.PolicyViolation):
                field.validate(value)
    for name in ("consultation_start", "consultation_end"):
        IPlan[name].validate(datetime(2026, 1, 1, 9))
        with pytest.raises(inputs.PolicyViolation):
            IPlan[name].validate(datetime(1, 1, 1))


# Honeypot ---------------------------------------------------------------


HONEYPOT = guards.HONEYPOT_FIELD


def test_honeypot_only_absent_or_empty(hostile_site):
    comments = hostile_site["chapter"].absolute_url() + "/@comments"
    pledges = hostile_site["action_a"].absolute_url() + "/@pledges"
    before = count_comments(hostile_site["chapter"]), count_pledges(hostile_site)
    for filled in (0, False, [], {}, None, " ", "x", 1, [""], {"": ""}):
        for url, body in ((comments, COMMENT), (pledges, PLEDGE)):
            response = post(url, dict(body, **{HONEYPOT: filled}))
            assert set(fields_of(response)) == {HONEYPOT}, (url, filled)
    assert (
        count_comments(hostile_site["chapter"]),
        count_pledges(hostile_site),
    ) == before
    for url, body in ((comments, COMMENT), (pledges, PLEDGE)):
        assert post(url, dict(body, **{HONEYPOT: ""})).status_code == 201
        assert post(url, dict(body)).status_code == 201


def test_honeypot_check():
    guards.check_honeypot({})
    guards.check_honeypot({HONEYPOT: ""})
    for filled in (0, False, [], {}, None, "0"):
        with pytest.raises(guards.ContributionError):
            guards.check_honeypot({HONEYPOT: filled})


def test_classic_pledge_form_rows(hostile_site):
    """The form reads one row more than the policy's RESOURCE_ROWS_MAX (20,
    not the 50 it read before), so that too many rows are refused with the
    core's message rather than cut silently."""
    url = hostile_site["action_a"].absolute_url() + "/@@pledge"
    before = count_pledges(hostile_site)
    rows = inputs.RESOURCE_ROWS_MAX + 5
    data = {
        "form.submitted": "1",
        **{k: v for k, v in PLEDGE.items() if k != "privacy_consent"},
        "actions": hostile_site["action_a"].UID(),
        "privacy_consent": "on",
        "resources.count": str(rows),
        **{f"resources.{n}.kind": f"Sala {n}" for n in range(rows)},
    }
    response = requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)
    assert response.status_code == 200
    assert 'id="pledge-resources-error"' in response.text
    assert str(inputs.RESOURCE_ROWS_MAX) in response.text
    assert count_pledges(hostile_site) == before
    data["resources.count"] = str(inputs.RESOURCE_ROWS_MAX)
    response = requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)
    assert response.status_code == 302, response.text[-2000:]
    transaction.abort()
    pledges = [
        o for o in hostile_site["plan"].objectValues() if o.portal_type == "Pledge"
    ]
    assert max(len(p.resources or ()) for p in pledges) == inputs.RESOURCE_ROWS_MAX
