"""Consent on record: each contribution stores the version of the privacy
notice its author accepted; a new version applies to new contributions only;
past versions stay readable; the version is private."""

from .contributions import comment
from .contributions import pledge
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from torino.socialplan.consultation import privacy
from torino.socialplan.consultation.legal import notice
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID

import datetime


def new_version(version, purposes, day):
    api.portal.set_registry_record("torino.socialplan.legal.notice_version", version)
    api.portal.set_registry_record("torino.socialplan.legal.notice_date", day)
    api.portal.set_registry_record("torino.socialplan.legal.purposes_en", purposes)


def test_each_contribution_records_the_version_accepted(site):
    first_comment, first_pledge = comment(site), pledge(site)
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    new_version(2, "Purposes as of version two.", datetime.date(2026, 12, 1))
    second = comment(site, text="Un secondo commento.")
    assert notice.accepted_version(first_comment) == 1
    assert notice.accepted_version(first_pledge) == 1
    assert notice.accepted_version(second) == 2


def test_past_versions_stay_readable(site):
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    api.portal.set_registry_record(
        "torino.socialplan.legal.purposes_en", "Purposes as of version one."
    )
    new_version(2, "Purposes as of version two.", datetime.date(2026, 12, 1))
    page = site["portal"][PRIVACY_NOTICE_ID]
    logout()
    current = page.restrictedTraverse("@@document_view")()
    assert "Purposes as of version two." in current
    assert "Version 2 of December 1, 2026" in current
    assert "?version=1" in current  # a link to the past version
    page.REQUEST.form["version"] = "1"
    past = page.restrictedTraverse("@@document_view")()
    assert "Purposes as of version one." in past
    assert "Purposes as of version two." not in past
    assert "no longer in force" in past
    assert notice.kept_text(1, "it") is not None


def test_the_version_is_private(site):
    for allowed in (
        privacy.PUBLIC_COMMENT_FIELDS,
        privacy.PUBLIC_PLEDGE_FIELDS,
        privacy.MODERATOR_COMMENT_FIELDS,
        privacy.MODERATOR_PLEDGE_FIELDS,
    ):
        assert notice.ACCEPTED_ATTRIBUTE not in allowed
