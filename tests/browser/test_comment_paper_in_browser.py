"""A position paper on a comment in Chromium: the whole-page form refuses a
file that is not a document (with its message, next to the field) and takes
a DOCX; the inline form (a copy of the same form) takes an ODT. Both are
stored pending with their comment, without the names their files carry."""

from io import BytesIO
from plone.app.discussion.interfaces import IConversation
from tests.browser.inline import drag_select
from tests.browser.inline import EMAIL
from tests.position_papers.samples import docx_bytes
from tests.position_papers.samples import odt_bytes

import pytest
import transaction
import zipfile


pytestmark = pytest.mark.browser

PENDING = "will be published after moderation"


@pytest.fixture(scope="class")
def browser(chromium):
    context = chromium.new_context(locale="en-US")
    yield context
    context.close()


def fill_person(form):
    form.get_by_label("First name").fill("Giulia")
    form.get_by_label("Surname").fill("Ferraris")
    form.get_by_label("Type of organisation").select_option("citizen")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("I consent to the processing of my personal data").check()


def unzipped(data):
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def stored(site, text):
    transaction.abort()
    found = [c for c in IConversation(site.chapter).values() if c.text == text]
    return found[0] if found else None


class TestCommentPaper:
    def test_whole_page_form_refuses_then_takes_a_docx(
        self, inline_site, browser, tmp_path
    ):
        fake = tmp_path / "posizione.docx"
        fake.write_bytes(b"Solo testo, non un documento.\n" * 20)
        paper = tmp_path / "posizione.docx"
        page = browser.new_page()
        page.goto(inline_site.url)
        form = page.locator("#socialplan-comment-form")
        text = "La nostra posizione sul piano, in allegato."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_label("Position paper").set_input_files(str(fake))
        form.get_by_role("button", name="Send comment").click()
        page.wait_for_load_state("networkidle")
        error = page.locator("#comment-position_paper-error")
        assert error.is_visible()
        assert error.inner_text() == "Only PDF, ODT and DOCX documents are accepted."
        # The summary links to the field; nothing was stored.
        summary = page.locator("#socialplan-comment-errors")
        assert summary.get_by_role("link", name="Position paper").count() == 1
        assert stored(inline_site, text) is None

        paper.write_bytes(docx_bytes(creator="Mario Rossi", company="Aurora scs"))
        form = page.locator("#socialplan-comment-form")
        # The text and person are shown again; the file is chosen again.
        assert form.get_by_label("Comment", exact=True).input_value() == text
        form.get_by_label("Position paper").set_input_files(str(paper))
        form.get_by_label("I consent to the processing of my personal data").check()
        form.get_by_role("button", name="Send comment").click()
        page.wait_for_load_state("networkidle")
        assert PENDING in page.content()
        comment = stored(inline_site, text)
        assert comment.position_paper.contentType == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert comment.position_paper.filename == "position-paper.docx"
        assert b"Mario Rossi" not in unzipped(comment.position_paper.data)
        assert comment.position_paper_personal["creator"] == "Mario Rossi"
        page.close()

    def test_inline_form_takes_an_odt(self, inline_site, browser, tmp_path):
        paper = tmp_path / "proposta.odt"
        paper.write_bytes(odt_bytes(creator="Mario Rossi"))
        page = browser.new_page()
        page.goto(inline_site.url)
        drag_select(page, "cooperative sociali")
        page.get_by_role("button", name="Comment on the selected passage").click()
        form = page.locator("#socialplan-inline-form")
        text = "Il nostro documento sulle cooperative."
        form.get_by_label("Comment", exact=True).fill(text)
        fill_person(form)
        form.get_by_label("Position paper").set_input_files(str(paper))
        form.get_by_role("button", name="Send comment").click()
        page.locator(".socialplan-inline-panel .socialplan-inline-thanks").get_by_text(
            PENDING
        ).wait_for()
        comment = stored(inline_site, text)
        assert comment.anchor["exact"] == "cooperative sociali"
        assert comment.position_paper.contentType == (
            "application/vnd.oasis.opendocument.text"
        )
        assert b"Mario Rossi" not in unzipped(comment.position_paper.data)
        page.close()
