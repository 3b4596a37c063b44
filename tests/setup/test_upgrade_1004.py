"""1003 -> 1004: commentable texts found by their marker in the catalog, and
the context of inline comments stored stripped gets its space back."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.interfaces import ICommentableText
from torino.socialplan.upgrades.to_1004 import respaced
from zope.component import createObject

import pytest


PROFILE = f"{PACKAGE_NAME}:default"
TEXT = "<p>Per favorire l'accesso al lavoro il Piano promuove reti territoriali.</p>"


def inline_comment(chapter, exact, prefix, suffix):
    (paragraph,) = paragraphs(chapter)
    start = paragraph.text.index(exact)
    comment = createObject("plone.Comment")
    comment.text = "Un commento."
    comment.anchor = {"exact": exact, "prefix": prefix, "suffix": suffix}
    comment.paragraph = paragraph.id
    comment.anchor_start, comment.anchor_end = start, start + len(exact)
    comment.orphaned = False
    conversation = IConversation(chapter)
    return conversation[conversation.addComment(comment)]


@pytest.fixture
def site_at_1003(portal, setup_tool):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Plan", id="plan", title="P")
    chapter = createContentInContainer(
        plan,
        "Chapter",
        id="chapter",
        title="C",
        text=RichTextValue(TEXT, "text/html", "text/x-html-safe"),
    )
    catalog = api.portal.get_tool("portal_catalog")
    for obj in (plan, chapter):
        # As indexed before the marker existed.
        catalog.catalog_object(obj, idxs=["object_provides"])
    index = catalog._catalog.getIndex("object_provides")
    for brain in catalog.unrestrictedSearchResults(portal_type=["Plan", "Chapter"]):
        index.unindex_object(brain.getRID())
    setup_tool.setLastVersionForProfile(PROFILE, "1003")
    return plan, chapter


def test_upgrade_to_1004(setup_tool, site_at_1003):
    plan, chapter = site_at_1003
    # Stored by the older code: contexts stripped.
    words = inline_comment(chapter, "accesso al lavoro", "Per favorire l'", "il Piano")
    network = inline_comment(chapter, "il Piano", "l'accesso al lavoro", "promuove")
    catalog = api.portal.get_tool("portal_catalog")
    marked = {"object_provides": ICommentableText.__identifier__}
    assert not catalog.unrestrictedSearchResults(**marked)

    setup_tool.upgradeProfile(PROFILE, dest="1004")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1004",)
    found = {b.getPath() for b in catalog.unrestrictedSearchResults(**marked)}
    assert found == {"/".join(o.getPhysicalPath()) for o in (plan, chapter)}
    assert words.anchor["prefix"] == "Per favorire l'"  # no space: none was there
    assert words.anchor["suffix"] == " il Piano"
    assert network.anchor["prefix"] == "l'accesso al lavoro "
    assert network.anchor["suffix"] == " promuove"
    assert words.anchor["exact"] == "accesso al lavoro"  # the quote as posted


def test_a_quote_that_moved_or_changed_is_left_alone():
    anchor = {"exact": "accesso", "prefix": "favorire l'", "suffix": "al"}
    assert respaced(anchor, "favorire l'ingresso al", 11, 18) is None
    assert respaced(anchor, "favorire l'accesso al", 11, 18) == dict(
        anchor, suffix=" al"
    )


def test_the_audit_list_is_stored_per_item(portal, setup_tool):
    from persistent.list import PersistentList
    from torino.socialplan.consultation import moderation
    from torino.socialplan.upgrades.to_1004 import audit_by_item
    from zope.annotation.interfaces import IAnnotations

    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Plan", id="plan", title="P")
    entries = [
        {"item": "a", "@id": "/plan/a", "when": "2025-02-26T10:00:00+00:00", "to": "x"},
        {"item": "b", "@id": "/plan/b", "when": "2025-02-26T11:00:00+00:00", "to": "y"},
        {"item": "a", "@id": "/plan/a", "when": "2025-02-27T09:00:00+00:00", "to": "z"},
    ]
    IAnnotations(plan)[moderation.AUDIT_KEY] = PersistentList(entries)
    # Read as it is, before the upgrade.
    assert [e["to"] for e in moderation.audit_by_item(plan)["a"]] == ["x", "z"]

    audit_by_item(setup_tool)

    annotations = IAnnotations(plan)
    assert moderation.AUDIT_KEY not in annotations
    assert list(annotations[moderation.AUDIT_BY_ITEM_KEY]) == ["a", "b"]
    assert [e["to"] for e in moderation.audit_log(plan)] == ["x", "y", "z"]
    by_item = moderation.audit_by_item(plan)
    assert [e["to"] for e in by_item["a"]] == ["x", "z"]
    assert by_item["a"][0]["@id"] == portal.absolute_url() + "/plan/a"
    assert by_item.get("c") is None
