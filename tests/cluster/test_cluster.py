"""Two Zope instances on one RelStorage database, behind haproxy: what one
stores the other reads; the rate limit is shared (Redis); X-Forwarded-For
counts only from haproxy, the one trusted proxy."""

from tests.cluster.harness import ADMIN
from tests.cluster.harness import body
from tests.cluster.harness import comment
from tests.cluster.harness import DEMO_ACTION
from tests.cluster.harness import DEMO_CHAPTER
from tests.cluster.harness import DEMO_PLAN
from tests.cluster.harness import EMAIL
from tests.cluster.harness import marker
from tests.cluster.harness import pledge
from tests.cluster.harness import post_contribution
from tests.cluster.harness import source_session

import pytest


pytestmark = pytest.mark.cluster


def manager(source="127.0.0.1"):
    session = source_session(source)
    session.auth = ADMIN
    return session


def pending_texts(base):
    """Every pending contribution's text of the demo Plan, as a Manager sees
    the moderation queue (REST) through ``base``."""
    response = manager().get(
        f"{base}/{DEMO_PLAN}/@moderation", params={"b_size": 1000}, timeout=60
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    return {item.get("text") or item.get("contribution"): item for item in items}


def test_both_instances_serve_the_site_from_one_database(cluster):
    anonymous = source_session("127.0.0.1")
    for n in (1, 2):
        response = anonymous.get(f"{cluster.instance_url(n)}/{DEMO_PLAN}", timeout=60)
        assert response.status_code == 200
    addon = manager().get(f"{cluster.proxy_url}/@addons/torino.socialplan", timeout=60)
    assert addon.json()["is_installed"] is True


def test_comment_posted_on_one_instance_is_read_on_the_other(cluster):
    text = f"Più tirocini nelle cooperative ({marker()})."
    posted = post_contribution(
        f"{cluster.instance_url(1)}/{DEMO_CHAPTER}/@comments",
        comment(text),
        source="127.0.0.11",
    )
    assert posted["review_state"] == "pending"

    # A Manager on instance 2 sees it pending, e-mail included.
    queue = pending_texts(cluster.instance_url(2))
    assert text in queue
    assert queue[text]["review_state"] == "pending"
    assert queue[text]["email"] == EMAIL
    # Anonymous readers of instance 2 see nothing pending, nor the e-mail.
    public = source_session("127.0.0.1").get(
        f"{cluster.instance_url(2)}/{DEMO_CHAPTER}/@comments", timeout=60
    )
    assert public.status_code == 200
    assert text not in body(public)
    assert EMAIL not in body(public)

    # Published through instance 2, it is public on instance 1.
    published = manager().post(
        f"{cluster.instance_url(2)}/{DEMO_PLAN}/@moderation",
        json={"items": [queue[text]["@id"]], "transition": "publish"},
        timeout=60,
    )
    assert published.status_code == 200, published.text
    public = source_session("127.0.0.1").get(
        f"{cluster.instance_url(1)}/{DEMO_CHAPTER}/@comments", timeout=60
    )
    assert text in body(public)
    assert EMAIL not in body(public)


def test_pledge_posted_on_one_instance_is_read_on_the_other(cluster):
    contribution = f"Due tutor per i corsi ({marker()})."
    url = post_contribution(
        f"{cluster.instance_url(2)}/{DEMO_ACTION}/@pledges",
        pledge(contribution),
        source="127.0.0.12",
    )["@id"]
    path = url.split(f"/{DEMO_PLAN}/", 1)[1]

    # The Manager reads it through instance 1, pending.
    as_manager = manager().get(
        f"{cluster.instance_url(1)}/{DEMO_PLAN}/{path}", timeout=60
    )
    assert as_manager.status_code == 200, as_manager.text
    assert as_manager.json()["review_state"] == "pending"
    assert contribution in pending_texts(cluster.instance_url(1))

    # Anonymous: neither the pledge nor the Plan's list shows it.
    anonymous = source_session("127.0.0.1")
    direct = anonymous.get(f"{cluster.instance_url(1)}/{DEMO_PLAN}/{path}", timeout=60)
    assert direct.status_code in (401, 403, 404)
    listing = anonymous.get(
        f"{cluster.instance_url(1)}/{DEMO_PLAN}/@pledges", timeout=60
    )
    assert listing.status_code == 200
    assert contribution not in body(listing)
    assert EMAIL not in body(listing)


def post_comments(cluster, count, session, bases, **headers):
    """POST ``count`` comments, alternating over ``bases``; the statuses."""
    statuses = []
    for i in range(count):
        base = bases[i % len(bases)]
        response = session.post(
            f"{base}/{DEMO_CHAPTER}/@comments",
            json=comment(f"Commento {i} ({marker()})"),
            headers={key.replace("_", "-"): value(i) for key, value in headers.items()},
            timeout=60,
        )
        statuses.append(response.status_code)
    return statuses


def test_rate_limit_holds_across_instances_directly(cluster):
    # One client, alternating between the two instances: the sixth is
    # refused whichever instance gets it (the count lives in Redis).
    client = source_session("127.0.0.21")
    bases = [cluster.instance_url(1), cluster.instance_url(2)]
    assert post_comments(cluster, 6, client, bases) == [201] * 5 + [429]
    assert post_comments(cluster, 1, client, bases[::-1]) == [429]


def test_rate_limit_holds_across_instances_through_haproxy(cluster):
    client = source_session("127.0.0.22")
    before = [cluster.posts_from(n, "127.0.0.22") for n in (1, 2)]
    statuses = post_comments(cluster, 6, client, [cluster.proxy_url])
    assert statuses == [201] * 5 + [429]
    # haproxy spread the six over both instances (round robin).
    served = [cluster.posts_from(n, "127.0.0.22") - before[n - 1] for n in (1, 2)]
    assert sum(served) == 6
    assert all(served), served


def test_forwarded_for_from_a_client_is_ignored(cluster):
    # Sent straight to the instances, each post claims another address: the
    # instances are not fooled, the client is counted as itself.
    client = source_session("127.0.0.31")
    statuses = post_comments(
        cluster,
        6,
        client,
        [cluster.instance_url(1), cluster.instance_url(2)],
        X_Forwarded_For=lambda i: f"203.0.113.{i + 1}",
    )
    assert statuses == [201] * 5 + [429]


def test_forwarded_for_through_haproxy_cannot_be_spoofed(cluster):
    # Through haproxy, the client's own header stays to the left of the
    # address haproxy appends: the right-most one counts.
    client = source_session("127.0.0.32")
    statuses = post_comments(
        cluster,
        6,
        client,
        [cluster.proxy_url],
        X_Forwarded_For=lambda i: f"198.51.100.{i + 1}",
    )
    assert statuses == [201] * 5 + [429]


def test_forwarded_for_from_haproxy_is_honoured(cluster):
    # Every request reaches the instances from haproxy's one address: if the
    # forwarded address were not used, these two clients would share a count.
    first = source_session("127.0.0.41")
    second = source_session("127.0.0.42")
    assert post_comments(cluster, 5, first, [cluster.proxy_url]) == [201] * 5
    assert post_comments(cluster, 1, first, [cluster.proxy_url]) == [429]
    assert post_comments(cluster, 5, second, [cluster.proxy_url]) == [201] * 5
