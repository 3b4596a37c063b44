"""A paper's words are in its contribution's ``SearchableText``: the site
search finds a published comment or Pledge by them; a pending one is found
by nobody's search (its text waits for a decision, and catalog security
hides it from Anonymous), and the author's e-mail address never is."""

from plone import api
from plone.app.testing import logout
from tests.position_papers.samples import docx_bytes
from tests.position_papers.samples import pdf_bytes
from tests.support.contributions import EMAIL
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit

import pytest


PLEDGE_EMAIL = "pledge-private-9d3a@example.org"


def found(words):
    return {
        brain.getObject().absolute_url()
        for brain in api.portal.get_tool("portal_catalog")(SearchableText=words)
    }


def post(kind, context, data):
    guards.reset_rate_limits()
    return submit(kind, context, data, context.REQUEST)


@pytest.fixture
def papers(portal):
    site = open_plan(portal)
    logout()  # anonymous authors: their contributions wait for moderation
    published = post(
        "comment",
        site["chapter"],
        dict(
            VALID,
            text="In allegato la nostra posizione.",
            position_paper=pdf_bytes(text="Microcredito quartierale Barriera"),
        ),
    )
    pending = post(
        "comment",
        site["chapter"],
        dict(
            VALID,
            text="Anche noi alleghiamo un documento.",
            position_paper=pdf_bytes(text="Cohousing intergenerazionale Vanchiglia"),
        ),
    )
    pledge = post(
        "pledge",
        site["action"],
        {
            "first_name": "Anna",
            "last_name": "Bianchi",
            "organization_type": "social_enterprise",
            "email": PLEDGE_EMAIL,
            "contribution": "Due tutor per i corsi.",
            "privacy_consent": True,
            "position_paper": docx_bytes(text="Sartoria sociale Aurora Falchera"),
        },
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=published, transition="publish")
        api.content.transition(obj=pledge, transition="publish")
    return {"published": published, "pending": pending, "pledge": pledge}


def test_the_search_finds_published_contributions_by_their_papers(papers):
    logout()
    assert found("Microcredito Barriera") == {papers["published"].absolute_url()}
    assert found("Sartoria Falchera") == {papers["pledge"].absolute_url()}
    assert found("tutor") == {papers["pledge"].absolute_url()}
    # Pending: nobody finds it by its words, Anonymous least of all.
    assert found("Cohousing Vanchiglia") == set()
    with api.env.adopt_roles(["Manager"]):
        assert found("Cohousing Vanchiglia") == set()
        # The e-mail addresses are never words of a contribution.
        for address in (EMAIL, PLEDGE_EMAIL):
            assert found(f'"{address}"') == set()
            assert found(address.split("@")[0]) == set()


def test_a_published_then_recalled_paper_leaves_the_search(papers):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=papers["pending"], transition="publish")
    logout()
    assert found("Cohousing Vanchiglia") == {papers["pending"].absolute_url()}
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=papers["pending"], transition="recall")
    assert found("Cohousing Vanchiglia") == set()
