"""Optional e-mail confirmation: with the site setting on, a contribution
reaches moderators only after its author confirms it through the one-time
link mailed to them; unconfirmed ones expire and are deleted."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from tests.participation.moderation import queue
from tests.participation.moderation import sent
from tests.support.users import acting_as
from tests.support.users import ANONYMOUS
from torino.socialplan.browser.confirm import ConfirmContributionView
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.contributions.events import IConfirmationRequested
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import getGlobalSiteManager
from zope.interface import Interface

import hashlib
import pytest
import re
import requests
import transaction


AUTHOR = "author-marker-9d2e@example.org"
COMMENT = {
    "text": "Più tirocini nelle cooperative.",
    "first_name": "Nora",
    "last_name": "Bassi",
    "organization": "Cooperativa Luce",
    "organization_type": "social_enterprise",
    "author_email": AUTHOR,
    "privacy_consent": True,
}
LINK = re.compile(r"(\S+/@@confirm-contribution\?token=([A-Za-z0-9_-]+))")

THANKS_COMMENT = (
    "Thank you: your comment is confirmed and will be published after moderation."
)
THANKS_PLEDGE = (
    "Thank you: your pledge is confirmed and will be published after moderation."
)


def pledge_data(action):
    return {
        "first_name": "Ugo",
        "last_name": "Neri",
        "organization": "Fondazione Ponte",
        "organization_type": "foundation",
        "email": AUTHOR,
        "actions": [action.UID()],
        "contribution": "Due tutor per i corsi.",
        "privacy_consent": True,
    }


@pytest.fixture
def site(moderated_by_mail):
    return moderated_by_mail


@pytest.fixture
def required(site):
    api.portal.set_registry_record(confirmation.REQUIRED_RECORD, True)
    return site


def comment_as_anonymous(site, target="training", now=None, data=COMMENT):
    with acting_as(site["portal"], ANONYMOUS):
        return submit(
            "comment", site[target], dict(data), site["portal"].REQUEST, now=now
        )


def pledge_as_anonymous(site, now=None):
    with acting_as(site["portal"], ANONYMOUS):
        return submit(
            "pledge",
            site["training"],
            pledge_data(site["training"]),
            site["portal"].REQUEST,
            now=now,
        )


def queue_ids(site):
    return [item["@id"] for item in queue(site["plan"])["items"]]


def moderator_mails(mailbox):
    return [m for m in sent(mailbox) if m["to"] != AUTHOR]


def author_mails(mailbox):
    return [m for m in sent(mailbox) if m["to"] == AUTHOR]


def token_of(mailbox):
    (mail,) = author_mails(mailbox)
    return LINK.search(mail["body"]).group(2)


def call_view(site, token, method="GET"):
    """The confirm view as the anonymous author; (status, html)."""
    portal = site["portal"]
    request = portal.REQUEST
    request.other["method"] = method
    request.form.clear()
    if token is not None:
        request.form["token"] = token
    request.response.setStatus(200)
    with acting_as(portal, ANONYMOUS):
        html = ConfirmContributionView(portal, request)()
    return request.response.getStatus(), html


# The setting


def test_the_setting_is_off_by_default_with_48_hours(portal):
    assert api.portal.get_registry_record(confirmation.REQUIRED_RECORD) is False
    assert api.portal.get_registry_record(confirmation.HOURS_RECORD) == 48
    assert confirmation.required() is False


def test_setting_off_contributions_go_straight_to_the_moderators(site, mailbox):
    comment = comment_as_anonymous(site)
    pledge = pledge_as_anonymous(site)
    assert not confirmation.is_awaiting(comment)
    assert not confirmation.is_awaiting(pledge)
    assert {comment.absolute_url(), pledge.absolute_url()} <= set(queue_ids(site))
    assert author_mails(mailbox) == []
    assert len(moderator_mails(mailbox)) == 2  # one moderator with an address
    assert confirmation.TOKENS_KEY not in IAnnotations(site["portal"])


# Setting on: submission


def test_comment_waits_for_its_author_mailed_a_link(required, mailbox):
    site = required
    comment = comment_as_anonymous(site)
    assert confirmation.is_awaiting(comment)
    assert api.content.get_state(comment) == "pending"
    (mail,) = author_mails(mailbox)
    assert mail["subject"] == "Confirm your comment"
    url, token = LINK.search(mail["body"]).groups()
    portal_url = site["portal"].absolute_url()
    assert url == f"{portal_url}/@@confirm-contribution?token={token}"
    assert "Training" in mail["body"]
    assert moderator_mails(mailbox) == []
    assert comment.absolute_url() not in queue_ids(site)
    for brain in moderation.queue_entries(site["plan"], kind="comment"):
        assert brain.getPath() != "/".join(comment.getPhysicalPath())


def test_pledge_waits_for_its_author_mailed_a_link(required, mailbox):
    site = required
    pledge = pledge_as_anonymous(site)
    assert confirmation.is_awaiting(pledge)
    assert api.content.get_state(pledge) == "pending"
    (mail,) = author_mails(mailbox)
    assert mail["subject"] == "Confirm your pledge"
    assert LINK.search(mail["body"])
    assert moderator_mails(mailbox) == []
    assert pledge.absolute_url() not in queue_ids(site)


def test_only_the_hash_of_the_token_is_stored(required, mailbox):
    site = required
    comment = comment_as_anonymous(site)
    pledge = pledge_as_anonymous(site)
    tokens = confirmation._tokens()
    for obj, mail in zip((comment, pledge), author_mails(mailbox), strict=True):
        token = LINK.search(mail["body"]).group(2)
        digest = hashlib.sha256(token.encode()).hexdigest()
        assert getattr(obj, confirmation.HASH) == digest
        assert digest in tokens
        stored = repr(vars(obj)) + repr(list(tokens.items()))
        assert token not in stored


def test_moderators_contributions_need_no_confirmation(required, mailbox):
    site = required
    with acting_as(site["portal"], "moderator"):
        comment = submit(
            "comment", site["training"], dict(COMMENT), site["portal"].REQUEST
        )
    assert not confirmation.is_awaiting(comment)
    assert author_mails(mailbox) == []


# Setting on: the confirm page


def test_get_shows_the_contribution_but_does_not_confirm(required, mailbox):
    site = required
    comment = comment_as_anonymous(site)
    token = token_of(mailbox)
    status, html = call_view(site, token)
    assert status == 200
    assert "Confirm your comment" in html
    assert COMMENT["text"] in html
    assert 'method="post"' in html
    assert AUTHOR not in html
    assert confirmation.is_awaiting(comment)
    assert comment.absolute_url() not in queue_ids(site)
    assert moderator_mails(mailbox) == []


def test_post_confirms_and_tells_the_moderators(required, mailbox):
    site = required
    comment = comment_as_anonymous(site)
    token = token_of(mailbox)
    status, html = call_view(site, token, "POST")
    assert status == 200
    assert THANKS_COMMENT in html
    assert AUTHOR not in html
    assert not confirmation.is_awaiting(comment)
    assert not hasattr(comment, confirmation.HASH)
    assert api.content.get_state(comment) == "pending"
    assert comment.absolute_url() in queue_ids(site)
    (mail,) = moderator_mails(mailbox)
    assert mail["to"] == "moderator@example.org"
    assert mail["subject"] == "New comment to moderate on Training"
    assert COMMENT["text"] in mail["body"]


def test_confirmed_pledge_reaches_the_queue(required, mailbox):
    site = required
    pledge = pledge_as_anonymous(site)
    status, html = call_view(site, token_of(mailbox), "POST")
    assert status == 200
    assert THANKS_PLEDGE in html
    assert not confirmation.is_awaiting(pledge)
    assert pledge.absolute_url() in queue_ids(site)
    (mail,) = moderator_mails(mailbox)
    assert mail["subject"].startswith("New pledge to moderate")


def test_a_used_token_is_refused(required, mailbox):
    site = required
    comment_as_anonymous(site)
    token = token_of(mailbox)
    assert call_view(site, token, "POST")[0] == 200
    mailbox.reset()
    for method in ("POST", "GET"):
        status, html = call_view(site, token, method)
        assert status == 404
        assert "This confirmation link is not valid" in html
        assert "Thank you" not in html
    assert moderator_mails(mailbox) == []


@pytest.mark.parametrize("token", [None, "", "short", "x" * 43, "y" * 500])
def test_unknown_tokens_are_refused(required, token):
    status, html = call_view(required, token, "POST")
    assert status == 404
    assert "This confirmation link is not valid" in html


# Expiry


def expire(obj):
    """Make the token of ``obj`` expired an hour ago."""
    digest = getattr(obj, confirmation.HASH)
    tokens = confirmation._tokens()
    path, _expires = tokens[digest]
    tokens[digest] = (path, datetime.now(UTC).timestamp() - 3600)


def test_an_expired_link_is_refused_and_its_comment_deleted(required, mailbox):
    site = required
    comment = comment_as_anonymous(site)
    comment_id = comment.id
    expire(comment)
    status, html = call_view(site, token_of(mailbox), "GET")
    assert status == 410
    assert "This confirmation link has expired" in html
    assert int(comment_id) not in IConversation(site["training"])
    assert moderator_mails(mailbox) == []


def test_an_expired_pledge_is_deleted_on_confirm(required, mailbox):
    site = required
    pledge = pledge_as_anonymous(site)
    pledge_id = pledge.getId()
    expire(pledge)
    status, _html = call_view(site, token_of(mailbox), "POST")
    assert status == 410
    assert pledge_id not in site["plan"].objectIds()
    assert moderator_mails(mailbox) == []


def test_the_link_expires_after_the_configured_hours(required, mailbox):
    site = required
    api.portal.set_registry_record(confirmation.HOURS_RECORD, 2)
    comment_as_anonymous(site)
    token = token_of(mailbox)
    soon = datetime.now(UTC) + timedelta(hours=1)
    assert confirmation.check(token, now=soon) is not None
    later = datetime.now(UTC) + timedelta(hours=2, minutes=1)
    with pytest.raises(confirmation.ExpiredToken):
        confirmation.confirm(token, now=later)
    with pytest.raises(confirmation.InvalidToken):
        confirmation.check(token, now=soon)


def test_a_new_submission_cleans_up_expired_ones(required, mailbox):
    site = required
    old_comment = comment_as_anonymous(site)
    old_id = old_comment.id
    old_pledge = pledge_as_anonymous(site)
    old_pledge_id = old_pledge.getId()
    later = datetime.now(UTC) + timedelta(hours=49)
    new = comment_as_anonymous(site, target="work", now=later)
    conversation = IConversation(site["training"])
    assert int(old_id) not in conversation
    assert old_pledge_id not in site["plan"].objectIds()
    assert confirmation.is_awaiting(new)
    assert list(confirmation._tokens().values()) == [
        (
            "/".join(new.getPhysicalPath()),
            getattr(new, confirmation.EXPIRES).timestamp(),
        )
    ]


def test_cleanup_keeps_what_a_moderator_already_decided(required, mailbox):
    site = required
    comment = comment_as_anonymous(site)
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [comment.absolute_url()], "publish")
    assert confirmation.cleanup(datetime.now(UTC) + timedelta(hours=49)) == 1
    assert api.content.get_state(comment) == "published"
    assert not confirmation.is_awaiting(comment)


# Over HTTP, as the author's browser


@pytest.fixture
def http_site(functional_portal, pledge_site):
    site = pledge_site
    api.portal.set_registry_record(confirmation.REQUIRED_RECORD, True)
    links = []

    # The test thread's mail is not the server's: take the link at the source.
    @adapter(Interface, IConfirmationRequested)
    def keep_link(obj, event):
        links.append(event.url)

    registry = getGlobalSiteManager()
    registry.registerHandler(keep_link)
    try:
        data = pledge_data(site["a"])
        data["email"] = AUTHOR
        request = functional_portal.REQUEST
        with acting_as(functional_portal, ANONYMOUS):
            pledge = submit("pledge", site["a"], data, request)
        transaction.commit()
    finally:
        registry.unregisterHandler(keep_link)
    site.update(portal=functional_portal, pledge=pledge, link=links[0])
    return site


def test_over_http_get_then_post_then_reuse(http_site):
    site = http_site
    session = requests.Session()
    portal_url = site["portal"].absolute_url()
    token = site["link"].split("token=")[1]
    page = session.get(
        f"{portal_url}/@@confirm-contribution", params={"token": token}, timeout=30
    )
    assert page.status_code == 200
    assert "Confirm your pledge" in page.text
    assert AUTHOR not in page.text
    assert page.headers["Cache-Control"] == "no-store"
    transaction.begin()
    assert confirmation.is_awaiting(site["pledge"])

    done = session.post(
        f"{portal_url}/@@confirm-contribution",
        data={"token": token, "form.confirm": ""},
        timeout=30,
    )
    assert done.status_code == 200
    assert THANKS_PLEDGE in done.text
    assert AUTHOR not in done.text
    transaction.begin()
    assert not confirmation.is_awaiting(site["pledge"])

    again = session.post(
        f"{portal_url}/@@confirm-contribution", data={"token": token}, timeout=30
    )
    assert again.status_code == 404
    assert "This confirmation link is not valid" in again.text


def test_over_http_an_expired_link_answers_410(http_site):
    site = http_site
    pledge_id = site["pledge"].getId()
    expire(site["pledge"])
    transaction.commit()
    token = site["link"].split("token=")[1]
    response = requests.get(site["link"], timeout=30)
    assert response.status_code == 410
    assert "This confirmation link has expired" in response.text
    transaction.begin()
    assert pledge_id not in site["plan"].objectIds()
    assert token not in response.text


def test_over_rest_the_answer_says_it_awaits_confirmation(http_site):
    action = http_site["a"]
    data = pledge_data(action)
    data["email"] = "another.author@example.org"
    response = requests.post(
        f"{action.absolute_url()}/@pledges",
        json=data,
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    assert response.json()["review_state"] == "pending"
    assert response.json()["awaiting_confirmation"] is True
