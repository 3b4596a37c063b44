"""Export time and peak memory at 10,000 and 50,000 contributions (issue 6:
time must grow linearly, memory must stay flat).

The same Plan is exported at 10,000 contributions, then 40,000 more are added
and it is exported again at 50,000, in every format, over HTTP from the
functional layer's WSGI server (which runs in this process), as a Manager
(every state and the e-mail column: the widest export). Each export runs
twice: once timed, once under tracemalloc (Python allocations of every
thread, from just before the request to its last byte) while a thread samples
the process RSS. The response is read in 64 KiB blocks and thrown away.

Two peaks: while the export is produced (until the view returns its file:
what this add-on controls, and what the bound applies to), and over the whole
request, sending included: waitress reads the body in blocks of its socket's
send buffer (up to 4 MB on loopback), so that one grows with the body until
the body outgrows the buffer.

For scale, stock plone.restapi in the same run and on the same data:
``@search`` of the Plan's comments with every metadata column, one page of
1,000 (brains only: it wakes no object, while the export wakes every one).

Fails if memory grows by more than MEMORY_BOUND from 10k to 50k, or time by
more than TIME_BOUND (5 would be exactly linear).
"""

from export_fixtures import build_plan
from export_fixtures import Builder
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from torino.socialplan.browser.exports.view import ConsultationExport

import csv
import io
import json
import os
import pytest
import requests
import threading
import time
import tracemalloc


SIZES = (10_000, 50_000)
FORMATS = ("csv", "json", "xlsx")
MEMORY_BOUND = 1.5
TIME_BOUND = 7.5
STOCK_PAGE = 1000
TIMEOUT = 600
MB = 1024 * 1024


class RSSSampler(threading.Thread):
    """The peak resident set size while running, sampled every 5 ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.start_rss = self.rss()
        self.peak = self.start_rss
        self.running = True

    def rss(self):
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * self.page

    def run(self):
        while self.running:
            self.peak = max(self.peak, self.rss())
            time.sleep(0.005)

    def stop(self):
        self.running = False
        self.join()
        return (self.peak - self.start_rss) / MB


def download(session, url, params):
    """GET ``url`` and read it all; returns (bytes, first 64 KiB)."""
    with session.get(url, params=params, stream=True, timeout=TIMEOUT) as response:
        response.raise_for_status()
        size, head = 0, b""
        for block in response.iter_content(65536):
            if not head:
                head = block
            size += len(block)
        return size, head


def timed(session, url, params):
    started = time.perf_counter()
    size, head = download(session, url, params)
    return time.perf_counter() - started, size, head


def measured(session, url, params, produced):
    """Peak MB (tracemalloc) while the export is produced, in the whole
    request (sending included), and RSS growth MB, of one download."""
    sampler = RSSSampler()
    produced.clear()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        sampler.start()
        download(session, url, params)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        rss = sampler.stop()
    (production,) = produced
    return (production - baseline) / MB, (peak - baseline) / MB, rss


@pytest.fixture
def produced(monkeypatch):
    """The tracemalloc peak when the export view returns its file: the rows
    are written, nothing is sent yet."""
    peaks = []
    original = ConsultationExport.__call__

    def call(self):
        body = original(self)
        if tracemalloc.is_tracing():
            peaks.append(tracemalloc.get_traced_memory()[1])
        return body

    monkeypatch.setattr(ConsultationExport, "__call__", call)
    return peaks


def check_head(fmt, head, rows):
    """The export holds what it should (not an error page)."""
    if fmt == "csv":
        text = head.decode("utf-8-sig", errors="ignore")
        header = next(csv.reader(io.StringIO(text)))
        assert header[0] == "Plan" and "E-mail address" in header
    elif fmt == "json":
        assert head.startswith(b'{"@context":["http://www.w3.org/ns/anno.jsonld"')
    else:
        assert head.startswith(b"PK")  # a zip: the XLSX package


@pytest.fixture
def manager(functional_portal):
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    yield session
    session.close()


def test_export_scales_linearly_with_flat_memory(functional_portal, manager, produced):
    portal = functional_portal
    plan, places, actions = build_plan(portal)
    builder = Builder(plan, places, actions)
    export_url = f"{plan.absolute_url()}/@@consultation-export"
    search_url = f"{portal.absolute_url()}/++api++/@search"
    figures = {}
    stock = {}
    for size in SIZES:
        started = time.perf_counter()
        builder.add(size - builder.built, SIZES[-1])
        build_seconds = time.perf_counter() - started
        for fmt in FORMATS:
            params = {"format": fmt}
            if size == SIZES[0]:
                # One-off costs (imports, translations) out of the figures.
                timed(manager, export_url, params)
            seconds, length, head = timed(manager, export_url, params)
            check_head(fmt, head, size)
            peak, request_peak, rss = measured(manager, export_url, params, produced)
            figures[size, fmt] = {
                "seconds": seconds,
                "bytes": length,
                "peak": peak,
                "request_peak": request_peak,
                "rss": rss,
            }
        query = {
            "path": "/".join(plan.getPhysicalPath()),
            "portal_type": "Discussion Item",
            "metadata_fields": "_all",
            "b_size": STOCK_PAGE,
        }
        headers = {"Accept": "application/json"}
        manager.get(search_url, params=query, headers=headers).raise_for_status()
        started = time.perf_counter()
        response = manager.get(search_url, params=query, headers=headers)
        items = len(json.loads(response.content)["items"])
        assert items == min(STOCK_PAGE, builder.comments)
        # Seconds per 1,000 items.
        stock[size] = (time.perf_counter() - started) / items * 1000
        print(f"\nbuilt {size:,} contributions (+{build_seconds:.0f} s)")

    small, large = SIZES
    print()
    print(
        f"{'format':6} {'rows':>7} {'seconds':>8} {'rows/s':>8} {'MB out':>7} "
        f"{'peak MB':>8} {'+send':>6} {'RSS +MB':>8} {'s/1k':>6} {'vs stock':>8}"
    )
    for fmt in FORMATS:
        for size in SIZES:
            f = figures[size, fmt]
            per_k = f["seconds"] / size * 1000
            print(
                f"{fmt:6} {size:>7,} {f['seconds']:>8.2f} {size / f['seconds']:>8,.0f} "
                f"{f['bytes'] / MB:>7.1f} {f['peak']:>8.2f} {f['request_peak']:>6.2f} "
                f"{f['rss']:>8.1f} {per_k:>6.3f} {per_k / stock[size]:>7.2f}x"
            )
    print(
        "peak MB: tracemalloc, producing the export; +send: the whole request, "
        "with waitress's send buffer"
    )
    print(
        "stock plone.restapi @search metadata_fields=_all, per 1,000 comments: "
        + ", ".join(f"{stock[s]:.3f} s at {s:,}" for s in SIZES)
    )
    failures = []
    for fmt in FORMATS:
        time_ratio = figures[large, fmt]["seconds"] / figures[small, fmt]["seconds"]
        memory_ratio = figures[large, fmt]["peak"] / figures[small, fmt]["peak"]
        print(
            f"{fmt}: 50k/10k time {time_ratio:.2f}x (5 = linear), "
            f"peak memory {memory_ratio:.2f}x (1 = flat)"
        )
        if time_ratio >= TIME_BOUND:
            failures.append(f"{fmt}: time grew {time_ratio:.2f}x")
        if memory_ratio > MEMORY_BOUND:
            failures.append(f"{fmt}: peak memory grew {memory_ratio:.2f}x")
    assert not failures, failures
