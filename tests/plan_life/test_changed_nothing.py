"""The filter "contributions that changed nothing" on @@how-the-plan-changed
(Plan and Chapter: links, no script needed) and on @changes (``?show=``),
beside the one for changes that came from contributions."""

from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import walk_to_published

import lxml.html


REVISED = CHAPTER_TEXT.replace("un fondo rotativo", "un fondo di garanzia")
# The inline comment on "servizi di prossimità": no change touched it.
UNTOUCHED = "Anche servizi digitali."
CHANGED = "Il fondo deve essere di garanzia."


def test_page_filter_by_link_on_plan_and_chapter(plan_life_http, browser):
    c = plan_life_http
    walk_to_published(c, REVISED)
    anonymous = browser()
    for context in (c.plan, c.content["lavoro"]):
        url = context.absolute_url() + "/@@how-the-plan-changed"
        anonymous.open(url)
        link = anonymous.getLink("Only contributions that changed nothing")
        link.click()
        assert anonymous.url == url + "?show=unchanged"
        page = lxml.html.fromstring(anonymous.contents)
        current = page.cssselect('.socialplan-changes-filters a[aria-current="page"]')
        assert [a.text_content() for a in current] == [
            "Only contributions that changed nothing"
        ]
        # No change listed, no diff: the contributions no change touched,
        # shown open.
        assert page.cssselect(".socialplan-change") == []
        assert page.cssselect(".socialplan-diff") == []
        (details,) = page.cssselect("details.socialplan-untouched")
        assert details.get("open") == "open"
        assert UNTOUCHED in details.text_content()
        assert CHANGED not in anonymous.contents
        # And back to every change.
        anonymous.getLink("All changes").click()
        assert CHANGED in anonymous.contents


def test_rest_show_filters_and_refuses_an_unknown_value(plan_life_http, rest):
    c = plan_life_http
    walk_to_published(c, REVISED)
    session = rest("anonymous")
    everything = session.get("/piano/@changes").json()
    assert everything["show"] == ""
    unchanged = session.get("/piano/@changes?show=unchanged")
    assert unchanged.status_code == 200, unchanged.text
    data = unchanged.json()
    assert data["show"] == "unchanged"
    assert all(text["changes"] == [] for text in data["texts"])
    assert all(text["untouched"] for text in data["texts"])
    texts = [u["text"] for t in data["texts"] for u in t["untouched"]]
    assert UNTOUCHED in texts and CHANGED not in texts
    contributed = session.get("/piano/lavoro/@changes?show=contributed").json()
    changes = [ch for t in contributed["texts"] for ch in t["changes"]]
    assert changes and all(ch["contributions"] for ch in changes)
    bad = session.get("/piano/@changes?show=nothing-changed")
    assert bad.status_code == 400
    assert "unchanged" in bad.json()["message"]
    assert "contributed" in bad.json()["message"]
