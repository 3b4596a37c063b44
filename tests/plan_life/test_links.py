"""Moderators link outcomes to changes: on the comparison page (accept a
proposed link, take it back), over REST (POST @changes); the outcomes page
flags accepted outcomes linked to no change."""

from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import close
from tests.plan_life.life import set_text
from torino.socialplan.consultation import changes
from torino.socialplan.consultation import plan_stages
from torino.socialplan.consultation.outcomes import record_outcomes

import transaction


REVISED = CHAPTER_TEXT.replace("un fondo rotativo", "un fondo di garanzia")


def analysed(c):
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, "analysis")
    setRoles(c.portal, TEST_USER_ID, ["Manager"])
    login(c.portal, "manager")
    set_text(c.content["lavoro"], REVISED)
    login(c.portal, "moderator")
    record_outcomes(c.plan, [c.fund.absolute_url()], "accepted", "Sì.")
    transaction.commit()
    (change,) = changes.content_comparison(c.content["lavoro"])["changes"]
    return change["key"]


def test_accept_and_take_back_on_the_page(plan_life_http, browser):
    c = plan_life_http
    key = analysed(c)
    outcomes = browser("moderator")
    outcomes.open(c.plan.absolute_url() + "/@@outcomes?outcome=accepted")
    flagged = outcomes.contents.count("linked to no change of the text")
    # The fund comment and the report's whole-Plan comment (accepted too).
    assert flagged == 2
    page = browser("moderator")
    page.open(c.plan.absolute_url() + "/@@how-the-plan-changed")
    page.getControl("Link this outcome to the change").click()
    assert "The outcome is linked to the change." in page.contents
    transaction.begin()
    assert changes.linked_changes(c.fund) == (key,)
    outcomes.open(c.plan.absolute_url() + "/@@outcomes?outcome=accepted")
    assert outcomes.contents.count("linked to no change of the text") == 1
    assert "Linked changes: 1" in outcomes.contents
    page.getControl("Take back the link").click()
    transaction.begin()
    assert changes.linked_changes(c.fund) == ()
    # Editors read the comparison but do not link.
    editor = browser("plan_editor")
    editor.open(c.plan.absolute_url() + "/@@how-the-plan-changed")
    assert "Link this outcome to the change" not in editor.contents


def test_rest_links(plan_life_http, rest):
    c = plan_life_http
    key = analysed(c)
    url = c.fund.absolute_url()
    response = rest("moderator").post(
        "/piano/@changes", json={"items": [url], "changes": [key]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["items"] == [{"@id": url, "changes": [key]}]
    bad = rest("moderator").post(
        "/piano/@changes", json={"items": [url], "changes": ["nope"]}
    )
    assert bad.status_code == 400
    forgotten = rest("moderator").post("/piano/@changes", json={"items": [url]})
    assert forgotten.status_code == 400
    assert rest("plan_editor").post(
        "/piano/@changes", json={"items": [url], "changes": []}
    ).status_code in (401, 403)
    transaction.begin()
    assert changes.linked_changes(c.fund) == (key,)


def test_rest_plan_life(plan_life_http, rest):
    c = plan_life_http
    close(c, commit=True)
    data = rest("moderator").get("/piano/@plan-life").json()
    assert (data["stage"], data["next"], data["may_move_on"]) == (
        "consultation",
        "analysis",
        False,
    )
    assert [a["approval"] for a in data["approvals"]] == [None, None]
    refused = rest("moderator").post("/piano/@plan-life", json={"to": "analysis"})
    assert refused.status_code in (401, 403)
    moved = rest("plan_editor").post("/piano/@plan-life", json={"to": "analysis"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["stage"] == "analysis"
    back = rest("plan_editor").post("/piano/@plan-life", json={"to": "consultation"})
    assert back.status_code == 409
    assert "cannot move back" in back.json()["message"]
    assert rest("anonymous").get("/piano/@plan-life").status_code in (401, 403)
