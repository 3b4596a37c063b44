"""How long a retention run takes over 50,000 contributions (issue 27).

The export bench's Plan (export_fixtures.py: 70% comments, 30% Pledges, all
published, each with an e-mail address), its consultation ended a day ago;
the e-mail period set to 0 days. Timed: a dry run (lists what would go), the
run that erases every address (committing every retention.BATCH changes, as
the console command does), and a second run (finds nothing: idempotent).
Prints the figures: time, the most objects loaded in the ZODB cache at the
end of a batch (and the cache's size after the run, with ghosts, which hold
no state), the process's peak resident memory
(the test layer's storage is in memory, so the peak grows with the
revisions written, not with the cache). Fails only if a run does not find
what it should, or leaves more than a few batches of objects loaded."""

from export_fixtures import build_plan
from export_fixtures import Builder
from plone import api
from torino.socialplan.consultation.personal_data import address_key
from torino.socialplan.consultation.personal_data import places as places_module
from torino.socialplan.consultation.personal_data import retention
from torino.socialplan.consultation.personal_data import rights
from torino.socialplan.consultation.personal_data.retention import purge

import cProfile
import os
import pstats
import resource
import time
import transaction


# RETENTION_BENCH_SIZE=5000 for a quick figure.
SIZE = int(os.environ.get("RETENTION_BENCH_SIZE") or 50_000)
# RETENTION_BENCH_PROFILE=1: each run's profile (cProfile), by cumulative time.
PROFILE = os.environ.get("RETENTION_BENCH_PROFILE") == "1"


def test_retention_over_50000_contributions(functional_portal):
    plan, places, actions = build_plan(functional_portal)
    builder = Builder(plan, places, actions)
    started = time.perf_counter()
    builder.add(SIZE, SIZE)
    built = time.perf_counter() - started
    api.portal.set_registry_record("torino.socialplan.legal.retention_email_days", 0)
    figures = {}
    connection = functional_portal._p_jar
    connection.cacheMinimize()
    # One access request's look-up, for an address that is stored
    # (rights.stored_about: decided contributions by their indexed key).
    transaction.commit()
    stored = next(
        address_key.address_of(kind, obj)
        for kind, obj in places_module.contributions()
        if kind.name == "pledge"
    )
    connection.cacheMinimize()
    started = time.perf_counter()
    profiler = cProfile.Profile() if PROFILE else None
    if profiler is not None:
        profiler.enable()
    found = rights.stored_about(stored)
    lookup = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        print("\nlook-up, by cumulative time:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    assert len(found) >= 1
    for label, options in (
        ("dry run", {"dry_run": True}),
        ("erasing run", {"commit": True}),
        ("second run", {"commit": True}),
    ):
        started = time.perf_counter()
        profiler = cProfile.Profile() if PROFILE else None
        if profiler is not None:
            profiler.enable()
        report = purge(**options)
        if profiler is not None:
            profiler.disable()
            print(f"\n{label}, by cumulative time:")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        figures[label] = (
            time.perf_counter() - started,
            report.as_json()["addresses_erased"],
            (report.loaded_peak, len(connection._cache)),
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        )
    print(f"\nRetention over {SIZE:,} contributions (built in {built:.0f} s):")
    for label, (seconds, erased, (loaded, cached), peak) in figures.items():
        print(
            f"  {label:12} {seconds:7.1f} s  addresses: {erased:,}  objects loaded"
            f" at most: {loaded:,} (cache after: {cached:,} with ghosts)"
            f"  peak RSS: {peak:,} MiB"
        )
    print(
        f"  one access request's look-up (rights.stored_about, {len(found)} found):"
        f" {lookup * 1000:.1f} ms"
    )
    assert figures["dry run"][1] == SIZE
    assert figures["erasing run"][1] == SIZE
    assert figures["second run"][1] == 0
    # Bounded: the cache is minimised every batch, whatever SIZE is.
    assert all(f[2][0] < 4 * retention.BATCH for f in figures.values()), figures
