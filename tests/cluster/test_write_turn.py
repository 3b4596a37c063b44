"""Contribution writes take turns across the instances, on a PostgreSQL
advisory lock (consultation/write_turn.py): a write waits while another
session holds the turn, and a session that dies gives the turn back.

Nothing waits a set time and nothing is timed: a session is known to wait
when PostgreSQL lists its request for the turn as not granted (pg_locks),
and what happened when is read from the order of recorded events."""

from tests.cluster.harness import comment
from tests.cluster.harness import DEMO_CHAPTER
from tests.cluster.harness import marker
from tests.cluster.harness import source_session
from torino.socialplan.consultation.write_turn import LOCK_KEY
from torino.socialplan.consultation.write_turn import PostgreSQLTurn

import psycopg2
import pytest
import threading
import time


pytestmark = pytest.mark.cluster

# Generous: a deadline for what should take milliseconds, not a measure.
DEADLINE_SECONDS = 30


@pytest.fixture
def dsn(cluster, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(cluster.cluster_dir / "postgresql.pgpass"))
    return f"postgresql://socialplan@127.0.0.1:{cluster.pg_port}/socialplan"


@pytest.fixture
def turns(dsn):
    """Two turns on the cluster's database, as two instances hold them."""
    made = [PostgreSQLTurn(dsn), PostgreSQLTurn(dsn)]
    yield made
    for turn in made:
        turn._forget()


def waiting_for_the_turn(dsn, done):
    """Once a session waits for the turn (its advisory lock is requested,
    not granted), the process ID of its server. Fails if ``done`` (an
    event) is set first: what should wait did not."""
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
                    " AND classid = %s AND objid = %s AND objsubid = 2"
                    " AND NOT granted",
                    LOCK_KEY,
                )
                waiting = [pid for (pid,) in cursor.fetchall()]
            if waiting:
                [pid] = waiting
                return pid
            if done.wait(0.01):
                raise AssertionError("it went on without waiting for the turn")
    finally:
        connection.close()
    raise AssertionError(f"no session waited for the turn in {DEADLINE_SECONDS} s")


class Events:
    """What happened, in the order it happened, across threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self.order = []

    def record(self, name):
        with self._lock:
            self.order.append(name)


def acquire_in_thread(turn, events):
    """Start acquiring ``turn`` in another thread, which records "second
    held" once it holds it (and gives it back at once: its session is its
    own)."""
    held = threading.Event()

    def wait():
        if turn.acquire():
            events.record("second held")
            held.set()
            turn.release()

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return held, thread


def test_a_second_session_waits_for_the_turn(dsn, turns):
    first, second = turns
    events = Events()
    assert first.acquire()
    held, thread = acquire_in_thread(second, events)
    waiting_for_the_turn(dsn, held)
    events.record("first released")
    first.release()
    assert held.wait(DEADLINE_SECONDS)
    thread.join(DEADLINE_SECONDS)
    assert events.order == ["first released", "second held"], (
        "two sessions held the turn at once"
    )


def test_a_session_that_dies_gives_the_turn_back(dsn, turns):
    first, second = turns
    events = Events()
    assert first.acquire()
    held, thread = acquire_in_thread(second, events)
    waiting_for_the_turn(dsn, held)
    # As when an instance is killed: its connection closes, the lock goes.
    events.record("first closed")
    first._local.connection.close()
    assert held.wait(DEADLINE_SECONDS)
    thread.join(DEADLINE_SECONDS)
    assert events.order == ["first closed", "second held"]


def test_an_instance_posts_only_in_its_turn(cluster, dsn, turns):
    # An address of its own: the rate limit counts per address, in Redis.
    holder = turns[0]
    events = Events()
    assert holder.acquire()
    answers = []
    answered = threading.Event()

    def post():
        response = source_session("127.0.0.51").post(
            f"{cluster.instance_url(1)}/{DEMO_CHAPTER}/@comments",
            json=comment(f"Un turno per scrivere ({marker()})."),
            timeout=60,
        )
        events.record("answered")
        answers.append(response.status_code)
        answered.set()

    poster = threading.Thread(target=post, daemon=True)
    poster.start()
    # The instance's request waits for the turn, in a session of its own.
    waiting = waiting_for_the_turn(dsn, answered)
    assert waiting != holder._local.connection.get_backend_pid()
    events.record("released")
    holder.release()
    poster.join(60)
    assert answers == [201]
    assert events.order == ["released", "answered"], (
        "the instance stored a comment out of its turn"
    )
