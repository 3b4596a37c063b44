"""The comments below a Plan, Chapter or Action page (Classic UI): the
published ones, threaded, and a plain HTML form, driven by zope.testbrowser
as a browser without JavaScript would."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from tests.support.contributions import EMAIL
from tests.support.contributions import MEMBER
from tests.support.plans import set_window

import lxml.html
import pytest
import transaction


THANKS = "Thank you: your comment will be published after moderation."

FILLED = {
    "text": "Servono più percorsi\ndi formazione.",
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization": "Cooperativa Aurora",
    "author_email": EMAIL,
}


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    return browser


def tree(browser):
    return lxml.html.fromstring(browser.contents)


def text(element):
    return " ".join(element.text_content().split())


def fill(browser, consent=True, organization_type="social_enterprise", **values):
    for name, value in dict(FILLED, **values).items():
        browser.getControl(name=name).value = value
    browser.getControl(name="organization_type").value = [organization_type]
    browser.getControl(name="privacy_consent").controls[0].selected = consent


def comments_of(obj):
    transaction.abort()
    return list(IConversation(obj).values())


def add_published(manager_request, url, **values):
    """A comment by a Manager: published at once. ``url`` is @comments or
    @comments/<id> (a reply) under the portal."""
    data = {
        "text": "Un commento.",
        "first_name": "Luca",
        "last_name": "Bianchi",
        "organization": "",
        "organization_type": "citizen",
        "author_email": EMAIL,
        "privacy_consent": True,
    }
    response = manager_request.post(url, json=dict(data, **values))
    assert response.json()["review_state"] == "published", response.text
    return response.json()["comment_id"]


def test_the_form_while_open(browser, consultation):
    browser.open(consultation["chapter"].absolute_url())
    page = tree(browser)
    (form,) = page.xpath("//form[@id='socialplan-comment-form']")
    assert form.get("method") == "post"
    assert form.get("action").startswith(
        consultation["chapter"].absolute_url() + "/@@comment-submit"
    )
    labels = {
        label.get("for"): (text(label), bool(label.xpath(".//span[@class='required']")))
        for label in form.xpath(".//label")
    }
    assert labels == {
        "comment-text": ("Comment", True),
        "comment-position_paper": (
            "Position paper (optional: PDF, ODT or DOCX)",
            False,
        ),
        "comment-first_name": ("First name", True),
        "comment-last_name": ("Surname", True),
        "comment-organization": ("Organisation", False),
        "comment-organization_type": ("Type of organisation", True),
        "comment-author_email": ("E-mail address", True),
        "comment-website_url": ("Website (leave empty)", False),
        "comment-privacy_consent": (
            "I consent to the processing of my personal data",
            True,
        ),
        # Optional, unchecked: issue 26's box.
        "comment-outcome_mail_opt_in": (
            "Tell me the outcome of my contribution by e-mail",
            False,
        ),
    }
    assert not form.xpath(".//input[@name='outcome_mail_opt_in'][@checked]")
    email_help = text(page.get_element_by_id("comment-author_email-help"))
    assert "Never published" in email_help
    (privacy_link,) = page.xpath("//*[@id='comment-privacy_consent-help']/a")
    assert (
        privacy_link.get("href")
        == consultation["portal"].absolute_url() + "/privacy-notice"
    )
    # The honeypot: out of sight, out of the tab order, never autofilled.
    honeypot = page.get_element_by_id("comment-website_url")
    wrapper = honeypot.getparent()
    assert wrapper.get("aria-hidden") == "true"
    assert "visually-hidden" in wrapper.get("class")
    assert "left: -10000px" in wrapper.get("style")
    assert honeypot.get("tabindex") == "-1"
    assert honeypot.get("autocomplete") == "off"
    # Anonymous users are not asked for a CSRF token.
    assert not page.xpath(
        "//form[@id='socialplan-comment-form']//input[@name='_authenticator']"
    )
    assert "No comments have been published yet." in text(page)


@pytest.mark.parametrize("key", ["plan", "action"])
def test_the_form_on_plans_and_actions(browser, consultation, key):
    browser.open(consultation[key].absolute_url())
    assert tree(browser).xpath("//form[@id='socialplan-comment-form']")


def test_errors_next_to_their_fields(browser, consultation):
    browser.open(consultation["chapter"].absolute_url())
    fill(
        browser,
        consent=False,
        organization_type="",
        text="",
        first_name="",
        author_email="not-an-address",
    )
    browser.getControl("Send comment").click()
    page = tree(browser)
    errors = {
        element.get("id"): text(element)
        for element in page.xpath("//div[contains(@class, 'invalid-feedback')]")
    }
    assert errors == {
        "comment-text-error": "Write your comment.",
        "comment-first_name-error": "Enter your first name.",
        "comment-organization_type-error": "Choose the type of organisation.",
        "comment-author_email-error": "Enter a valid e-mail address, like name@example.org.",
        "comment-privacy_consent-error": "Consent to the processing of personal data is required.",
    }
    for name in ("text", "first_name", "author_email"):
        field = page.get_element_by_id(f"comment-{name}")
        assert field.get("aria-invalid") == "true"
        assert f"comment-{name}-error" in field.get("aria-describedby")
    # What was typed is kept.
    assert browser.getControl(name="last_name").value == "Rossi"
    assert browser.getControl(name="organization").value == "Cooperativa Aurora"
    assert comments_of(consultation["chapter"]) == []


def test_a_comment_goes_in_pending(browser, consultation):
    chapter = consultation["chapter"]
    browser.open(chapter.absolute_url())
    fill(browser)
    browser.getControl("Send comment").click()
    assert browser.url.startswith(chapter.absolute_url())
    assert "@@comment-submit" not in browser.url
    assert THANKS in browser.contents
    (comment,) = comments_of(chapter)
    assert api.content.get_state(comment) == "pending"
    assert comment.text == "Servono più percorsi\ndi formazione."
    assert comment.author_email == EMAIL
    assert comment.organization_type == "social_enterprise"
    # Not on the page until a moderator publishes it.
    assert "Servono" not in text(tree(browser).get_element_by_id("socialplan-comments"))


def test_filled_honeypot_creates_nothing(browser, consultation):
    browser.open(consultation["chapter"].absolute_url())
    fill(browser)
    browser.getControl(name="website_url").value = "http://spam.example.com"
    browser.getControl("Send comment").click()
    assert "a trap for spam robots" in browser.contents
    assert browser.getControl(name="website_url").value == ""
    assert comments_of(consultation["chapter"]) == []


def test_published_comments_threaded_without_email(
    browser, manager_request, consultation
):
    url = "/plan/lavoro/@comments"
    first = add_published(
        manager_request,
        url,
        text="<script>alert(1)</script>\n\nSecondo paragrafo",
        organization="Coop Sole",
    )
    second = add_published(manager_request, url, first_name="Anna")
    reply = add_published(manager_request, f"{url}/{first}", first_name="Carla")
    browser.open(consultation["chapter"].absolute_url())
    assert EMAIL not in browser.contents
    page = tree(browser)
    top = page.xpath("//ol[@class='socialplan-comment-list']/li")
    assert [li.get("id") for li in top] == [f"comment-{first}", f"comment-{second}"]
    author = text(top[0].xpath(".//p[@class='socialplan-comment__author']")[0])
    assert author == "Luca Bianchi · Coop Sole"
    assert top[0].xpath(".//time/@datetime")
    body = top[0].xpath(".//div[@class='socialplan-comment__text']")[0]
    assert [text(p) for p in body.xpath("./p")] == [
        "<script>alert(1)</script>",
        "Secondo paragrafo",
    ]
    assert not page.xpath("//script[contains(text(), 'alert(1)')]")
    (nested,) = top[0].xpath("./ol[@class='socialplan-comment-replies']/li")
    assert nested.get("id") == f"comment-{reply}"
    # No organisation: the type says who they are.
    assert "Carla Bianchi · Citizen" in text(nested)


@pytest.mark.parametrize(
    ("state", "words"),
    [
        ("upcoming", "The consultation is not open yet: it opens on"),
        ("closed", "The consultation closed on"),
    ],
)
def test_outside_the_window_no_form_comments_readable(
    browser, manager_request, consultation, state, words
):
    plan = consultation["plan"]
    add_published(manager_request, "/plan/lavoro/@comments", text="Resta leggibile.")
    set_window(plan, state)
    date = plan.consultation_start if state == "upcoming" else plan.consultation_end
    browser.open(consultation["chapter"].absolute_url())
    section = tree(browser).get_element_by_id("socialplan-comments")
    (status,) = section.xpath(".//p[@role='status']")
    assert words in text(status)
    assert date.strftime("%d/%m/%Y") in text(status)
    assert not section.xpath(".//form")
    assert not section.xpath(".//a[contains(@href, 'reply_to')]")
    assert "Resta leggibile." in text(section)


def test_a_form_posted_after_closing_is_refused(browser, consultation):
    chapter = consultation["chapter"]
    browser.open(chapter.absolute_url())
    fill(browser)
    set_window(consultation["plan"], "closed")
    browser.getControl("Send comment").click()
    assert "The consultation closed on" in browser.contents
    assert comments_of(chapter) == []


def test_reply_through_the_reply_link(browser, manager_request, consultation):
    chapter = consultation["chapter"]
    parent = add_published(manager_request, "/plan/lavoro/@comments")
    browser.open(chapter.absolute_url())
    browser.getLink(url=f"reply_to={parent}").click()
    form = tree(browser).get_element_by_id("socialplan-comment-form")
    assert text(form.xpath(".//h3")[0]) == "Reply to Luca Bianchi"
    fill(browser, text="Sono d'accordo.")
    browser.getControl("Send comment").click()
    assert THANKS in browser.contents
    reply = next(c for c in comments_of(chapter) if c.text == "Sono d'accordo.")
    assert reply.in_reply_to == int(parent)
    assert api.content.get_state(reply) == "pending"


def test_a_reply_with_errors_stays_a_reply(browser, manager_request, consultation):
    parent = add_published(manager_request, "/plan/lavoro/@comments")
    browser.open(f"{consultation['chapter'].absolute_url()}?reply_to={parent}")
    fill(browser, text="")
    browser.getControl("Send comment").click()
    assert browser.getControl(name="in_reply_to").value == parent
    assert "Write your comment." in browser.contents


def test_members_post_with_a_csrf_token(browser, people, consultation):
    chapter = consultation["chapter"]
    browser.addHeader("Authorization", "Basic {}:{}".format(*MEMBER))
    browser.open(chapter.absolute_url())
    assert browser.getControl(name="_authenticator").value
    fill(browser)
    browser.getControl("Send comment").click()
    assert THANKS in browser.contents
    (comment,) = comments_of(chapter)
    assert comment.author_username == MEMBER[0]
    assert api.content.get_state(comment) == "pending"


def test_members_post_without_a_token_is_forbidden(browser, people, consultation):
    browser.addHeader("Authorization", "Basic {}:{}".format(*MEMBER))
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.post(
        f"{consultation['chapter'].absolute_url()}/@@comment-submit",
        "text=Ciao&first_name=A&last_name=B&organization_type=citizen"
        f"&author_email={EMAIL}&privacy_consent=1",
    )
    assert browser.headers["status"].startswith("403")
    assert comments_of(consultation["chapter"]) == []


def test_managers_comment_is_published_at_once(browser, consultation):
    chapter = consultation["chapter"]
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(chapter.absolute_url())
    fill(browser, text="Pubblicato subito.")
    browser.getControl("Send comment").click()
    assert "Your comment has been published." in browser.contents
    (comment,) = comments_of(chapter)
    assert api.content.get_state(comment) == "published"
    # The thanks next to the form, with a link to the comment.
    assert browser.url.endswith("#socialplan-thanks")
    thanks = tree(browser).get_element_by_id("socialplan-thanks")
    assert thanks.xpath(".//a/@href") == [f"#comment-{comment.comment_id}"]
    listed = tree(browser).get_element_by_id(f"comment-{comment.comment_id}")
    assert "Pubblicato subito." in text(listed)
