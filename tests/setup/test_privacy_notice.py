"""The privacy notice the contribution forms link to."""

from plone import api
from plone.app.testing import logout
from torino.socialplan.setuphandlers import post_install
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID


def test_created_at_the_site_root(portal):
    page = portal[PRIVACY_NOTICE_ID]
    assert page.portal_type == "Document"
    assert "impostazioni del sito" in page.text.raw  # shown from the settings
    assert page.exclude_from_nav is True


def test_published_for_anyone(portal):
    page = portal[PRIVACY_NOTICE_ID]
    assert api.content.get_state(page) == "published"
    logout()
    assert api.user.has_permission("View", obj=page)


def test_an_edited_notice_is_kept_on_reinstall(portal):
    page = portal[PRIVACY_NOTICE_ID]
    page.title = "Informativa (rivista dal DPO)"
    post_install(None)
    assert portal[PRIVACY_NOTICE_ID].title == "Informativa (rivista dal DPO)"
