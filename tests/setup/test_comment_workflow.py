"""Comments under the consultation's own workflow: bound on install, the
stock review workflow bound back on uninstall and after the 1004 upgrade
from the redefined stock one, every comment keeping its state."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.discussion.workflow import move_comments
from torino.socialplan.discussion.workflow import OURS
from torino.socialplan.discussion.workflow import STOCK
from torino.socialplan.upgrades.to_1004 import own_comment_workflow
from zope.component import createObject

import pytest


def add_comment(content, text):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.author_name = "Anna Verdi"
    conversation = IConversation(content)
    return conversation[conversation.addComment(comment)]


@pytest.fixture
def comments(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Plan", id="plan", title="P")
    # A Manager's comments are published at once (plone.app.discussion).
    pending = add_comment(plan, "In attesa.")
    api.content.transition(obj=pending, transition="recall")
    published = add_comment(plan, "Pubblicato.")
    rejected = add_comment(plan, "Respinto.")
    api.content.transition(obj=rejected, transition="reject")
    return {"pending": pending, "published": published, "rejected": rejected}


def states(comments):
    return {key: api.content.get_state(obj=c) for key, c in comments.items()}


def anonymous_may_view(comment):
    roles = {r["name"] for r in comment.rolesOfPermission("View") if r["selected"]}
    return "Anonymous" in roles


EXPECTED = {"pending": "pending", "published": "published", "rejected": "rejected"}


def test_uninstall_binds_the_stock_review_workflow_back(portal, comments):
    installer = api.content.get_view("installer", portal, portal.REQUEST)
    installer.uninstall_product(PACKAGE_NAME)
    workflow_tool = api.portal.get_tool("portal_workflow")
    assert workflow_tool.getChainForPortalType("Discussion Item") == (STOCK,)
    assert OURS not in workflow_tool.objectIds()
    assert states(comments) == EXPECTED
    assert not anonymous_may_view(comments["pending"])
    assert not anonymous_may_view(comments["rejected"])
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(review_state="pending")) == 1


def test_upgrade_from_the_redefined_stock_workflow(portal, setup_tool, comments):
    # As 1003 left a site: Discussion Item bound to comment_review_workflow,
    # no comment ever under ours.
    move_comments(OURS, STOCK)
    api.portal.get_tool("portal_workflow").manage_delObjects([OURS])
    for comment in comments.values():
        del comment.workflow_history[OURS]

    own_comment_workflow(setup_tool)

    workflow_tool = api.portal.get_tool("portal_workflow")
    assert workflow_tool.getChainForPortalType("Discussion Item") == (OURS,)
    assert states(comments) == EXPECTED
    assert not anonymous_may_view(comments["pending"])
    # Moderators see pending comments through our workflow's Moderator role.
    pending = comments["pending"]
    roles = {r["name"] for r in pending.rolesOfPermission("View") if r["selected"]}
    assert "Moderator" in roles
    # The stock definition is plone.app.discussion's again.
    stock_view = workflow_tool[STOCK].states["pending"].permission_roles["View"]
    assert "Moderator" not in stock_view


def test_reinstall_keeps_the_states_given_meanwhile(portal, comments):
    installer = api.content.get_view("installer", portal, portal.REQUEST)
    installer.uninstall_product(PACKAGE_NAME)
    # Moderated under the stock workflow while the add-on was away.
    api.content.transition(obj=comments["pending"], transition="publish")
    installer.install_product(PACKAGE_NAME)
    workflow_tool = api.portal.get_tool("portal_workflow")
    assert workflow_tool.getChainForPortalType("Discussion Item") == (OURS,)
    assert states(comments) == dict(EXPECTED, pending="published")
