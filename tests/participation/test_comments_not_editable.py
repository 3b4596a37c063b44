"""PATCH @comments/{id} is refused on the Plan's texts, whoever asks and
whatever the site's "edit comments" setting: a citizen's words are published
as written (stock PATCH would skip the consultation's validation)."""

from plone import api
from tests.support.contributions import conversation_comment
from tests.support.contributions import publish
from tests.support.contributions import VALID

import pytest
import transaction


URL = "/plan/lavoro/@comments"


@pytest.fixture
def published(anon_request, consultation):
    response = anon_request.post(URL, json=VALID)
    assert response.status_code == 201, response.text
    comment_id = response.json()["comment_id"]
    publish(consultation["chapter"], comment_id)
    # Even where the site lets editors change comments.
    transaction.begin()
    api.portal.set_registry_record(
        "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled",
        True,
    )
    transaction.commit()
    return comment_id


@pytest.mark.parametrize("who", ["anon_request", "manager_request"])
def test_patch_is_refused(request, consultation, published, who):
    session = request.getfixturevalue(who)
    response = session.patch(f"{URL}/{published}", json={"text": "Parole nuove."})
    assert response.status_code == 405, response.text
    assert response.headers["Allow"] == "GET, POST, DELETE"
    assert response.json()["type"] == "MethodNotAllowed"
    assert "cannot be edited" in response.json()["message"]
    comment = conversation_comment(consultation["chapter"], published)
    assert comment.text == VALID["text"]


def test_patch_without_an_id_is_refused(manager_request, consultation, published):
    assert manager_request.patch(URL, json={"text": "x"}).status_code == 405
