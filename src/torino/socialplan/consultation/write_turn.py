"""Contribution writes take turns: one at a time across every instance.

Every contribution and every moderation decision writes the catalog's shared
trees (path, security, state, uids). ZODB detects two concurrent commits that
touch them and retries one; in a burst of sixteen clients on two instances a
few requests still ran out of retries (issue 14, README "Write hot spots").
Taking turns makes those writes meet no concurrent commit of their kind: each
begins after the previous one committed, from a fresh view, and commits
before the next begins.

The turn spares conflicts; it does not make writes correct. ZODB still
checks every commit, so a write that goes without a turn (the lock server
cannot be reached, the wait was too long, an editor saves a page) is still
safe: at worst it conflicts and is retried, as it was without turns.

Where the turn is held, from ``SOCIALPLAN_WRITE_TURN``:
- unset: a lock in this process (the embedded default, one instance);
- a libpq connection string (a ``postgresql://`` URI): a PostgreSQL session
  advisory lock, taken by every instance of `make cluster` on their
  RelStorage database. PostgreSQL releases it when the session ends, so an
  instance killed mid-write does not keep the others waiting.
"""

from contextlib import contextmanager
from contextlib import suppress

import logging
import os
import threading
import transaction


logger = logging.getLogger("torino.socialplan.write_turn")

TURN_VARIABLE = "SOCIALPLAN_WRITE_TURN"

# The advisory lock's key, in PostgreSQL's two-integer key space, which does
# not overlap the single-bigint one RelStorage locks objects with.
LOCK_KEY = (0x74736F63, 1)  # "tsoc", contributions

# A turn is a few hundredths of a second; past this wait something is wrong
# (a stuck session): the write goes on without its turn.
LONGEST_WAIT_SECONDS = 10


class ProcessTurn:
    """A lock shared by this process' threads."""

    def __init__(self):
        self._lock = threading.Lock()

    def acquire(self):
        return self._lock.acquire(timeout=LONGEST_WAIT_SECONDS)

    def release(self):
        self._lock.release()


class PostgreSQLTurn:
    """A session advisory lock, on one connection per thread."""

    def __init__(self, dsn):
        self.dsn = dsn
        self._local = threading.local()

    def _connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            import psycopg2

            connection = psycopg2.connect(self.dsn)
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET lock_timeout = %s", (f"{LONGEST_WAIT_SECONDS * 1000}ms",)
                )
            self._local.connection = connection
        return connection

    def acquire(self):
        try:
            with self._connection().cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s, %s)", LOCK_KEY)
            return True
        except Exception as error:  # any failure: write without the turn
            logger.warning("Writing without a turn: %s", error)
            self._forget()
            return False

    def release(self):
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            return  # the session is gone, and its lock with it
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", LOCK_KEY)
        except Exception as error:
            # The session is gone, and its lock with it.
            logger.warning("Could not give the turn back: %s", error)
            self._forget()

    def _forget(self):
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            with suppress(Exception):
                connection.close()


_turn = None
_turn_lock = threading.Lock()


def get_turn():
    """The configured turn, made on first use (zope.conf's <environment> is
    applied at start-up)."""
    global _turn
    if _turn is None:
        with _turn_lock:
            if _turn is None:
                dsn = os.environ.get(TURN_VARIABLE, "").strip()
                _turn = PostgreSQLTurn(dsn) if dsn else ProcessTurn()
    return _turn


@contextmanager
def turn():
    """Hold the write turn (or go on without it, see the module)."""
    current = get_turn()
    held = current.acquire()
    if not held:
        logger.warning("Writing without a turn: none came in time")
    try:
        yield held
    finally:
        if held:
            current.release()


@contextmanager
def committed_in_turn():
    """Run the block as a transaction of its own, in the write turn, and
    commit it there.

    For a person's request: what the request wrote before is committed
    first (normally nothing); the block begins from a fresh view once the
    turn is held. After it, the request goes on in a doomed transaction:
    the publisher then aborts instead of committing, so nothing written
    after the commit (there should be nothing) could conflict and make Zope
    retry a request whose contribution is already stored. A block that
    raises is aborted; a conflict at its commit reaches the publisher, which
    retries the whole request, nothing having been stored.
    """
    author = current_author()
    transaction.commit()
    with turn():
        begin_fresh(author)
        try:
            yield
            transaction.commit()
        except BaseException:
            transaction.abort()
            raise
    begin_fresh(author).doom()


def current_author():
    """The user and note the publisher gave the request's transaction (the
    undo log's who and where), for the transactions it commits itself."""
    current = transaction.get()
    return current.user, current.description


def begin_fresh(author):
    """A new transaction, begun explicitly: ZODB syncs a connection with
    what others committed on ``begin()``; after a commit or an abort without
    it, the storage may skip that poll (ZODB's ``afterCompletion``)."""
    txn = transaction.begin()
    txn.user, txn.description = author
    return txn
