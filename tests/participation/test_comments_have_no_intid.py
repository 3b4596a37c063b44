"""Comments have no intid (discussion/intids.py): a post writes nothing to
the intid utility, and what asks intids of everything under a text (link
integrity's delete check, Classic and REST) still works, and still finds the
links to the text itself."""

from plone import api
from plone.app.textfield.value import RichTextValue
from tests.support.contributions import conversation_comment
from tests.support.contributions import VALID
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import transaction


def intids():
    return getUtility(IIntIds)


def post_comment(anon_request):
    response = anon_request.post("/plan/lavoro/@comments", json=VALID)
    assert response.status_code == 201, response.text
    return response.json()["comment_id"]


def test_a_posted_comment_gets_no_intid(anon_request, consultation):
    transaction.abort()
    registered = len(intids().ids)
    comment_id = post_comment(anon_request)
    comment = conversation_comment(consultation["chapter"], comment_id)
    assert intids().queryId(comment) is None
    assert len(intids().ids) == registered
    # Content keeps its intid: relations point to it.
    assert intids().queryId(consultation["chapter"]) is not None


def test_deleting_a_text_with_comments_is_checked_for_links(
    anon_request, manager_request, consultation
):
    post_comment(anon_request)
    transaction.abort()  # see what the server committed
    chapter = consultation["chapter"]
    # A page that links to the Chapter: its deletion would break that link.
    api.content.create(
        container=consultation["portal"],
        type="Document",
        id="rimandi",
        title="Rimandi al Piano",
        text=RichTextValue(
            f'<p><a href="{chapter.absolute_url()}">Lavoro</a></p>',
            "text/html",
            "text/x-html-safe",
        ),
    )
    transaction.commit()
    page = manager_request.get("/plan/lavoro/delete_confirmation")
    assert page.status_code == 200, page.text[:2000]
    assert "Rimandi al Piano" in page.text
    response = manager_request.get(
        f"/@linkintegrity?uids={api.content.get_uuid(chapter)}"
    )
    assert response.status_code == 200, response.text
    [breaches] = response.json()
    assert [s["title"] for s in breaches["breaches"]] == ["Rimandi al Piano"]


def test_a_text_linking_to_a_comment_is_saved(
    anon_request, manager_request, consultation
):
    comment_id = post_comment(anon_request)
    url = (
        f"{consultation['chapter'].absolute_url()}/++conversation++default/{comment_id}"
    )
    response = manager_request.post(
        "/",
        json={
            "@type": "Document",
            "id": "citazione",
            "title": "Una proposta",
            "text": {
                "data": f'<p><a href="{url}">una proposta</a></p>',
                "content-type": "text/html",
                "encoding": "utf-8",
            },
        },
    )
    assert response.status_code == 201, response.text
    response = manager_request.get("/plan/lavoro/delete_confirmation")
    assert response.status_code == 200


def test_a_comment_is_deleted(anon_request, manager_request, consultation):
    comment_id = post_comment(anon_request)
    response = manager_request.delete(f"/plan/lavoro/@comments/{comment_id}")
    assert response.status_code == 204, response.text
    transaction.abort()
    assert (
        int(comment_id)
        not in consultation["chapter"]
        .__annotations__["plone.app.discussion:conversation"]
        ._comments
    )
