"""Link integrity's delete check, for texts with comments.

Before a text is deleted, plone.app.linkintegrity asks, for it and for
everything under it in the catalog, the comments included, which documents
link to it, by intid. Comments have no intid (discussion/intids.py), so
nothing can link to one through link integrity: they have no breach.
"""

from plone.app.linkintegrity.browser.info import DeleteConfirmationInfo
from torino.socialplan.discussion.intids import has_no_intid


class CommentAwareDeleteConfirmationInfo(DeleteConfirmationInfo):
    def check_object(self, obj, excluded_path=None, excluded_paths=None):
        if has_no_intid(obj):
            return None
        return super().check_object(obj, excluded_path, excluded_paths)
