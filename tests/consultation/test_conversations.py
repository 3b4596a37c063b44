"""Comment ids in random lanes (consultation/conversations.py), and every
order still read from the time an id carries."""

from contributors import open_plan
from contributors import VALID
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from Products.CMFCore.indexing import processQueue
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.conversations import creation_order
from torino.socialplan.consultation.conversations import NEW_IDS
from torino.socialplan.consultation.visibility import VisibleComments
from zope.component import createObject

import pytest
import time


@pytest.fixture
def site(portal):
    site = open_plan(portal)
    logout()
    yield site
    login(portal, TEST_USER_NAME)


def post(site, text, minutes_ago, parent=None):
    guards.reset_rate_limits()
    options = {"in_reply_to": parent.comment_id} if parent is not None else {}
    comment = submit(
        "reply" if parent is not None else "comment",
        site["chapter"],
        dict(VALID, text=text),
        site["portal"].REQUEST,
        **options,
    )
    # As if written then: ids say nothing of it.
    comment.creation_date = (
        datetime.now(UTC) - timedelta(minutes=minutes_ago)
    ).replace(microsecond=0)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="publish")
    comment.reindexObject()
    return comment


def test_ids_are_spread_not_in_time_order(site):
    ids = []
    for _ in range(8):
        guards.reset_rate_limits()
        request = site["portal"].REQUEST
        ids.append(submit("comment", site["chapter"], dict(VALID), request).comment_id)
    assert all(NEW_IDS <= i < 2**53 for i in ids)
    assert len(set(ids)) == 8
    # Time-based ids (plone.app.discussion's) would come out sorted; eight
    # in random lanes do so once in 40,320.
    assert ids != sorted(ids)
    # The time is still in them, in the order they were added.
    times = [creation_order(i) for i in ids]
    assert times == sorted(times)
    assert abs(times[0] / 1e6 - time.time()) < 60


def test_comments_of_one_second_keep_their_order(site):
    """plone.app.discussion keeps creation dates to the second: within one
    second the microsecond of adding decides, as the time-based ids did."""
    ids = []
    for n in range(5):
        guards.reset_rate_limits()
        comment = submit(
            "comment",
            site["chapter"],
            dict(VALID, text=f"Numero {n}."),
            site["portal"].REQUEST,
        )
        comment.creation_date = comment.creation_date.replace(microsecond=0)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=comment, transition="publish")
        ids.append(comment.comment_id)
    processQueue()
    assert VisibleComments(site["chapter"]).children(0) == ids


def test_threads_follow_the_order_of_posting(site):
    first = post(site, "Il primo.", minutes_ago=0)
    reply = post(site, "Risposta.", 0, parent=first)
    second = post(site, "Il secondo.", minutes_ago=0)
    late_reply = post(site, "Risposta tarda.", 0, parent=first)
    third = post(site, "Il terzo.", minutes_ago=0)
    order = VisibleComments(site["chapter"]).thread_order()
    assert order == [
        first.comment_id,
        reply.comment_id,
        late_reply.comment_id,
        second.comment_id,
        third.comment_id,
    ]


def test_stock_and_new_ids_in_one_order(site):
    """A site's older comments have plone.app.discussion's ids (the
    microsecond): they come before the new ones."""
    conversation = IConversation(site["chapter"])
    with api.env.adopt_roles(["Manager"]):
        old = createObject("plone.Comment")
        old.text = "Da prima."
        old_id = conversation.addComment(old)  # stock: a time-based id
        api.content.transition(obj=conversation[old_id], transition="publish")
    new = post(site, "Di adesso.", minutes_ago=0)
    assert old_id < NEW_IDS <= new.comment_id
    assert VisibleComments(site["chapter"]).children(0) == [old_id, new.comment_id]


def test_last_comment_date_is_the_newest_published(site):
    older = post(site, "Il primo.", minutes_ago=30)
    newest = post(site, "Il secondo.", minutes_ago=5)
    guards.reset_rate_limits()
    rejected = submit("comment", site["chapter"], dict(VALID), site["portal"].REQUEST)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=rejected, transition="reject")
    processQueue()  # the comments in the catalog, as after their requests
    site["chapter"].reindexObject()
    catalog = api.portal.get_tool("portal_catalog")
    [brain] = catalog.unrestrictedSearchResults(UID=site["chapter"].UID())
    assert brain.last_comment_date == newest.creation_date
    assert brain.last_comment_date != older.creation_date
    assert len(IConversation(site["chapter"])) == 3
