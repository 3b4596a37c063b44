"""The Plan's life: drafting → consultation → analysis → approved → outcomes
published; approvals per promoting body; only editors move it on, never back;
every step in the Plan's log."""

from AccessControl import Unauthorized
from datetime import date
from plone.app.testing import login
from plone.uuid.interfaces import IUUID
from tests.plan_life.life import close
from tests.support.plans import set_window
from torino.socialplan.base.plan_stages import ANALYSIS
from torino.socialplan.base.plan_stages import APPROVED
from torino.socialplan.base.plan_stages import CONSULTATION
from torino.socialplan.base.plan_stages import DRAFTING
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.consultation import plan_stages
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import record_outcomes

import pytest


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def approve_all(c, who=None):
    for key, editor in (("camera", "chamber_editor"), ("citta", "city_editor")):
        login(c.portal, who or editor)
        plan_stages.record_approval(
            c.plan,
            IUUID(c.institutions[key]),
            "Giunta",
            f"{key}-12/2026",
            date(2026, 3, 1),
            act_url="https://example.org/atti/12.pdf",
        )


def give_every_outcome(c):
    login(c.portal, "moderator")
    missing = plan_stages.missing_outcomes(c.plan)
    record_outcomes(
        c.plan,
        [b._unrestrictedGetObject().absolute_url() for b in missing],
        "not_accepted",
        "Fuori dal perimetro del Piano.",
    )


def test_stages_follow_the_window_then_the_editors(plan_life):
    c = plan_life
    assert plan_stages.stage(c.plan) == CONSULTATION
    set_window(c.plan, "upcoming", commit=False)
    assert plan_stages.stage(c.plan) == DRAFTING
    close(c)
    assert plan_stages.stage(c.plan) == CONSULTATION
    login(c.portal, "plan_editor")
    assert plan_stages.move_on(c.plan, ANALYSIS) == ANALYSIS
    approve_all(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, APPROVED)
    give_every_outcome(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, OUTCOMES_PUBLISHED)
    assert plan_stages.stage(c.plan) == OUTCOMES_PUBLISHED
    log = plan_stages.life_log(c.plan)
    steps = [(e["from"], e["to"], e["who"]) for e in log if e["action"] == "move_on"]
    assert steps == [
        (CONSULTATION, ANALYSIS, "plan_editor"),
        (ANALYSIS, APPROVED, "plan_editor"),
        (APPROVED, OUTCOMES_PUBLISHED, "plan_editor"),
    ]
    approvals = [e for e in log if e["action"] == "record_approval"]
    assert [e["who"] for e in approvals] == ["chamber_editor", "city_editor"]


def test_the_window_stays_closed_after_analysis(plan_life):
    c = plan_life
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)
    # Dates moved back into the future do not reopen it.
    set_window_open = c.plan.consultation_end
    from datetime import timedelta

    c.plan.consultation_end = set_window_open + timedelta(days=30)
    assert not c.plan.window().is_open
    assert plan_stages.stage(c.plan) == ANALYSIS


def test_not_while_the_window_is_open(plan_life):
    c = plan_life
    login(c.portal, "plan_editor")
    with pytest.raises(ContributionError) as raised:
        plan_stages.move_on(c.plan, ANALYSIS)
    assert "still open" in str(raised.value.errors[0][1])
    assert plan_stages.stage(c.plan) == CONSULTATION


@pytest.mark.parametrize(
    "who", ["chamber_editor", "city_editor", "moderator", "member"]
)
def test_only_editors_move_the_plan_on(plan_life, who):
    c = plan_life
    close(c)
    login(c.portal, who)
    with pytest.raises(Unauthorized):
        plan_stages.move_on(c.plan, ANALYSIS)
    assert plan_stages.stage(c.plan) == CONSULTATION


def test_moving_back_or_skipping_is_refused(plan_life):
    c = plan_life
    close(c)
    login(c.portal, "plan_editor")
    with pytest.raises(ContributionError) as raised:
        plan_stages.move_on(c.plan, APPROVED)
    assert "one stage at a time" in str(raised.value.errors[0][1])
    plan_stages.move_on(c.plan, ANALYSIS)
    for back in (CONSULTATION, DRAFTING, ANALYSIS):
        with pytest.raises(ContributionError) as raised:
            plan_stages.move_on(c.plan, back)
        assert raised.value.status == 409
        assert "cannot move back" in str(raised.value.errors[0][1])
    assert plan_stages.stage(c.plan) == ANALYSIS


def test_approval_needs_every_body(plan_life):
    c = plan_life
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)
    login(c.portal, "chamber_editor")
    plan_stages.record_approval(
        c.plan,
        IUUID(c.institutions["camera"]),
        "Giunta camerale",
        "12/2026",
        "2026-03-01",
        act_pdf=("delibera.pdf", PDF),
    )
    login(c.portal, "plan_editor")
    with pytest.raises(ContributionError) as raised:
        plan_stages.move_on(c.plan, APPROVED)
    message = raised.value.errors[0][1]
    assert "Città metropolitana di Torino" in message.mapping["bodies"]
    assert "Camera" not in message.mapping["bodies"]
    rows = {r["title"]: r["approval"] for r in plan_stages.approvals(c.plan)}
    record = rows["Camera di commercio di Torino"]
    assert record["act_pdf"].contentType == "application/pdf"
    assert record["act_pdf"].data == PDF
    assert record["act_date"] == date(2026, 3, 1)


def test_each_body_records_its_own(plan_life):
    c = plan_life
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)
    login(c.portal, "city_editor")
    with pytest.raises(Unauthorized):
        plan_stages.record_approval(
            c.plan,
            IUUID(c.institutions["camera"]),
            "Giunta",
            "1",
            "2026-03-01",
            act_url="https://example.org/a.pdf",
        )


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"act_pdf": ("atto.pdf", b"<html>not a pdf</html>")}, ["act_pdf"]),
        ({"act_pdf": ("atto.pdf", b"%PDF-1.4 truncated")}, ["act_pdf"]),
        ({"act_url": "javascript:alert(1)"}, ["act_url"]),
        ({}, ["act_url"]),
        ({"act_url": "https://example.org/a", "act_date": "2999-01-01"}, ["act_date"]),
        (
            {
                "act_url": "https://example.org/a",
                "deciding_body": " ",
                "act_number": "",
            },
            ["deciding_body", "act_number"],
        ),
    ],
)
def test_bad_approvals_change_nothing(plan_life, data, fields):
    c = plan_life
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)
    login(c.portal, "chamber_editor")
    arguments = {
        "deciding_body": "Giunta",
        "act_number": "12",
        "act_date": "2026-03-01",
        **data,
    }
    with pytest.raises(ContributionError) as raised:
        plan_stages.record_approval(
            c.plan, IUUID(c.institutions["camera"]), **arguments
        )
    assert [f for f, _m in raised.value.errors] == fields
    assert all(r["approval"] is None for r in plan_stages.approvals(c.plan))


def test_approvals_only_in_analysis(plan_life):
    c = plan_life
    login(c.portal, "chamber_editor")
    with pytest.raises(ContributionError) as raised:
        plan_stages.record_approval(
            c.plan,
            IUUID(c.institutions["camera"]),
            "Giunta",
            "12",
            "2026-03-01",
            act_url="https://example.org/a",
        )
    assert [f for f, _m in raised.value.errors] == ["stage"]


def test_outcomes_published_only_when_all_have_one(plan_life):
    c = plan_life
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)
    approve_all(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, APPROVED)
    missing = len(plan_stages.missing_outcomes(c.plan))
    assert missing > 0
    with pytest.raises(ContributionError) as raised:
        plan_stages.move_on(c.plan, OUTCOMES_PUBLISHED)
    assert raised.value.errors[0][0] == "outcomes"
    assert raised.value.errors[0][1].mapping["count"] == missing
    assert plan_stages.stage(c.plan) == APPROVED
