"""Every route of a contribution stores it in the write turn
(consultation/write_turn.py), committed there; a write that cannot have its
turn still goes through, and nothing is lost either way."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.testing.zope import Browser
from tests.participation.pledges import pledge
from tests.support.contributions import conversation_comment
from tests.support.contributions import VALID
from torino.socialplan.consultation import write_turn
from torino.socialplan.consultation.contributions import pipeline
from urllib.parse import urlencode

import logging
import pytest
import threading
import time
import transaction


@pytest.fixture
def held_at_commit(monkeypatch):
    """Whether the turn was held at each commit of a contribution."""
    seen = []
    store = pipeline.store

    def store_and_watch(*args, **kwargs):
        obj = store(*args, **kwargs)
        transaction.get().addBeforeCommitHook(
            lambda: seen.append(write_turn.get_turn().held)
        )
        return obj

    monkeypatch.setattr(pipeline, "store", store_and_watch)
    return seen


def comments_on(obj):
    transaction.abort()
    return list(IConversation(obj).values())


def test_a_rest_comment_is_committed_in_the_turn(
    anon_request, consultation, recording, held_at_commit
):
    response = anon_request.post("/plan/lavoro/@comments", json=VALID)
    assert response.status_code == 201, response.text
    assert recording.taken == 1
    assert held_at_commit == [True]
    assert not recording.held
    chapter = consultation["chapter"]
    comment = conversation_comment(chapter, response.json()["comment_id"])
    assert api.content.get_state(comment) == "pending"


def test_a_rest_pledge_is_committed_in_the_turn(
    anon_request, consultation, recording, held_at_commit
):
    response = anon_request.post("/plan/lavoro/formazione/@pledges", json=pledge())
    assert response.status_code == 201, response.text
    assert (recording.taken, held_at_commit) == (1, [True])


def test_a_classic_comment_is_committed_in_the_turn(
    functional_app, consultation, recording, held_at_commit
):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.post(
        f"{consultation['chapter'].absolute_url()}/@@comment-submit",
        urlencode(dict(VALID, privacy_consent="on")),
    )
    assert (recording.taken, held_at_commit) == (1, [True])
    [comment] = comments_on(consultation["chapter"])
    assert comment.first_name == "Maria"


def test_a_refused_contribution_never_takes_the_turn(
    anon_request, consultation, recording
):
    # Checked before the turn: the turn lasts only as long as the write.
    response = anon_request.post(
        "/plan/lavoro/@comments", json=dict(VALID, author_email="not an address")
    )
    assert response.status_code == 400
    assert recording.taken == 0
    assert not recording.held
    assert comments_on(consultation["chapter"]) == []
    # The turn is free: the next one is stored.
    assert anon_request.post("/plan/lavoro/@comments", json=VALID).status_code == 201


def test_without_a_turn_the_contribution_is_still_stored(
    anon_request, consultation, recording, caplog
):
    recording.available = False
    with caplog.at_level(logging.WARNING, logger="torino.socialplan.write_turn"):
        response = anon_request.post("/plan/lavoro/@comments", json=VALID)
    assert response.status_code == 201, response.text
    assert len(comments_on(consultation["chapter"])) == 1
    assert "Writing without a turn" in caplog.text


def test_an_unreachable_lock_server_means_writing_without_a_turn(caplog):
    turn = write_turn.PostgreSQLTurn(
        "postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2"
    )
    with caplog.at_level(logging.WARNING, logger="torino.socialplan.write_turn"):
        assert turn.acquire() is False
        turn.release()  # harmless
    assert "Writing without a turn" in caplog.text


def test_the_process_turn_is_one_at_a_time():
    turn = write_turn.ProcessTurn()
    assert turn.acquire()
    other = threading.Thread(target=lambda: results.append(turn.acquire()))
    results = []
    other.start()
    other.join(0.5)
    assert results == []  # still waiting
    turn.release()
    other.join(10)
    assert results == [True]
    turn.release()


def test_the_turn_comes_from_the_environment(monkeypatch):
    monkeypatch.setattr(write_turn, "_turn", None)
    monkeypatch.delenv(write_turn.TURN_VARIABLE, raising=False)
    assert isinstance(write_turn.get_turn(), write_turn.ProcessTurn)
    monkeypatch.setattr(write_turn, "_turn", None)
    monkeypatch.setenv(write_turn.TURN_VARIABLE, "postgresql://x@127.0.0.1:1/y")
    made = write_turn.get_turn()
    assert isinstance(made, write_turn.PostgreSQLTurn)
    assert made.dsn == "postgresql://x@127.0.0.1:1/y"


def test_writes_queued_meanwhile_are_committed_together(recording):
    """Group commit (write_turn.committed_together): the works queued while
    one is stored go in the next transaction together, one turn for all;
    one that fails is rolled back alone and its error reaches its caller."""
    from torino.socialplan.consultation.errors import ContributionError
    from ZODB import DB
    from ZODB.MappingStorage import MappingStorage

    db = DB(MappingStorage())
    here = threading.local()
    first_runs, others_queued = threading.Event(), threading.Event()
    group = write_turn._group("test-group")
    outcomes = {}

    def work(name):
        if name == "first":
            first_runs.set()
            assert others_queued.wait(10)
        if name == "refused":
            here.connection.root()["refused"] = True
            raise ContributionError.on("text", "refused")
        here.connection.root()[name] = True
        return name

    def post(name):
        here.connection = db.open()
        try:
            outcomes[name] = write_turn.committed_together(
                "test-group", lambda: work(name)
            )
        except ContributionError as error:
            outcomes[name] = error
        finally:
            transaction.abort()
            here.connection.close()

    names = ["second", "refused", "third", "fourth"]
    threads = [threading.Thread(target=post, args=("first",))]
    threads[0].start()
    assert first_runs.wait(10)
    for name in names:
        threads.append(threading.Thread(target=post, args=(name,)))
        threads[-1].start()
    deadline = time.monotonic() + 10
    while len(group.queue) < len(names) and time.monotonic() < deadline:
        time.sleep(0.01)
    others_queued.set()
    for thread in threads:
        thread.join(10)

    assert recording.taken == 2  # the first alone, then the four together
    assert isinstance(outcomes.pop("refused"), ContributionError)
    assert outcomes == {n: n for n in ("first", "second", "third", "fourth")}
    connection = db.open()
    stored = dict(connection.root())
    connection.close()
    db.close()
    assert stored == dict.fromkeys(("first", "second", "third", "fourth"), True)


def test_a_conflict_sends_the_whole_group_back(recording):
    """A ConflictError is not one work's failure: the transaction is aborted
    and the caller gets a ConflictError of its own, for the publisher to
    retry the request; nothing is stored."""
    from ZODB import DB
    from ZODB.MappingStorage import MappingStorage
    from ZODB.POSException import ConflictError

    db = DB(MappingStorage())
    connection = db.open()

    def work():
        connection.root()["written"] = True
        raise ConflictError("a concurrent commit")

    with pytest.raises(ConflictError):
        write_turn.committed_together("test-conflict", work)
    transaction.abort()
    assert "written" not in connection.root()
    connection.close()
    db.close()


def test_posts_in_flight_are_counted_until_they_end(anon_request, consultation):
    """The publisher's count of POST requests on their way (a leader waits a
    moment for them) comes back to where it was, after a stored post, a
    refused one and a GET."""
    before = write_turn._posts.in_flight
    assert anon_request.post("/plan/lavoro/@comments", json=VALID).status_code == 201
    assert anon_request.post("/plan/lavoro/@comments", json={}).status_code == 400
    assert anon_request.get("/plan/lavoro").status_code == 200
    assert write_turn._posts.in_flight == before


def test_a_leader_waits_for_posts_on_their_way(monkeypatch):
    """With another POST in the publisher and nothing else queued, a leader
    waits (at most GATHER_SECONDS) for it; alone, it does not wait."""
    group = write_turn._Group()
    group.queue.append(object())  # the leader's own
    monkeypatch.setattr(write_turn, "GATHER_SECONDS", 0.05)
    monkeypatch.setattr(write_turn._posts, "in_flight", 1)
    began = time.monotonic()
    write_turn._gather(group)
    assert time.monotonic() - began < 0.02
    monkeypatch.setattr(write_turn._posts, "in_flight", 2)
    began = time.monotonic()
    write_turn._gather(group)
    assert time.monotonic() - began >= 0.05


def test_only_posts_are_counted_once_each(integration):
    from ZPublisher.pubevents import PubFailure
    from ZPublisher.pubevents import PubStart
    from ZPublisher.pubevents import PubSuccess

    request = integration["request"]
    before = write_turn._posts.in_flight
    request.environ["REQUEST_METHOD"] = request.other["REQUEST_METHOD"] = "GET"
    write_turn.post_started(PubStart(request))
    assert write_turn._posts.in_flight == before
    request.environ["REQUEST_METHOD"] = request.other["REQUEST_METHOD"] = "POST"
    write_turn.post_started(PubStart(request))
    write_turn.post_started(PubStart(request))  # a retry's own start
    assert write_turn._posts.in_flight == before + 1
    write_turn.post_ended(PubFailure(request, None, True))
    write_turn.post_ended(PubSuccess(request))
    assert write_turn._posts.in_flight == before
