"""A contribution's fields are its own: one without an outcome, an anchor or
a paragraph does not acquire a page of that name from its containers."""

from plone import api
from tests.support.contributions import publish
from tests.support.contributions import VALID

import pytest
import transaction


NAMES = ("outcome", "outcome_motivation", "anchor", "paragraph", "text_version")


@pytest.fixture
def traps(consultation):
    for name in NAMES:
        api.content.create(
            container=consultation["portal"], type="Document", id=name, title=name
        )
        api.content.transition(obj=consultation["portal"][name], transition="publish")
    transaction.commit()
    return consultation


def test_rest_comment_fields_are_not_acquired(anon_request, traps):
    response = anon_request.post("/plan/lavoro/@comments", json=VALID)
    assert response.status_code == 201, response.text
    publish(traps["chapter"], response.json()["comment_id"])

    listing = anon_request.get("/plan/lavoro/@comments")
    assert listing.status_code == 200, listing.text
    item = listing.json()["items"][0]
    for name in ("outcome", "outcome_motivation", "anchor", "paragraph"):
        assert item[name] is None, name
    assert item["text_version"] in (None, 0)


def test_page_renders_with_traps(anon_request, traps):
    response = anon_request.post("/plan/lavoro/@comments", json=VALID)
    publish(traps["chapter"], response.json()["comment_id"])
    page = anon_request.get(
        traps["chapter"].absolute_url(), headers={"Accept": "text/html"}
    )
    assert page.status_code == 200
