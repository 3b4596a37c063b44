"""GET and POST {plan}/@moderation over HTTP."""

from plone import api
from tests.participation.moderation import ACTORS
from tests.participation.moderation import comment_url
from tests.participation.moderation import MODERATING
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation.moderation import decisions
from ZODB.POSException import ConflictError

import pytest
import transaction


@pytest.fixture
def site(moderated_http):
    return moderated_http


@pytest.fixture
def session(rest):
    return rest


def states(site, *keys):
    transaction.begin()  # see what the server committed
    return [api.content.get_state(obj=site[key]) for key in keys]


@pytest.mark.parametrize("who", ACTORS)
def test_who_gets_the_queue(site, session, who):
    response = session(who).get("/plan/@moderation")
    if who in MODERATING:
        assert response.status_code == 200
        assert response.json()["items_total"] == 6
    else:
        assert response.status_code in (401, 403)
        assert "example.org" not in response.text


@pytest.mark.parametrize("who", ACTORS)
def test_who_may_moderate(site, session, who):
    items = [comment_url(site["c_work"]), site["p_training"].absolute_url()]
    response = session(who).post(
        "/plan/@moderation", json={"items": items, "transition": "publish"}
    )
    if who in MODERATING:
        assert response.status_code == 200
        assert states(site, "c_work", "p_training") == ["published", "published"]
    else:
        assert response.status_code in (401, 403)
        assert states(site, "c_work", "p_training") == ["pending", "pending"]


def test_queue_items_carry_the_author_and_the_target(site, session):
    data = session("moderator").get("/plan/@moderation?type=comment").json()
    by_id = {item["@id"]: item for item in data["items"]}
    item = by_id[comment_url(site["c_training"])]
    assert item["type"] == "comment"
    assert item["text"] == "On the training action."
    assert item["email"] == "elena@example.org"
    assert (item["first_name"], item["last_name"]) == ("Elena", "Rossi")
    assert item["organization"] == "Cooperativa Aurora"
    assert item["target"] == [
        {"@id": site["training"].absolute_url(), "title": "Training"}
    ]
    assert item["review_state"] == "pending"
    assert item["created"]


def test_queue_filters_and_batches(site, session):
    moderator = session("moderator")
    pledges = moderator.get("/plan/@moderation", params={"type": "pledge"}).json()
    assert {i["type"] for i in pledges["items"]} == {"pledge"}
    chapter = moderator.get(
        "/plan/@moderation", params={"chapter": site["money"].UID()}
    ).json()
    assert sorted(i["@id"] for i in chapter["items"]) == sorted(
        [comment_url(site["c_funds"]), site["p_funds"].absolute_url()]
    )
    assert (
        moderator.get("/plan/@moderation", params={"review_state": "published"}).json()[
            "items_total"
        ]
        == 0
    )
    page = moderator.get("/plan/@moderation", params={"b_size": 4}).json()
    assert page["items_total"] == 6
    assert len(page["items"]) == 4
    assert "next" in page["batching"]


def test_bad_filters_are_400(site, session):
    response = session("moderator").get(
        "/plan/@moderation", params={"review_state": "lost", "type": "poem"}
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["review_state", "type"]


def test_bulk_moderation_of_a_comment_and_a_pledge(site, session):
    moderator = session("moderator")
    queue = moderator.get("/plan/@moderation").json()["items"]
    # The @ids the queue gives are what the POST takes.
    items = [
        i["@id"]
        for i in queue
        if i["@id"] in (comment_url(site["c_training"]), site["p_funds"].absolute_url())
    ]
    assert len(items) == 2
    response = moderator.post(
        "/plan/@moderation",
        json={
            "items": items,
            "transition": "reject",
            "reason": "duplicate",
            "note": "Same as another one.",
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["items_total"] == 2
    assert {(c["@id"], c["from"], c["to"]) for c in data["items"]} == {
        (items[0], "pending", "rejected"),
        (items[1], "pending", "rejected"),
    }
    assert states(site, "c_training", "p_funds") == ["rejected", "rejected"]
    rejected = moderator.get("/plan/@moderation?review_state=rejected").json()
    audits = [item["audit"] for item in rejected["items"]]
    assert [(a[0]["who"], a[0]["reason"], a[0]["note"]) for a in audits] == [
        ("moderator", "duplicate", "Same as another one.")
    ] * 2


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        '["a list"]',
        '{"items": ["%s", "http://nowhere/plone/plan/pledge-x"], "transition": "publish"}',
        '{"items": ["%s"], "transition": "destroy"}',
        '{"items": ["%s"], "transition": "reject", "reason": "boring"}',
        '{"items": "%s", "transition": "publish", "note": 42}',
        '{"transition": "publish"}',
    ],
    ids=[
        "malformed",
        "not-an-object",
        "bad-id",
        "bad-transition",
        "bad-reason",
        "bad-note",
        "no-items",
    ],
)
def test_bad_requests_are_400_and_change_nothing(site, session, body):
    if "%s" in body:
        body = body % comment_url(site["c_work"])
    response = session("moderator").post(
        "/plan/@moderation",
        data=body,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["message"]
    assert states(site, "c_work") == ["pending"]
    assert len(moderation.audit_log(site["plan"])) == 0


def test_the_other_plans_items_are_not_this_plans(site, session):
    response = session("manager").post(
        "/plan/@moderation",
        json={
            "items": [comment_url(site["c_work"]), comment_url(site["c_other"])],
            "transition": "publish",
        },
    )
    assert response.status_code == 400
    assert comment_url(site["c_other"]) in response.json()["message"]
    assert states(site, "c_work", "c_other") == ["pending", "pending"]


class ConflictAtVote:
    """A resource that makes the commit it joins fail with a conflict."""

    def __init__(self, manager):
        self.transaction_manager = manager

    def sortKey(self):
        return "~injected-conflict"

    def tpc_vote(self, txn):
        raise ConflictError("injected: another decision committed first")

    abort = tpc_begin = commit = tpc_abort = tpc_finish = lambda self, txn: None


def conflicting_decisions(monkeypatch, conflicts):
    """Decisions whose commit conflicts whenever ``conflicts(obj, calls)``
    says so; returns the ids of the objects decided, attempt by attempt."""
    apply = decisions._apply
    calls = []

    def apply_and_conflict(obj, *args):
        calls.append(obj.getId())
        change = apply(obj, *args)
        if conflicts(obj, calls):
            transaction.get().join(ConflictAtVote(transaction.manager))
        return change

    monkeypatch.setattr(decisions, "_apply", apply_and_conflict)
    return calls


def publish_both(site, session):
    moderator = session("moderator")
    items = [comment_url(site["c_training"]), site["p_funds"].absolute_url()]
    response = moderator.post(
        "/plan/@moderation", json={"items": items, "transition": "publish"}
    )
    return moderator, items, response


def test_a_conflicting_decision_is_retried_alone(site, session, monkeypatch):
    """Each decision of a bulk request is a transaction of its own: a
    conflict on the second retries the second only, and the first is
    neither lost nor applied twice."""
    # The second decision, first attempt.
    calls = conflicting_decisions(monkeypatch, lambda obj, calls: len(calls) == 2)
    moderator, items, response = publish_both(site, session)
    assert response.status_code == 200, response.text
    assert [(c["from"], c["to"]) for c in response.json()["items"]] == [
        ("pending", "published")
    ] * 2
    assert len(calls) == 3  # the first once, the second twice
    assert calls[1] == calls[2]
    assert states(site, "c_training", "p_funds") == ["published", "published"]
    published = moderator.get("/plan/@moderation?review_state=published").json()
    audits = {item["@id"]: item["audit"] for item in published["items"]}
    for item in items:
        assert [(a["who"], a["to"]) for a in audits[item]] == [
            ("moderator", "published")
        ]


def test_a_decision_that_keeps_conflicting_stops_the_rest(site, session, monkeypatch):
    """The decisions taken stay, the rest are not taken, and the answer says
    so (409), instead of Zope retrying the whole request, which would find
    the first ones taken and refuse them."""
    monkeypatch.setattr(decisions, "FIRST_PAUSE", 0)
    pledge_id = site["p_funds"].getId()
    conflicting_decisions(monkeypatch, lambda obj, calls: obj.getId() == pledge_id)
    _moderator, _items, response = publish_both(site, session)
    assert response.status_code == 409, response.text
    assert response.json()["errors"][0]["message"].startswith("1 of 2 decisions")
    assert states(site, "c_training", "p_funds") == ["published", "pending"]


def test_each_decision_takes_the_write_turn(site, session, recording):
    turn = recording
    _moderator, _items, response = publish_both(site, session)
    assert response.status_code == 200, response.text
    assert turn.taken == 2  # one turn per decision, not one for the request
    assert not turn.held
    assert states(site, "c_training", "p_funds") == ["published", "published"]
