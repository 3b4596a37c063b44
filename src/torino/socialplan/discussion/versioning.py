"""Comments (and the consulted text's pin, and the Plan's stage) are not
part of a text's versions.

CMFEditions versions a Plan, Chapter or Action with its annotations, where
plone.app.discussion keeps the conversation and we keep the paragraph map:
each version would copy every comment, and reverting to an old version would
bring back the comments of that day, deleting those posted since. This
modifier leaves both annotations out of the saved version and, when a version
is retrieved or reverted to, puts back the working copy's own; the version
saved after a revert re-anchors the comments to the reverted text.
"""

from Acquisition import aq_base
from plone import api
from Products.CMFEditions.interfaces.IModifier import ICloneModifier
from Products.CMFEditions.interfaces.IModifier import ISaveRetrieveModifier
from Products.CMFEditions.Modifiers import ConditionalTalesModifier
from torino.socialplan.base.plan_stages import LIFE_KEY
from torino.socialplan.consultation.commented_paragraphs import KEY as PARAGRAPHS_KEY
from torino.socialplan.consultation.commented_paragraphs import refresh_paragraphs
from torino.socialplan.consultation.commented_paragraphs import stamp_version
from torino.socialplan.consultation.consulted_text import KEY as CONSULTED_KEY
from zope.interface import implementer


CONVERSATION_KEY = "plone.app.discussion:conversation"
# Nor are the consulted text's pin and the Plan's stage: a revert must not
# unpin a text or move a Plan back.
KEPT_OUT = (CONVERSATION_KEY, PARAGRAPHS_KEY, CONSULTED_KEY, LIFE_KEY)

MODIFIER_ID = "torino_socialplan_keep_comments"
MODIFIER_TITLE = "Keep comments and paragraph maps out of versions"
CONDITION = "python: portal_type in ('Plan', 'Chapter', 'Action')"


def _annotations(obj):
    return getattr(aq_base(obj), "__annotations__", None)


@implementer(ICloneModifier, ISaveRetrieveModifier)
class KeepCommentsOutOfVersions:
    def __init__(self, id_=MODIFIER_ID, title=MODIFIER_TITLE):
        self.id = id_
        self.title = title

    def getOnCloneModifiers(self, obj):
        annotations = _annotations(obj)
        if annotations is None:
            return None
        # Pickled as references that load as None: never copied.
        skipped = {id(annotations[k]): True for k in KEPT_OUT if k in annotations}
        if not skipped:
            return None

        def persistent_id(value):
            return skipped.get(id(value))

        def persistent_load(reference):
            return None

        return persistent_id, persistent_load, [], []

    def beforeSaveModifier(self, obj, clone):
        # A revert changes the text without any event, then saves a version
        # (the version_on_revert policy): re-anchor here. After an edit the
        # paragraphs are already fresh and this does nothing.
        # The version being saved: CMFEditions numbers them by history length.
        archivist = api.portal.get_tool("portal_archivist")
        version = len(archivist.queryHistory(obj))
        refresh_paragraphs(obj, version=version)
        stamp_version(obj, version)
        return {}, [], []

    def afterRetrieveModifier(self, obj, repo_clone, preserve=()):
        working, retrieved = _annotations(obj), _annotations(repo_clone)
        if working is None:
            return [], [], {}
        if retrieved is None:
            # A version saved before the text had annotations: a revert
            # must not drop the working copy's.
            repo_clone.__annotations__ = working
            return [], [], {}
        for key in KEPT_OUT:
            if key in working:
                # The working copy's own objects (not copies): after a revert
                # the comments' parent is still the conversation they are in.
                retrieved[key] = working[key]
            elif key in retrieved:
                del retrieved[key]
        return [], [], {}


def install_modifier(portal=None):
    modifiers = api.portal.get_tool("portal_modifier")
    if MODIFIER_ID in modifiers.objectIds():
        return
    wrapper = ConditionalTalesModifier(
        MODIFIER_ID, KeepCommentsOutOfVersions(), MODIFIER_TITLE
    )
    wrapper.edit(True, CONDITION)
    # First in the list: retrieve modifiers run in reverse order, so ours
    # runs after those that rebuild the annotations (folder ordering).
    modifiers.register(MODIFIER_ID, wrapper, pos=0)


def uninstall_modifier(portal=None):
    modifiers = api.portal.get_tool("portal_modifier")
    if MODIFIER_ID in modifiers.objectIds():
        modifiers.unregister(MODIFIER_ID)
