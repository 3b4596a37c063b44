"""The "Contribute to this action" form (Classic UI, no JavaScript) and the
pledges on the Action page, through plain HTTP as a browser would send."""

from datetime import timedelta
from plone import api
from tests.participation.pledges import EMAIL
from tests.participation.pledges import pledges_in
from tests.support.contributions import MODERATOR
from torino.socialplan.base.window import now_in_rome

import lxml.html
import pytest
import requests
import transaction


THANKS = "Thank you: your pledge will be published after moderation."


@pytest.fixture
def site(pledge_site):
    return pledge_site


@pytest.fixture
def browser():
    session = requests.Session()
    session.headers["Accept"] = "text/html"
    yield session
    session.close()


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.text)


def text(element):
    return " ".join(element.text_content().split())


def form_data(site, **changes):
    data = {
        "form.submitted": "1",
        "first_name": "Giulia",
        "last_name": "Verdi",
        "organization": "Cooperativa Stella",
        "organization_type": "social_enterprise",
        "email": EMAIL,
        "actions:list": [site["a"].UID()],
        "contribution": "Two tutors for the training courses.",
        "resources.count": "3",
        "resources.0.kind": "Premises",
        "resources.0.description": "A meeting room",
        "resources.0.value": "10 days",
        "resources.1.kind": "",
        "resources.1.description": "",
        "resources.1.value": "",
        "resources.2.kind": "",
        "resources.2.description": "",
        "resources.2.value": "",
        "privacy_consent": "1",
        "website_url": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def form_url(obj):
    return f"{obj.absolute_url()}/@@pledge"


class TestForm:
    def test_on_an_action(self, site, browser):
        tree = page(browser.get(form_url(site["a"])))
        assert text(tree.xpath("//h1")[0]) == "Contribute to this action"
        form = tree.xpath("//form[contains(@class, 'socialplan-form')]")[0]
        assert form.get("method") == "post"
        labels = {text(label) for label in form.xpath(".//label")}
        for label in ("First name", "Surname", "Organisation", "E-mail address"):
            assert label in labels
        for name in ("first_name", "last_name", "organization_type", "email"):
            label = form.xpath(f".//label[@for='pledge-{name}']")[0]
            assert label.xpath(".//span[@class='required']"), name
        assert not form.xpath(".//label[@for='pledge-organization']//span")
        assert "Never published" in text(form)
        checkboxes = form.xpath(".//input[@name='actions:list']")
        assert [(c.get("value"), c.get("checked")) for c in checkboxes] == [
            (site["a"].UID(), "checked"),
            (site["b"].UID(), None),
        ]
        privacy = api.portal.get().absolute_url() + "/privacy-notice"
        assert form.xpath(f".//a[@href='{privacy}']")
        honeypot = form.xpath(".//input[@name='website_url']")[0]
        assert honeypot.get("tabindex") == "-1"
        assert honeypot.xpath("ancestor::div[@aria-hidden='true']")
        assert "visually-hidden" in honeypot.getparent().get("class")

    def test_on_the_plan_lists_published_actions_by_code(self, site, browser):
        tree = page(browser.get(form_url(site["plan"])))
        checkboxes = tree.xpath("//input[@name='actions:list']")
        assert [c.get("checked") for c in checkboxes] == [None, None]
        labels = [text(c.getparent()) for c in checkboxes]
        assert labels == ["A.1.1 Job placement network", "A.1.2 Training for tutors"]
        assert "Secret draft measure" not in tree.text_content()
        assert "Foreign action" not in tree.text_content()

    def test_creates_a_pending_pledge(self, site, browser):
        response = browser.post(form_url(site["a"]), data=form_data(site))
        assert response.history and response.history[0].status_code == 302
        # Back to the Action, at the thanks (browser/thanks.py).
        assert response.url == (
            site["a"].absolute_url() + "?posted=pledge-pending#socialplan-thanks"
        )
        assert THANKS in response.text
        [pledge] = pledges_in(site["plan"])
        assert api.content.get_state(pledge) == "pending"
        assert pledge.first_name == "Giulia"
        assert pledge.email == EMAIL
        assert [rel.to_object for rel in pledge.actions] == [site["a"]]
        assert pledge.resources == [
            {"kind": "Premises", "description": "A meeting room", "value": "10 days"}
        ]
        # Pending: not on the Action page.
        assert EMAIL not in response.text
        assert "Cooperativa Stella" not in response.text

    def test_as_a_signed_in_moderator(self, site, browser):
        # The form carries the CSRF token Plone checks for signed-in users.
        browser.auth = MODERATOR
        tree = page(browser.get(form_url(site["plan"])))
        [token] = tree.xpath("//input[@name='_authenticator']/@value")
        data = form_data(site, _authenticator=token)
        response = browser.post(form_url(site["plan"]), data=data)
        assert response.url.startswith(site["plan"].absolute_url() + "?posted=")
        assert THANKS in response.text
        [pledge] = pledges_in(site["plan"])
        assert api.content.get_state(pledge) == "pending"

    def test_field_errors(self, site, browser):
        data = form_data(
            site,
            first_name="",
            email="not-an-address",
            organization_type="",
            privacy_consent=None,
            **{"actions:list": None},
        )
        tree = page(browser.post(form_url(site["a"]), data=data))
        errors = {
            div.get("id"): text(div)
            for div in tree.xpath("//div[contains(@class, 'invalid-feedback')]")
        }
        assert set(errors) == {
            "pledge-first_name-error",
            "pledge-organization_type-error",
            "pledge-email-error",
            "pledge-actions-error",
            "pledge-privacy_consent-error",
        }
        assert (
            errors["pledge-email-error"]
            == "Enter a valid e-mail address, like name@example.org."
        )
        # Each message sits in its field's wrapper, with what was typed kept.
        field = tree.xpath("//*[@id='formfield-email']")[0]
        assert field.xpath(".//*[@id='pledge-email-error']")
        assert field.xpath(".//input/@value") == ["not-an-address"]
        assert field.xpath(".//input/@aria-invalid") == ["true"]
        assert tree.xpath("//input[@name='last_name']/@value") == ["Verdi"]
        assert tree.xpath("//input[@name='resources.0.kind']/@value") == ["Premises"]
        assert THANKS not in tree.text_content()
        assert pledges_in(site["plan"]) == []

    def test_honeypot_error_at_the_top(self, site, browser):
        data = form_data(site, website_url="https://spam.example.com")
        tree = page(browser.post(form_url(site["a"]), data=data))
        alert = tree.xpath("//div[@role='alert']")[0]
        assert "trap for spam robots" in text(alert)
        assert pledges_in(site["plan"]) == []

    def test_rate_limit_at_the_top(self, site, browser):
        for _ in range(5):
            browser.post(form_url(site["a"]), data=form_data(site))
        tree = page(browser.post(form_url(site["a"]), data=form_data(site)))
        assert "Too many contributions" in text(tree.xpath("//div[@role='alert']")[0])
        assert len(pledges_in(site["plan"])) == 5

    @pytest.mark.parametrize("state", ["upcoming", "closed"])
    def test_hidden_outside_the_window(self, site, browser, state):
        plan = site["plan"]
        now = now_in_rome()
        if state == "upcoming":
            plan.consultation_start = now + timedelta(days=3)
            plan.consultation_end = now + timedelta(days=30)
            expected = "not open yet"
        else:
            plan.consultation_start = now - timedelta(days=30)
            plan.consultation_end = now - timedelta(days=3)
            expected = "closed on"
        transaction.commit()
        tree = page(browser.get(form_url(site["a"])))
        assert not tree.xpath("//form[contains(@class, 'socialplan-form')]")
        assert expected in text(tree.xpath("//*[@role='status']")[0])
        # Posting anyway changes nothing.
        tree = page(browser.post(form_url(site["a"]), data=form_data(site)))
        assert THANKS not in tree.text_content()
        assert pledges_in(plan) == []
        action_page = page(browser.get(site["a"].absolute_url()))
        assert not action_page.xpath(f"//a[@href='{form_url(site['a'])}']")


class TestActionPage:
    def test_links_the_form_while_open(self, site, browser):
        tree = page(browser.get(site["a"].absolute_url()))
        link = tree.xpath(f"//a[@href='{form_url(site['a'])}']")
        assert [text(a) for a in link] == ["Contribute to this action"]

    def test_lists_published_pledges_without_email(self, site, browser):
        browser.post(form_url(site["a"]), data=form_data(site))
        browser.post(
            form_url(site["plan"]),
            data=form_data(
                site,
                first_name="Marco",
                **{"actions:list": [site["b"].UID()]},
            ),
        )
        for pledge in pledges_in(site["plan"]):
            api.content.transition(obj=pledge, transition="publish")
        transaction.commit()
        response = browser.get(site["a"].absolute_url())
        assert EMAIL not in response.text
        tree = page(response)
        [item] = tree.xpath("//li[@class='socialplan-pledge-item']")
        assert text(item.xpath("h3")[0]) == "Giulia Verdi – Cooperativa Stella"
        assert "Social enterprise / cooperative" in text(item)
        assert "Two tutors for the training courses." in text(item)
        assert "Premises: A meeting room (10 days)" in text(item)
        assert "Outcome" not in text(item)
        # Marco named A.1.2 only.
        assert "Marco" not in text(tree)
        other = browser.get(site["b"].absolute_url())
        assert "Marco Verdi" in other.text
        assert EMAIL not in other.text

    def test_shows_the_outcome_of_a_pledge(self, site, browser):
        browser.post(form_url(site["a"]), data=form_data(site))
        [pledge] = pledges_in(site["plan"])
        api.content.transition(obj=pledge, transition="publish")
        pledge.outcome = "partly_accepted"
        pledge.outcome_motivation = "Si terrà conto dei tutor."
        transaction.commit()
        [item] = page(browser.get(site["a"].absolute_url())).xpath(
            "//li[@class='socialplan-pledge-item']"
        )
        assert "Outcome: Partly accepted — Si terrà conto dei tutor." in text(item)
