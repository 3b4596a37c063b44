"""How long a retention run takes over 50,000 contributions (issue 27).

The export bench's Plan (export_fixtures.py: 70% comments, 30% Pledges, all
published, each with an e-mail address), its consultation ended a day ago;
the e-mail period set to 0 days. Timed: a dry run (lists what would go), the
run that erases every address (committing every retention.BATCH changes, as
the console command does), and a second run (finds nothing: idempotent).
Prints the figures (time, objects left in the ZODB cache, the process's peak
resident memory; the test layer's storage is in memory, so the peak grows
with the revisions written, not with the cache); fails only if a run does
not find what it should, or the cache is left holding more than a few
batches of objects."""

from export_fixtures import build_plan
from export_fixtures import Builder
from plone import api
from torino.socialplan.consultation.personal_data import retention
from torino.socialplan.consultation.personal_data.retention import purge

import os
import resource
import time


# RETENTION_BENCH_SIZE=5000 for a quick figure.
SIZE = int(os.environ.get("RETENTION_BENCH_SIZE") or 50_000)


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
    for label, options in (
        ("dry run", {"dry_run": True}),
        ("erasing run", {"commit": True}),
        ("second run", {"commit": True}),
    ):
        started = time.perf_counter()
        report = purge(**options).as_json()
        figures[label] = (
            time.perf_counter() - started,
            report["addresses_erased"],
            len(connection._cache),
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        )
    print(f"\nRetention over {SIZE:,} contributions (built in {built:.0f} s):")
    for label, (seconds, erased, cached, peak) in figures.items():
        print(
            f"  {label:12} {seconds:7.1f} s  addresses: {erased:,}"
            f"  objects cached after: {cached:,}  peak RSS: {peak:,} MiB"
        )
    assert figures["dry run"][1] == SIZE
    assert figures["erasing run"][1] == SIZE
    assert figures["second run"][1] == 0
    # Bounded: the cache is minimised every batch, whatever SIZE is.
    assert all(f[2] < 20 * retention.BATCH for f in figures.values()), figures
