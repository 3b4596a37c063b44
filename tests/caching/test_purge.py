"""Publication, rejection, spam and edits send PURGE requests, for the
right paths, to a real HTTP server on loopback standing in for the caching
proxy; pending contributions being posted send none.

No assertion on the clock: that nothing was sent is read once a marker PURGE
queued after the request has arrived (plone.cachepurging sends a proxy's
purges one at a time, in order). How soon they arrive is a figure of
`make bench` (bench/test_purge_bench.py)."""

from plone import api
from plone.cachepurging.interfaces import IPurger
from tests.support.contributions import MODERATOR
from tests.support.contributions import VALID
from zope.component import getUtility

import pytest
import requests
import transaction
import uuid


CHAPTER_PAGE = [
    "/plone/plan/lavoro",
    "/plone/plan/lavoro/",
    "/plone/plan/lavoro/view",
    "/plone/plan/lavoro/@comments",
    "/plone/++api++/plan/lavoro",
    "/plone/++api++/plan/lavoro/@comments",
]
PLAN_COUNTS = [
    "/plone/plan",
    "/plone/plan/@consultation",
    "/plone/plan/@pledges",
    "/plone/plan/consultation-results",
    "/plone/++api++/plan/@consultation",
]
ACTION_PLEDGES = [
    "/plone/plan/lavoro/formazione",
    "/plone/plan/lavoro/formazione/@pledges",
    "/plone/++api++/plan/lavoro/formazione/@pledges",
]


def rest(consultation, auth=None):
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = auth
    base = consultation["portal"].absolute_url()
    return session, base


def post_comment(consultation, path="/plan/lavoro"):
    session, base = rest(consultation)
    response = session.post(f"{base}{path}/@comments", json=VALID, timeout=30)
    assert response.status_code == 201, response.text
    assert response.json()["review_state"] == "pending"
    # What the moderation queue names it by: the comment's own URL.
    return response.json()["@id"].replace("/@comments/", "/++conversation++default/")


def moderate(consultation, items, transition):
    session, base = rest(consultation, auth=MODERATOR)
    response = session.post(
        f"{base}/plan/@moderation",
        json={"items": items, "transition": transition},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def all_sent(recorder):
    """Once this returns, every PURGE queued before has reached the
    recorder: a request queues its purges before it answers (IPubSuccess),
    and the purger's one worker for the recorder sends them in order, so a
    marker queued now arrives after them."""
    marker = f"/marker-{uuid.uuid4().hex}"
    getUtility(IPurger).purgeAsync(recorder.url + marker)
    recorder.wait_for([marker])


def assert_no_purge_for(recorder, paths):
    all_sent(recorder)
    assert not recorder.paths() & set(paths), sorted(recorder.paths())


def settled(recorder):
    """Nothing recorded, and nothing left in the queue by earlier tests."""
    all_sent(recorder)
    recorder.clear()
    return recorder


def test_posting_a_pending_comment_purges_nothing(consultation, purge_recorder):
    settled(purge_recorder)
    post_comment(consultation)
    assert_no_purge_for(purge_recorder, CHAPTER_PAGE + PLAN_COUNTS)


@pytest.mark.parametrize("transition", ["publish", "reject", "mark_as_spam"])
def test_moderating_a_comment_purges_its_text_and_the_plan(
    consultation, purge_recorder, transition
):
    comment = post_comment(consultation)
    settled(purge_recorder)
    moderate(consultation, [comment], transition)
    purge_recorder.wait_for(CHAPTER_PAGE + PLAN_COUNTS)
    # Not the pages the comment is not on.
    assert_no_purge_for(purge_recorder, ["/plone/plan/lavoro/formazione"])


def test_rejecting_a_published_comment_purges_again(consultation, purge_recorder):
    comment = post_comment(consultation, "/plan/lavoro/formazione")
    moderate(consultation, [comment], "publish")
    purge_recorder.wait_for(["/plone/plan/lavoro/formazione/@comments"])
    purge_recorder.clear()
    moderate(consultation, [comment], "reject")
    purge_recorder.wait_for(
        [
            "/plone/plan/lavoro/formazione",
            "/plone/++api++/plan/lavoro/formazione/@comments",
            "/plone/plan/@consultation",
        ]
    )


def test_publishing_a_pledge_purges_the_plan_and_its_actions(
    consultation, purge_recorder
):
    settled(purge_recorder)
    session, base = rest(consultation)
    pledge = {
        "first_name": "Giulia",
        "last_name": "Verdi",
        "organization": "Cooperativa Stella",
        "organization_type": "social_enterprise",
        "email": "giulia.verdi@example.org",
        "contribution": "Two tutors for the training courses.",
        "privacy_consent": True,
    }
    response = session.post(
        f"{base}/plan/lavoro/formazione/@pledges", json=pledge, timeout=30
    )
    assert response.status_code == 201, response.text
    assert_no_purge_for(purge_recorder, ACTION_PLEDGES + PLAN_COUNTS)
    moderate(consultation, [response.json()["@id"]], "publish")
    purge_recorder.wait_for(ACTION_PLEDGES + PLAN_COUNTS)


def test_editing_a_text_purges_it_and_the_pages_that_list_it(
    consultation, purge_recorder
):
    session, base = rest(consultation, auth=("admin", "secret"))
    response = session.patch(
        f"{base}/plan/lavoro",
        json={
            "title": "Lavoro e formazione",
            "text": {"data": "<p>Il nuovo testo.</p>", "content-type": "text/html"},
        },
        timeout=30,
    )
    assert response.status_code == 204, response.text
    purge_recorder.wait_for([*CHAPTER_PAGE, "/plone/plan", "/plone/plan/@consultation"])


def test_nothing_is_sent_while_purging_is_off(consultation, purge_recorder):
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled", False
    )
    transaction.commit()
    settled(purge_recorder)
    moderate(consultation, [post_comment(consultation)], "publish")
    assert_no_purge_for(purge_recorder, CHAPTER_PAGE)
