"""Outcomes: the core (record_outcomes), GET/POST {plan}/@outcomes, the public
@pledges, and the Classic {plan}/@@outcomes page."""

from AccessControl import Unauthorized
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone.app.testing import login
from plone.app.testing import logout
from tests.report.consultation import EMAIL
from tests.report.consultation import REPORT_READERS
from tests.support.users import ACTORS
from tests.support.users import ANONYMOUS
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import MOTIVATION_MAX_LENGTH
from torino.socialplan.consultation.outcomes import record_outcomes

import pytest
import re
import transaction


PUBLISHED = (
    "whole_plan",
    "lavoro_published",
    "lavoro_reply",
    "lavoro_inline",
    "a111_published",
    "a211_inline",
    "pledge_published",
    "pledge_published_2",
)


def url(report, key):
    return report.item(key).obj.absolute_url()


def outcomes(report, *keys):
    """The stored (outcome, motivation) of ``keys``, as the server left them."""
    transaction.begin()
    return [
        (
            getattr(report.item(k).obj, "outcome", None),
            getattr(report.item(k).obj, "outcome_motivation", None),
        )
        for k in keys
    ]


def post(rest, who, **data):
    return rest(who).post("/piano/@outcomes", json=data)


# The core


def test_record_set_clear_and_audit(report_integration):
    c = report_integration
    login(c.portal, "plan_editor")
    when = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    ids = [url(c, "lavoro_published"), url(c, "pledge_published_2")]
    updated = record_outcomes(
        c.plan, ids, "accepted", "  Inserito\r\nnel capitolo 1.  ", now=when
    )
    assert [item["@id"] for item in updated] == ids
    for key in ("lavoro_published", "pledge_published_2"):
        obj = c.item(key).obj
        assert obj.outcome == "accepted"
        assert obj.outcome_motivation == "Inserito\nnel capitolo 1."
        assert obj.outcome_by == "plan_editor"
        assert obj.outcome_date == when
    entries = [
        e for e in moderation.audit_log(c.plan) if e["transition"] == "record_outcome"
    ]
    assert [(e["@id"], e["from"], e["to"], e["who"]) for e in entries] == [
        (ids[0], None, "accepted", "plan_editor"),
        (ids[1], None, "accepted", "plan_editor"),
    ]
    assert entries[0]["note"] == "Inserito\nnel capitolo 1."
    # The moderation history of the item lists it too.
    key = moderation.audit_key(c.item("lavoro_published").obj)
    assert moderation.audit_by_item(c.plan)[key][-1]["to"] == "accepted"

    # Clearing removes what is public; the audit keeps who cleared it.
    record_outcomes(c.plan, ids[:1], None)
    obj = c.item("lavoro_published").obj
    assert (obj.outcome, obj.outcome_motivation, obj.outcome_by) == (None, None, None)
    assert moderation.audit_log(c.plan)[-1]["from"] == "accepted"
    assert moderation.audit_log(c.plan)[-1]["to"] is None


def test_ids_by_path_and_replies(report_integration):
    c = report_integration
    login(c.portal, "moderator")
    reply = c.item("lavoro_reply").obj
    path = "/".join(reply.getPhysicalPath()[2:])  # from the site root
    updated = record_outcomes(c.plan, [path, url(c, "lavoro_reply")], "out_of_scope")
    assert len(updated) == 1
    assert updated[0]["in_reply_to"] == url(c, "lavoro_published")
    assert reply.outcome == "out_of_scope"


@pytest.mark.parametrize(
    ("keys", "outcome", "motivation", "fields"),
    [
        (("lavoro_published", "lavoro_pending"), "accepted", None, ["items"]),
        (("lavoro_published", "pledge_spam"), "accepted", None, ["items"]),
        (("lavoro_published",), "maybe", None, ["outcome"]),
        (("lavoro_published",), 3, None, ["outcome"]),
        (("lavoro_published",), "accepted", "x" * 2001, ["motivation"]),
        (("lavoro_published",), "accepted", ["a list"], ["motivation"]),
        (("lavoro_published",), None, "Why?", ["motivation"]),
        ((), "accepted", None, ["items"]),
        (("lavoro_rejected",), "maybe", "x" * 2001, ["outcome", "motivation", "items"]),
    ],
)
def test_all_or_nothing(report_integration, keys, outcome, motivation, fields):
    c = report_integration
    login(c.portal, "plan_editor")
    before = [outcomes_of(c, k) for k in PUBLISHED]
    with pytest.raises(ContributionError) as raised:
        record_outcomes(c.plan, [url(c, k) for k in keys], outcome, motivation)
    assert [field for field, _message in raised.value.errors] == fields
    assert [outcomes_of(c, k) for k in PUBLISHED] == before


def outcomes_of(c, key):
    obj = c.item(key).obj
    return getattr(obj, "outcome", None), getattr(obj, "outcome_motivation", None)


def test_unknown_and_foreign_ids(report_integration):
    c = report_integration
    login(c.portal, "manager")
    foreign = c.empty_plan.absolute_url() + "/++conversation++default/1"
    for bad in (foreign, c.content["a111"].absolute_url(), "not a url", 42):
        with pytest.raises(ContributionError) as raised:
            record_outcomes(c.plan, [bad], "accepted")
        assert raised.value.errors[0][0] == "items"


def test_motivation_limit(report_integration):
    c = report_integration
    login(c.portal, "plan_editor")
    text = "é" * MOTIVATION_MAX_LENGTH
    record_outcomes(c.plan, [url(c, "whole_plan")], "accepted", text)
    assert c.item("whole_plan").obj.outcome_motivation == text


@pytest.mark.parametrize("who", [ANONYMOUS, "member"])
def test_core_refuses_without_the_permission(report_integration, who):
    c = report_integration
    if who == ANONYMOUS:
        logout()
    else:
        login(c.portal, who)
    with pytest.raises(Unauthorized):
        record_outcomes(c.plan, [url(c, "whole_plan")], None)
    assert c.item("whole_plan").obj.outcome == "accepted"


# REST


@pytest.mark.parametrize("who", ACTORS)
def test_who_lists_outcomes(report, rest, who):
    response = rest(who).get("/piano/@outcomes")
    if who in REPORT_READERS:
        assert response.status_code == 200
        data = response.json()
        assert data["items_total"] == len(PUBLISHED)
        assert {i["@id"] for i in data["items"]} == {url(report, k) for k in PUBLISHED}
    else:
        assert response.status_code in (401, 403)
    assert EMAIL not in response.text


def test_list_items(report, rest):
    items = rest("city_editor").get("/piano/@outcomes").json()["items"]
    by_id = {i["@id"]: i for i in items}
    whole = by_id[url(report, "whole_plan")]
    assert whole["type"] == "comment"
    assert whole["outcome"] == {"token": "accepted", "title": "Accepted"}
    assert whole["outcome_motivation"] == "Aggiunto un capitolo sugli indicatori."
    assert whole["outcome_by"] == "plan_editor"
    assert whole["first_name"] == "Jörg"
    assert "email" not in whole
    assert by_id[url(report, "lavoro_inline")]["quote"] == (
        "inserimento lavorativo delle persone fragili"
    )
    assert by_id[url(report, "lavoro_reply")]["in_reply_to"] == url(
        report, "lavoro_published"
    )
    pledge = by_id[url(report, "pledge_published")]
    assert [t["code"] for t in pledge["target"]] == ["A.1.1", "A.2.1"]
    assert by_id[url(report, "lavoro_published")]["outcome"] is None


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ({"type": "pledge"}, ("pledge_published", "pledge_published_2")),
        ({"outcome": "accepted"}, ("whole_plan",)),
        ({"outcome": "partly_accepted"}, ("lavoro_reply", "pledge_published")),
        (
            {"outcome": "none"},
            ("lavoro_published", "lavoro_inline", "a211_inline", "pledge_published_2"),
        ),
        (
            {"type": "comment", "outcome": "none", "chapter": "finanza"},
            ("a211_inline",),
        ),
    ],
)
def test_list_filters(report, rest, query, keys):
    if "chapter" in query:
        query = dict(query, chapter=report.content[query["chapter"]].UID())
    data = rest("moderator").get("/piano/@outcomes", params=query).json()
    assert {i["@id"] for i in data["items"]} == {url(report, k) for k in keys}


def test_list_batches_and_bad_filters(report, rest):
    page = rest("moderator").get("/piano/@outcomes", params={"b_size": 3}).json()
    assert page["items_total"] == len(PUBLISHED)
    assert len(page["items"]) == 3
    assert "next" in page["batching"]
    response = rest("moderator").get(
        "/piano/@outcomes", params={"outcome": "maybe", "type": "poem"}
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["type", "outcome"]


@pytest.mark.parametrize("who", ACTORS)
def test_who_records_outcomes(report, rest, who):
    response = post(
        rest, who, items=[url(report, "lavoro_published")], outcome="not_accepted"
    )
    if who in REPORT_READERS:
        assert response.status_code == 200
        assert outcomes(report, "lavoro_published") == [("not_accepted", None)]
    else:
        assert response.status_code in (401, 403)
        assert outcomes(report, "lavoro_published") == [(None, None)]


def test_bulk_over_rest(report, rest):
    keys = ("lavoro_published", "lavoro_inline", "pledge_published_2")
    response = post(
        rest,
        "chamber_editor",
        items=[url(report, k) for k in keys],
        outcome="partly_accepted",
        motivation="Recepito in parte nell'azione A.1.2.",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["items_total"] == 3
    for item in data["items"]:
        assert item["outcome"] == {
            "token": "partly_accepted",
            "title": "Partly accepted",
        }
        assert item["outcome_motivation"] == "Recepito in parte nell'azione A.1.2."
        assert item["outcome_by"] == "chamber_editor"
        when = datetime.fromisoformat(item["outcome_date"])
        assert abs(datetime.now(UTC) - when) < timedelta(minutes=5)
    assert (
        outcomes(report, *keys)
        == [("partly_accepted", "Recepito in parte nell'azione A.1.2.")] * 3
    )
    # Then cleared, with null.
    response = post(rest, "moderator", items=[url(report, keys[0])], outcome=None)
    assert response.status_code == 200
    assert response.json()["items"][0]["outcome"] is None
    assert outcomes(report, keys[0]) == [(None, None)]


def test_rest_is_atomic(report, rest):
    response = post(
        rest,
        "plan_editor",
        items=[url(report, "lavoro_published"), url(report, "pledge_pending")],
        outcome="accepted",
        motivation="Sì.",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["items"]
    assert url(report, "pledge_pending") in errors[0]["message"]
    assert outcomes(report, "lavoro_published") == [(None, None)]
    # No outcome given: nothing is cleared.
    response = post(rest, "plan_editor", items=[url(report, "whole_plan")])
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["outcome"]
    assert outcomes(report, "whole_plan")[0][0] == "accepted"
    # Not a JSON object.
    response = rest("plan_editor").post("/piano/@outcomes", data="[1]")
    assert response.status_code == 400
    assert outcomes(report, "lavoro_published") == [(None, None)]


def test_outcomes_are_public_on_pledges(report, rest):
    post(
        rest,
        "plan_editor",
        items=[url(report, "pledge_published_2")],
        outcome="accepted",
        motivation="Due posti nell'azione A.1.2.",
    )
    items = rest(ANONYMOUS).get("/piano/@pledges").json()["items"]
    by_id = {i["@id"]: i for i in items}
    assert by_id[url(report, "pledge_published_2")]["outcome"] == {
        "token": "accepted",
        "title": "Accepted",
    }
    assert by_id[url(report, "pledge_published_2")]["outcome_motivation"] == (
        "Due posti nell'azione A.1.2."
    )
    published = by_id[url(report, "pledge_published")]
    assert published["outcome"] == {
        "token": "partly_accepted",
        "title": "Partly accepted",
    }
    # Who recorded it stays with the editors.
    assert "outcome_by" not in by_id[url(report, "pledge_published_2")]
    assert "plan_editor" not in str(items)


# Classic UI


def page_url(report, query=""):
    return f"{report.plan.absolute_url()}/@@outcomes{query}"


def status_message(browser):
    found = re.findall(
        r'<div class="[^"]*alert[^"]*"[^>]*>(.*?)</div>', browser.contents, re.S
    )
    return " ".join(re.sub(r"<[^>]+>|\s+", " ", m).strip() for m in found)


@pytest.mark.parametrize("who", ACTORS)
def test_who_opens_the_page(report, browser, who):
    b = browser(who)
    b.open(page_url(report))
    if who in REPORT_READERS:
        assert b.headers["status"].startswith("200")
        assert "Outcomes of the contributions" in b.contents
        assert len(b.getControl(name="items:list").options) == len(PUBLISHED)
        assert "Paolo" not in b.contents  # pending
    else:
        expected = "/login?" if who == ANONYMOUS else "/insufficient-privileges"
        assert expected in b.url
    assert EMAIL not in b.contents


def test_page_shows_current_outcomes_and_filters(report, browser):
    b = browser("plan_editor")
    b.open(page_url(report, "?outcome=accepted"))
    assert b.getControl(name="items:list").options == [url(report, "whole_plan")]
    assert b.getControl(name="row_outcome_0").value == ["accepted"]
    assert b.getControl(name="row_motivation_0").value == (
        "Aggiunto un capitolo sugli indicatori."
    )
    assert "Jörg" in b.contents
    b.open(page_url(report, "?type=pledge"))
    assert set(b.getControl(name="items:list").options) == {
        url(report, "pledge_published"),
        url(report, "pledge_published_2"),
    }
    b.open(page_url(report, "?outcome=none&select=all"))
    control = b.getControl(name="items:list")
    assert len(control.options) == 4
    assert sorted(control.value) == sorted(control.options)
    # Every checkbox, select and textarea has a label.
    for control_id in re.findall(
        r'<(?:input|select|textarea)[^>]* id="([^"]+)"', b.contents
    ):
        if control_id.startswith(("outcomes-", "outcomes")):
            assert f'for="{control_id}"' in b.contents, control_id


def test_bulk_apply_in_the_classic_form(report, browser):
    b = browser("city_editor")
    b.open(page_url(report, "?outcome=none"))
    control = b.getControl(name="items:list")
    control.value = [url(report, "lavoro_published"), url(report, "a211_inline")]
    b.getControl(name="new_outcome").value = ["not_accepted"]
    b.getControl(name="motivation").value = "Fuori dal bilancio 2026."
    b.getControl(name="apply").click()
    assert "Outcome recorded for 2 contributions." in status_message(b)
    assert "outcome=none" in b.url  # the filters survive
    assert (
        outcomes(report, "lavoro_published", "a211_inline")
        == [("not_accepted", "Fuori dal bilancio 2026.")] * 2
    )
    assert len(b.getControl(name="items:list").options) == 2


def test_one_by_one_in_the_classic_form(report, browser):
    b = browser("moderator")
    b.open(page_url(report, "?outcome=accepted"))
    b.getControl(name="row_outcome_0").value = ["out_of_scope"]
    b.getControl(name="row_motivation_0").value = "Riguarda un altro piano."
    # Ticked boxes do not matter for a single save.
    b.getControl(name="items:list").value = [url(report, "whole_plan")]
    b.getControl(name="save_one").click()
    assert "Outcome recorded for 1 contributions." in status_message(b)
    assert outcomes(report, "whole_plan", "lavoro_reply") == [
        ("out_of_scope", "Riguarda un altro piano."),
        ("partly_accepted", "Solo per i giovani, per ora."),
    ]
    # Cleared one by one.
    b.open(page_url(report, "?outcome=out_of_scope"))
    b.getControl(name="row_outcome_0").value = [""]
    b.getControl(name="row_motivation_0").value = ""
    b.getControl(name="save_one").click()
    assert "Outcome cleared for 1 contributions." in status_message(b)
    assert outcomes(report, "whole_plan") == [(None, None)]


def test_classic_errors_change_nothing(report, browser):
    b = browser("plan_editor")
    b.open(page_url(report))
    b.getControl(name="new_outcome").value = ["accepted"]
    b.getControl(name="apply").click()
    assert "Select at least one contribution." in status_message(b)
    b.getControl(name="items:list").value = [url(report, "lavoro_published")]
    b.getControl(name="motivation").value = "x" * (MOTIVATION_MAX_LENGTH + 1)
    b.getControl(name="apply").click()
    assert "The motivation is too long" in status_message(b)
    assert outcomes(report, "lavoro_published") == [(None, None)]


def test_classic_form_needs_the_csrf_token(report, browser):
    b = browser("plan_editor")
    b.post(
        page_url(report),
        f"apply=1&new_outcome=accepted&items:list={url(report, 'lavoro_published')}",
    )
    assert b.headers["status"].startswith("403")
    assert outcomes(report, "lavoro_published") == [(None, None)]
