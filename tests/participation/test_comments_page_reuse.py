"""The page reuses what it read of the catalog (the published ids of a text,
consultation/visibility.py) until the catalog changes: every publication,
recall, rejection and deletion shows on the next anonymous GET, and what a
moderator sees never leaks to the public."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import logout
from tests.support.contributions import conversation_comment
from tests.support.contributions import EMAIL
from tests.support.contributions import post_comment
from torino.socialplan.consultation.visibility import PUBLIC_IDS
from torino.socialplan.consultation.visibility import VisibleComments

import lxml.html
import requests
import transaction


def post(consultation, text):
    """An anonymous reader's comment: pending."""
    logout()
    return post_comment(consultation, text).comment_id


def publish(chapter, comment_id, transition="publish"):
    comment = conversation_comment(chapter, comment_id)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition=transition)
    transaction.commit()


def shown(url):
    """The comment ids the anonymous page lists, and the page's text."""
    response = requests.get(url, timeout=30)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    ids = [
        item.get("id").removeprefix("comment-")
        for item in page.xpath("//li[@class='socialplan-comment']")
    ]
    return ids, response.text


def test_the_page_follows_each_change(consultation):
    chapter = consultation["chapter"]
    url = chapter.absolute_url()
    first = post(consultation, "Il primo commento.")
    second = post(consultation, "Il secondo commento.")
    transaction.commit()
    assert shown(url)[0] == []

    publish(chapter, first)
    ids, text = shown(url)
    assert ids == [str(first)]
    assert "Il secondo commento." not in text
    assert EMAIL not in text
    # Read twice, the same: the second read reuses the first's ids.
    assert shown(url)[0] == ids

    publish(chapter, second)
    assert shown(url)[0] == [str(first), str(second)]

    publish(chapter, first, transition="recall")
    assert shown(url)[0] == [str(second)]

    publish(chapter, second, transition="reject")
    assert shown(url)[0] == []

    publish(chapter, first)
    assert shown(url)[0] == [str(first)]
    comment = conversation_comment(chapter, first)
    with api.env.adopt_roles(["Manager"]):
        del IConversation(comment.__parent__.__parent__)[first]
    transaction.commit()
    assert shown(url)[0] == []


def test_an_uncommitted_change_is_never_kept(consultation):
    """Read inside a transaction that changed the catalog (a script, a
    test), the ids come from the catalog afresh and are not kept: another
    transaction does not see that change."""
    chapter = consultation["chapter"]
    first = post(consultation, "Mai visto dal pubblico.")
    transaction.commit()
    assert shown(chapter.absolute_url())[0] == []
    comment = conversation_comment(chapter, first)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="publish")
    before = dict(PUBLIC_IDS._items)
    assert VisibleComments(chapter).ids() == {first}
    assert PUBLIC_IDS._items == before
    transaction.abort()
    assert VisibleComments(chapter).ids() == frozenset()
    assert shown(chapter.absolute_url())[0] == []
