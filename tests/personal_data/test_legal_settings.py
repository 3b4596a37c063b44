"""Settings, not placeholders: the privacy notice and the accessibility
statement are written from the control panel's settings; while one is
missing, editors see what, and the consultation does not open."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.registry.interfaces import IRegistry
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan.browser.legal import texts
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.legal import settings
from torino.socialplan.site_pages import ACCESSIBILITY_ID
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID
from torino.socialplan.testing import LEGAL_SETTINGS
from zope.component import getUtility

import pytest
import re


PLACEHOLDER = re.compile(r"\[[^\]]*\]")


def page_html(portal, page_id):
    return portal[page_id].restrictedTraverse("@@document_view")()


def test_the_notice_is_written_from_the_settings(portal):
    logout()
    html = page_html(portal, PRIVACY_NOTICE_ID)
    for value in ("chamber_pec", "chamber_dpo", "city_pec", "city_dpo", "city_address"):
        assert LEGAL_SETTINGS[value] in html
    assert "erased 90 days after the consultation closes" in html
    assert "deleted 7 days after" in html
    assert "Version 1 of November 2, 2026" in html
    assert not PLACEHOLDER.search(html)
    assert "alert-warning" not in html


def test_the_notice_in_italian_and_english(portal):
    values = settings.values()
    italian = texts.privacy_notice(values, "it")
    english = texts.privacy_notice(values, "en")
    assert "Contitolari del trattamento" in italian
    assert "cancellati 90 giorni dopo la chiusura della consultazione" in italian
    assert "Joint controllers" in english
    assert settings.PURPOSES_IT[:40] in italian
    assert settings.PURPOSES_EN[:40] in english
    for html in (italian, english):
        assert LEGAL_SETTINGS["chamber_pec"] in html
        assert not PLACEHOLDER.search(html)


def test_the_accessibility_statement_is_written_from_the_settings(portal):
    logout()
    html = page_html(portal, ACCESSIBILITY_ID)
    assert "This site is compliant with the requirements" in html
    assert "November 20, 2026" in html
    assert "a self-assessment" in html
    assert 'href="mailto:accessibilita@to.camcom.example"' in html
    assert 'href="https://form.agid.gov.it/view/example-statement"' in html
    assert not PLACEHOLDER.search(html)
    italian = texts.accessibility_statement(settings.values(), "it", "https://x.it")
    assert "Stato di conformità" in italian
    assert "un'autovalutazione" in italian


def test_stored_texts_have_no_placeholder(portal):
    for page_id in (PRIVACY_NOTICE_ID, ACCESSIBILITY_ID):
        assert not PLACEHOLDER.search(portal[page_id].text.raw)


@pytest.fixture
def without_pec(portal):
    registry = getUtility(IRegistry)
    registry["torino.socialplan.legal.chamber_pec"] = None
    registry["torino.socialplan.legal.a11y_conformity"] = None


def test_the_public_never_sees_a_gap_marked(portal, without_pec):
    logout()
    for page_id in (PRIVACY_NOTICE_ID, ACCESSIBILITY_ID):
        html = page_html(portal, page_id)
        assert not PLACEHOLDER.search(html)
        assert "alert-warning" not in html
        assert "certified e-mail (PEC)" not in html


def test_editors_see_what_is_missing(portal, without_pec):
    setRoles(portal, TEST_USER_ID, ["Site Administrator"])
    html = page_html(portal, PRIVACY_NOTICE_ID)
    assert "alert-warning" in html
    assert "First controller: certified e-mail (PEC)" in html
    assert "@@personal-data-controlpanel" in html
    statement = page_html(portal, ACCESSIBILITY_ID)
    assert "Conformity with WCAG 2.1 AA" in statement
    assert "First controller: certified e-mail (PEC)" not in statement
    assert settings.missing() == ["chamber_pec", "a11y_conformity"]


def test_a_partly_compliant_site_says_what_is_not_accessible(portal):
    api.portal.set_registry_record(
        "torino.socialplan.legal.a11y_conformity", "partially_compliant"
    )
    assert settings.missing() == ["a11y_non_accessible_it", "a11y_non_accessible_en"]


def test_the_consultation_does_not_open_while_a_setting_is_missing(site, without_pec):
    logout()
    with pytest.raises(ConsultationNotOpen) as raised:
        submit("comment", site["chapter"], dict(VALID), site["portal"].REQUEST)
    assert "privacy notice" in str(raised.value.errors[0][1])
    assert "not complete" in str(raised.value.errors[0][1])


def test_the_plan_tells_its_editors(site, without_pec):
    login(site["portal"], TEST_USER_NAME)
    html = site["plan"]()
    assert "socialplan-missing-settings" in html
    assert "First controller: certified e-mail (PEC)" in html
    logout()
    assert "socialplan-missing-settings" not in site["plan"]()


def test_the_complete_site_opens(site):
    logout()
    comment = submit("comment", site["chapter"], dict(VALID), site["portal"].REQUEST)
    assert comment.author_email == VALID["author_email"]
    login(site["portal"], TEST_USER_NAME)
    assert "socialplan-missing-settings" not in site["plan"]()


def test_the_control_panel_is_in_site_setup(portal):
    configlets = api.portal.get_tool("portal_controlpanel").listActions()
    (configlet,) = [c for c in configlets if c.id == "torino-socialplan-personal-data"]
    assert configlet.category == "plone-general"
    assert configlet.permissions == ("Manage portal",)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    html = portal.restrictedTraverse("@@personal-data-controlpanel")()
    assert "Personal data and legal pages" in html
    assert "form.widgets.chamber_pec" in html
    assert "The privacy notice and the accessibility statement are complete." in html


def test_the_control_panel_over_rest(functional_portal, manager_request):
    response = manager_request.get("/@controlpanels/personal-data")
    assert response.status_code == 200
    data = response.json()
    assert data["data"]["chamber_pec"] == LEGAL_SETTINGS["chamber_pec"]
    assert "retention_email_days" in data["schema"]["properties"]
    response = manager_request.patch(
        "/@controlpanels/personal-data", json={"retention_email_days": 60}
    )
    assert response.status_code == 204
    listing = manager_request.get("/@controlpanels").json()
    assert any(
        item["@id"].endswith("/@controlpanels/personal-data") for item in listing
    )


def test_anonymous_cannot_read_the_settings_over_rest(functional_portal, anon_request):
    assert anon_request.get("/@controlpanels/personal-data").status_code == 401


def test_the_edit_form_refuses_to_open_the_consultation(site, without_pec):
    """An editor who sets an opening date in the past is told what is missing."""
    from plone.protect.authenticator import createToken

    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    login(site["portal"], TEST_USER_NAME)
    request = site["portal"].REQUEST
    request.method = "POST"
    request.form.update(
        {
            "form.widgets.consultation_start": "2026-01-10T09:00",
            "form.widgets.consultation_end": "2099-02-10T09:00",
            "form.buttons.save": "Save",
            "_authenticator": createToken(),
        }
    )
    html = site["plan"].restrictedTraverse("@@edit")()
    assert "The consultation cannot open before the privacy notice" in html
    assert "First controller: certified e-mail (PEC)" in html


def test_the_comment_form_says_why_it_is_not_there(functional_portal):
    import requests
    import transaction

    site = open_plan(functional_portal)
    getUtility(IRegistry)["torino.socialplan.legal.chamber_pec"] = None
    transaction.commit()
    html = requests.get(site["chapter"].absolute_url(), timeout=60).text
    assert "The consultation cannot open yet" in html
    assert 'id="socialplan-comment-form"' not in html
