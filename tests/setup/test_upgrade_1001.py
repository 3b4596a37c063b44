"""1000 -> 1001 brings a site of the first release to inline feedback and the
consultation's answers, as a fresh install has them."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.discussion import versioning
from zope.annotation.interfaces import IAnnotations

import pytest


PROFILE = f"{PACKAGE_NAME}:default"
NEW_PERMISSIONS = (
    "torino.socialplan: Record outcomes",
    "torino.socialplan: View consultation report",
)
TEXT = "<p>Primo paragrafo del capitolo.</p><p>Secondo paragrafo, diverso.</p>"


@pytest.fixture
def site_at_1000(portal, setup_tool):
    """The portal as the 1000 profile left it: no new permissions' roles, no
    Report tab, texts without paragraph ids."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Plan", id="plan", title="P")
    chapter = api.content.create(
        container=plan,
        type="Chapter",
        id="chapter",
        title="C",
        text=RichTextValue(TEXT, "text/html", "text/x-html-safe"),
    )
    for content in (plan, chapter):
        IAnnotations(content).pop(commented_paragraphs.KEY, None)
    for permission in NEW_PERMISSIONS:
        portal.manage_permission(permission, roles=[], acquire=True)
    portal.manage_permission(
        "CMFEditions: Access previous versions", roles=["Manager"], acquire=True
    )
    portal.portal_actions.object.manage_delObjects(["socialplan-report"])
    versioning.uninstall_modifier()
    setup_tool.setLastVersionForProfile(PROFILE, "1000")
    return chapter


def test_upgrade_from_first_release(portal, setup_tool, site_at_1000):
    chapter = site_at_1000
    assert setup_tool.listUpgrades(PROFILE), "1000 -> 1001 is pending"
    assert commented_paragraphs.KEY not in IAnnotations(chapter)

    setup_tool.upgradeProfile(PROFILE, dest="1001")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1001",)
    for permission in NEW_PERMISSIONS:
        roles = {
            r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]
        }
        assert {"Manager", "Moderator", "Editor", "Contributor"} <= roles
    assert "socialplan-report" in portal.portal_actions.object.objectIds()
    assert "Moderator" in {
        r["name"]
        for r in portal.rolesOfPermission("CMFEditions: Access previous versions")
        if r["selected"]
    }
    assert versioning.MODIFIER_ID in portal.portal_modifier.objectIds()
    ids = [p.id for p in commented_paragraphs.paragraphs(chapter)]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert f'data-paragraph="{ids[0]}"' in commented_paragraphs.body_html(chapter)
