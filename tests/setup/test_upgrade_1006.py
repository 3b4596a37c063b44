"""1005 -> 1006: static resources cached, and the words of contributions
still pending taken out of the text indexes (as new ones never enter them)."""

from plone import api
from plone.app.testing import logout
from plone.registry.interfaces import IRegistry
from Products.CMFCore.indexing import processQueue
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation.contributions import submit
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"
OPERATION_MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"
RESOURCE_MAXAGE = "plone.app.caching.strongCaching.plone.resource.maxage"


class OldWrapper:
    """What the catalog read from a pending comment before 1006."""

    SearchableText = "Servono laboratori xilografici."
    Title = "Maria Zanardelli su Lavoro"
    Description = "Servono laboratori xilografici."


def found(**query):
    catalog = api.portal.get_tool("portal_catalog")
    return [b.getPath() for b in catalog.unrestrictedSearchResults(**query)]


def test_upgrade_to_1006(portal, setup_tool):
    site = open_plan(portal)
    logout()
    comment = submit("comment", site["chapter"], dict(VALID), portal.REQUEST)
    published = submit(
        "comment",
        site["chapter"],
        dict(VALID, text="Laboratori xilografici anche in periferia."),
        portal.REQUEST,
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=published, transition="publish")
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog._catalog.uids["/".join(comment.getPhysicalPath())]
    for name in ("SearchableText", "Title", "Description"):
        catalog._catalog.getIndex(name).index_object(rid, OldWrapper())
    published_path = "/".join(published.getPhysicalPath())
    assert len(found(SearchableText="xilografici")) == 2
    registry = getUtility(IRegistry)
    mapping = dict(registry[OPERATION_MAPPING])
    del mapping["plone.resource"]
    registry[OPERATION_MAPPING] = mapping
    registry[RESOURCE_MAXAGE] = 0
    registry["plone.app.caching.moderateCaching.torino.socialplan.page.smaxage"] = 120
    setup_tool.setLastVersionForProfile(PROFILE, "1005")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1006")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1006",)
    assert found(SearchableText="xilografici") == [published_path]
    assert found(Title="Zanardelli") == []
    assert registry[OPERATION_MAPPING]["plone.resource"] == (
        "plone.app.caching.strongCaching"
    )
    assert registry[RESOURCE_MAXAGE] == 86400
    # What an administrator set in our other records stays.
    assert (
        registry["plone.app.caching.moderateCaching.torino.socialplan.page.smaxage"]
        == 120
    )
