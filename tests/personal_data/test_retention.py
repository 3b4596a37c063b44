"""Retention: when a period set past the consultation's end has run, e-mail
addresses and tokens are erased, rejected and spam contributions deleted and
the audit pseudonymised; a dry run lists it all and changes nothing; a second
run finds nothing."""

from .contributions import comment
from .contributions import OTHER
from .contributions import PERSON
from .contributions import pledge
from datetime import timedelta
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.moderation.audit import audit_log
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data.retention import purge

import pytest


def contributions_of(site):
    return {obj.getPhysicalPath(): obj for _kind, obj in places.contributions()}


@pytest.fixture
def closed(site):
    """Four contributions (published, rejected, spam, pending awaiting its
    confirmation) and a published pledge; the consultation then closed."""
    portal = site["portal"]
    kept = comment(site, text="Pubblicato.")
    rejected = comment(site, email=OTHER, text="Rifiutato.")
    spam = comment(site, email=OTHER, text="Spam.")
    api.portal.set_registry_record(confirmation.REQUIRED_RECORD, True)
    waiting = comment(site, text="In attesa di conferma.")
    api.portal.set_registry_record(confirmation.REQUIRED_RECORD, False)
    promised = pledge(site)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    api.content.transition(obj=kept, transition="publish")
    api.content.transition(obj=promised, transition="publish")
    api.content.transition(obj=rejected, transition="reject")
    api.content.transition(obj=spam, transition="mark_as_spam")
    site.update(
        kept=kept, rejected=rejected, spam=spam, waiting=waiting, promised=promised
    )
    return site


def close(site, days_ago):
    now = now_in_rome()
    site["plan"].consultation_start = now - timedelta(days=days_ago + 30)
    site["plan"].consultation_end = now - timedelta(days=days_ago)


def test_nothing_goes_while_the_consultation_is_open(closed):
    report = purge()
    assert report.as_json()["plans"] == []
    assert closed["kept"].author_email == PERSON


def test_spam_goes_first(closed):
    close(closed, days_ago=10)  # spam after 7 days, the rest after 30 and 90
    report = purge()
    assert report.as_json()["spam_deleted"] == 1
    assert report.as_json()["rejected_deleted"] == 0
    assert report.as_json()["addresses_erased"] == 0
    paths = contributions_of(closed)
    assert closed["spam"].getPhysicalPath() not in paths
    assert closed["rejected"].getPhysicalPath() in paths


def test_a_dry_run_lists_and_changes_nothing(closed):
    close(closed, days_ago=100)
    report = purge(dry_run=True)
    assert report.as_json() == {
        "dry_run": True,
        "addresses_erased": 3,  # published comment, waiting comment, pledge
        "rejected_deleted": 1,
        "spam_deleted": 1,
        "audit_entries_pseudonymised": 0,
        "queued_mail_deleted": 0,
        "plans": ["/plone/plan"],
        "complete": True,
    }
    assert "would erase the address of: 3" in list(report.lines())
    assert closed["kept"].author_email == PERSON
    assert len(contributions_of(closed)) == 5


def test_after_the_periods_addresses_and_tokens_are_erased(closed):
    close(closed, days_ago=100)
    assert len(confirmation._tokens()) == 1
    report = purge()
    assert report.as_json()["addresses_erased"] == 3
    assert len(contributions_of(closed)) == 3
    for obj in (closed["kept"], closed["waiting"]):
        assert obj.author_email is None
        assert confirmation.HASH not in obj.__dict__
        assert "user_notification" not in obj.__dict__
    assert closed["promised"].email is None
    assert len(confirmation._tokens()) == 0
    # The public record stays: names and text.
    assert closed["kept"].first_name == "Giulia"
    assert closed["kept"].text == "Pubblicato."
    # Idempotent.
    again = purge().as_json()
    assert again["addresses_erased"] == again["rejected_deleted"] == 0
    assert again["spam_deleted"] == 0


def test_the_audit_forgets_who_after_the_logs_period(closed):
    close(closed, days_ago=400)
    before = audit_log(closed["plan"])
    assert {entry["who"] for entry in before} == {TEST_USER_ID}
    report = purge()
    assert report.as_json()["audit_entries_pseudonymised"] == len(before)
    after = audit_log(closed["plan"])
    assert [e["transition"] for e in after] == [e["transition"] for e in before]
    assert {entry["who"] for entry in after} == {"—"}
    assert purge().as_json()["audit_entries_pseudonymised"] == 0


def test_progress_is_reported_on_long_runs(closed, monkeypatch):
    from torino.socialplan.consultation.personal_data import retention

    monkeypatch.setattr(retention, "BATCH", 2)
    close(closed, days_ago=100)
    lines = []
    report = purge(progress=lines.append)
    assert lines == [
        "/plone/plan: 5 contributions to look at",
        "2 of 5 contributions looked at, 2 changed",
        "4 of 5 contributions looked at, 4 changed",
    ]
    state = retention.run_state()
    assert state["finished"] and state["looked_at"] == 5
    assert state["changed"] == report.changed == 5


def test_a_run_stopped_at_its_time_limit_goes_on_where_it_stopped(closed, monkeypatch):
    """The control panel's runs are bounded in time: one stops after a batch,
    keeps what it did, says so, and the next run takes up the rest."""
    from torino.socialplan.consultation.personal_data import retention

    monkeypatch.setattr(retention, "BATCH", 2)
    close(closed, days_ago=100)
    first = purge(seconds=0)
    assert first.complete is False
    assert first.changed == 2
    assert "stopped at its time limit: run it again to go on" in list(first.lines())
    state = retention.run_state()
    assert state["finished"] is None
    assert (state["looked_at"], state["total"], state["changed"]) == (2, 5, 2)
    lines = []
    second = purge(progress=lines.append)
    assert second.complete
    assert second.changed == 3  # the 2 first ones are not found again
    assert lines[0].startswith("resuming the run started ")
    assert purge().changed == 0
    assert retention.run_state()["finished"]


def test_contributions_are_not_versioned(closed):
    """CMFEditions keeps no copy of a contribution (so no old address)."""
    repository = api.portal.get_tool("portal_repository")
    assert not repository.isVersionable(closed["promised"])


def test_the_control_panel_view_previews_and_applies(closed):
    from plone.protect.authenticator import createToken

    close(closed, days_ago=100)
    portal = closed["portal"]
    view = portal.restrictedTraverse("@@personal-data-retention")
    html = view()
    assert "Addresses to erase:\n" in html or "Addresses to erase:" in html
    assert closed["kept"].author_email == PERSON  # a GET changes nothing
    request = portal.REQUEST
    request.method = "POST"
    request.form.update({"apply": "1", "_authenticator": createToken()})
    html = portal.restrictedTraverse("@@personal-data-retention")()
    assert "Done:" in html
    assert "Last run: started" in html
    assert closed["kept"].author_email is None


def test_the_control_panel_view_tells_of_an_unfinished_run(closed, monkeypatch):
    from plone.protect.authenticator import createToken
    from torino.socialplan.browser.legal import retention as view_module
    from torino.socialplan.consultation.personal_data import retention

    monkeypatch.setattr(retention, "BATCH", 2)
    monkeypatch.setattr(view_module, "VIEW_SECONDS", 0)
    close(closed, days_ago=100)
    portal = closed["portal"]
    request = portal.REQUEST
    request.method = "POST"
    request.form.update({"apply": "1", "_authenticator": createToken()})
    html = portal.restrictedTraverse("@@personal-data-retention")()
    assert "The run stopped at its time limit" in html
    assert "The preview stopped at its time limit" in html
    assert "is not finished" in html
    assert " of\n          5\n" in html or " of 5 " in " ".join(html.split())


def test_the_console_script_runs_a_dry_run(closed, capsys):
    """scripts/purge_personal_data.py, as zconsole runs it."""
    from pathlib import Path

    import sys

    close(closed, days_ago=100)
    script = Path(__file__).parents[2] / "scripts" / "purge_personal_data.py"
    namespace = {"__name__": "purge"}
    exec(compile(script.read_text(), str(script), "exec"), namespace)  # noqa: S102
    app = closed["portal"].aq_parent
    monkey_argv = sys.argv
    sys.argv = ["zconsole", "run", "zope.conf", str(script), "--dry-run"]
    try:
        import os

        os.environ["SITE_ID"] = "plone"
        namespace["main"](app)
    finally:
        sys.argv = monkey_argv
        os.environ.pop("SITE_ID", None)
    out = capsys.readouterr().out
    assert "would erase the address of: 3" in out
    assert "dry run: nothing changed" in out


def test_the_record_of_processing_for_the_dpo(closed):
    import json

    data = json.loads(closed["portal"].restrictedTraverse("@@record-of-processing")())
    assert data["controllers"][0]["pec"] == "protocollo@to.legalmail.example"
    assert data["retention_days_after_the_consultation_closes"]["spam"] == 7
    assert data["contributions_holding_an_address"] == {
        "comment/published": 1,
        "comment/pending": 1,
        "comment/rejected": 1,
        "comment/spam": 1,
        "pledge/published": 1,
    }
    assert PERSON not in json.dumps(data)
