"""GET @comments lists threads depth first, as stock does, but reads the
order from the conversation and visibility from the catalog: pending
comments are left out for the public and shown to moderators in place."""

from tests.support.contributions import publish
from tests.support.contributions import VALID


URL = "/plan/lavoro/@comments"


def post(session, text, reply_to=None):
    url = f"{URL}/{reply_to}" if reply_to else URL
    response = session.post(url, json=dict(VALID, text=text))
    assert response.status_code == 201, response.text
    return response.json()["comment_id"]


def texts(response):
    assert response.status_code == 200, response.text
    return [item["text"]["data"] for item in response.json()["items"]]


def test_thread_order_and_visibility(
    anon_request, request_factory, people, consultation
):
    chapter = consultation["chapter"]
    first = post(anon_request, "Primo")
    publish(chapter, first)
    second = post(anon_request, "Secondo")
    publish(chapter, second)
    publish(chapter, post(anon_request, "Risposta al primo", reply_to=first))
    post(anon_request, "In attesa")  # stays pending
    publish(chapter, post(anon_request, "Risposta al secondo", reply_to=second))

    public = anon_request.get(URL)
    assert texts(public) == [
        "<p>Primo</p>",
        "<p>Risposta al primo</p>",
        "<p>Secondo</p>",
        "<p>Risposta al secondo</p>",
    ]
    assert public.json()["items_total"] == 4

    moderator = request_factory(basic_auth=people["moderator"])
    assert "<p>In attesa</p>" in texts(moderator.get(URL))
    assert moderator.get(URL).json()["items_total"] == 5

    page = anon_request.get(URL, params={"b_size": 2, "b_start": 2})
    assert texts(page) == ["<p>Secondo</p>", "<p>Risposta al secondo</p>"]
