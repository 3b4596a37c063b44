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
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite

import collections
import copy
import logging
import os
import threading
import time
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


# Every other writer waits while a turn is held: a long one is worth a line
# in the log (a slow database, a lock held by something else).
SLOW_TURN_SECONDS = 1.0
# A file to append each turn to: its hold time in milliseconds and how many
# writes it stored, one turn per line (`make bench` measures the turns of
# the cluster's instances with it).
TIMINGS_VARIABLE = "SOCIALPLAN_TURN_TIMINGS"
_held = threading.local()  # how many writes the thread's turn stores


def _record(seconds):
    writes, _held.writes = getattr(_held, "writes", 1), 1
    if seconds > SLOW_TURN_SECONDS:
        logger.warning(
            "A write held the turn for %.0f ms (%d writes)", seconds * 1000, writes
        )
    path = os.environ.get(TIMINGS_VARIABLE)
    if path:
        with open(path, "a", encoding="ascii") as timings:
            timings.write(f"{seconds * 1000:.3f} {writes}\n")


@contextmanager
def turn():
    """Hold the write turn (or go on without it, see the module)."""
    current = get_turn()
    held = current.acquire()
    if not held:
        logger.warning("Writing without a turn: none came in time")
    began = time.perf_counter()
    try:
        yield held
    finally:
        if held:
            current.release()
            _record(time.perf_counter() - began)


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


class _Job:
    """A write queued for its turn, and what came of it."""

    def __init__(self, work):
        self.work = work
        self.result = None
        self.error = None
        self.done = False


class _Group:
    """The writes of one site queued in this process, and who leads."""

    def __init__(self):
        self.queue = []
        self.preparing = 0  # requests checking a write they will queue
        self.changed = threading.Condition()
        self.leader = threading.Lock()


# The most writes stored in one transaction: a bound on what one conflict
# sends back to be retried.
LARGEST_GROUP = 16
# How long a leader waits for the writes still on their way in this process
# (being checked, or POSTs in the publisher) to queue, as PostgreSQL's
# commit_delay: a larger group, fewer turns. Only under load: with nothing
# on its way it does not wait. On one instance of `make cluster`, 20 ms
# gathered 2.3 to 2.9 posts a turn, 50 ms 2.9 to 3.4 (and a lower latency).
GATHER_SECONDS = 0.05
# While it waits, how often the leader looks at the publisher's count.
POLL_SECONDS = 0.002


class _Arrival:
    def __init__(self, group):
        self.group = group
        self.counted = True

    def leave(self):
        """No longer counted among those preparing (the caller holds
        ``changed``)."""
        if self.counted:
            self.counted = False
            self.group.preparing -= 1
            self.group.changed.notify_all()


@contextmanager
def arriving(key):
    """Count this request among those checking a write for ``key`` while
    the block runs: a leader of ``committed_together`` waits a moment for
    them. The block passes the arrival to ``committed_together``; if it
    does not (refused, or stored another way), it leaves at the end."""
    group = _group(key)
    with group.changed:
        group.preparing += 1
    arrival = _Arrival(group)
    try:
        yield arrival
    finally:
        with group.changed:
            arrival.leave()


_groups = {}
_groups_lock = threading.Lock()


def _group(key):
    with _groups_lock:
        return _groups.setdefault(key, _Group())


def committed_together(key, work, arrival=None):
    """Run ``work()`` in the write turn and commit it, together with the
    works of ``key`` (a site's path) that queue up meanwhile in this process;
    return its result, or raise its error.

    For a burst of posts (group commit): one thread leads, takes every work
    queued, runs them one after the other in one transaction of its own
    (one that raises is left out, and its error goes back to its own
    request: ``_store_all``) and commits them at once: one
    catalog pass, one commit, one turn, where each post took all three. The
    others wait for it, then find their work done. ``work`` runs in the
    leader's thread, on its connection: it must find what it writes to by
    path, and return plain data (a path), not persistent objects.

    A conflict at the commit (or in any work) aborts them all, and each
    request raises it: the publisher retries each, nothing having been
    stored. As with ``committed_in_turn``, the caller's transaction goes on
    doomed."""
    author = current_author()
    transaction.commit()  # what the request wrote before: normally nothing
    group = _group(key)
    job = _Job(work)
    with group.changed:
        group.queue.append(job)
        if arrival is not None:
            arrival.leave()
        group.changed.notify_all()
    while not job.done:
        with group.leader:
            if not job.done:
                _run_together(group, author)
    begin_fresh(author).doom()
    if job.error is not None:
        raise job.error
    return job.result


def _gather(group):
    """Wait (at most GATHER_SECONDS) while writes may still join the group:
    some are being checked in other threads of this process, or other POST
    requests are on their way through the publisher (traversal comes before
    any check), and the group is not full."""
    deadline = time.monotonic() + GATHER_SECONDS
    with group.changed:
        while len(group.queue) < LARGEST_GROUP:
            to_come = group.preparing or _posts.in_flight > len(group.queue)
            remaining = deadline - time.monotonic()
            if not to_come or remaining <= 0:
                return
            # Woken when a write queues; the publisher's count is polled.
            group.changed.wait(min(remaining, POLL_SECONDS))


class _Posts:
    """POST requests in this process, from the publisher's start to its
    end: any of them may be a contribution about to queue."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = 0


_posts = _Posts()
_COUNTED = "torino.socialplan.write_turn.counted"


def post_started(event):
    """On ZPublisher's IPubStart."""
    request = event.request
    if request.get("REQUEST_METHOD") != "POST" or request.other.get(_COUNTED):
        return
    request.other[_COUNTED] = True
    with _posts.lock:
        _posts.in_flight += 1


def post_ended(event):
    """On ZPublisher's IPubEnd (success or failure, retried or not)."""
    request = event.request
    if not request.other.pop(_COUNTED, False):
        return
    with _posts.lock:
        _posts.in_flight -= 1


def _take(group):
    with group.changed:
        jobs = group.queue[:LARGEST_GROUP]
        del group.queue[:LARGEST_GROUP]
    return jobs


def _run_together(group, author):
    jobs = []
    _gather(group)
    try:
        with turn():
            # Taken once the turn is held: what queued while another
            # instance held it goes in too (fewer, larger turns).
            jobs = _take(group)
            _held.writes = len(jobs)
            _store_all(jobs, author)
    except BaseException as error:
        for job in jobs:
            if job.error is None:
                # Each request raises its own (they run in their own threads).
                job.result, job.error = None, _own_copy(error)
    finally:
        for job in jobs:
            job.done = True


def _store_all(jobs, author):
    """Run the works of ``jobs`` in one transaction and commit it.

    No savepoint per work: ZODB pickles everything changed so far at each
    one, a tenth of a post's time under load. A work that raises is rare
    (what ``prepare`` checked changed meanwhile): the transaction is then
    aborted, the work keeps its error, and the others run again without it.
    A ConflictError is the transaction's, not the work's: it goes up."""
    todo = list(jobs)
    while todo:
        begin_fresh(author)
        _prefetch_written()
        refused = None
        try:
            for job in todo:
                try:
                    job.result = job.work()
                except ConflictError:
                    raise
                except Exception as error:
                    job.result, job.error, refused = None, error, job
                    break
            if refused is None:
                transaction.get().addBeforeCommitHook(_remember_written)
                transaction.commit()
                return
            transaction.abort()
        except BaseException:
            transaction.abort()
            raise
        todo = [job for job in todo if job is not refused]


# The objects the last turns of this process wrote: the catalog's hot
# buckets, which the next turn writes again. On a cluster, another instance
# may have written them meanwhile; RelStorage then loads them one query
# each, in the turn, unless they are fetched together first (its
# ``prefetch`` asks the database only for those not current in the cache).
HOT_OBJECTS = 2000
_hot = collections.OrderedDict()
_hot_lock = threading.Lock()


def _remember_written():
    """A before-commit hook, registered last (after the catalog queue's):
    note what this turn writes."""
    jar = getattr(getSite(), "_p_jar", None)
    registered = getattr(jar, "_registered_objects", ())
    oids = [obj._p_oid for obj in registered if obj._p_oid is not None]
    with _hot_lock:
        for oid in oids:
            _hot[oid] = True
            _hot.move_to_end(oid)
        while len(_hot) > HOT_OBJECTS:
            _hot.popitem(last=False)


def _prefetch_written():
    jar = getattr(getSite(), "_p_jar", None)
    if jar is None or not _hot:
        return
    with _hot_lock:
        oids = list(_hot)
    jar.prefetch(oids)


def _own_copy(error):
    try:
        copied = copy.copy(error)
    except Exception:
        return error
    copied.__cause__ = error
    return copied


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
