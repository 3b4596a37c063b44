"""A position paper sent over REST with a comment: refused with its message
when bad; kept pending with its comment, its author's name shown to the
moderators only; downloaded by anyone once published, without it."""

from io import BytesIO
from plone import api
from plone.app.discussion.interfaces import IConversation
from pypdf import PdfReader
from tests.position_papers.samples import docx_bytes
from tests.position_papers.samples import pdf_bytes
from tests.support.contributions import add_people
from tests.support.contributions import MODERATOR
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan.consultation import guards

import base64
import pytest
import transaction


URL = "/plan/lavoro/@comments"


def encoded(data):
    return {"data": base64.b64encode(data).decode(), "encoding": "base64"}


@pytest.fixture
def plan(functional_portal):
    site = open_plan(functional_portal)
    add_people()
    transaction.commit()
    return site


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"GIF89a not a document", "Only PDF, ODT and DOCX"),
        (pdf_bytes(encrypt=True), "encrypted"),
        (b"%PDF-1.4 garbage", "damaged"),
    ],
)
def test_a_bad_file_is_refused_with_its_message(plan, request_factory, data, words):
    guards.reset_rate_limits()
    response = request_factory().post(
        URL,
        json=dict(VALID, position_paper=encoded(data)),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400, response.text
    assert words in response.text
    assert "position_paper" in response.text


def test_a_paper_goes_pending_then_public_without_its_author(plan, request_factory):
    guards.reset_rate_limits()
    anonymous = request_factory()
    response = anonymous.post(
        URL,
        json=dict(VALID, position_paper=encoded(pdf_bytes(author="Mario Rossi"))),
    )
    assert response.status_code == 201, response.text
    comment_id = response.json()["comment_id"]
    transaction.begin()
    comment = IConversation(plan["chapter"])[int(comment_id)]
    path = comment.absolute_url().split("/plone", 1)[1] + "/@@position-paper"
    assert anonymous.get(path).status_code in (401, 403, 404)

    moderator = request_factory(basic_auth=MODERATOR)
    (item,) = moderator.get("/plan/@moderation").json()["items"]
    assert item["position_paper"]["personal"] == {"Author": "Mario Rossi"}
    assert item["position_paper"]["content_type"] == "application/pdf"

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="publish")
    transaction.commit()
    download = anonymous.get(path)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert b"Mario Rossi" not in download.content
    assert "/Author" not in (PdfReader(BytesIO(download.content)).metadata or {})
    # The public view of the comment does not carry the paper's metadata.
    public = anonymous.get(URL).text
    assert "Mario Rossi" not in public


def test_a_docx_with_a_comment_is_accepted(plan, request_factory):
    guards.reset_rate_limits()
    response = request_factory().post(
        URL, json=dict(VALID, position_paper=encoded(docx_bytes()))
    )
    assert response.status_code == 201, response.text
