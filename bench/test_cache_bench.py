"""Cached reads: anonymous throughput of our Chapter page (300 comments, the
page bench's data) through Varnish with our caching profile, against the
same page straight from Zope (uncached) and stock Plone Documents with the
same text, with the same comments and without, measured in the same run.

Varnish runs from scripts/cluster/varnish.sh with conf/varnish.vcl in front
of the functional layer's WSGI server (`apt-get install varnish`; the bench
fails without it). The clients run in another process (threads with
keep-alive connections), so they do not share Zope's interpreter lock.
Rounds are interleaved so that noise from the rest of the machine hits every
target alike. Fails if a target does not render what it must, if the cached
page is not served from the cache, or if caching gains less than BOUND.
"""

from page_fixtures import build
from page_fixtures import first_comment_text
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from urllib.parse import urlsplit

import json
import os
import pytest
import requests
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import transaction


BOUND = 5.0  # cached / uncached throughput, at least
CONNECTIONS = 4
SECONDS = 3.0
ROUNDS = 3
SCRIPT = Path(__file__).parents[1] / "scripts" / "cluster" / "varnish.sh"
BASH = shutil.which("bash") or "/bin/bash"

CACHED = "Chapter, through Varnish"
UNCACHED = "Chapter, straight from Zope"
STOCK = "stock Document, same comments"
STOCK_PLAIN = "stock Document, no comments"
RATIOS = {
    "cached / uncached": (CACHED, UNCACHED),
    "cached / stock": (CACHED, STOCK),
    "uncached / stock": (UNCACHED, STOCK),
    "cached / stock, no comments": (CACHED, STOCK_PLAIN),
    "uncached / stock, no comments": (UNCACHED, STOCK_PLAIN),
}

# The clients: CONNECTIONS threads, each with one keep-alive connection,
# GETting one URL for SECONDS; prints requests done and failures as JSON.
LOAD = r"""
import http.client, json, sys, threading, time
host, port, path, seconds, connections = sys.argv[1:6]
port, seconds, connections = int(port), float(seconds), int(connections)
done, failed = [0] * connections, [0] * connections
headers = {"Accept": "text/html", "Accept-Language": "it"}
def worker(index):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            done[index] += 1
        else:
            failed[index] += 1
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
started = time.monotonic()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"done": sum(done), "failed": sum(failed),
                  "seconds": time.monotonic() - started}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def throughput(url):
    parts = urlsplit(url)
    run = subprocess.run(  # noqa: S603 (our own script, our arguments)
        [
            sys.executable,
            "-c",
            LOAD,
            parts.hostname,
            str(parts.port),
            parts.path,
            str(SECONDS),
            str(CONNECTIONS),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(run.stdout)
    return result["done"] / result["seconds"], result["failed"]


@pytest.fixture
def varnish(functional_portal):
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        pytest.fail("varnishd is missing: apt-get install varnish")
    # varnishd, started by root, reads its VCL as the varnish user.
    data = Path(tempfile.mkdtemp(prefix="socialplan-bench-varnish-"))
    data.chmod(0o755)
    backend = urlsplit(functional_portal.absolute_url())
    port = free_port()
    env = dict(
        os.environ,
        DATA_DIR=str(data),
        BACKEND_HOST="127.0.0.1",
        BACKEND_PORT=str(backend.port),
        VARNISH_PORT=str(port),
    )
    run = subprocess.run(  # noqa: S603 (the repository's script)
        [BASH, str(SCRIPT), "start"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
        (f"http://127.0.0.1:{port}",),
    )
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True
    )
    transaction.commit()
    try:
        yield f"http://localhost:{port}"
    finally:
        subprocess.run(  # noqa: S603 (the repository's script)
            [BASH, str(SCRIPT), "stop"], env=env, capture_output=True
        )
        shutil.rmtree(data, ignore_errors=True)


def sanity_problems(targets, comment):
    problems = []
    for name, url in targets.items():
        response = requests.get(url, headers={"Accept-Language": "it"}, timeout=60)
        if response.status_code != 200:
            problems.append(f"{name}: status {response.status_code}")
        elif name != STOCK_PLAIN and comment not in " ".join(response.text.split()):
            problems.append(f"{name}: the first comment is not on the page")
        if name == CACHED and response.headers.get("X-Cache") != "HIT":
            problems.append(f"{name}: X-Cache {response.headers.get('X-Cache')}")
    return problems


def test_cached_reads(functional_portal, functional_http_request, varnish):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    started = time.perf_counter()
    built = build(portal, functional_http_request)
    build_seconds = time.perf_counter() - started
    chapter = built["chapters"]["con-commenti"].absolute_url()
    document = built["documents"]["documento-con-commenti"].absolute_url()
    plain = built["documents"]["documento-senza-commenti"].absolute_url()
    zope = urlsplit(portal.absolute_url())
    targets = {
        CACHED: varnish + urlsplit(chapter).path,
        UNCACHED: chapter,
        STOCK: document,
        STOCK_PLAIN: plain,
    }
    assert urlsplit(chapter).netloc == zope.netloc
    # Fill the cache, then check what each target answers.
    requests.get(targets[CACHED], headers={"Accept-Language": "it"}, timeout=60)
    problems = sanity_problems(targets, first_comment_text(built["specs"]))

    rates = {name: [] for name in targets}
    failures = dict.fromkeys(targets, 0)
    for _ in range(ROUNDS):
        for name, url in targets.items():
            rate, failed = throughput(url)
            rates[name].append(rate)
            failures[name] += failed
    medians = {name: statistics.median(values) for name, values in rates.items()}

    print()
    print(
        f"Cache bench: {CONNECTIONS} keep-alive clients in another process, "
        f"{ROUNDS} interleaved rounds of {SECONDS:.0f} s per target "
        f"(data built in {build_seconds:.1f} s)"
    )
    width = max(len(name) for name in targets)
    for name in targets:
        print(
            f"{name:{width}}  {medians[name]:9.1f} req/s  "
            f"(rounds: {', '.join(f'{r:.1f}' for r in rates[name])}; "
            f"failed {failures[name]})"
        )
    ratios = {}
    for label, (a, b) in RATIOS.items():
        ratios[label] = medians[a] / medians[b] if medians[b] else float("inf")
        bound = f"  (bound >= {BOUND}x)" if label == "cached / uncached" else ""
        print(f"{label + ':':31}{ratios[label]:8.1f}x{bound}")
    problems += [f"{name}: {n} failed requests" for name, n in failures.items() if n]
    for problem in problems:
        print(f"PROBLEM: {problem}")

    if problems:
        pytest.fail("; ".join(problems), pytrace=False)
    if ratios["cached / uncached"] < BOUND:
        pytest.fail(
            f"cached / uncached: {ratios['cached / uncached']:.1f}x < {BOUND}x",
            pytrace=False,
        )
