"""Comments have no intid.

five.intid registers every persistent object that is added in the intid
utility, keyed by a reference to its oid. Oids grow, so every new comment
was the highest key of the utility's ``ids`` tree: concurrent posts all
inserted into its last bucket, and when it split the others conflicted (56
of the 220 conflicts left in the cluster bench, issue 14). Intids serve
relations (relation fields, link integrity), and nothing relates to a
comment: the relation fields point to content, and links in a text to a
comment's address are not tracked (it is not content).

So a comment has no key reference: "not yet" (``NotYet``), which every
caller of ``IKeyReference`` handles. five.intid does not register it when it
is added and has nothing to remove when it goes; link integrity skips a link
to it, as to an object not in the database yet. Link integrity's delete
check, which asks the intid of everything under a deleted text, is told that
nothing links to a comment (browser/linkintegrity.py). All of this only on
sites where the add-on is installed: elsewhere comments keep their intids.
"""

from five.intid.keyreference import KeyReferenceToPersistent
from plone.app.discussion.interfaces import IComment
from torino.socialplan.base.site import installed
from zope.component import adapter
from zope.interface import implementer
from zope.keyreference.interfaces import IKeyReference
from zope.keyreference.interfaces import NotYet


@adapter(IComment)
@implementer(IKeyReference)
def no_key_reference(comment):
    if not installed():
        # Another site in the process: five.intid's stock key reference.
        return KeyReferenceToPersistent(comment)
    raise NotYet(comment)


def has_no_intid(obj):
    return IComment.providedBy(obj) and installed()
