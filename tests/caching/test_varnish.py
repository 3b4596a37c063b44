"""A real Varnish (scripts/cluster/varnish.sh, conf/varnish.vcl) in front of
the functional test server: anonymous pages come from the cache, a
publication purges them and the next GET shows the new comment.

Runs with SOCIALPLAN_CLUSTER_TESTS=1 (it then fails if Varnish is not
installed: `apt-get install varnish`)."""

from pathlib import Path
from tests.support.contributions import MODERATOR
from tests.support.contributions import VALID
from tests.support.purge_recorder import enable_purging
from urllib.parse import urlsplit

import os
import pytest
import re
import requests
import shutil
import socket
import subprocess
import tempfile
import time


ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "scripts" / "cluster" / "varnish.sh"

pytestmark = pytest.mark.skipif(
    os.environ.get("SOCIALPLAN_CLUSTER_TESTS") != "1",
    reason="set SOCIALPLAN_CLUSTER_TESTS=1 to run the tests with Varnish",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(consultation, tmp_path_factory):
    # varnishd, started by root, reads its VCL as the varnish user: a folder
    # it may enter (pytest's own are private).
    tmp_path = Path(tempfile.mkdtemp(prefix="socialplan-varnish-"))
    tmp_path.chmod(0o755)
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        pytest.fail("varnishd is missing: apt-get install varnish")
    backend = urlsplit(consultation["portal"].absolute_url())
    port, proxy_port = free_port(), free_port()
    env = dict(
        os.environ,
        DATA_DIR=str(tmp_path),
        BACKEND_HOST="127.0.0.1",
        BACKEND_PORT=str(backend.port),
        VARNISH_PORT=str(port),
        VARNISH_PROXY_PORT=str(proxy_port),
    )
    run = subprocess.run(
        ["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    enable_purging([f"http://127.0.0.1:{port}"])
    try:
        yield VarnishURL(f"http://localhost:{port}{backend.path}", proxy_port)
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True)
        assert not (tmp_path / "varnish" / "varnishd.pid").exists()
        shutil.rmtree(tmp_path, ignore_errors=True)


class VarnishURL(str):
    """The site through Varnish; ``proxy_port`` speaks the PROXY protocol."""

    def __new__(cls, url, proxy_port):
        self = super().__new__(cls, url)
        self.proxy_port = proxy_port
        return self


def raw_purge(port, path, client=None, headers=""):
    """A PURGE sent by hand on loopback; ``client``: the address a PROXY
    header claims. Returns the status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        if client:
            sock.sendall(f"PROXY TCP4 {client} 127.0.0.1 40000 {port}\r\n".encode())
        sock.sendall(
            f"PURGE {path} HTTP/1.1\r\nHost: localhost\r\n{headers}"
            "Connection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def get(url, **kwargs):
    response = requests.get(url, timeout=30, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cache(response):
    return response.headers.get("X-Cache")


def test_anonymous_pages_from_the_cache_until_a_publication(varnish):
    chapter = f"{varnish}/plan/lavoro"
    assert cache(get(chapter)) == "MISS"
    hit = get(chapter, headers={"Cookie": "_ga=GA1.1.123; _pk_id.1=abc"})
    assert cache(hit) == "HIT"  # tracking cookies do not matter
    assert int(hit.headers["Age"]) >= 0
    assert VALID["text"] not in hit.text
    json_get = {"Accept": "application/json"}
    assert get(f"{chapter}/@comments", headers=json_get).json()["items"] == []
    assert cache(get(f"{chapter}/@comments", headers=json_get)) == "HIT"
    # The same URL as JSON is another variant (Vary: Accept).
    as_json = get(chapter, headers=json_get)
    assert as_json.headers["Content-Type"].startswith("application/json")
    assert cache(get(chapter, headers=json_get)) == "HIT"

    # A comment is posted through Varnish (POST passes), stays pending: the
    # cached page is still right, and still served.
    posted = requests.post(
        f"{chapter}/@comments", json=VALID, headers=json_get, timeout=30
    )
    assert posted.status_code == 201, posted.text
    assert cache(get(chapter)) == "HIT"

    # A moderator publishes it: plone.cachepurging sends PURGE to Varnish.
    comment = posted.json()["@id"].replace("/@comments/", "/++conversation++default/")
    moderated = requests.post(
        f"{varnish}/plan/@moderation",
        json={"items": [comment], "transition": "publish"},
        headers=json_get,
        auth=MODERATOR,
        timeout=30,
    )
    assert moderated.status_code == 200, moderated.text
    assert cache(moderated) == "PASS"
    answered = time.monotonic()
    deadline = answered + 5
    while True:
        page = get(chapter)
        if VALID["text"] in page.text:
            break
        assert time.monotonic() < deadline, "the page stayed stale"
        time.sleep(0.05)
    print(f"\nnew comment on the cached page {time.monotonic() - answered:.3f}s after")
    assert cache(page) == "MISS"
    items = get(f"{chapter}/@comments", headers=json_get).json()["items"]
    assert len(items) == 1
    assert VALID["text"] in items[0]["text"]["data"]
    assert cache(get(chapter)) == "HIT"


def test_logged_in_readers_never_get_the_cache(varnish):
    chapter = f"{varnish}/plan/lavoro"
    get(chapter)
    assert cache(get(chapter)) == "HIT"
    member = get(chapter, auth=MODERATOR)
    assert cache(member) == "PASS"
    assert "_authenticator" in member.text
    with_cookie = get(chapter, headers={"Cookie": "__ac=abc; _ga=GA1.1.1"})
    assert cache(with_cookie) == "PASS"
    # ...and what they got is not handed to anyone else.
    anonymous = get(chapter)
    assert cache(anonymous) == "HIT"
    assert "_authenticator" not in anonymous.text


def test_drafts_and_forms_are_not_kept(varnish):
    for url in (f"{varnish}/plan/lavoro/formazione/@@pledge", f"{varnish}/login"):
        get(url)
        assert cache(get(url)) == "PASS"
    draft = requests.get(f"{varnish}/plan/bozza", timeout=30)
    assert draft.status_code in (401, 403, 404) or cache(draft) != "HIT"
    assert cache(requests.get(f"{varnish}/plan/bozza", timeout=30)) != "HIT"


def language(response):
    return re.search(r'<html[^>]* lang="([a-z]+)', response.text).group(1)


def test_each_language_its_own_entry(varnish, consultation):
    from plone import api

    import transaction

    # As scripts/create_site.py sets up the site.
    api.portal.set_registry_record("plone.available_languages", ["it", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    chapter = f"{varnish}/plan/lavoro"
    english = {"Accept-Language": "en-GB,en;q=0.9"}
    italian = {"Accept-Language": "it-IT,it;q=0.9,en;q=0.8"}
    first = get(chapter, headers=english)
    assert (cache(first), language(first)) == ("MISS", "en")
    other = get(chapter, headers=italian)
    assert (cache(other), language(other)) == ("MISS", "it")
    for headers, expected in ((english, "en"), (italian, "it")):
        again = get(chapter, headers=headers)
        assert (cache(again), language(again)) == ("HIT", expected)
    # Another way of asking for Italian finds the Italian entry.
    plain = get(chapter, headers={"Accept-Language": "it"})
    assert (cache(plain), language(plain)) == ("HIT", "it")
    # No preference (or none the site offers): the default, an entry of its own.
    assert cache(get(chapter, headers={"Accept-Language": "de"})) == "MISS"
    assert cache(get(chapter)) == "HIT"


def test_purge_only_from_loopback(varnish):
    chapter = f"{varnish}/plan/lavoro"
    path = urlsplit(chapter).path
    port = urlsplit(chapter).port
    get(chapter)
    assert cache(get(chapter)) == "HIT"
    # A client elsewhere (its address given by a PROXY-protocol front end),
    # or one a proxy on loopback forwarded: refused, the entry stays.
    assert raw_purge(varnish.proxy_port, path, client="203.0.113.9") == 405
    assert raw_purge(port, path, headers="X-Forwarded-For: 203.0.113.9\r\n") == 405
    assert cache(get(chapter)) == "HIT"
    # Plone's purger on loopback: done.
    assert raw_purge(varnish.proxy_port, path, client="127.0.0.1") == 200
    assert cache(get(chapter)) == "MISS"
    assert raw_purge(port, path) == 200
    assert cache(get(chapter)) == "MISS"
