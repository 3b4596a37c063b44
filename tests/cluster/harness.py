"""Start and stop `make cluster` / `make zeo` on free ports in a throwaway
DATA_DIR, for tests/cluster/ and bench/ (real services, loopback only)."""

from pathlib import Path
from requests.adapters import HTTPAdapter
from tests.support.child_make import child_environ

import contextlib
import glob
import json
import os
import pytest
import random
import requests
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid


ROOT = Path(__file__).resolve().parents[2]
SITE_ID = "Plone"
ADMIN = ("admin", "cluster-admin-secret")
DEMO_PLAN = "piano-metropolitano-economia-sociale"
DEMO_CHAPTER = f"{DEMO_PLAN}/lavoro-e-inclusione-sociale"
DEMO_ACTION = f"{DEMO_CHAPTER}/percorsi-inserimento-lavorativo"
# What our Makefile exports for the cluster, besides the shared ones
# (child_make.py): a parent `make test` must not set the child's.
CLUSTER_MAKE_VARIABLES = (
    "INSTANCES",
    "CLUSTER_PORT",
    "CLUSTER_DIR",
    "INSTANCE_BASE_PORT",
    "PG_PORT",
    "REDIS_PORT",
    "ZEO_PORT",
    "ROOT",
    "BIN",
)
START_TIMEOUT = 420
# The address haproxy connects from: the instances' one trusted proxy.
PROXY_SOURCE = "127.0.0.2"


def missing_binaries(mode="relstorage"):
    """The system programs `make cluster` needs and does not find."""
    if mode == "zeo":
        return []
    missing = []
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing.append("postgresql")
    if not (shutil.which("haproxy") or os.path.exists("/usr/sbin/haproxy")):
        missing.append("haproxy")
    if not shutil.which("redis-server"):
        missing.append("redis-server")
    return missing


def port_is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_ports(count):
    """``count`` consecutive free ports (the instances' ports follow a base),
    below the kernel's ephemeral range: a port picked there can be taken by
    any outgoing connection before the service binds it."""
    low = 20000
    try:
        first = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0]
        high = min(int(first), 32768) - count
    except (OSError, ValueError, IndexError):
        high = 32000 - count
    for _ in range(500):
        base = random.randrange(low, high)  # noqa: S311 (a port, not a secret)
        if all(port_is_free(base + i) for i in range(count)):
            return list(range(base, base + count))
    raise RuntimeError("no free ports")


class Cluster:
    """`make cluster` (mode relstorage) or `make zeo` in its own DATA_DIR."""

    def __init__(
        self, mode="relstorage", instances=2, data_dir=None, root=ROOT, **options
    ):
        self.mode = mode
        self.root = Path(root)  # the checkout whose `make` runs
        self.instances = instances
        self.options = options  # more make variables (VARNISH=1, VARNISH_PORT)
        # PostgreSQL runs as the user postgres, who must reach the folder:
        # not under pytest's private (0700) temporary folders.
        self.own_dir = data_dir is None
        self.data_dir = Path(
            data_dir or tempfile.mkdtemp(prefix="socialplan-cluster-", dir="/tmp")
        )
        self.data_dir.chmod(0o755)
        ports = free_ports(instances + 4)
        self.proxy_port, self.pg_port, self.redis_port, self.zeo_port = ports[:4]
        self.instance_ports = ports[4:]
        self.log_path = self.data_dir / f"make-{mode}.log"

    @property
    def cluster_dir(self):
        return self.data_dir / ("cluster" if self.mode == "relstorage" else "zeo")

    @property
    def run_dir(self):
        return self.cluster_dir / "run"

    def env(self, **extra):
        env = child_environ(*CLUSTER_MAKE_VARIABLES)
        env.update(
            DATA_DIR=str(self.data_dir),
            SITE_ID=SITE_ID,
            ADMIN_PASSWORD=ADMIN[1],
            INSTANCES=str(self.instances),
            CLUSTER_PORT=str(self.proxy_port),
            INSTANCE_BASE_PORT=str(self.instance_ports[0]),
            PG_PORT=str(self.pg_port),
            REDIS_PORT=str(self.redis_port),
            ZEO_PORT=str(self.zeo_port),
            PROXY_SOURCE=PROXY_SOURCE,
        )
        env.update({k: str(v) for k, v in {**self.options, **extra}.items()})
        return env

    def make(self, target, timeout=START_TIMEOUT, **extra):
        with open(self.log_path, "ab") as log:
            return subprocess.run(
                ["make", "--no-print-directory", target],
                cwd=self.root,
                env=self.env(**extra),
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )

    @property
    def log(self):
        return self.log_path.read_text(errors="replace")

    def start(self):
        target = "cluster" if self.mode == "relstorage" else "zeo"
        started = time.monotonic()
        result = self.make(target)
        self.start_seconds = time.monotonic() - started
        if result.returncode != 0:
            self.stop()
            log = self.log
            self.remove()
            raise RuntimeError(f"make {target} failed:\n{log[-6000:]}")
        return self

    def stop(self):
        """`make cluster-stop`, then anything left, by its PID file."""
        target = "cluster-stop" if self.mode == "relstorage" else "zeo-stop"
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.make(target, timeout=120)
        for pid_file in self.run_dir.glob("*.pid"):
            with contextlib.suppress(ValueError, ProcessLookupError, OSError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)

    def remove(self):
        if self.own_dir:
            self.remove_postgres_place()
            shutil.rmtree(self.data_dir, ignore_errors=True)

    @property
    def postgres_place(self):
        """The folder start.sh made for PostgreSQL's data outside CLUSTER_DIR
        (as root, when the user postgres cannot reach it), or None."""
        link = self.cluster_dir / "postgresql"
        if not link.is_symlink():
            return None
        place = link.resolve().parent
        marker = place / "cluster_dir"
        if (
            marker.exists()
            and Path(marker.read_text().strip()) == self.cluster_dir.resolve()
        ):
            return place
        return None

    def remove_postgres_place(self):
        place = self.postgres_place
        if place is not None:
            shutil.rmtree(place, ignore_errors=True)

    @contextlib.contextmanager
    def running(self):
        """Started for the ``with`` block, then stopped and removed; a start
        that fails removes what it made and fails the test."""
        import pytest

        try:
            self.start()
        except RuntimeError as error:
            self.remove()
            pytest.fail(str(error))
        try:
            yield self
        finally:
            self.stop()
            self.remove()

    # Addresses

    @property
    def proxy_url(self):
        return f"http://127.0.0.1:{self.proxy_port}/{SITE_ID}"

    def instance_url(self, n):
        return f"http://127.0.0.1:{self.instance_ports[n - 1]}/{SITE_ID}"

    def pid(self, name):
        return int((self.run_dir / f"{name}.pid").read_text().split()[0])

    def instance_log(self, n, name="event"):
        return self.cluster_dir / f"instance{n}" / "log" / f"{name}.log"

    def posts_from(self, n, client):
        """How many POSTs instance ``n`` logged for ``client`` (the access
        log names the forwarded address when there is one)."""
        path = self.instance_log(n, "access")
        if not path.exists():
            return 0
        return sum(
            1
            for line in path.read_text(errors="replace").splitlines()
            if line.startswith(client + " ") and '"POST ' in line
        )


def copy_checkout(destination):
    """The checkout's files (what git tracks, and new files it does not
    ignore) copied into ``destination``, times kept, with ``.venv`` linking
    to this checkout's: `make` finds it installed, as after `make install`
    (the copy's setup.py is no newer than the venv's install mark)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    destination = Path(destination)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the work tree
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


def post_contribution(url, data, source="127.0.0.1"):
    """POST a comment or pledge as an anonymous client from ``source``;
    it must be stored (201). Returns the answer's JSON."""
    posted = source_session(source).post(url, json=data, timeout=60)
    assert posted.status_code == 201, posted.text
    return posted.json()


def source_session(source_address):
    """A requests session whose connections leave from ``source_address``
    (any 127.x.y.z on Linux loopback): a distinct client for haproxy."""

    class SourceAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            kwargs["source_address"] = (source_address, 0)
            super().init_poolmanager(*args, **kwargs)

    session = requests.Session()
    adapter = SourceAdapter()
    session.mount("http://", adapter)
    session.headers["Accept"] = "application/json"
    return session


def require_services(mode="relstorage"):
    missing = missing_binaries(mode)
    if missing:
        message = (
            f"{', '.join(missing)} not installed: run scripts/cluster/install.sh "
            "(make cluster-install)"
        )
        if os.environ.get("SOCIALPLAN_CLUSTER_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)


# What the tests post.

EMAIL = "cluster-private-7d2e@example.org"


def comment(text):
    return {
        "text": text,
        "first_name": "Anna",
        "last_name": "Bianchi",
        "organization": "Cooperativa Aurora",
        "organization_type": "social_enterprise",
        "author_email": EMAIL,
        "privacy_consent": True,
    }


def pledge(contribution):
    return {
        "first_name": "Giulia",
        "last_name": "Verdi",
        "organization": "Cooperativa Stella",
        "organization_type": "social_enterprise",
        "email": EMAIL,
        "contribution": contribution,
        "resources": [{"kind": "Staff time", "description": "Tutors", "value": "20"}],
        "privacy_consent": True,
    }


def marker():
    return f"cluster-{uuid.uuid4().hex[:12]}"


def body(response):
    """The JSON body as text, non-ASCII characters as they are (the server
    escapes them)."""
    return json.dumps(response.json(), ensure_ascii=False)
