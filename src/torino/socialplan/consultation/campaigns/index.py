"""The campaigns of a Plan, kept in the ZODB, and the LSH index that finds
a new contribution's candidates.

What one post writes: its ``Member`` (its key, its normalised words and a
512-byte signature), one bucket of ``members`` and of ``keys`` (no
counter: two posts at once add different keys, which the BTrees merge),
and, when it joins a campaign, one bucket of the campaign's member set
(and, when it bridges a small campaign into a larger one, the at most
``matching.MERGE_MOVES`` members that move). The LSH buckets
are not persistent: each process keeps them in memory (``_Buckets``),
built once from the stored signatures and then brought up to date with the
members committed since (members are numbered by the time they are
stored, so "since" is a range of the ``members`` tree, read again a minute
back). A campaign's exact
copies are not put in the buckets (see ``matching.DUPLICATE``), which keeps
the buckets small.
"""

from BTrees.LLBTree import LLTreeSet
from BTrees.LOBTree import LOBTree
from BTrees.OLBTree import OLBTree
from persistent import Persistent
from torino.socialplan.consultation.campaigns import matching
from ZODB.utils import z64

import numpy as np
import random
import threading
import time


class Member(Persistent):
    """One contribution as campaigns see it."""

    group = None  # the gid of its campaign, or None while it stands alone
    pinned = False  # put in its group by a moderator (split or merge)

    def __init__(self, seq, key, words, signature, indexed):
        self.seq = seq
        self.key = key
        self.words = words
        self.signature = signature  # bytes, or None: too short to group
        self.indexed = indexed


class Group(Persistent):
    """A campaign: its members (by number), the one its template is."""

    pinned = False

    def __init__(self, gid, seed):
        self.gid = gid
        self.seed = seed
        self.members = LLTreeSet()
        # Split or merged by a moderator: not merged automatically.
        self.pinned = False
        # The last decision a moderator took on the whole group:
        # {"transition", "actor", "date", "count"}; kept as members arrive.
        self.decision = None

    def __len__(self):
        return len(self.members)


class CampaignIndex(Persistent):
    def __init__(self):
        self.members = LOBTree()  # seq -> Member
        self.keys = OLBTree()  # key -> seq
        self.groups = LOBTree()  # gid -> Group
        # Bumped when everything is regrouped: the processes rebuild their
        # buckets.
        self.generation = 0

    # -- reading

    def member(self, key):
        seq = self.keys.get(key)
        return None if seq is None else self.members.get(seq)

    def group_of(self, key):
        member = self.member(key)
        if member is None or member.group is None:
            return None
        return self.groups.get(member.group)

    def group_keys(self, group):
        return [self.members[seq].key for seq in group.members]

    def template(self, group):
        return self.members.get(group.seed)

    # -- writing

    def add(self, key, text, buckets=None):
        """Store the contribution ``key`` (a ``matching.Text``) and put it in
        the campaign of its most similar stored contribution; return its
        ``Member``. A key already stored is replaced (an edited text)."""
        if key in self.keys:
            self.remove(key)
        seq = self._new_seq()
        if not text.groupable:
            member = Member(seq, key, text.words, None, indexed=False)
            self._store(member)
            return member
        if buckets is None:
            buckets = shared_buckets(self)
        matches = self._matches(text, buckets)
        best = max((score for _m, score in matches), default=0)
        indexed = best < matching.DUPLICATE
        member = Member(
            seq, key, text.words, matching.signature_bytes(text.signature), indexed
        )
        self._store(member)
        if matches:
            self._join(member, matches)
        if indexed:
            buckets.insert(seq, text.signature)
        return member

    def remove(self, key):
        seq = self.keys.pop(key, None)
        if seq is None:
            return
        member = self.members.pop(seq)
        group = self.groups.get(member.group) if member.group is not None else None
        if group is None:
            return
        group.members.remove(seq)
        if not group.members:
            del self.groups[group.gid]
            return
        if group.seed == seq:
            group.seed = group.members.minKey()
        if len(group.members) == 1 and not group.decision:
            # A campaign of one is no campaign.
            last = self.members[group.members.minKey()]
            if not last.pinned:
                last.group = None
                del self.groups[group.gid]

    def split(self, keys):
        """Take the members ``keys`` out of their campaigns into a campaign
        of their own, kept apart from now on; returns its gid."""
        seqs = [self.keys[k] for k in keys if k in self.keys]
        if not seqs:
            return None
        group = self._new_group(min(seqs))
        group.pinned = True
        for seq in seqs:
            self._move(self.members[seq], group)
        return group.gid

    def merge(self, gids):
        """Merge the campaigns ``gids`` into the first; returns its gid."""
        groups = [self.groups[g] for g in gids if g in self.groups]
        if not groups:
            return None
        target = groups[0]
        target.pinned = True
        for group in groups[1:]:
            for seq in list(group.members):
                self._move(self.members[seq], target)
        for seq in target.members:
            self.members[seq].pinned = True
        return target.gid

    def _add_pinned(self, key, text, group, buckets):
        """Store ``key`` in ``group``, where a moderator put it."""
        signature = text.signature
        seq = self._new_seq()
        member = Member(
            seq,
            key,
            text.words,
            None if signature is None else matching.signature_bytes(signature),
            indexed=signature is not None,
        )
        self._store(member)
        if not group.members:
            group.seed = seq
        member.group, member.pinned = group.gid, True
        group.members.add(seq)
        if signature is not None:
            buckets.insert(seq, signature)

    def _move(self, member, target):
        old = self.groups.get(member.group) if member.group is not None else None
        if old is not None and old is not target:
            old.members.remove(member.seq)
            if not old.members:
                del self.groups[old.gid]
            elif old.seed == member.seq:
                old.seed = old.members.minKey()
        member.group = target.gid
        member.pinned = True
        target.members.add(member.seq)
        target.seed = min(target.seed, member.seq)

    def _new_seq(self):
        return new_number()

    def _new_group(self, seed):
        gid = new_number()
        group = self.groups[gid] = Group(gid, seed)
        return group

    def _store(self, member):
        self.members[member.seq] = member
        self.keys[member.key] = member.seq

    def _group_for(self, match):
        if match.group is not None:
            return self.groups[match.group]
        group = self._new_group(match.seq)
        group.members.add(match.seq)
        match.group = group.gid
        return group

    def _matches(self, text, buckets):
        """The stored members the new text is the same campaign as, among
        its ``matching.VERIFIED`` best candidates: [(member, score)]."""
        found, checked = [], 0
        for seq, estimate in buckets.candidates(text.signature):
            member = self.members.get(seq)
            if member is None or member.signature is None:
                continue  # removed, or another view of the index
            score = matching.similarity(text.words, member.words, estimate)
            if score:
                found.append((member, score))
            checked += 1
            if checked >= matching.VERIFIED:
                break
        return found

    def _join(self, member, matches):
        """Put ``member`` in the largest campaign among those of its
        ``matches`` (a lone match starts one); the other campaigns it
        matched, when small and left as grouped, merge into it: the early
        variants of a campaign do not stay a campaign of their own."""
        groups = {}
        for match, _score in matches:
            if match.group is not None:
                group = self.groups[match.group]
                groups[group.gid] = group
        if groups:
            target = max(groups.values(), key=lambda g: (len(g), -g.gid))
        else:
            target = self._group_for(matches[0][0])
        member.group = target.gid
        target.members.add(member.seq)
        if target.pinned:
            return
        for group in groups.values():
            if (
                group is not target
                and not group.pinned
                and len(group) <= matching.MERGE_MOVES
            ):
                for seq in list(group.members):
                    moved = self.members[seq]
                    moved.group = target.gid
                    target.members.add(seq)
                target.seed = min(target.seed, group.seed)
                del self.groups[group.gid]


def regroup(index, texts, checkpoint=None, every=1000):
    """Group again every contribution of ``texts`` ((key, raw text) in the
    order they arrived), as if each arrived now; moderators' splits and
    merges are kept. ``checkpoint`` (say, a savepoint) is called every
    ``every`` contributions, so that memory stays flat."""
    pinned = {
        member.key: member.group
        for member in index.members.values()
        if member.pinned and member.group is not None
    }
    kept = {gid: index.groups[gid] for gid in set(pinned.values())}
    index.members = LOBTree()
    index.keys = OLBTree()
    index.groups = LOBTree()
    for group in kept.values():
        group.members = LLTreeSet()
        index.groups[group.gid] = group
    index.generation += 1
    buckets = _Buckets(index.generation)
    for count, (key, raw) in enumerate(texts, 1):
        text = matching.prepare(raw)
        if key in pinned:
            index._add_pinned(key, text, index.groups[pinned[key]], buckets)
        else:
            index.add(key, text, buckets=buckets)
        if checkpoint is not None and count % every == 0:
            checkpoint()
    for gid, group in list(index.groups.items()):
        if not group.members:
            del index.groups[gid]
    _forget(index)


_numbers = threading.Lock()
_last_number = [0]


def new_number():
    """A member's or campaign's number: the time in microseconds, times a
    thousand, plus a random part. Ordered as they are taken, and unique
    without a shared counter (two posts at once would both write it, and
    one would be retried): concurrent posts add different keys, which the
    BTrees merge."""
    with _numbers:
        number = time.time_ns() // 1000 * 1000 + random.randrange(1000)  # noqa: S311
        number = max(number, _last_number[0] + 1)
        _last_number[0] = number
        return number


# A band's key: its ROWS values (32-bit) mixed by fixed odd multipliers
# into 64 bits (numpy's unsigned arithmetic wraps), of which the high 32 are
# kept. Two different bands share a key by chance only (about one in four
# billion: a candidate more, then verified like the others). datasketch's
# index kept each band as bytes in dicts of sets: +380 MB for 50,000
# members, and one Python insert per band and member to build it.
_BAND_MULTIPLIERS = np.random.default_rng(20240528).integers(
    1, 2**63, size=matching.ROWS, dtype=np.uint64
) * np.uint64(2) + np.uint64(1)


def band_keys(signatures):
    """The ``BANDS`` keys of each signature (rows of a 2-D array, or one)."""
    signatures = np.asarray(signatures, dtype=np.uint32)
    shaped = signatures.reshape(
        *signatures.shape[:-1], matching.BANDS, matching.ROWS
    ).astype(np.uint64)
    mixed = (shaped * _BAND_MULTIPLIERS).sum(axis=-1, dtype=np.uint64)
    return (mixed >> np.uint64(32)).astype(np.uint32)


class _Buckets:
    """An LSH index of members' signatures, in this process' memory: the
    signatures as the rows of one array, their band keys as the columns of
    another, band by band (a query compares one band's keys at a time, a
    candidate's estimate is one vectorised comparison of signatures).
    50,000 members take 32 MB."""

    def __init__(self, generation):
        self.rows = {}  # member number -> row of ``matrix``
        self.seen = set()  # member numbers read from the ZODB
        self.matrix = np.empty((1024, matching.NUM_PERM), dtype=np.uint32)
        self.keys = np.empty((matching.BANDS, 1024), dtype=np.uint32)
        self.seqs = np.empty(1024, dtype=np.int64)
        self.size = 0
        self.generation = generation
        self.last = 0  # the last member number read from the ZODB

    def _grow(self, needed):
        capacity = len(self.seqs)
        if needed <= capacity:
            return
        while capacity < needed:
            capacity *= 2
        size = self.size
        matrix = np.empty((capacity, matching.NUM_PERM), dtype=np.uint32)
        matrix[:size] = self.matrix[:size]
        keys = np.empty((matching.BANDS, capacity), dtype=np.uint32)
        keys[:, :size] = self.keys[:, :size]
        seqs = np.empty(capacity, dtype=np.int64)
        seqs[:size] = self.seqs[:size]
        self.matrix, self.keys, self.seqs = matrix, keys, seqs

    def insert(self, seq, signature):
        if seq in self.rows:
            return
        self.insert_many([seq], np.asarray(signature, dtype=np.uint32)[None, :])

    def insert_many(self, seqs, signatures):
        """Add the members ``seqs`` with ``signatures`` (a 2-D array) at
        once: a warm-up is one vectorised step per thousand members."""
        fresh = [i for i, seq in enumerate(seqs) if seq not in self.rows]
        if not fresh:
            return
        if len(fresh) < len(seqs):
            seqs = [seqs[i] for i in fresh]
            signatures = signatures[fresh]
        first = self.size
        stop = first + len(seqs)
        self._grow(stop)
        self.matrix[first:stop] = signatures
        self.keys[:, first:stop] = band_keys(signatures).T
        self.seqs[first:stop] = seqs
        for offset, seq in enumerate(seqs):
            self.rows[seq] = first + offset
        self.size = stop

    def candidates(self, signature):
        """(member number, estimated similarity) of the members whose
        signatures share a band with ``signature``, most similar first."""
        if not self.size:
            return []
        wanted = band_keys(signature)
        size = self.size
        rows = np.unique(
            np.concatenate(
                [
                    np.flatnonzero(self.keys[band, :size] == wanted[band])
                    for band in range(matching.BANDS)
                ]
            )
        )
        if not len(rows):
            return []
        near = matching.estimates(signature, self.matrix[rows])
        order = np.argsort(-near, kind="stable")[: matching.CANDIDATES]
        return [(int(self.seqs[rows[i]]), float(near[i])) for i in order]


class _SharedView:
    """This process' buckets of one index, brought up to date with the
    members committed since; the members stored in the current transaction
    (not committed yet) are compared one by one."""

    def __init__(self, index, buckets):
        self.index = index
        self.buckets = buckets
        self.pending = {}

    def candidates(self, signature):
        with _lock:
            _catch_up(self.index, self.buckets, self.pending)
            found = self.buckets.candidates(signature)
        if self.pending:
            seqs = list(self.pending)
            stacked = np.stack([self.pending[s] for s in seqs])
            near = matching.estimates(signature, stacked)
            extra = [
                (s, float(n))
                for n, s in zip(near, seqs, strict=True)
                if n >= _PENDING_ESTIMATE
            ]
            found = sorted(extra + found, key=lambda pair: -pair[1])
        return found

    def insert(self, seq, signature):
        # Committed members reach the buckets through ``_catch_up``; until
        # then, this view compares with them directly.
        self.pending[seq] = signature


# A member stored in the current transaction is a candidate from this
# estimated Jaccard similarity (the LSH's 50 % point).
_PENDING_ESTIMATE = 0.3

_lock = threading.RLock()
_shared = {}


def _committed(member):
    member.key  # noqa: B018 -- loads a ghost, so that its serial is known
    return member._p_jar is not None and member._p_serial != z64


# Members are numbered when they are stored and committed a little later
# (a post commits in its write turn, in a fraction of a second): a process
# reads again the members of the last three seconds it has seen, so that
# one committed after a later number still reaches its buckets. A member
# committed later still is grouped, but may be missing from some process'
# buckets until everything is regrouped.
RESCAN = 3 * 1_000_000 * 1000


# Signatures read from the ZODB are added to the buckets this many at once.
BATCH = 1000


def _catch_up(index, buckets, pending):
    seqs, signatures = [], []

    def flush():
        if seqs:
            buckets.insert_many(
                list(seqs),
                np.frombuffer(b"".join(signatures), dtype="<u4").reshape(
                    len(seqs), matching.NUM_PERM
                ),
            )
            seqs.clear()
            signatures.clear()

    for seq, member in index.members.items(min=max(0, buckets.last - RESCAN)):
        if seq in buckets.seen:
            continue
        if not _committed(member):
            if member.indexed and member.signature is not None:
                pending.setdefault(seq, matching.signature_from_bytes(member.signature))
            continue
        buckets.seen.add(seq)
        buckets.last = max(buckets.last, seq)
        if member.indexed and member.signature is not None:
            seqs.append(seq)
            signatures.append(member.signature)
            if len(seqs) >= BATCH:
                flush()
    flush()


def _cache_key(index):
    jar = index._p_jar
    if jar is None or index._p_oid is None:
        return None
    return (jar.db().database_name, id(jar.db()), index._p_oid)


def shared_buckets(index):
    """The view of this process' buckets of ``index`` for one post."""
    key = _cache_key(index)
    if key is None:
        # Not stored yet (a new Plan): nothing to share, all is pending.
        return _SharedView(index, _Buckets(index.generation))
    with _lock:
        buckets = _shared.get(key)
        if buckets is None or buckets.generation != index.generation:
            buckets = _shared[key] = _Buckets(index.generation)
    return _SharedView(index, buckets)


def warm(index):
    """Build this process' buckets of ``index`` now (at start-up, not in the
    first citizen's post): read outside the lock, installed unless a post
    got there first. Returns the number of members in them."""
    key = _cache_key(index)
    if key is None:
        return 0
    buckets = _Buckets(index.generation)
    _catch_up(index, buckets, {})
    with _lock:
        current = _shared.get(key)
        if current is None or current.generation != index.generation:
            _shared[key] = current = buckets
    return current.size


def _forget(index):
    key = _cache_key(index)
    with _lock:
        _shared.pop(key, None)
