"""1012 -> 1013: the catalog's contributor_key, filled for decided contributions."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFCore.indexing import processQueue
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.personal_data import address_key


PROFILE = f"{PACKAGE_NAME}:default"


def test_upgrade_to_1013(portal, setup_tool):
    site = open_plan(portal)
    made = []
    for address in ("uno@example.org", "due@example.org"):
        guards.reset_rate_limits()
        logout()
        data = dict(VALID, author_email=address)
        made.append(submit("comment", site["chapter"], data, portal.REQUEST))
    login(portal.aq_parent, SITE_OWNER_NAME)
    api.content.transition(obj=made[0], transition="publish")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex(address_key.INDEX)  # as before 1013
    setup_tool.setLastVersionForProfile(PROFILE, "1012")

    setup_tool.upgradeProfile(PROFILE, dest="1013")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1013",)
    processQueue()  # the upgrade's reindexing is queued until its commit
    index = catalog._catalog.indexes[address_key.INDEX]
    # The published one is keyed; the pending one waits for its decision.
    assert set(index.uniqueValues()) == {address_key.key_of("uno@example.org")}
