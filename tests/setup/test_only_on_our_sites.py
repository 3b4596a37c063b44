"""What the add-on registers for stock interfaces acts only where it is
installed: a second Plone site in the same Zope process, without the add-on,
behaves as stock Plone (issue 25). And what a contribution's events do is
registered in one place, in a stated order (lifecycle.zcml)."""

from five.intid.keyreference import KeyReferenceToPersistent
from pathlib import Path
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.app.linkintegrity.browser.info import DeleteConfirmationInfo
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.indexer.interfaces import IIndexableObject
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.CMFCore.interfaces import IActionSucceededEvent
from Products.CMFPlone.factory import addPloneSite
from Products.DCWorkflow.interfaces import IAfterTransitionEvent
from torino.socialplan.base.site import installed
from torino.socialplan.browser.linkintegrity import CommentAwareDeleteConfirmationInfo
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.interfaces import IBrowserLayer
from zope.component import createObject
from zope.component import getGlobalSiteManager
from zope.component import queryMultiAdapter
from zope.component.hooks import setSite
from zope.interface import alsoProvides
from zope.interface import noLongerProvides
from zope.keyreference.interfaces import IKeyReference
from zope.keyreference.interfaces import NotYet

import pytest
import re
import torino.socialplan


# The order lifecycle.zcml states, per event: the test fails if a
# registration moves or another file registers a handler for these events.
DECISION = [
    "torino.socialplan.consultation.moderation.audit.audit_transition",
    "torino.socialplan.consultation.indexing.follow_decision",
    "torino.socialplan.consultation.notifications.contribution_transitioned",
    "torino.socialplan.caching.purge_triggers.on_contribution_transition",
]
AFTER_DECISION = [
    "torino.socialplan.discussion.comment_counts.recount",
    "torino.socialplan.discussion.text_sync.refresh_inline_counts",
]


def _ours(required):
    handlers = []
    for registration in getGlobalSiteManager().registeredHandlers():
        name = f"{registration.handler.__module__}.{registration.handler.__name__}"
        if name.startswith("torino.socialplan.") and registration.required == required:
            handlers.append(name)
    return handlers


def test_a_decision_runs_the_steps_in_the_stated_order(integration):
    assert _ours((IComment, IAfterTransitionEvent)) == DECISION
    assert _ours((IPledge, IAfterTransitionEvent)) == DECISION
    assert _ours((IComment, IActionSucceededEvent)) == AFTER_DECISION


def test_every_contribution_handler_is_registered_in_lifecycle_zcml():
    root = Path(torino.socialplan.__file__).parent
    events = re.compile(
        r"IComment\b|IPledge\b|ICommentAddedEvent|IReplyAddedEvent|"
        r"IContributionReady|IContributionChecked|IConfirmationRequested|"
        r"IDexterityContent"
    )
    elsewhere = []
    for path in root.rglob("*.zcml"):
        if path.name == "lifecycle.zcml":
            continue
        for block in re.findall(r"<subscriber\b.*?/>", path.read_text(), re.S):
            if events.search(block):
                elsewhere.append((path.name, block))
    assert elsewhere == []


@pytest.fixture
def other_site(integration):
    """A second Plone site, without the add-on, in the same process."""
    app = integration["app"]
    portal = integration["portal"]
    site = addPloneSite(
        app,
        "stock",
        extension_ids=(
            "plone.app.contenttypes:default",
            "plone.app.discussion:default",
        ),
        setup_content=False,
    )
    setSite(site)
    # plone.browserlayer marks a request with the layers of the site it
    # traverses: none of ours here.
    request = integration["request"]
    layered = IBrowserLayer.providedBy(request)
    noLongerProvides(request, IBrowserLayer)
    site.acl_users.userFolderAddUser("stock-admin", "secret", ["Manager"], [])
    login(site, "stock-admin")
    yield site
    setSite(portal)
    login(portal, TEST_USER_NAME)
    if layered:
        alsoProvides(request, IBrowserLayer)


def _commented_document(site, review=True):
    if review:
        api.portal.get_tool("portal_workflow").setChainForPortalTypes(
            ("Discussion Item",), ("comment_review_workflow",)
        )
    document = api.content.create(
        container=site, type="Document", id="page", title="Una pagina"
    )
    document.allow_discussion = True
    comment = createObject("plone.Comment")
    comment.text = "Parolarara nel commento di prova."
    comment.author_name = "Anna Rossi"
    comment.author_email = "anna@example.org"
    comment_id = IConversation(document).addComment(comment)
    return document, IConversation(document)[comment_id]


def test_our_site_is_ours(integration):
    assert installed(integration["portal"]) is True


def test_the_other_site_is_stock(other_site):
    assert installed() is False
    document, comment = _commented_document(other_site)
    # Comments keep their intid (five.intid's key reference).
    assert isinstance(IKeyReference(comment), KeyReferenceToPersistent)
    # Our rendering, audit and pending rules do not run here.
    assert "rendered_html" not in comment.__dict__
    assert api.content.get_state(obj=comment) == "pending"
    catalog = api.portal.get_tool("portal_catalog")
    # A pending comment's words are indexed, as stock Plone indexes them.
    found = catalog.unrestrictedSearchResults(SearchableText="Parolarara")
    assert [b.getPath() for b in found] == ["/".join(comment.getPhysicalPath())]
    # The stock Description indexer's result, not ours.
    assert catalog.unrestrictedSearchResults(UID=api.content.get_uuid(document))
    # The catalog reads the comment through plone.indexer's own wrapper.
    wrapper = queryMultiAdapter((comment, catalog), IIndexableObject)
    assert type(wrapper) is IndexableObjectWrapper
    # Link integrity's delete check is the stock one.
    view = queryMultiAdapter(
        (document, other_site.REQUEST), name="delete_confirmation_info"
    )
    assert isinstance(view, DeleteConfirmationInfo)
    assert not isinstance(view, CommentAwareDeleteConfirmationInfo)


def test_on_our_site_pending_words_wait_and_comments_have_no_intid(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    _document, comment = _commented_document(portal, review=False)

    with pytest.raises(NotYet):
        IKeyReference(comment)
    assert "rendered_html" in comment.__dict__
