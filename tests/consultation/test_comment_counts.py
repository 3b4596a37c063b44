"""A text's public comment count and last comment date come from the catalog
(discussion/comment_counts.py) and follow every decision."""

from plone import api
from plone.app.discussion.conversation import Conversation
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from tests.support.contributions import post_comment as post
from torino.socialplan.consultation import moderation
from torino.socialplan.discussion import comment_counts


def brain(site):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(UID=api.content.get_uuid(site["chapter"]))[
        0
    ]


def decide(site, comment, transition):
    with api.env.adopt_roles(["Manager"]):
        moderation.moderate(site["plan"], [comment.absolute_url()], transition)


def test_only_published_comments_count(site):
    first, second, third = (post(site, f"Proposta {n}.") for n in range(3))
    assert brain(site).total_comments == 0
    assert brain(site).last_comment_date is None
    decide(site, first, "publish")
    decide(site, second, "reject")
    decide(site, third, "mark_as_spam")
    assert brain(site).total_comments == 1
    assert comment_counts.total_comments(site["chapter"], None)() == 1
    assert brain(site).last_comment_date is not None
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=first, transition="recall")
    assert brain(site).total_comments == 0
    assert brain(site).last_comment_date is None


def test_the_last_date_is_the_newest_published(site):
    older, newer = post(site, "Prima."), post(site, "Dopo.")
    decide(site, older, "publish")
    first_date = brain(site).last_comment_date
    decide(site, newer, "publish")
    assert brain(site).total_comments == 2
    assert brain(site).last_comment_date >= first_date


def test_commentators_as_plone_app_discussion_counts_them(site):
    """The user names of the published comments' authors, None for the
    anonymous ones, as stock ``public_commentators`` (which woke every
    comment)."""
    anonymous = post(site, "Anonima.")
    login(site["portal"], TEST_USER_NAME)
    setRoles(site["portal"], TEST_USER_ID, ["Member"])
    member = post(site, "Da un'utente registrata.")
    logout()
    hidden = post(site, "Ancora in attesa.")
    assert hidden is not None
    assert brain(site).commentators == ()
    decide(site, anonymous, "publish")
    assert set(brain(site).commentators) == {None}
    decide(site, member, "publish")
    expected = set(IConversation(site["chapter"]).public_commentators)
    assert expected == {None, TEST_USER_ID}
    assert set(brain(site).commentators) == expected
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(commentators=TEST_USER_ID)
    assert [b.getObject() for b in found] == [site["chapter"]]


def test_counting_wakes_no_comment(site, monkeypatch):
    decide(site, post(site, "Pubblicato."), "publish")

    def refuse(conversation):
        raise AssertionError("every comment of the text woken to count them")

    monkeypatch.setattr(Conversation, "public_commentators", property(refuse))
    monkeypatch.setattr(Conversation, "total_comments", property(refuse))
    site["chapter"].reindexObject()
    assert brain(site).total_comments == 1
    assert brain(site).commentators == (None,)


def _reindexed_texts(monkeypatch, site):
    """The catalog writes of the Chapter from now on (its paths)."""
    from Products.CMFPlone.CatalogTool import CatalogTool

    seen = []
    catalog_object = CatalogTool.catalog_object
    chapter_path = "/".join(site["chapter"].getPhysicalPath())

    def spy(self, obj, uid=None, *args, **kwargs):
        if "/".join(obj.getPhysicalPath()) == chapter_path:
            seen.append(obj)
        return catalog_object(self, obj, uid, *args, **kwargs)

    monkeypatch.setattr(CatalogTool, "catalog_object", spy)
    return seen


def test_a_pending_comment_leaves_its_text_alone(site, monkeypatch):
    """Nothing public changes when a comment arrives pending, nor when a
    pending one is deleted: the text is not reindexed (issue 29: that was
    half of a post's catalog time). A published one coming or going is."""
    from Products.CMFCore.indexing import processQueue

    processQueue()  # the site's own building
    reindexed = _reindexed_texts(monkeypatch, site)
    pending = post(site, "In attesa.")
    processQueue()
    assert reindexed == []
    with api.env.adopt_roles(["Manager"]):
        del IConversation(site["chapter"])[pending.id]
    processQueue()
    assert reindexed == []

    published = post(site, "Da pubblicare.")
    decide(site, published, "publish")
    processQueue()
    assert reindexed
    assert brain(site).total_comments == 1
    del reindexed[:]
    with api.env.adopt_roles(["Manager"]):
        del IConversation(site["chapter"])[published.id]
    processQueue()
    assert reindexed
    assert brain(site).total_comments == 0
