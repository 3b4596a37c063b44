"""A position paper kept on a comment: pending, nobody but moderators
downloads it; published, anyone does, as an attachment, without the
author's name; its text counts for campaigns."""

from io import BytesIO
from plone import api
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pypdf import PdfReader
from tests.position_papers.samples import pdf_bytes
from tests.support.contributions import post_comment
from tests.support.plans import open_plan
from torino.socialplan.consultation.campaigns.plan_campaigns import text_of
from torino.socialplan.consultation.position_papers.attachment import attach

import transaction


def test_a_paper_is_downloaded_once_published_without_its_author(
    functional_portal, request_factory
):
    site = open_plan(functional_portal)
    logout()
    comment = post_comment(site, "Allego la posizione della nostra cooperativa.")
    document = attach(comment, pdf_bytes(author="Mario Rossi"))
    assert document.personal == {"Author": "Mario Rossi"}
    assert "Cooperativa Aurora" in text_of(comment)
    transaction.commit()
    url = comment.absolute_url() + "/@@position-paper"
    path = url.split("/plone", 1)[1]

    anonymous = request_factory()
    assert anonymous.get(path).status_code in (401, 403, 404)
    owner = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert owner.get(path).status_code == 200

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="publish")
    transaction.commit()
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="position-paper.pdf"'
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"Mario Rossi" not in response.content
    reader = PdfReader(BytesIO(response.content))
    assert "/Author" not in (reader.metadata or {})
    assert anonymous.post(path).status_code == 405


def test_the_published_paper_is_linked_from_the_page_and_rest(
    functional_portal, request_factory
):
    site = open_plan(functional_portal)
    logout()
    comment = post_comment(site, "La nostra posizione, in allegato al commento.")
    attach(comment, pdf_bytes(author="Mario Rossi"))
    transaction.commit()
    link = comment.absolute_url() + "/@@position-paper"
    content = comment.__parent__.__parent__
    page_path = content.absolute_url().split("/plone", 1)[1]
    anonymous = request_factory()
    pages = request_factory(api=False)
    # Pending: the page and @comments say nothing of it.
    html = {"Accept": "text/html"}
    assert link not in pages.get(page_path, headers=html).text

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="publish")
    transaction.commit()
    page = pages.get(page_path, headers=html).text
    assert f'href="{link}"' in page
    assert "PDF," in page
    items = anonymous.get(
        f"{page_path}/@comments", headers={"Accept": "application/json"}
    ).json()["items"]
    [paper] = [item["position_paper"] for item in items if item["position_paper"]]
    assert paper["url"] == link
    assert paper["content_type"] == "application/pdf"
    assert "Mario Rossi" not in str(items)
