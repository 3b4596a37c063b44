"""Publication, rejection, spam and edits send PURGE requests, for the
right paths, to a real HTTP server on loopback standing in for the caching
proxy; pending contributions being posted send none."""

from .conftest import MODERATOR
from .conftest import VALID_COMMENT
from plone import api

import pytest
import requests
import time
import transaction


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
    response = session.post(f"{base}{path}/@comments", json=VALID_COMMENT, timeout=30)
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
    return time.monotonic()


def assert_no_purge_for(recorder, paths, wait=1.0):
    time.sleep(wait)
    assert not recorder.paths() & set(paths), sorted(recorder.paths())


def latency(arrivals, answered):
    """Seconds from the moderator's answer to the last PURGE (never < 0:
    the PURGE may even arrive before the answer)."""
    return max(0.0, max(arrivals.values()) - answered)


def test_posting_a_pending_comment_purges_nothing(consultation, purge_recorder):
    post_comment(consultation)
    assert_no_purge_for(purge_recorder, CHAPTER_PAGE + PLAN_COUNTS)


@pytest.mark.parametrize("transition", ["publish", "reject", "mark_as_spam"])
def test_moderating_a_comment_purges_its_text_and_the_plan(
    consultation, purge_recorder, transition
):
    comment = post_comment(consultation)
    purge_recorder.clear()
    answered = moderate(consultation, [comment], transition)
    arrivals = purge_recorder.wait_for(CHAPTER_PAGE + PLAN_COUNTS)
    seconds = latency(arrivals, answered)
    print(f"\n{transition}: last PURGE {seconds * 1000:.0f} ms after the answer")
    assert seconds < 2
    # Not the pages the comment is not on.
    assert "/plone/plan/lavoro/formazione" not in purge_recorder.paths()


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
    answered = moderate(consultation, [response.json()["@id"]], "publish")
    arrivals = purge_recorder.wait_for(ACTION_PLEDGES + PLAN_COUNTS)
    assert latency(arrivals, answered) < 2


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
    moderate(consultation, [post_comment(consultation)], "publish")
    assert_no_purge_for(purge_recorder, CHAPTER_PAGE)
