"""The box "Tell me the outcome of my contribution by e-mail": one path for
the forms and REST (@comments, @pledges), stored private with the language
the person wrote in, erased with the other identifiers."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.testing.zope import Browser
from tests.support.contributions import conversation_comment
from tests.support.contributions import VALID
from torino.socialplan.consultation.contributions.outcome_opt_in import LANGUAGE
from torino.socialplan.consultation.contributions.outcome_opt_in import OPT_IN
from torino.socialplan.consultation.personal_data import places

import pytest
import transaction


URL = "/plan/lavoro/@comments"


@pytest.fixture
def bilingual(consultation):
    """The languages as scripts/create_site.py sets them: Italian first,
    English, the page's language negotiated from the browser's."""
    registry = consultation["portal"].portal_registry
    registry["plone.available_languages"] = ["it", "en"]
    registry["plone.default_language"] = "it"
    registry["plone.use_request_negotiation"] = True
    transaction.commit()
    return consultation


def test_rest_comment_stores_opt_in_and_language(anon_request, bilingual):
    consultation = bilingual
    response = anon_request.post(
        URL,
        json=dict(VALID, outcome_mail_opt_in=True),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 201, response.text
    comment = conversation_comment(
        consultation["chapter"], response.json()["comment_id"]
    )
    assert getattr(comment, OPT_IN) is True
    assert getattr(comment, LANGUAGE) == "en"
    # Private: in no public view of the comment.
    api.content.transition(obj=comment, transition="publish")
    transaction.commit()
    listed = anon_request.get(URL).json()["items"]
    assert listed and all(OPT_IN not in item for item in listed)
    assert OPT_IN not in anon_request.get(URL).text
    assert LANGUAGE not in anon_request.get(URL).text


def test_rest_default_is_no_and_italian_page_is_italian(anon_request, bilingual):
    consultation = bilingual
    response = anon_request.post(
        URL, json=dict(VALID), headers={"Accept-Language": "it"}
    )
    assert response.status_code == 201, response.text
    comment = conversation_comment(
        consultation["chapter"], response.json()["comment_id"]
    )
    assert getattr(comment, OPT_IN) is False
    assert getattr(comment, LANGUAGE) == "it"


def test_rest_bad_opt_in_is_a_400_naming_the_field(anon_request, consultation):
    response = anon_request.post(
        URL,
        json=dict(VALID, outcome_mail_opt_in="yes", first_name=""),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400, response.text
    fields = {e["field"] for e in response.json()["errors"]}
    # Reported with the other fields' errors, and nothing stored.
    assert fields == {OPT_IN, "first_name"}
    transaction.abort()
    assert anon_request.get(URL).json()["items_total"] == 0


def test_rest_pledge_stores_opt_in(anon_request, bilingual):
    consultation = bilingual
    action = consultation["action"]
    response = anon_request.post(
        "/plan/@pledges",
        json={
            "first_name": "Anna",
            "last_name": "Verdi",
            "organization": "Cooperativa Sole",
            "organization_type": "social_enterprise",
            "email": "anna-4e2@example.org",
            "contribution": "Offriamo spazi per i corsi.",
            "actions": [api.content.get_uuid(action)],
            "privacy_consent": True,
            "outcome_mail_opt_in": True,
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 201, response.text
    transaction.abort()
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(portal_type="Pledge")
    pledge = brain._unrestrictedGetObject()
    assert getattr(pledge, OPT_IN) is True
    assert getattr(pledge, LANGUAGE) == "en"


def test_the_form_box_is_there_unchecked_and_stored(functional_app, bilingual):
    consultation = bilingual
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Accept-Language", "en")
    browser.open(consultation["chapter"].absolute_url())
    form = browser.getForm(id="socialplan-comment-form")
    box = form.getControl(name=OPT_IN)
    assert box.value == [] or box.value is False or not box.selected
    assert "Tell me the outcome of my contribution by e-mail" in browser.contents
    form.getControl(name="text").value = "Più corsi serali."
    form.getControl(name="first_name").value = "Luca"
    form.getControl(name="last_name").value = "Neri"
    form.getControl(name="author_email").value = "luca-71c@example.org"
    form.getControl(name="organization").value = "Cooperativa Aurora"
    form.getControl(name="organization_type").value = ["social_enterprise"]
    form.getControl(name="privacy_consent").value = ["1"]
    form.getControl(name=OPT_IN).value = ["1"]
    form.submit()
    transaction.abort()
    chapter = api.content.get(path="/plan/lavoro")
    comments = list(IConversation(chapter).values())
    assert len(comments) == 1
    assert getattr(comments[0], OPT_IN) is True
    assert getattr(comments[0], LANGUAGE) == "en"


def test_erasure_clears_opt_in_and_language(anon_request, consultation):
    response = anon_request.post(URL, json=dict(VALID, outcome_mail_opt_in=True))
    assert response.status_code == 201, response.text
    comment = conversation_comment(
        consultation["chapter"], response.json()["comment_id"]
    )
    kind = places.kind_of(comment)
    assert places.has_identifiers(kind, comment)
    assert places.erase_identifiers(kind, comment)
    assert OPT_IN not in comment.__dict__
    assert LANGUAGE not in comment.__dict__
