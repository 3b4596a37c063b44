"""Contribution writes take turns across the instances, on a PostgreSQL
advisory lock (consultation/write_turn.py): a write waits while another
session holds the turn, and a session that dies gives the turn back."""

from .harness import DEMO_CHAPTER
from .harness import source_session
from .test_cluster import comment
from .test_cluster import marker
from torino.socialplan.consultation.write_turn import PostgreSQLTurn

import pytest
import threading
import time


pytestmark = pytest.mark.cluster

HOLD_SECONDS = 2.0


@pytest.fixture
def turns(cluster, monkeypatch):
    """Two turns on the cluster's database, as two instances hold them."""
    monkeypatch.setenv("PGPASSFILE", str(cluster.cluster_dir / "postgresql.pgpass"))
    dsn = f"postgresql://socialplan@127.0.0.1:{cluster.pg_port}/socialplan"
    made = [PostgreSQLTurn(dsn), PostgreSQLTurn(dsn)]
    yield made
    for turn in made:
        turn._forget()


def acquire_in_thread(turn):
    """Start acquiring ``turn`` in another thread; the event is set once held
    (the thread gives it back at once: its session is its own)."""
    held = threading.Event()

    def wait():
        if turn.acquire():
            held.set()
            turn.release()

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return held, thread


def test_a_second_session_waits_for_the_turn(turns):
    first, second = turns
    assert first.acquire()
    held, thread = acquire_in_thread(second)
    assert not held.wait(1.0), "two sessions held the turn at once"
    first.release()
    assert held.wait(10)
    thread.join(10)


def test_a_session_that_dies_gives_the_turn_back(turns):
    first, second = turns
    assert first.acquire()
    held, thread = acquire_in_thread(second)
    assert not held.wait(1.0)
    # As when an instance is killed: its connection closes, the lock goes.
    first._local.connection.close()
    assert held.wait(10)
    thread.join(10)


def test_an_instance_posts_only_in_its_turn(cluster, turns):
    # An address of its own: the rate limit counts per address, in Redis.
    holder = turns[0]
    assert holder.acquire()
    answers = []

    def post():
        started = time.monotonic()
        response = source_session("127.0.0.51").post(
            f"{cluster.instance_url(1)}/{DEMO_CHAPTER}/@comments",
            json=comment(f"Un turno per scrivere ({marker()})."),
            timeout=60,
        )
        answers.append((response.status_code, time.monotonic() - started))

    poster = threading.Thread(target=post, daemon=True)
    poster.start()
    time.sleep(HOLD_SECONDS)
    assert not answers, "the instance stored a comment out of its turn"
    holder.release()
    poster.join(60)
    [(status, seconds)] = answers
    assert status == 201
    assert seconds >= HOLD_SECONDS
