"""The consulted text, kept: when the Plan moves on to analysis, each Chapter's
and Action's text is pinned.

The pin names the CMFEditions version that was consulted (a version is saved
then, so the pin always has one) and keeps, for the comparison, the paragraphs
of that text and where each inline comment stood in them. A pin is written
once and never changed: editing the text afterwards makes the text to be
approved, and the comparison (changes.py) reads the consulted one from here.
Versions leave the pin out (discussion/versioning.py), so that reverting a
text to an old version does not unpin it.
"""

from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.discussion.interfaces import IConversation
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.anchors import Paragraph
from zope.annotation.interfaces import IAnnotations


KEY = "torino.socialplan.consulted-text"
PINNED_TYPES = ("Chapter", "Action")
VERSION_COMMENT = "The text as consulted"


class AlreadyPinned(Exception):
    """A consulted text is pinned once."""


def pinned_contents(plan):
    """The Plan's Chapters and Actions, whatever their state and whoever
    asks, in the order of their paths (a Chapter before its Actions)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path="/".join(plan.getPhysicalPath()),
        portal_type=PINNED_TYPES,
        sort_on="path",
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def pin(content, now=None):
    """Pin the text of ``content`` as consulted; returns the pin. Saves a
    CMFEditions version of it (the version consulted)."""
    annotations = IAnnotations(content)
    if KEY in annotations:
        raise AlreadyPinned("/".join(content.getPhysicalPath()))
    commented_paragraphs.refresh_paragraphs(content)
    repository = api.portal.get_tool("portal_repository")
    # Saved whoever closes the consultation: the text's own editors may be
    # other people (an Action's lead body).
    with api.env.adopt_roles(["Manager"]):
        repository.save(obj=content, comment=VERSION_COMMENT)
    locations = {}
    for comment in _anchored(content):
        locations[str(comment.id)] = (
            own_attribute(comment, "paragraph", None),
            own_attribute(comment, "anchor_start", None),
            own_attribute(comment, "anchor_end", None),
            bool(own_attribute(comment, "orphaned", False)),
        )
    pinned = PersistentMapping(
        {
            "version_id": own_attribute(content, "version_id"),
            "date": now or datetime.now(UTC),
            "paragraphs": tuple(
                tuple(p) for p in commented_paragraphs.paragraphs(content)
            ),
            "locations": locations,
        }
    )
    annotations[KEY] = pinned
    return pinned


def _anchored(content):
    conversation = IConversation(content)
    if not len(conversation):
        return []
    return [c for c in conversation.values() if own_attribute(c, "anchor", None)]


def pin_plan(plan, now=None):
    """Pin every Chapter and Action of ``plan`` not pinned yet; returns how
    many were pinned now."""
    count = 0
    for content in pinned_contents(plan):
        if KEY not in IAnnotations(content):
            pin(content, now=now)
            count += 1
    return count


def consulted(content):
    """The pin of ``content`` as a read-only dict, or None (not pinned)."""
    pinned = IAnnotations(content).get(KEY)
    if pinned is None:
        return None
    return {
        "version_id": pinned["version_id"],
        "date": pinned["date"],
        "paragraphs": [Paragraph(*pair) for pair in pinned["paragraphs"]],
        "locations": dict(pinned["locations"]),
    }


def consulted_version(content):
    """The CMFEditions version that was consulted (its ``object`` the text
    as it was), or None."""
    pinned = IAnnotations(content).get(KEY)
    if pinned is None or pinned["version_id"] is None:
        return None
    repository = api.portal.get_tool("portal_repository")
    return repository.retrieve(content, pinned["version_id"])
