"""The pages: @@how-the-plan-changed (Plan, Chapter), @changes, @@plan-life."""

from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import close
from tests.plan_life.life import walk_to_published
from tests.report.consultation import EMAIL

import lxml.html
import transaction


REVISED = CHAPTER_TEXT.replace(
    "un fondo rotativo", "un fondo di garanzia e un fondo rotativo"
).replace("Il lavoro sociale cresce", "Il lavoro sociale aumenta")


def test_comparison_is_public_only_once_published(plan_life_http, browser):
    c = plan_life_http
    url = c.plan.absolute_url() + "/@@how-the-plan-changed"
    close(c, commit=True)
    anonymous = browser()
    anonymous.open(url)
    assert "How the Plan changed" not in anonymous.contents
    moderator = browser("moderator")
    moderator.open(url)
    assert moderator.headers["status"].startswith("200")
    assert "Not public yet" in moderator.contents

    anonymous.open(c.plan.absolute_url())
    assert "@@how-the-plan-changed" not in anonymous.contents
    walk_to_published(c, REVISED)
    # The Plan page leads there once outcomes are published.
    anonymous.open(c.plan.absolute_url())
    anonymous.getLink("How the Plan changed").click()
    assert anonymous.url == url
    page = lxml.html.fromstring(anonymous.contents)
    deleted = [d.text_content().split() for d in page.cssselect(".socialplan-diff del")]
    inserted = [
        i.text_content().split() for i in page.cssselect(".socialplan-diff ins")
    ]
    assert deleted == [["deleted:", "cresce"]]
    assert inserted == [
        ["inserted:", "aumenta"],
        ["inserted:", "un", "fondo", "di", "garanzia", "e"],
    ]
    hidden = page.cssselect(".socialplan-diff del .visually-hidden")
    assert hidden[0].text_content() == "deleted:"
    index = [
        a.text_content().split("—")[0].strip()
        for a in page.cssselect(".socialplan-changes-index a")
    ]
    assert index == ["Change 1 of 2", "Change 2 of 2"]
    (second,) = page.cssselect("#change-2")
    text = second.text_content()
    assert "Il fondo deve essere di garanzia." in text
    assert "Accepted" in text and "Fondo di garanzia." in text
    assert "linked to this change" in text
    # Keyboard: the index links to the changes, each change to the next.
    assert page.cssselect('a[href="#change-2"]')
    assert page.cssselect('#change-1 a[href="#change-2"]')
    # Unchanged texts collapsed: finanza, a111, a112, a211 (a222 is private:
    # not shown to the public at all).
    unchanged = page.cssselect("details.socialplan-unchanged")
    assert len(unchanged) == 4
    assert "Bozza riservata" not in anonymous.contents
    assert EMAIL not in anonymous.contents
    assert "private-marker" not in anonymous.contents
    # The figures: every published contribution has an outcome by now.
    figures = page.cssselect(".socialplan-changes-figures")[0].text_content()
    assert "Published contributions with an outcome: 100%" in " ".join(figures.split())
    assert len(page.cssselect(".socialplan-changes-figures table")) == 2
    # Filter: only the change with contributions.
    anonymous.open(url + "?show=contributed")
    page = lxml.html.fromstring(anonymous.contents)
    assert [li.get("id") for li in page.cssselect(".socialplan-change")] == ["change-2"]


def test_per_chapter_and_rest(plan_life_http, browser, rest):
    c = plan_life_http
    walk_to_published(c, REVISED)
    page = browser()
    page.open(c.content["finanza"].absolute_url() + "/@@how-the-plan-changed")
    assert page.headers["status"].startswith("200")
    headings = [
        " ".join(h.text_content().split())
        for h in lxml.html.fromstring(page.contents).cssselect(
            ".socialplan-changes-text h2"
        )
    ]
    assert headings == ["Finanza d'impatto", "A.2.1 Fondo di garanzia"]
    response = rest("anonymous").get("/piano/lavoro/@changes")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["items_total"] == 2
    (lavoro,) = [t for t in data["texts"] if t["title"] == "Lavoro e inclusione"]
    contribution = lavoro["changes"][1]["contributions"][0]
    assert contribution["text"] == "Il fondo deve essere di garanzia."
    assert contribution["outcome"] == {"token": "accepted", "title": "Accepted"}
    assert EMAIL not in response.text and "@example.org" not in response.text


def test_rest_refuses_before_publication(plan_life_http, rest):
    response = rest("anonymous").get("/piano/@changes")
    assert response.status_code in (401, 403)
    assert rest("plan_editor").get("/piano/@changes").status_code == 200


def test_plan_life_page_moves_on_and_refuses_back(plan_life_http, browser):
    c = plan_life_http
    close(c, commit=True)
    editor = browser("plan_editor")
    editor.open(c.plan.absolute_url() + "/@@plan-life")
    assert "Consultation open" in editor.contents
    editor.getControl(name="move_on").click()
    assert "The Plan moved on to" in editor.contents
    transaction.begin()
    from torino.socialplan.consultation import plan_stages

    assert plan_stages.stage(c.plan) == "analysis"
    # A forged step back: a clear error, nothing changes.
    editor.open(c.plan.absolute_url() + "/@@plan-life")
    editor.getControl(name="to").value = "consultation"
    editor.getControl(name="move_on").click()
    assert "cannot move back" in editor.contents
    transaction.begin()
    assert plan_stages.stage(c.plan) == "analysis"


def test_body_editor_records_an_approval_with_a_pdf(plan_life_http, browser):
    c = plan_life_http
    close(c, commit=True)
    from plone.app.testing import login
    from torino.socialplan.consultation import plan_stages

    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, "analysis")
    transaction.commit()
    editor = browser("chamber_editor")
    editor.open(c.plan.absolute_url() + "/@@plan-life")
    # Only the form of their own body.
    assert editor.contents.count('name="record_approval"') == 1
    editor.getControl(name="deciding_body").value = "Giunta camerale"
    editor.getControl(name="act_number").value = "12/2026"
    editor.getControl(name="act_date").value = "2026-03-01"
    from io import BytesIO

    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    editor.getControl(name="act_pdf").add_file(
        BytesIO(b"<html>no</html>"), "text/html", "atto.pdf"
    )
    editor.getControl(name="record_approval").click()
    assert "The act is not a PDF" in editor.contents
    editor.getControl(name="deciding_body").value = "Giunta camerale"
    editor.getControl(name="act_number").value = "12/2026"
    editor.getControl(name="act_date").value = "2026-03-01"
    editor.getControl(name="act_pdf").add_file(
        BytesIO(pdf), "application/pdf", "atto.pdf"
    )
    editor.getControl(name="record_approval").click()
    assert "Approval recorded." in editor.contents
    link = editor.getLink("PDF of the act")
    anonymous = browser()
    anonymous.open(link.url)
    assert anonymous.headers["Content-Type"] == "application/pdf"
    body = anonymous.contents
    assert (body.encode("latin-1") if isinstance(body, str) else body) == pdf
