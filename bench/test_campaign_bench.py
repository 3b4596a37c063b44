"""Campaigns: grouping quality and cost on 50,000 generated contributions.

Half the corpus is made by method A (sentence frames, seed 11), on which the
thresholds of consultation/campaigns/matching.py were chosen; the other half
by method B (word chains, other variants, typing slips, seed 29), held out.
Prints pairwise precision and recall for each half, the time to regroup all
50,000 (stored in a ZODB, with savepoints: flat memory) and the time to
group one new contribution with 50,000 stored.
"""

from campaign_corpus import corpus
from campaign_corpus import pairwise
from torino.socialplan.consultation.campaigns import index as campaigns
from torino.socialplan.consultation.campaigns import matching
from ZODB.FileStorage import FileStorage

import os
import resource
import statistics
import time
import transaction
import ZODB


HALF = 25_000
NEW = 300


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_campaign_bench(tmp_path):
    fitted = corpus(HALF, seed=11, method="sentences")
    held_out = corpus(HALF, seed=29, method="chain")
    items = [("a", c) for c in fitted] + [("b", c) for c in held_out]
    # Arrival order: the two halves interleaved.
    items = [x for pair in zip(items[:HALF], items[HALF:], strict=True) for x in pair]
    # On disk, as a site's storage: an in-memory storage would count the
    # stored members in the process' memory.
    db = ZODB.DB(FileStorage(str(tmp_path / "campaigns.fs")))
    connection = db.open()
    root = connection.root()
    root["index"] = index = campaigns.CampaignIndex()
    transaction.commit()

    def checkpoint():
        transaction.savepoint(True)
        connection.cacheGC()

    before = rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    campaigns.regroup(
        index,
        ((f"{half}{i}", c.text) for i, (half, c) in enumerate(items)),
        checkpoint=checkpoint,
    )
    transaction.commit()
    regroup_seconds = time.perf_counter() - start
    regroup_cpu = time.process_time() - cpu
    regroup_growth = rss_mb() - before

    figures = {}
    for half in ("a", "b"):
        truth, predicted = [], []
        for i, (h, c) in enumerate(items):
            if h != half:
                continue
            truth.append(c.campaign)
            predicted.append(index.member(f"{h}{i}").group)
        figures[half] = pairwise(truth, predicted)
    mixed = sum(
        1
        for group in index.groups.values()
        if len({index.members[s].key[0] for s in group.members}) > 1
    )

    # New contributions with 50,000 stored, as posts: each its own
    # transaction, the process' buckets brought up to date.
    new = corpus(NEW, seed=47, method="chain")
    start = time.perf_counter()
    first = new[0]
    index.add("new-first", matching.prepare(first.text))
    transaction.commit()
    first_seconds = time.perf_counter() - start
    times = []
    for i, contribution in enumerate(new[1:]):
        start = time.perf_counter()
        index.add(f"new{i}", matching.prepare(contribution.text))
        times.append((time.perf_counter() - start) * 1000)
        transaction.commit()
    times.sort()
    median = statistics.median(times)

    # A new process warms its buckets when it starts (plan_campaigns.
    # warm_plans): the time that takes, and the first post after it.
    campaigns._forget(index)
    connection.cacheMinimize()
    start = time.perf_counter()
    warmed = campaigns.warm(index)
    warm_seconds = time.perf_counter() - start
    start = time.perf_counter()
    index.add("new-after-warm-up", matching.prepare(new[-1].text + " Grazie."))
    warm_first_ms = (time.perf_counter() - start) * 1000
    transaction.commit()
    p95 = times[int(len(times) * 0.95)]

    print()
    print(
        "campaigns: 50,000 contributions (25,000 method A, fitted; 25,000 method B, held out)"
    )
    for half, name in (("a", "A, fitted"), ("b", "B, held out")):
        precision, recall = figures[half]
        print(f"  {name:12} pairwise precision {precision:.4f}  recall {recall:.4f}")
    print(f"  groups mixing the two halves: {mixed}")
    print(
        f"  groups: {len(index.groups)}; members in the LSH buckets: "
        f"{sum(1 for m in index.members.values() if m.indexed)} of {len(index.members)}"
    )
    print(
        f"  regroup all: {regroup_seconds:.1f} s ({regroup_cpu:.1f} s of CPU); "
        f"peak RSS growth {regroup_growth:.0f} MB"
    )
    load = os.getloadavg()[0]
    print(f"  load average of the machine: {load:.1f} on {os.cpu_count()} cores")
    print(f"  first post in a process (buckets built): {first_seconds * 1000:.0f} ms")
    print(
        f"  one new contribution, 50,000 stored: median {median:.2f} ms, p95 {p95:.2f} ms"
    )
    print(
        f"  warm-up at process start: {warmed} members in {warm_seconds:.2f} s; "
        f"first post after it: {warm_first_ms:.1f} ms"
    )
    connection.close()
    db.close()

    for half in ("a", "b"):
        precision, recall = figures[half]
        assert precision >= 0.98, (half, precision)
        assert recall >= 0.95, (half, recall)
    assert mixed == 0
    assert p95 <= 20
    assert warm_first_ms <= 20 * 5  # one post: no bucket is built in it
    # On a shared machine the wall time counts the others' work too: the
    # bound holds for this process' own time.
    assert regroup_cpu <= 60
