"""A citizen attaches a PDF to an anonymous pledge in Chromium; a moderator
sees it pending, with the author its file names, and publishes it; an
anonymous visitor then downloads it, without that author."""

from io import BytesIO
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pypdf import PdfReader
from tests.position_papers.samples import pdf_bytes
from tests.support.plans import open_plan

import pytest
import transaction


pytestmark = pytest.mark.browser


@pytest.fixture
def plan_url(functional_portal):
    site = open_plan(functional_portal)
    transaction.commit()
    return site["plan"].absolute_url()


def test_a_pledge_with_a_position_paper(chromium, plan_url, tmp_path):
    paper = tmp_path / "posizione.pdf"
    paper.write_bytes(pdf_bytes(author="Mario Rossi"))
    context = chromium.new_context(locale="en-US", accept_downloads=True)
    citizen = context.new_page()
    citizen.goto(f"{plan_url}/@@pledge")
    citizen.get_by_label("First name").fill("Giulia")
    citizen.get_by_label("Surname").fill("Ferraris")
    citizen.get_by_label("Organisation", exact=True).fill("Cooperativa Aurora")
    citizen.get_by_label("Type of organisation").select_option("social_enterprise")
    citizen.get_by_label("E-mail address").fill("giulia@example.org")
    citizen.get_by_label("Formazione").check()
    citizen.get_by_label("How you will contribute").fill("Corsi di formazione.")
    citizen.get_by_label("Position paper").set_input_files(str(paper))
    citizen.get_by_label("I consent to the processing of my personal data").check()
    citizen.get_by_role("button", name="Send your pledge").click()
    citizen.wait_for_load_state("networkidle")
    assert "after moderation" in citizen.content()

    moderator = context.browser.new_page(locale="en-US")
    moderator.goto(plan_url.rsplit("/", 1)[0] + "/login")
    moderator.fill("#__ac_name", SITE_OWNER_NAME)
    moderator.fill("#__ac_password", SITE_OWNER_PASSWORD)
    moderator.keyboard.press("Enter")
    moderator.wait_for_load_state("networkidle")
    moderator.goto(f"{plan_url}/@@moderation?type=pledge")
    rows = moderator.locator("tbody tr", has_text="Corsi di formazione.")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert "Position paper" in row and "Mario Rossi" in row  # pending, seen
    paper_url = rows.first.get_by_role("link", name="Position paper").get_attribute(
        "href"
    )
    rows.first.locator("input[type=checkbox]").check()
    moderator.get_by_role("button", name="Publish").first.click()
    moderator.wait_for_load_state("networkidle")
    assert "published: 1" in moderator.content()
    moderator.close()

    visitor = chromium.new_context(locale="en-US", accept_downloads=True)
    page = visitor.new_page()
    page.goto(plan_url)
    with page.expect_download() as download_info:
        # An attachment: the browser downloads it, never shows it.
        page.evaluate("url => { location.href = url }", paper_url)
    download = download_info.value
    assert download.suggested_filename == "position-paper.pdf"
    data = download.path().read_bytes()
    assert b"Mario Rossi" not in data
    assert "/Author" not in (PdfReader(BytesIO(data)).metadata or {})
    visitor.close()
    context.close()
