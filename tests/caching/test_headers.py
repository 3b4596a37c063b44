"""Cache headers as plone.app.caching sets them with our profile: public for
anonymous readers of published pages and their REST GETs, private for
anyone logged in, for drafts and for forms."""

from tests.support.contributions import MODERATOR
from urllib.parse import urljoin

import pytest
import re
import requests


def get(url, auth=None, json=False, **headers):
    if json:
        headers["Accept"] = "application/json"
    response = requests.get(url, auth=auth, headers=headers, timeout=30)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cache_control(response):
    return {
        part.strip() for part in response.headers.get("Cache-Control", "").split(",")
    }


@pytest.mark.parametrize("key", ["plan", "chapter", "action", "institution"])
def test_anonymous_page_is_public_for_a_proxy(consultation, key):
    response = get(consultation[key].absolute_url())
    assert cache_control(response) == {"max-age=0", "s-maxage=300", "must-revalidate"}
    assert response.headers["Vary"] == "Accept, Accept-Language"
    assert response.headers["ETag"]


def test_chapter_page_for_anonymous_carries_no_token(consultation):
    """The comment form is on the page for anonymous readers: without a
    CSRF token (plone.protect gives anonymous users none), so the page is
    the same for every anonymous reader and may sit in a shared cache."""
    html = get(consultation["chapter"].absolute_url()).text
    assert 'id="socialplan-comment-form"' in html or "comment-submit" in html
    assert "_authenticator" not in html


def test_logged_in_page_is_private(consultation):
    response = get(consultation["chapter"].absolute_url(), auth=MODERATOR)
    assert "_authenticator" in response.text  # hence never shared
    assert cache_control(response) == {"max-age=0", "must-revalidate", "private"}


def test_draft_is_never_public(consultation):
    response = get(consultation["draft"].absolute_url(), auth=MODERATOR)
    assert "public" not in cache_control(response)
    assert not any(p.startswith("s-maxage") for p in cache_control(response))


def test_forms_are_not_cached(consultation):
    response = get(consultation["action"].absolute_url() + "/@@pledge")
    assert "_authenticator" in response.text
    assert not any(p.startswith("s-maxage") for p in cache_control(response))
    assert "public" not in cache_control(response)


@pytest.mark.parametrize(
    "path",
    [
        "/plan/lavoro",
        "/++api++/plan/lavoro",
        "/plan/lavoro/@comments",
        "/plan/@consultation",
        "/plan/@pledges",
        "/plan/lavoro/formazione/@pledges",
        "/camera",
    ],
)
def test_anonymous_rest_get_is_public_for_a_proxy(consultation, path):
    response = get(consultation["portal"].absolute_url() + path, json=True)
    assert response.headers["Content-Type"].startswith("application/json")
    assert cache_control(response) == {"max-age=0", "s-maxage=60", "must-revalidate"}
    assert "Accept" in response.headers["Vary"]


def test_logged_in_rest_get_is_private(consultation):
    url = consultation["chapter"].absolute_url()
    response = get(url, auth=MODERATOR, json=True)
    assert cache_control(response) == {"max-age=0", "must-revalidate", "private"}


def test_other_rest_gets_keep_their_stock_rule(consultation):
    """Only our texts' GETs are ours: the site root's is not cached by us."""
    response = get(consultation["portal"].absolute_url(), json=True)
    assert "s-maxage=60" not in cache_control(response)


def test_the_thanks_is_the_same_for_everyone(consultation):
    """After the Classic comment form, the page thanks its author at an
    address naming the outcome only (browser/thanks.py): no cookie, nothing
    of the author's in it, so a shared cache may keep it like the page."""
    chapter = consultation["chapter"].absolute_url()
    session = requests.Session()
    form = {
        "text": "Servono più percorsi di formazione.",
        "first_name": "Maria",
        "last_name": "Rossi",
        "organization": "Cooperativa Aurora",
        "organization_type": "social_enterprise",
        "author_email": "maria.rossi@example.org",
        "privacy_consent": "on",
        "form.submitted": "1",
    }
    response = session.post(f"{chapter}/@@comment-submit", data=form, timeout=30)
    assert response.status_code == 200
    assert response.history and response.history[0].status_code == 302
    assert response.url == f"{chapter}?posted=comment-pending#socialplan-thanks"
    assert not response.request.headers.get("Cookie")
    assert "moderat" in response.text  # the thank-you message
    assert "Maria" not in response.text and "Servono" not in response.text
    assert cache_control(response) == {
        "max-age=0",
        "s-maxage=300",
        "must-revalidate",
    }


def test_an_unchanged_page_is_not_sent_again(consultation):
    """Browsers revalidate (max-age=0): 304 while nothing changed, the page
    once a comment is published (the catalog counter is in the ETag)."""
    from plone import api
    from plone.app.discussion.interfaces import IConversation
    from zope.component import createObject

    import transaction

    chapter = consultation["chapter"]
    etag = get(chapter.absolute_url()).headers["ETag"]
    again = requests.get(
        chapter.absolute_url(), headers={"If-None-Match": etag}, timeout=30
    )
    assert again.status_code == 304
    comment = createObject("plone.Comment")
    comment.text = "Un commento pubblicato."
    conversation = IConversation(chapter)
    comment = conversation[conversation.addComment(comment)]
    # Added by a Manager: published at once.
    assert api.content.get_state(obj=comment) == "published"
    transaction.commit()
    changed = requests.get(
        chapter.absolute_url(), headers={"If-None-Match": etag}, timeout=30
    )
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_the_form_shown_again_with_errors_is_not_shared(consultation):
    """A POST with errors shows the page with the sender's own values (the
    e-mail address too): never for a shared cache."""
    chapter = consultation["chapter"].absolute_url()
    form = {
        "text": "Servono più percorsi di formazione.",
        "first_name": "",
        "author_email": "maria.rossi@example.org",
        "form.submitted": "1",
    }
    response = requests.post(f"{chapter}/@@comment-submit", data=form, timeout=30)
    assert response.status_code == 200
    assert "maria.rossi@example.org" in response.text
    assert not {"public", "s-maxage=300"} & cache_control(response)
    assert not any(p.startswith("s-maxage") for p in cache_control(response))


def test_a_new_logo_is_not_answered_with_304(consultation):
    """The promoters' header lives in the registry: changing it edits no
    content and purges nothing, so the ETag must change with it."""
    from plone import api
    from plone.formwidget.namedfile.converter import b64encode_file

    import base64
    import transaction

    # A 1x1 PNG, uploaded as Site setup → Promoting bodies stores it.
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    chapter = consultation["chapter"]
    etag = get(chapter.absolute_url()).headers["ETag"]
    api.portal.set_registry_record(
        "torino.socialplan.identity.chamber_logo", b64encode_file("camera.png", png)
    )
    transaction.commit()
    changed = requests.get(
        chapter.absolute_url(), headers={"If-None-Match": etag}, timeout=30
    )
    assert changed.status_code == 200
    assert "/@@promoter-logo/chamber/" in changed.text


def resource_urls(page):
    found = re.findall(
        r'(?:href|src)="([^"]*\+\+(?:plone|theme|resource)\+\+[^"]*)"', page.text
    )
    return [urljoin(page.url, url) for url in found]


def test_static_resources_are_cached(consultation):
    """Theme files, icons and scripts (plone.resource): a day in browsers
    and proxies, as plone.app.caching's preset recommends."""
    page = get(consultation["chapter"].absolute_url())
    urls = resource_urls(page)
    assert urls
    for url in urls[:5]:
        response = get(url)
        assert "max-age=86400" in cache_control(response), (url, response.headers)
        assert "private" not in cache_control(response)
        assert response.headers.get("Last-Modified")
