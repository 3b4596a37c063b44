"""1010 -> 1011: the contributions sent before campaigns existed are
grouped."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from tests.support.contributions import post_comment
from tests.support.plans import open_plan
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation.campaigns.plan_campaigns import ANNOTATION_KEY
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from zope.annotation.interfaces import IAnnotations


PROFILE = f"{PACKAGE_NAME}:default"
TEXT = (
    "Chiediamo che il piano preveda nuove piste ciclabili protette lungo "
    "corso Francia e vicino alle scuole del quartiere, e più alberi nei "
    "cortili delle scuole per fare ombra d'estate."
)


def test_upgrade_to_1011(portal, setup_tool):
    site = open_plan(portal)
    logout()
    comments = [
        post_comment(site, f"{TEXT} Firmato, {name}.")
        for name in ("Anna", "Luca", "Sara")
    ]
    post_comment(
        site,
        "Il tram passa ogni venti minuti, troppo pochi per il quartiere e le scuole.",
    )
    login(portal, TEST_USER_NAME)
    # As before 1011: no campaigns.
    del IAnnotations(site["plan"])[ANNOTATION_KEY]
    setup_tool.setLastVersionForProfile(PROFILE, "1010")

    with api.env.adopt_roles(["Manager"]):
        setup_tool.upgradeProfile(PROFILE, dest="1011")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1011",)
    index = campaign_index(site["plan"], create=False)
    assert len(index.members) == 4
    (group,) = index.groups.values()
    keys = sorted(index.group_keys(group))
    assert keys == sorted(f"lavoro/++conversation++default/{c.id}" for c in comments)
