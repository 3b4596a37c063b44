"""POST and GET @comments on the Plan, its Chapters and Actions: one path
through the contribution pipeline, and the public never sees an e-mail."""

from plone import api
from tests.support.contributions import conversation_comment
from tests.support.contributions import EMAIL
from tests.support.contributions import publish
from tests.support.contributions import VALID
from tests.support.plans import set_window

import pytest
import transaction


URL = "/plan/lavoro/@comments"


def post(session, data=VALID, url=URL, **kwargs):
    return session.post(url, json=dict(data, **kwargs))


def error_fields(response):
    return {error["field"] for error in response.json()["errors"]}


def comment_ids(session, url=URL):
    response = session.get(url)
    assert response.status_code == 200
    return [item["comment_id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "url",
    ["/plan/@comments", "/plan/lavoro/@comments", "/plan/lavoro/formazione/@comments"],
)
def test_anonymous_post_creates_a_pending_comment(anon_request, consultation, url):
    response = post(anon_request, url=url)
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["review_state"] == "pending"
    assert data["awaiting_confirmation"] is False  # the setting is off
    assert response.headers["Location"] == data["@id"]
    assert data["@id"].endswith(f"{url}/{data['comment_id']}")
    obj = api.content.get(path=url.rsplit("/", 1)[0])
    comment = conversation_comment(obj, data["comment_id"])
    assert api.content.get_state(comment) == "pending"
    assert (comment.first_name, comment.last_name) == ("Maria", "Rossi")
    assert comment.organization == "Cooperativa Aurora"
    assert comment.organization_type == "social_enterprise"
    assert comment.author_email == EMAIL
    assert comment.author_name == "Maria Rossi"
    assert comment.mime_type == "text/plain"
    assert comment.rendered_html == "<p>Servono più percorsi di formazione.</p>"


def test_pending_comment_hidden_from_anonymous_shown_to_manager(
    anon_request, manager_request, consultation
):
    comment_id = post(anon_request).json()["comment_id"]
    assert comment_ids(anon_request) == []
    assert anon_request.get(URL).json()["items_total"] == 0
    assert anon_request.get(f"{URL}/{comment_id}").status_code == 404
    data = manager_request.get(URL).json()
    assert data["items_total"] == 1
    (item,) = data["items"]
    assert item["review_state"] == "pending"
    assert item["author_email"] == EMAIL
    assert item["organization_type"] == {
        "token": "social_enterprise",
        "title": "Social enterprise / cooperative",
    }


def test_missing_fields_are_all_named(anon_request, consultation):
    response = anon_request.post(URL, json={})
    assert response.status_code == 400
    data = response.json()
    assert data["type"] == "ValidationError"
    assert error_fields(response) == {
        "text",
        "first_name",
        "last_name",
        "organization_type",
        "author_email",
        "privacy_consent",
    }
    assert all(error["message"] for error in data["errors"])
    assert conversation_ids(consultation) == []


def conversation_ids(consultation):
    from plone.app.discussion.interfaces import IConversation

    transaction.abort()
    return list(IConversation(consultation["chapter"]).keys())


def test_blank_values_count_as_missing(anon_request, consultation):
    response = post(anon_request, text="   \n  ", first_name=" ", organization="")
    assert response.status_code == 400
    assert error_fields(response) == {"text", "first_name"}


def test_bad_fields_are_all_named(anon_request, consultation):
    response = post(
        anon_request,
        text=42,
        last_name="Rossi\nBianchi",
        organization="x" * 201,
        organization_type="pirate",
        author_email="not-an-address",
        privacy_consent="yes",
    )
    assert response.status_code == 400
    assert error_fields(response) == {
        "text",
        "last_name",
        "organization",
        "organization_type",
        "author_email",
        "privacy_consent",
    }


def test_too_long_text_is_refused_with_the_limit(anon_request, consultation):
    response = post(anon_request, text="a" * 5001)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "text"
    assert "5000" in error["message"]
    assert "5001" in error["message"]
    assert post(anon_request, text="a" * 5000).status_code == 201


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"'])
def test_malformed_json_is_a_400_with_a_message(anon_request, consultation, body):
    response = anon_request.post(
        URL, data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == "The request body is not a JSON object."


def test_filled_honeypot_is_refused(anon_request, consultation):
    response = post(anon_request, website_url="http://spam.example.com")
    assert response.status_code == 400
    assert error_fields(response) == {"website_url"}
    assert conversation_ids(consultation) == []


@pytest.mark.parametrize(
    ("state", "words"), [("upcoming", "not open yet"), ("closed", "closed on")]
)
def test_outside_the_window_comments_and_replies_are_refused(
    anon_request, manager_request, consultation, state, words
):
    plan = consultation["plan"]
    published = post(manager_request).json()["comment_id"]
    set_window(plan, state)
    date = plan.consultation_start if state == "upcoming" else plan.consultation_end
    for url in (URL, f"{URL}/{published}"):
        response = post(anon_request, url=url)
        assert response.status_code == 403, url
        data = response.json()
        assert data["type"] == "ConsultationNotOpen"
        assert words in data["message"]
        assert date.strftime("%d/%m/%Y") in data["message"]
    # Moderators too: the window is the consultation's, not a permission.
    assert post(manager_request).status_code == 403


def test_rate_limit_answers_429_with_retry_after(anon_request, consultation):
    for _ in range(5):
        assert post(anon_request).status_code == 201
    response = post(anon_request)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["type"] == "TooManyRequests"
    # Invalid posts are refused before they count.
    assert post(anon_request, text="").status_code == 400


def test_moderators_are_not_rate_limited(manager_request, consultation):
    for _ in range(6):
        assert post(manager_request).status_code == 201


def test_published_comment_is_public_without_the_email(
    anon_request, request_factory, people, consultation
):
    comment_id = post(anon_request, organization="").json()["comment_id"]
    publish(consultation["chapter"], comment_id)
    member = request_factory(basic_auth=people["member"])
    for session in (anon_request, member):
        listing = session.get(URL)
        single = session.get(f"{URL}/{comment_id}")
        for response in (listing, single):
            assert response.status_code == 200
            assert EMAIL not in response.text
            assert "author_email" not in response.text
        item = single.json()
        assert listing.json()["items"] == [item]
        assert item["first_name"] == "Maria"
        assert item["last_name"] == "Rossi"
        assert item["organization"] is None
        assert item["organization_type"] == {
            "token": "social_enterprise",
            "title": "Social enterprise / cooperative",
        }
        assert item["review_state"] == "published"
        assert item["in_reply_to"] is None
        assert item["creation_date"]
        assert item["text"] == {
            "data": "<p>Servono più percorsi di formazione.</p>",
            "mime-type": "text/html",
        }
    moderator = request_factory(basic_auth=people["moderator"])
    (item,) = moderator.get(URL).json()["items"]
    assert item["author_email"] == EMAIL


def test_rejected_and_spam_comments_are_not_public(
    anon_request, manager_request, consultation
):
    first = post(anon_request).json()["comment_id"]
    second = post(anon_request, text="Compra ora!").json()["comment_id"]
    publish(consultation["chapter"], first, "reject")
    publish(consultation["chapter"], second, "mark_as_spam")
    assert comment_ids(anon_request) == []
    assert anon_request.get(f"{URL}/{first}").status_code == 404
    assert len(comment_ids(manager_request)) == 2


def test_html_and_script_come_out_escaped(anon_request, consultation):
    text = "<script>alert('x')</script>\nseconda riga\n\n<b>Tom & Jerry</b>"
    comment_id = post(anon_request, text=text).json()["comment_id"]
    publish(consultation["chapter"], comment_id)
    item = anon_request.get(f"{URL}/{comment_id}").json()
    assert item["text"]["data"] == (
        "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br />seconda riga</p>"
        "<p>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</p>"
    )


def test_managers_comment_is_published_at_once(
    anon_request, manager_request, consultation
):
    response = post(manager_request)
    assert response.status_code == 201
    assert response.json()["review_state"] == "published"
    assert comment_ids(anon_request) == [response.json()["comment_id"]]


def test_moderators_comment_is_published_at_once(
    request_factory, people, anon_request, consultation
):
    moderator = request_factory(basic_auth=people["moderator"])
    response = post(moderator)
    assert response.json()["review_state"] == "published"
    assert comment_ids(anon_request) == [response.json()["comment_id"]]


def test_members_comment_waits_like_anyones(request_factory, people, consultation):
    member = request_factory(basic_auth=people["member"])
    response = post(member)
    assert response.status_code == 201
    assert response.json()["review_state"] == "pending"
    # Its author owns it, but pending comments are listed to moderators only.
    assert comment_ids(member) == []


def test_reply_to_a_published_comment(anon_request, manager_request, consultation):
    parent = post(manager_request).json()["comment_id"]
    response = post(anon_request, url=f"{URL}/{parent}", text="Sono d'accordo.")
    assert response.status_code == 201
    reply = response.json()["comment_id"]
    publish(consultation["chapter"], reply)
    items = anon_request.get(URL).json()["items"]
    assert [(i["comment_id"], i["in_reply_to"]) for i in items] == [
        (parent, None),
        (reply, parent),
    ]


def test_replies_only_to_comments_one_may_see_and_published(
    anon_request, manager_request, consultation
):
    pending = post(anon_request).json()["comment_id"]
    # Anonymous users cannot see it: it does not exist for them.
    response = post(anon_request, url=f"{URL}/{pending}")
    assert response.status_code == 404
    assert post(anon_request, url=f"{URL}/123").status_code == 404
    assert post(anon_request, url=f"{URL}/nonsense").status_code == 404
    # A moderator sees it, and is told why not.
    response = post(manager_request, url=f"{URL}/{pending}")
    assert response.status_code == 400
    assert error_fields(response) == {"in_reply_to"}


def test_comments_disabled_on_the_content(anon_request, consultation):
    consultation["action"].allow_discussion = False
    transaction.commit()
    response = post(anon_request, url="/plan/lavoro/formazione/@comments")
    assert response.status_code == 403
    assert response.json()["type"] == "CommentsDisabled"


def test_private_content_takes_no_comments(anon_request, consultation):
    api.content.transition(obj=consultation["action"], transition="retract")
    transaction.commit()
    response = post(anon_request, url="/plan/lavoro/formazione/@comments")
    assert response.status_code == 401


def test_anonymous_cannot_patch_or_delete(anon_request, manager_request, consultation):
    comment_id = post(manager_request).json()["comment_id"]
    url = f"{URL}/{comment_id}"
    # Nobody edits a citizen's words (test_comments_not_editable.py).
    assert anon_request.patch(url, json={"text": "Modificato"}).status_code == 405
    assert anon_request.delete(url).status_code == 401
    item = anon_request.get(url).json()
    assert item["text"]["data"] == "<p>Servono più percorsi di formazione.</p>"


def test_items_are_built_from_the_allow_list(
    anon_request, manager_request, consultation
):
    from torino.socialplan.consultation.privacy import PUBLIC_COMMENT_FIELDS

    post(manager_request)
    (item,) = anon_request.get(URL).json()["items"]
    structural = {"@id", "@type", "@parent", "comment_id"}
    permissions = {"is_editable", "is_deletable", "can_reply"}
    assert set(item) == structural | permissions | set(PUBLIC_COMMENT_FIELDS)
    (item,) = manager_request.get(URL).json()["items"]
    assert set(item) == structural | permissions | {
        *PUBLIC_COMMENT_FIELDS,
        "author_email",
    }


def test_can_reply_follows_the_window(anon_request, manager_request, consultation):
    comment_id = post(manager_request).json()["comment_id"]
    data = anon_request.get(URL).json()
    assert data["permissions"]["can_reply"] is True
    assert data["items"][0]["can_reply"] is True
    set_window(consultation["plan"], "closed")
    data = anon_request.get(URL).json()
    assert data["permissions"]["can_reply"] is False
    assert anon_request.get(f"{URL}/{comment_id}").json()["can_reply"] is False
