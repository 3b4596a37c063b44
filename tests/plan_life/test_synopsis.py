"""The synopsis PDF (@@synopsis, @synopsis): who may build and read it, the
build outside the request with its progress, its text (pdftotext), bad
input; and the outcome figures on the results page, the report and
@consultation."""

from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import close
from tests.plan_life.life import walk_to_published
from tests.report.consultation import EMAIL
from torino.socialplan.consultation import synopsis

import json
import lxml.html
import subprocess
import time
import transaction


REVISED = CHAPTER_TEXT.replace(
    "un fondo rotativo", "un fondo di garanzia e un fondo rotativo"
)


def pdf_text(data):
    done = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pdf_bytes(b):
    """The testbrowser's body as bytes (it decodes what is not HTML)."""
    contents = b.contents
    return contents if isinstance(contents, bytes) else contents.encode("latin-1")


def wait_built(b, url, seconds=60):
    """Poll the status until the build is over; the labels seen on the way."""
    labels = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        b.open(url + "&status=json")
        status = json.loads(b.contents)
        labels.append(status["label"])
        if status["status"] != "building":
            return status, labels
        time.sleep(0.2)
    raise AssertionError(f"the build did not end: {labels[-3:]}")


def test_synopsis_before_analysis_is_a_409(plan_life_http, browser, rest):
    c = plan_life_http
    editor = browser("plan_editor")
    editor.open(c.plan.absolute_url() + "/@@synopsis")
    assert editor.headers["status"].startswith("409")
    assert "once the consultation has closed" in editor.contents
    response = rest("plan_editor").post(
        c.plan.absolute_url() + "/@synopsis", json={"lang": "it"}
    )
    assert response.status_code == 409
    transaction.begin()
    assert synopsis.record(c.plan, "it") is None


def test_synopsis_built_read_and_stale(plan_life_http, browser, rest):
    c = plan_life_http
    close(c, commit=True)
    walk_to_published(c, REVISED)
    url = c.plan.absolute_url() + "/@@synopsis?lang=it"
    editor = browser("plan_editor")
    # GET never builds, whatever its query says.
    editor.open(url + "&build=1")
    assert "The PDF has not been built yet." in editor.contents
    transaction.begin()
    assert synopsis.record(c.plan, "it") is None
    # A POST without the CSRF token is refused.
    editor.post(url, "build=1")
    assert editor.headers["status"].startswith("403")
    editor.open(url)
    editor.getControl("Build the synopsis").click()
    status, labels = wait_built(editor, url)
    assert status["status"] == "done", status
    # What the page's polling shows on the way: "Chapter n of m: title",
    # then the pages being set.
    for label in filter(None, labels):
        assert label.startswith(("Chapter ", "Setting the pages")), label
    editor.open(url)
    editor.getLink("Download the synopsis (PDF)").click()
    assert editor.headers["Content-Type"] == "application/pdf"
    assert editor.headers["Content-Disposition"].startswith("attachment;")
    assert editor.headers["X-Content-Type-Options"] == "nosniff"
    text = pdf_text(pdf_bytes(editor))
    assert "Sintesi" in text
    assert "Testo da approvare: di garanzia e un fondo" in text  # the change
    assert "Modifica 1 di 1" in text
    assert "Il fondo deve essere di garanzia." in text  # the comment behind it
    assert "Fondo di garanzia." in text  # its motivation
    assert EMAIL not in text
    assert "Pagina 1 /" in text
    # What the public may read only, whoever built it: not the Action in
    # draft, nor what waits for moderation.
    assert "Bozza riservata" not in text
    assert "Esito: Accolto" in text

    # The public reads it once outcomes are published; an unknown language
    # is a 400 and changes nothing.
    anonymous = browser()
    anonymous.open(url)
    assert "Download the synopsis (PDF)" in anonymous.contents
    anonymous.open(c.plan.absolute_url() + "/@@synopsis?lang=de")
    assert anonymous.headers["status"].startswith("400")
    response = rest().get(c.plan.absolute_url() + "/@synopsis?lang=it")
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["download"].endswith("download=1")
    response = rest("plan_editor").post(
        c.plan.absolute_url() + "/@synopsis", json={"lang": "xx"}
    )
    assert response.status_code == 400

    # A later outcome makes it stale: offered to be built again.
    from plone.app.testing import login
    from torino.socialplan.consultation.outcomes import record_outcomes

    transaction.begin()
    login(c.portal, "moderator")
    record_outcomes(c.plan, [c.services.absolute_url()], "accepted", "Sì.")
    transaction.commit()
    editor.open(url)
    assert "have changed since the" in editor.contents
    assert editor.getControl("Build the synopsis")


def test_synopsis_in_english_over_rest(plan_life_http, browser, rest):
    c = plan_life_http
    close(c, commit=True)
    walk_to_published(c, REVISED)
    session = rest("plan_editor")
    response = session.post(c.plan.absolute_url() + "/@synopsis", json={"lang": "en"})
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "building"
    deadline = time.monotonic() + 60
    while response.json()["status"] == "building" and time.monotonic() < deadline:
        time.sleep(0.2)
        response = session.get(c.plan.absolute_url() + "/@synopsis?lang=en")
    assert response.json()["status"] == "done", response.json()
    editor = browser("plan_editor")
    editor.open(response.json()["download"])
    text = pdf_text(pdf_bytes(editor))
    assert "Synopsis report" in text
    assert "Page 1 /" in text
    assert "Change 1 of" in text


def test_synopsis_not_for_the_public_before_publication(plan_life_http, browser):
    c = plan_life_http
    close(c, commit=True)
    from plone.app.testing import login
    from torino.socialplan.consultation import plan_stages

    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, "analysis")
    transaction.commit()
    anonymous = browser()
    anonymous.open(c.plan.absolute_url() + "/@@synopsis?lang=it")
    assert "Build the synopsis" not in anonymous.contents
    moderator = browser("moderator")
    moderator.open(c.plan.absolute_url() + "/@@synopsis?lang=it")
    assert moderator.headers["status"].startswith("200")
    assert "Build the synopsis" in moderator.contents


def test_outcome_figures_on_results_report_and_rest(plan_life_http, browser, rest):
    c = plan_life_http
    close(c, commit=True)
    results = c.plan.absolute_url() + "/@@consultation-results"
    anonymous = browser()
    anonymous.open(results)
    assert "Outcomes per chapter" not in anonymous.contents
    assert (
        rest().get(c.plan.absolute_url() + "/@consultation").json()["outcome_figures"]
        is None
    )
    editor = browser("plan_editor")
    editor.open(c.plan.absolute_url() + "/@@consultation-report")
    assert "Outcomes per chapter" in editor.contents
    walk_to_published(c, REVISED)
    anonymous.open(results)
    page = lxml.html.fromstring(anonymous.contents)
    (section,) = page.cssselect(".socialplan-report-outcome-figures")
    captions = [c.text_content().strip() for c in section.cssselect("caption")]
    assert captions == ["Outcomes per chapter", "Outcomes per respondent type"]
    assert section.cssselect('th[scope="row"]') and section.cssselect('th[scope="col"]')
    assert "100%" in section.text_content()
    figures = (
        rest().get(c.plan.absolute_url() + "/@consultation").json()["outcome_figures"]
    )
    assert figures["with_outcome_share"] == 100
    # One of the four accepted or partly accepted is linked to a change.
    assert (figures["taken_in"], figures["taken_in_linked"]) == (4, 1)
    assert figures["taken_in_linked_share"] == 25
    assert {row["chapter"] for row in figures["by_chapter"]}


def test_changes_in_the_jsonld_export(plan_life_http, browser):
    c = plan_life_http
    close(c, commit=True)
    url = c.plan.absolute_url() + "/@@consultation-export?format=json"
    editor = browser("plan_editor")
    editor.open(url)
    assert "changes" not in json.loads(editor.contents)
    walk_to_published(c, REVISED)
    editor.open(url)
    data = json.loads(editor.contents)
    (change,) = data["changes"]
    assert change["type"] == "Change" and change["number"] == 1
    assert change["approved"].strip() == "di garanzia e un fondo"
    assert change["linked_to"] == [c.fund.absolute_url()]
    ids = {item["id"] for item in data["contributions"]}
    assert set(change["touched_by"]) <= ids
    context = data["@context"][1]
    assert context["changes"]["@container"] == "@list"
