"""`make bench`, the cluster's figures (issue "Scale-out"): real PostgreSQL,
Redis, haproxy and Zope instances started by `make cluster` on free ports.

- load: 2,000 anonymous comments on one Chapter from 16 concurrent clients
  through haproxy, each from its own loopback address (haproxy forwards it;
  the instances trust haproxy only), mixed with bulk moderation: throughput,
  p50/p95/p99, exactly-once count, ConflictError retries seen;
- crash: kill -9 one instance mid-load, restart it: every comment that got a
  2xx is stored once, none twice;
- scaling: the same load without moderation on 1 and on 2 instances.

Printed as figures; fails only when a stated bound breaks (lost or
duplicated contributions, an unresolved conflict, a 5xx outside the crash).
"""

# ruff: noqa: S603, S607 (our own make targets and scripts, fixed arguments)

from pathlib import Path
from tests.cluster.harness import ADMIN
from tests.cluster.harness import Cluster
from tests.cluster.harness import DEMO_CHAPTER
from tests.cluster.harness import DEMO_PLAN
from tests.cluster.harness import missing_binaries
from tests.cluster.harness import SITE_ID

import collections
import http.client
import json
import os
import pytest
import queue
import re
import signal
import statistics
import subprocess
import tempfile
import threading
import time


ROOT = Path(__file__).resolve().parents[1]
LOAD = int(os.environ.get("SOCIALPLAN_BENCH_COMMENTS", "2000"))
CLIENTS = 16
CRASH_LOAD = 600
SCALING_LOAD = 600
ONE_INSTANCE_RATE = 40  # contributions/s (issue 29)
RETRIED = "ConflictError retried"
UNRESOLVED = "ConflictError not resolved"
WITHOUT_TURN = "Writing without a turn"  # consultation/write_turn.py


def say(text):
    print(f"\n[cluster-bench] {text}", flush=True)


@pytest.fixture(scope="module")
def cluster():
    missing = missing_binaries()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (make cluster-install)")
    timings = Path(tempfile.mkdtemp(prefix="socialplan-turns-")) / "turns.txt"
    running = Cluster(instances=2, SOCIALPLAN_TURN_TIMINGS=timings).start()
    running.turn_timings = timings
    say(f"make cluster (2 instances, fresh DATA_DIR): {running.start_seconds:.0f} s")
    yield running
    running.stop()
    running.remove()


def comment_body(mark, i):
    return json.dumps(
        {
            "text": f"Proposta numero {i} per il lavoro sociale [{mark}-{i}].",
            "first_name": "Bench",
            "last_name": f"Client{i}",
            "organization": "",
            "organization_type": "citizen",
            "author_email": f"bench{i}@example.org",
            "privacy_consent": True,
        }
    )


def address(run, i):
    """A distinct loopback address per comment (127.run.x.y)."""
    return f"127.{run}.{1 + i // 250}.{1 + i % 250}"


def request(port, method, path, body=None, source="127.0.0.1", auth=None):
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if auth:
        import base64

        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=120, source_address=(source, 0)
    )
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, time.perf_counter() - started, data
    except OSError:
        return 0, time.perf_counter() - started, b""
    finally:
        connection.close()


class Moderator(threading.Thread):
    """A moderator publishing the pending comments in bulk, 50 at a time."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.done = threading.Event()
        self.statuses = collections.Counter()
        self.published = 0
        self.refusals = []  # the first answers that were not 200

    def run(self):
        base = f"/{SITE_ID}/{DEMO_PLAN}/@moderation"
        while not self.done.is_set():
            status, _, data = request(
                self.port, "GET", f"{base}?b_size=50&type=comment", auth=ADMIN
            )
            self.statuses[status] += 1
            items = json.loads(data)["items"] if status == 200 else []
            if items:
                status, _, data = request(
                    self.port,
                    "POST",
                    base,
                    json.dumps(
                        {"items": [i["@id"] for i in items], "transition": "publish"}
                    ),
                    auth=ADMIN,
                )
                self.statuses[status] += 1
                if status == 200:
                    self.published += len(items)
                elif len(self.refusals) < 3:
                    self.refusals.append(f"{status} {data[:300]!r}")
            self.done.wait(1)


def run_load(cluster, count, run, mark, moderate=True, on_progress=None):
    """POST ``count`` comments through haproxy from CLIENTS threads."""
    todo = queue.Queue()
    for i in range(count):
        todo.put(i)
    results = {}
    lock = threading.Lock()
    path = f"/{SITE_ID}/{DEMO_CHAPTER}/@comments"

    def client():
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            status, seconds, _ = request(
                cluster.proxy_port, "POST", path, comment_body(mark, i), address(run, i)
            )
            with lock:
                results[i] = (status, seconds)
                done = len(results)
            if on_progress:
                on_progress(done)

    moderator = Moderator(cluster.proxy_port) if moderate else None
    if moderator:
        moderator.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if moderator:
        moderator.done.set()
        moderator.join(timeout=130)
    return results, elapsed, moderator


def run_in_zope(cluster, script, *args):
    """Run bench/``script`` in a RelStorage client of its own while the
    instances serve."""
    setup = cluster.cluster_dir / "bench"
    (setup / "cache").mkdir(parents=True, exist_ok=True)
    (setup / "blobcache").mkdir(exist_ok=True)
    env = cluster.env(
        INSTANCE_HOME=ROOT / "instance",
        CLUSTER_DIR=cluster.cluster_dir,
        CLUSTER_INSTANCE_DIR=setup,
    )
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "zconsole"),
            "run",
            str(ROOT / "instance" / "etc" / "zope-relstorage.conf"),
            str(ROOT / "bench" / script),
            *[str(arg) for arg in args],
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{script}: {done.stderr[-3000:]}"
    return setup


def stored_counts(cluster, mark):
    """{i: times stored} for the comments marked ``mark``."""
    output = cluster.cluster_dir / "bench" / f"{mark}.json"
    run_in_zope(cluster, "cluster_count.py", mark, output)
    return {int(k): v for k, v in json.loads(output.read_text()).items()}


def log_lines(cluster, text):
    return sum(
        cluster.instance_log(n).read_text(errors="replace").count(text)
        for n in range(1, cluster.instances + 1)
        if cluster.instance_log(n).exists()
    )


# A read conflict names no class: BTrees mark the nodes they pass through
# as read (readCurrent), so that a concurrent split of one fails the commit.
CONFLICT = re.compile(
    r"ConflictError \w+: \S*?(@\w+)? .*?oid (0x[0-9a-f]+)(?:, class ([\w.]+))?"
)


def conflict_lines(cluster):
    lines = []
    for n in range(1, cluster.instances + 1):
        path = cluster.instance_log(n)
        if path.exists():
            text = path.read_text(errors="replace")
            lines += [
                line
                for line in text.splitlines()
                if RETRIED in line or UNRESOLVED in line  # ours, not Zope's own
            ]
    return lines


CLIENT = re.compile(r"\(attempt \d+, client ([\d.]+)\)")


def conflicts_seen(cluster):
    """[(oid, class, tag)] of every conflict line in the instances' logs;
    the tag is the service posted to, preceded by "failed" for the attempts
    of a request that ended unresolved (told apart by its client)."""
    lines = conflict_lines(cluster)
    failed = {
        match.group(1)
        for match in (CLIENT.search(line) for line in lines if UNRESOLVED in line)
        if match
    }
    seen = []
    for line in lines:
        match = CONFLICT.search(line)
        if match:
            service, oid, class_name = match.groups()
            client = CLIENT.search(line)
            tag = service or "page"
            if client and client.group(1) in failed:
                tag = f"failed {tag}"
            seen.append((oid, class_name or "read", tag))
    return seen


def conflict_structures(cluster):
    """{structure (class): conflicts}: which index, tree or object each
    conflicted oid belongs to (bench/cluster_conflicts.py)."""
    seen = conflicts_seen(cluster)
    if not seen:
        return {}
    source = cluster.cluster_dir / "bench" / "conflicts.json"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(json.dumps(seen))
    output = source.with_name("structures.json")
    run_in_zope(cluster, "cluster_conflicts.py", source, output)
    structures = json.loads(output.read_text())
    unnamed = [line for line in conflict_lines(cluster) if not CONFLICT.search(line)]
    if unnamed:
        structures[f"no oid ({unnamed[0][-300:]})"] = len(unnamed)
    return structures


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def figures(name, results, elapsed):
    ok = [s for status, s in results.values() if 200 <= status < 300]
    statuses = collections.Counter(status for status, _ in results.values())
    say(
        f"{name}: {len(results)} comments in {elapsed:.1f} s = "
        f"{len(ok) / elapsed:.1f} stored/s; latency p50 {percentile(ok, 50) * 1000:.0f} ms, "
        f"p95 {percentile(ok, 95) * 1000:.0f} ms, p99 {percentile(ok, 99) * 1000:.0f} ms; "
        f"statuses {dict(statuses)}"
    )
    return len(ok) / elapsed, statuses


def test_load(cluster):
    retried = log_lines(cluster, RETRIED)
    results, elapsed, moderator = run_load(cluster, LOAD, run=10, mark="load")
    _throughput, statuses = figures(
        "load, 2 instances + bulk moderation", results, elapsed
    )
    retries = log_lines(cluster, RETRIED) - retried
    stored = stored_counts(cluster, "load")
    say(
        f"load: moderation requests {dict(moderator.statuses)} "
        f"{moderator.refusals}, "
        f"{moderator.published} published in bulk meanwhile; "
        f"ConflictError retries seen {retries}; unresolved "
        f"{log_lines(cluster, UNRESOLVED)}; writes without their turn "
        f"{log_lines(cluster, WITHOUT_TURN)}; conflicts by structure "
        f"{conflict_structures(cluster)}"
    )
    created = sorted(i for i, (status, _) in results.items() if status == 201)
    lost = [i for i in created if i not in stored]
    twice = [i for i, times in stored.items() if times > 1]
    unanswered = [i for i in stored if i not in created]
    say(
        f"load: {len(created)} answered 201: {len(created) - len(lost)} stored, "
        f"{len(lost)} lost, {len(twice)} stored twice; {len(unanswered)} stored "
        f"without a 201"
    )
    assert not lost, "lost comments"
    assert not twice, "duplicated comments"
    assert not unanswered, "stored although the client was told it failed"
    # The bound of the issue: no request fails with an unresolved conflict.
    assert statuses == {201: LOAD}, statuses
    assert log_lines(cluster, UNRESOLVED) == 0
    assert set(moderator.statuses) <= {200}


def test_crash(cluster):
    killed = threading.Event()
    restarted = {}

    def on_progress(done):
        if done >= CRASH_LOAD // 3 and not killed.is_set():
            killed.set()
            os.kill(cluster.pid("instance1"), signal.SIGKILL)
            restarted["at"] = time.perf_counter()
            threading.Thread(target=restart).start()

    def restart():
        time.sleep(3)
        subprocess.run(
            [
                "bash",
                "-c",
                "source scripts/cluster/lib.sh && start_instance 1 relstorage && "
                'wait_port "$(instance_port 1)" 120 instance1 instance1',
            ],
            cwd=ROOT,
            env=cluster.env(
                INSTANCE_HOME=ROOT / "instance", CLUSTER_DIR=cluster.cluster_dir
            ),
            check=True,
            capture_output=True,
            timeout=180,
        )
        restarted["up"] = time.perf_counter()

    results, elapsed, _ = run_load(
        cluster, CRASH_LOAD, run=11, mark="crash", on_progress=on_progress
    )
    figures("crash (kill -9 instance1 at 1/3)", results, elapsed)
    deadline = time.monotonic() + 180
    while "up" not in restarted and time.monotonic() < deadline:
        time.sleep(1)
    assert "up" in restarted, "instance1 did not come back"
    stored = stored_counts(cluster, "crash")
    answered = {i for i, (status, _) in results.items() if 200 <= status < 300}
    failed = len(results) - len(answered)
    say(
        f"crash: instance1 back in {restarted['up'] - restarted['at']:.0f} s; "
        f"{len(answered)} answered 2xx, {failed} failed during the crash; "
        f"{len(answered & set(stored))} of the 2xx stored, "
        f"{len(set(stored) - answered)} stored without a 2xx (cut mid-answer)"
    )
    assert answered <= set(stored), "a comment answered 2xx was lost"
    assert set(stored.values()) <= {1}, "a comment was stored twice"
    # After the restart both instances serve again.
    for n in (1, 2):
        status, _, _ = request(cluster.instance_ports[n - 1], "GET", f"/{SITE_ID}/@@ok")
        assert status == 200


def turns_held(timings):
    """[(ms, writes)] of the turns recorded in ``timings``; the file emptied
    (consultation/write_turn.py writes them)."""
    if not timings.exists():
        return []
    lines = timings.read_text().splitlines()
    timings.write_text("")
    return [(float(ms), int(writes)) for ms, writes in map(str.split, lines)]


def turn_figures(name, turns):
    """Print the turns; return the median turn per post (a turn that
    stores a group of posts counts its time once per post, divided)."""
    per_post = [ms / writes for ms, writes in turns for _ in range(writes)]
    posts = sum(writes for _, writes in turns)
    say(
        f"{name}: {len(turns)} turns for {posts} posts ({posts / len(turns):.1f} "
        f"a turn); turn median {statistics.median(ms for ms, _ in turns):.1f} ms; "
        f"per post median {statistics.median(per_post):.1f} ms, p90 "
        f"{percentile(per_post, 90):.1f} ms"
    )
    return statistics.median(per_post)


def test_scaling():
    """The same anonymous load on 2 instances and on 1 (no moderation), each
    on a cluster of its own from a fresh DATA_DIR: like with like (the
    module's cluster holds the load and crash tests' 2,600 comments by now).
    Bounds (issue 29): 2 instances / 1 >= 1.0x; >= 40 contributions/s on one
    instance. The turns are printed: under this load a turn waits for the
    interpreter behind the instance's other threads, and stores a group; a
    post's own turn (bound 15 ms) is test_post_bench.py's."""
    missing = missing_binaries()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (make cluster-install)")
    rates = {}
    for instances, run in ((2, 12), (1, 13)):
        name = f"scaling, {instances} instance{'s' if instances > 1 else ''}"
        timings = Path(tempfile.mkdtemp(prefix="socialplan-turns-")) / "turns.txt"
        running = Cluster(instances=instances, SOCIALPLAN_TURN_TIMINGS=timings).start()
        try:
            rates[instances], _ = figures(
                name,
                *run_load(
                    running,
                    SCALING_LOAD,
                    run=run,
                    mark=f"scale{instances}",
                    moderate=False,
                )[:2],
            )
        finally:
            running.stop()
            running.remove()
        turn_figures(name, turns_held(timings))
    two, one = rates[2], rates[1]
    say(
        f"scaling: 2 instances / 1 instance throughput = {two / one:.2f}x "
        f"(on {os.cpu_count()} cores shared with the database, Redis and haproxy; "
        f"bound 1.0x); 1 instance {one:.1f}/s (bound {ONE_INSTANCE_RATE}/s)"
    )
    assert two / one >= 1.0
    assert one >= ONE_INSTANCE_RATE


def zconsole(cluster, script, *args):
    setup = cluster.cluster_dir / "bench"
    (setup / "cache").mkdir(parents=True, exist_ok=True)
    (setup / "blobcache").mkdir(exist_ok=True)
    return subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "zconsole"),
            "run",
            str(ROOT / "instance" / "etc" / "zope-relstorage.conf"),
            str(ROOT / "bench" / script),
            *args,
        ],
        env=cluster.env(
            INSTANCE_HOME=ROOT / "instance",
            CLUSTER_DIR=cluster.cluster_dir,
            CLUSTER_INSTANCE_DIR=setup,
        ),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=3000,
    )


def first_queue_page(cluster, rounds=15):
    """Median time of the moderation queue's first page (REST, as the
    Manager, through haproxy), after one warm-up request."""
    path = f"/{SITE_ID}/{DEMO_PLAN}/@moderation"
    status, _, data = request(cluster.proxy_port, "GET", path, auth=ADMIN)
    assert status == 200
    total = json.loads(data)["items_total"]
    times = []
    for _ in range(rounds):
        status, seconds, _ = request(cluster.proxy_port, "GET", path, auth=ADMIN)
        assert status == 200
        times.append(seconds)
    return statistics.median(times), total


def test_moderation_queue_at_scale():
    """The first queue page with 10,000 pending against 100 (bound 2x), on a
    cluster of its own (the other tests' comments would count)."""
    missing = missing_binaries()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    running = Cluster(instances=2).start()
    try:
        zconsole(running, "cluster_pending.py", "100")
        small, small_total = first_queue_page(running)
        zconsole(running, "cluster_pending.py", "9900")
        large, large_total = first_queue_page(running)
    finally:
        running.stop()
        running.remove()
    say(
        f"moderation: first queue page {small * 1000:.0f} ms with {small_total} "
        f"pending, {large * 1000:.0f} ms with {large_total} pending "
        f"({large / small:.2f}x; bound 2x)"
    )
    assert large_total >= 10000
    assert large / small <= 2


def test_cached_reads_over_haproxy():
    """Anonymous readers of the demo Chapter through the production layout
    (Varnish -> haproxy -> 2 instances -> PostgreSQL), against the same page
    through haproxy alone (uncached) and a stock Plone Document with the
    Chapter's text through haproxy, measured in the same run, interleaved."""
    from test_cache_bench import free_port
    from test_cache_bench import throughput

    missing = missing_binaries()
    if not Path("/usr/sbin/varnishd").exists():
        missing.append("varnish")
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    varnish_port = free_port()
    running = Cluster(instances=2, VARNISH=1, VARNISH_PORT=varnish_port).start()
    try:
        chapter = f"/{SITE_ID}/{DEMO_CHAPTER}"
        status, _, data = request(running.proxy_port, "GET", f"{chapter}", auth=ADMIN)
        assert status == 200
        text = json.loads(data)["text"]["data"]
        document = {
            "@type": "Document",
            "id": "bench-document",
            "title": "Stock Document",
            "text": {"data": text, "content-type": "text/html"},
        }
        status, _, _ = request(
            running.proxy_port, "POST", f"/{SITE_ID}", json.dumps(document), auth=ADMIN
        )
        assert status == 201
        status, _, _ = request(
            running.proxy_port,
            "POST",
            f"/{SITE_ID}/bench-document/@workflow/publish",
            auth=ADMIN,
        )
        assert status == 200
        targets = {
            "Chapter via Varnish": f"http://127.0.0.1:{varnish_port}{chapter}",
            "Chapter via haproxy": f"{running.proxy_url}/{DEMO_CHAPTER}",
            "stock Document via haproxy": f"{running.proxy_url}/bench-document",
        }
        rates = collections.defaultdict(list)
        for url in targets.values():
            throughput(url)  # warm-up: caches filled, the page in Varnish
        for _ in range(3):
            for name, url in targets.items():
                rate, failed = throughput(url)
                assert failed == 0, name
                rates[name].append(rate)
    finally:
        running.stop()
        running.remove()
    median = {name: statistics.median(values) for name, values in rates.items()}
    for name, value in median.items():
        say(f"cached reads: {name}: {value:.1f} req/s")
    cached = median["Chapter via Varnish"]
    say(
        f"cached reads over haproxy: cached / uncached "
        f"{cached / median['Chapter via haproxy']:.0f}x, cached / stock Document "
        f"{cached / median['stock Document via haproxy']:.0f}x, uncached / stock "
        f"{median['Chapter via haproxy'] / median['stock Document via haproxy']:.2f}"
    )
    assert cached / median["Chapter via haproxy"] >= 5
