"""`make zeo`: one ZEO server, two Zope instances on it; what one stores the
other reads (the lighter alternative to `make cluster`)."""

from pathlib import Path
from tests.cluster.harness import ADMIN
from tests.cluster.harness import body
from tests.cluster.harness import Cluster
from tests.cluster.harness import comment
from tests.cluster.harness import DEMO_ACTION
from tests.cluster.harness import DEMO_CHAPTER
from tests.cluster.harness import DEMO_PLAN
from tests.cluster.harness import marker
from tests.cluster.harness import pledge
from tests.cluster.harness import post_contribution
from tests.cluster.harness import source_session

import pytest
import time


pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def zeo():
    with Cluster(mode="zeo", instances=2).running() as running:
        yield running


def test_round_trip_between_two_zeo_clients(zeo):
    anonymous = source_session("127.0.0.1")
    manager = source_session("127.0.0.1")
    manager.auth = ADMIN

    text = f"Un tavolo per i Comuni ({marker()})."
    post_contribution(f"{zeo.instance_url(1)}/{DEMO_CHAPTER}/@comments", comment(text))
    contribution = f"Una sala riunioni ({marker()})."
    post_contribution(
        f"{zeo.instance_url(2)}/{DEMO_ACTION}/@pledges", pledge(contribution)
    )

    # Each read through the other instance: pending for the Manager...
    for base in (zeo.instance_url(2), zeo.instance_url(1)):
        queue = manager.get(
            f"{base}/{DEMO_PLAN}/@moderation", params={"b_size": 1000}, timeout=60
        )
        assert queue.status_code == 200
        assert text in body(queue)
        assert contribution in body(queue)
    # ... invisible to anonymous readers.
    public = anonymous.get(
        f"{zeo.instance_url(2)}/{DEMO_CHAPTER}/@comments", timeout=60
    )
    assert public.status_code == 200
    assert text not in body(public)
    pledges = anonymous.get(f"{zeo.instance_url(1)}/{DEMO_PLAN}/@pledges", timeout=60)
    assert pledges.status_code == 200
    assert contribution not in body(pledges)

    # Published through instance 1, public on instance 2.
    items = [
        item["@id"]
        for item in manager.get(
            f"{zeo.instance_url(1)}/{DEMO_PLAN}/@moderation",
            params={"b_size": 1000},
            timeout=60,
        ).json()["items"]
        if text == item.get("text")
    ]
    assert len(items) == 1
    published = manager.post(
        f"{zeo.instance_url(1)}/{DEMO_PLAN}/@moderation",
        json={"items": items, "transition": "publish"},
        timeout=60,
    )
    assert published.status_code == 200, published.text
    # ZEO tells the other client of a commit asynchronously: instance 2 sees
    # it at its first transaction after the invalidation arrives, within
    # milliseconds; wait for that, boundedly, rather than for the clock.
    for _attempt in range(40):
        public = anonymous.get(
            f"{zeo.instance_url(2)}/{DEMO_CHAPTER}/@comments", timeout=60
        )
        if text in body(public):
            break
        time.sleep(0.25)
    assert text in body(public)


def test_zeo_processes_run_on_rome_time(zeo):
    """Zope's DateTime reads the zone once, at import: `make zeo` starts the
    ZEO server and the instances with TZ=Europe/Rome (scripts/cluster/lib.sh)."""
    for name in ("zeo", "instance1", "instance2"):
        environ = Path(f"/proc/{zeo.pid(name)}/environ").read_bytes().split(b"\0")
        assert b"TZ=Europe/Rome" in environ, name
