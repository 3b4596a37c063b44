"""``@@position-paper`` with bad inputs: an unknown contribution, one
without a paper, a pending one (nobody but moderators), POST and odd
methods (405 with ``Allow``), query noise; never a 5xx, never a write."""

from tests.hostile.sessions import cookie_session
from tests.hostile.views import path_of
from tests.hostile.views import PENDING_PAPER
from tests.hostile.views import PUBLISHED_PAPER
from tests.support.clients import session
from tests.support.clients import TIMEOUT

import pytest
import transaction


def url(site, path):
    return f"{site['portal'].absolute_url()}/{path_of(site, path)}"


def last_transaction(site):
    transaction.abort()
    return site["portal"]._p_jar.db().lastTransaction()


def test_bad_inputs(hostile_site):
    site = hostile_site
    anonymous = session("anonymous")
    member = cookie_session(site, "member")
    moderator = cookie_session(site, "moderator")
    before = last_transaction(site)  # after the logins (they may write)
    get = lambda http, path, **kw: http.get(
        url(site, path), timeout=TIMEOUT, allow_redirects=False, **kw
    )
    # Published: anyone downloads it, as an attachment, whatever the query.
    assert get(anonymous, PUBLISHED_PAPER, params={"a:int": "x"}).status_code == 400
    response = get(anonymous, PUBLISHED_PAPER, params="x=%ff&y=")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert b"Mario Rossi" not in response.content
    # Pending: refused to the public and a member (the Pledge itself is
    # not theirs to see), found for a moderator.
    for http in (anonymous, member):
        response = get(http, PENDING_PAPER)
        # 302: a member is sent to Plone's "insufficient privileges" page.
        assert response.status_code in (302, 401, 403, 404)
        assert b"%PDF" not in response.content
    assert get(moderator, PENDING_PAPER).status_code == 200
    # Unknown ids, and a contribution without a paper.
    for path in (
        "plan/chapter/++conversation++default/123456789/@@position-paper",
        "plan/chapter/++conversation++default/x%00/@@position-paper",
        "plan/chapter/action-a/no-such-pledge/@@position-paper",
        f"plan/chapter/++conversation++default/{site['pending_comment'].id}"
        "/@@position-paper",
    ):
        status = get(anonymous, path).status_code
        assert status in (400, 401, 404), (path, status)
    # No paper on a Chapter or the Plan: the view is not there.
    assert get(anonymous, "plan/chapter/@@position-paper").status_code == 404
    # Where the paper may be seen: anything but GET and HEAD is 405 with
    # Allow; where it may not, the method learns nothing more.
    for http, path, seen in (
        (anonymous, PUBLISHED_PAPER, True),
        (moderator, PUBLISHED_PAPER, True),
        (moderator, PENDING_PAPER, True),
        (anonymous, PENDING_PAPER, False),
    ):
        for method in ("POST", "PUT", "DELETE", "PATCH", "PROPFIND", "TRACE"):
            response = http.request(
                method, url(site, path), timeout=TIMEOUT, allow_redirects=False
            )
            if seen and (path == PUBLISHED_PAPER or method == "POST"):
                assert response.status_code == 405, (method, path)
                assert response.headers["Allow"] == "GET, HEAD"
            else:
                # A Pledge is a content item: Zope's WebDAV traversal answers
                # its other methods with 404 before the view (still a refusal).
                assert response.status_code in (401, 403, 404, 405), (method, path)
            assert b"%PDF" not in response.content
        head = http.head(url(site, path), timeout=TIMEOUT)
        if path == PUBLISHED_PAPER:
            assert head.status_code == 200
        assert head.status_code < 500
        assert head.content == b""
    assert last_transaction(site) == before


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_a_pending_paper_is_never_leaked_by_method(hostile_site, who):
    http = (
        session("anonymous")
        if who == "anonymous"
        else cookie_session(hostile_site, who)
    )
    for method in ("GET", "HEAD", "OPTIONS"):
        response = http.request(
            method,
            url(hostile_site, PENDING_PAPER),
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert response.status_code in (302, 401, 403, 404, 405), method
        assert b"%PDF" not in response.content
