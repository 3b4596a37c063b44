"""1006 -> 1007: contributions still pending taken out of the indexes keyed
by their id or name, and comments out of the intid utility (as new ones
never enter them)."""

from five.intid.keyreference import KeyReferenceToPersistent
from plone import api
from plone.app.testing import logout
from Products.CMFCore.indexing import processQueue
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.indexing import NAME_INDEXES
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


PROFILE = f"{PACKAGE_NAME}:default"


def found(**query):
    catalog = api.portal.get_tool("portal_catalog")
    return [b.getPath() for b in catalog.unrestrictedSearchResults(**query)]


def test_upgrade_to_1007(portal, setup_tool):
    site = open_plan(portal)
    logout()
    pending = submit("comment", site["chapter"], dict(VALID), portal.REQUEST)
    published = submit("comment", site["chapter"], dict(VALID), portal.REQUEST)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=published, transition="publish")
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    pending_path = "/".join(pending.getPhysicalPath())
    rid = catalog._catalog.uids[pending_path]
    for name in NAME_INDEXES:  # what the catalog held before 1007
        catalog._catalog.getIndex(name).index_object(rid, pending)
    assert found(getId=pending.getId()) == [pending_path]
    intids = getUtility(IIntIds)
    for comment in (pending, published):  # what five.intid did before 1007
        key = KeyReferenceToPersistent(comment)
        uid = intids._generateId()
        intids.refs[uid] = key
        intids.ids[key] = uid
    chapter_intid = intids.getId(site["chapter"])
    registered = len(intids.ids)
    setup_tool.setLastVersionForProfile(PROFILE, "1006")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1007")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1007",)
    for name in NAME_INDEXES:
        assert rid not in catalog._catalog.getIndex(name).documentToKeyMap(), name
    assert found(getId=published.getId()) == ["/".join(published.getPhysicalPath())]
    assert pending_path in found(portal_type="Discussion Item", review_state="pending")
    assert len(intids.ids) == len(intids.refs) == registered - 2
    assert intids.getId(site["chapter"]) == chapter_intid
