"""The whole loop of issue 26 in Chromium: an editor opens the consultation,
a citizen comments on a paragraph from an Italian phone (375 px) and asks to
be told the outcome, a moderator publishes, the window closes, the editor
rewrites the passage, both promoting bodies record their acts, the Plan is
approved, the moderator gives the outcome and links it to the change, the
outcomes are published: the citizen's mail reaches an SMTP server on
loopback, in Italian, and an anonymous visitor sees the change with the
comment on "How the Plan changed"."""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import life
from tests.support.browser import phone_context
from tests.support.browser import select_text
from tests.support.plans import set_window
from tests.support.plans import window_dates
from tests.support.smtp import free_port
from tests.support.smtp import smtp_server_on
from tests.support.users import PASSWORD
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation import plan_stages
from torino.socialplan.consultation.outcomes import record_outcomes

import base64
import pytest
import subprocess
import time
import transaction


pytestmark = pytest.mark.browser

CITIZEN_EMAIL = "cittadina-loop-2d9@example.org"
PASSAGE = "fondo rotativo"
CITIZEN_TEXT = "Meglio un fondo di garanzia, per chi non ha capitale."
MOTIVATION = "Il Piano prevede ora un fondo di garanzia."
REVISED = CHAPTER_TEXT.replace("un fondo rotativo", "un fondo di garanzia")


@pytest.fixture
def smtp_server():
    port = free_port()
    with smtp_server_on(port) as server:
        yield server, port


@pytest.fixture
def loop_site(functional_portal, smtp_server):
    """The report's consultation (tests/plan_life/life.py) not yet open, the
    site in Italian and English as create_site.py makes it, its MailHost
    sending to the loopback server."""
    portal = functional_portal
    registry = portal.portal_registry
    registry["plone.available_languages"] = ["it", "en"]
    registry["plone.default_language"] = "en"
    registry["plone.use_request_negotiation"] = True
    _server, port = smtp_server
    host = portal.MailHost
    host.smtp_host, host.smtp_port, host.smtp_queue = "127.0.0.1", port, False
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", "piano@example.org")
    api.portal.set_registry_record("plone.email_from_name", "Piano")
    c = life(portal)
    set_window(c.plan, "upcoming", commit=False)
    transaction.commit()
    return c


def login_context(chromium, who):
    """A desktop context as ``who`` (basic auth on every request: Plone
    answers an anonymous request with its login form, not a challenge)."""
    token = base64.b64encode(f"{who}:{PASSWORD}".encode()).decode()
    return chromium.new_context(
        locale="en-US", extra_http_headers={"Authorization": f"Basic {token}"}
    )


def fresh(c):
    transaction.abort()
    return api.content.get(path="/".join(c.plan.getPhysicalPath()))


def move_on(page, plan_url, stage_title):
    page.goto(plan_url + "/@@plan-life")
    page.locator("button[name=move_on]").click()
    page.get_by_text("The Plan moved on to").first.wait_for()
    assert stage_title in page.content()


def test_the_whole_loop(loop_site, chromium, rest, smtp_server):
    c = loop_site
    server, _port = smtp_server
    plan_url = c.plan.absolute_url()
    chapter_url = c.content["lavoro"].absolute_url()

    # The site's editor-in-chief opens the consultation: its window's dates
    # (REST, as the edit form stores them; a published Plan is edited by
    # Managers, not by the plan-editors group).
    start, end = window_dates("open")
    response = rest("manager").patch(
        "/piano",
        json={
            "consultation_start": as_rome(start).isoformat(),
            "consultation_end": as_rome(end).isoformat(),
        },
    )
    assert response.status_code == 204, response.text
    assert plan_stages.stage(fresh(c)) == "consultation"

    # A citizen on an Italian phone selects the passage on the fund,
    # comments on it and asks to be told the outcome.
    phone = phone_context(chromium, locale="it-IT")
    page = phone.new_page()
    page.goto(chapter_url)
    assert page.locator("html").get_attribute("lang") == "it"
    page.get_by_text(PASSAGE).first.scroll_into_view_if_needed()
    select_text(page, PASSAGE)
    page.locator(".socialplan-selection-button").tap()
    form = page.locator("#socialplan-inline-form")
    form.locator("[name=text]").fill(CITIZEN_TEXT)
    form.locator("[name=first_name]").fill("Giulia")
    form.locator("[name=last_name]").fill("Ferraris")
    form.locator("[name=organization_type]").select_option("citizen")
    form.locator("[name=author_email]").fill(CITIZEN_EMAIL)
    form.locator("[name=privacy_consent]").check()
    box = form.locator("[name=outcome_mail_opt_in]")
    assert not box.is_checked()
    box.check()
    form.locator("button[type=submit]").tap()
    thanks = page.locator(".socialplan-inline-panel .socialplan-inline-thanks")
    thanks.wait_for()
    page.wait_for_function(
        """() => document.querySelector(
            ".socialplan-inline-panel .socialplan-inline-thanks").textContent.trim()"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    phone.close()

    # The moderator publishes it.
    moderator = login_context(chromium, "moderator")
    page = moderator.new_page()
    page.goto(plan_url + "/@@moderation")
    row = page.locator("#moderation-form tr", has_text="Giulia Ferraris")
    row.locator("input[name='items:list']").check()
    page.locator("button[name=transition][value=publish]").first.click()
    page.wait_for_load_state()
    transaction.abort()
    (citizen,) = [
        b._unrestrictedGetObject()
        for b in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="Discussion Item", review_state="published"
        )
        if b._unrestrictedGetObject().text == CITIZEN_TEXT
    ]
    assert citizen.anchor["exact"] == PASSAGE
    assert citizen.contribution_language == "it"
    assert citizen.outcome_mail_opt_in is True

    # The window closes; the editor moves the Plan on to the analysis (the
    # consulted text pinned) and rewrites the passage.
    setRoles(c.portal, TEST_USER_ID, ["Manager"])
    set_window(fresh(c), "closed")
    editor = login_context(chromium, "plan_editor")
    editor_page = editor.new_page()
    move_on(editor_page, plan_url, "Analysis of the contributions")
    response = rest("manager").patch(
        "/piano/lavoro",
        json={"text": {"data": REVISED, "content-type": "text/html"}},
    )
    assert response.status_code == 204, response.text

    # Both promoting bodies record their acts, each body's editor its own.
    for who, body in (
        ("chamber_editor", "Giunta camerale"),
        ("city_editor", "Consiglio metropolitano"),
    ):
        context = login_context(chromium, who)
        body_page = context.new_page()
        body_page.goto(plan_url + "/@@plan-life")
        body_page.locator("[name=deciding_body]").fill(body)
        body_page.locator("[name=act_number]").fill("12/2026")
        body_page.locator("[name=act_date]").fill("2026-03-01")
        body_page.locator("[name=act_url]").fill("https://example.org/atto.pdf")
        body_page.locator("button[name=record_approval]").click()
        body_page.get_by_text("Approval recorded.").wait_for()
        context.close()
    move_on(editor_page, plan_url, "Approved")

    # The moderator gives the outcome and links it to the change.
    page = moderator.new_page()
    page.goto(plan_url + "/@@outcomes")
    row = page.locator("#outcomes-form tr", has_text="Giulia Ferraris")
    row.locator("select").select_option("accepted")
    row.locator("textarea").fill(MOTIVATION)
    row.locator("button[name=save_one]").click()
    page.wait_for_load_state()
    page.goto(chapter_url + "/@@how-the-plan-changed")
    item = page.locator(".socialplan-change-contributions li", has_text=CITIZEN_TEXT)
    item.get_by_role("button", name="Link this outcome to the change").click()
    page.wait_for_load_state()
    item = page.locator(".socialplan-change-contributions li", has_text=CITIZEN_TEXT)
    item.get_by_text("linked to this change by the moderators").wait_for()
    moderator.close()
    # The fixture's other contributions get theirs at once (the page above
    # showed how).
    transaction.abort()
    plan = fresh(c)
    from plone.app.testing import login

    login(c.portal, "moderator")
    missing = [
        b._unrestrictedGetObject().absolute_url()
        for b in plan_stages.missing_outcomes(plan)
    ]
    record_outcomes(plan, missing, "not_accepted", "Non pertinente.")
    transaction.commit()

    # The editor publishes the outcomes: the citizen is told, in Italian.
    move_on(editor_page, plan_url, "Outcomes published")
    editor.close()
    deadline = time.time() + 20
    while time.time() < deadline and not any(
        CITIZEN_EMAIL in r[0] and b"Esiti" in r[1] for r in server.received
    ):
        time.sleep(0.2)
    mails = [
        message_from_bytes(data)
        for rcpttos, data in server.received
        if CITIZEN_EMAIL in rcpttos
    ]
    told = [
        m
        for m in mails
        if str(make_header(decode_header(m["Subject"]))).startswith("Esiti")
    ]
    assert len(told) == 1, [m["Subject"] for m in mails]
    body = (
        told[0]
        .get_payload(decode=True)
        .decode(told[0].get_content_charset() or "utf-8")
    )
    assert "Il tuo contributo:" in body and "Accolto" in body
    assert MOTIVATION in body and "@@how-the-plan-changed#change-" in body

    # Anyone sees the change with the comment, its outcome and motivation.
    visitor = chromium.new_context(locale="en-US")
    page = visitor.new_page()
    page.goto(chapter_url + "/@@how-the-plan-changed")
    change = page.locator(".socialplan-change", has_text=CITIZEN_TEXT)
    text = change.inner_text()
    assert "garanzia" in text and "Accepted" in text and MOTIVATION in text
    assert "linked to this change by the moderators" in text
    assert CITIZEN_EMAIL not in page.content()
    visitor.close()

    # The synopsis for the governing bodies, built from its page: its text
    # holds the change and the comment behind it, not the address.
    editor = login_context(chromium, "plan_editor")
    page = editor.new_page()
    page.goto(plan_url + "/@@synopsis?lang=it")
    page.get_by_role("button", name="Build the synopsis").click()
    link = page.get_by_role("link", name="Download the synopsis (PDF)")
    link.wait_for(timeout=90_000)  # the page follows the build, then reloads
    with page.expect_download() as download:
        link.click()
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        )
        .stdout.decode("utf-8")
        .split()
    )
    assert "fondo di garanzia" in text and CITIZEN_TEXT in text
    assert MOTIVATION in text and CITIZEN_EMAIL not in text
    editor.close()
