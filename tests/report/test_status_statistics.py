"""consultation/statistics/: counts from the catalog, days in Europe/Rome."""

from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from plone.app.testing import login
from plone.app.testing import logout
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
from tests.support.users import ANONYMOUS
from torino.socialplan.consultation import statistics

import pytest
import pytz


@pytest.fixture
def woken(monkeypatch):
    """The paths of the objects woken through catalog brains."""
    paths = []
    original = AbstractCatalogBrain._unrestrictedGetObject

    def spy(brain):
        paths.append(brain.getPath())
        return original(brain)

    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", spy)
    monkeypatch.setattr(AbstractCatalogBrain, "getObject", spy)
    return paths


def test_places_and_replies_without_waking_contributions(report_integration, woken):
    c = report_integration
    logout()
    outline = statistics.outline(c.plan)
    found = statistics.entries(c.plan, outline)
    assert woken == []
    published = c.select(state="published")
    assert sorted(e.path for e in found) == sorted(
        "/".join(i.obj.getPhysicalPath()) for i in published
    )
    replies = [e for e in found if e.reply]
    assert [e.path for e in replies] == [
        "/".join(c.item("lavoro_reply").obj.getPhysicalPath())
    ]
    pledge = next(
        e for e in found if e.url == c.item("pledge_published").obj.absolute_url()
    )
    assert pledge.actions == (
        "/".join(c.content["a111"].getPhysicalPath()),
        "/".join(c.content["a211"].getPhysicalPath()),
    )


def test_status_wakes_no_contribution(report_integration, woken):
    """Inline counts come from the summaries stored with each text."""
    c = report_integration
    logout()
    status = statistics.consultation_status(c.plan)
    assert woken == []
    inline = [i for i in c.select(state="published", kind="comment") if i.inline]
    assert status["counts"]["inline_comments"] == len(inline) > 0


def test_moderation_counts_do_not_wake(report_integration, woken):
    c = report_integration
    login(c.portal, "moderator")
    counts = statistics.moderation_counts(c.plan)
    assert counts["pledges"] == {"pending": 1, "rejected": 1, "spam": 1}
    assert woken == []


def test_days_are_rome_days(report_integration):
    """23:30 UTC on 31 March is 1 April in Rome (summer time, +2). (Dates in
    the past: the catalog hides from anonymous users what is not effective
    yet, and a comment's effective date is its creation date.)"""
    c = report_integration
    comment = c.item("lavoro_published").obj
    # A pytz zone, as plone.app.discussion stores (localized_now()):
    # plone.app.event's DT, which indexes comment dates, reads a datetime
    # whose tzinfo has no pytz ``zone`` (datetime.UTC) as a time of the
    # portal's zone, Europe/Rome since 1009.
    comment.creation_date = datetime(2025, 3, 31, 23, 30, tzinfo=pytz.utc)
    comment.reindexObject()
    pledge = c.item("pledge_published").obj
    pledge.creation_date = DateTime("2025/03/31 21:59:00 UTC")  # 23:59 in Rome
    pledge.reindexObject()
    c.plan.consultation_start = datetime(2025, 3, 30, 9, 0)
    c.plan.consultation_end = datetime(2025, 4, 2, 18, 0)
    logout()
    outline = statistics.outline(c.plan)
    found = statistics.read_facts(statistics.entries(c.plan, outline))
    now = datetime(2025, 4, 10, 12, 0, tzinfo=UTC)
    days = statistics.figures(c.plan, outline, found, now=now)["per_day"]
    by_day = {day.isoformat(): (comments, pledges) for day, comments, pledges in days}
    assert by_day["2025-04-01"][0] >= 1
    assert by_day["2025-03-31"][1] >= 1
    # Every day of the window is there, even without contributions.
    assert [d for d in by_day if d.startswith("2025")] == [
        "2025-03-30",
        "2025-03-31",
        "2025-04-01",
        "2025-04-02",
    ]


def test_figures(report_integration):
    c = report_integration
    logout()
    outline = statistics.outline(c.plan)
    found = statistics.read_facts(statistics.entries(c.plan, outline))
    figures = statistics.figures(
        c.plan,
        outline,
        found,
        outcomes=("accepted", "partly_accepted", "not_accepted", "out_of_scope"),
        organization_types=("citizen", "foundation"),
    )
    published = c.select(state="published")
    outcomes = {token: (n, p) for token, n, p in figures["outcomes"]}
    assert outcomes["accepted"] == (1, 0)
    assert outcomes["partly_accepted"] == (1, 1)
    assert outcomes["out_of_scope"] == (0, 0)
    assert sum(n + p for n, p in outcomes.values()) == len(published)
    kinds = dict(figures["comment_kinds"])
    assert kinds == {"inline": 2, "whole_page": 3, "reply": 1}
    types = {token: (n, p) for token, n, p in figures["per_organization_type"]}
    assert types["foundation"] == (1, 1)
    # Types outside the given order still count, after it.
    assert types["social_enterprise"] == (2, 0)
    resources = {
        action.code: offered for action, _n, offered in figures["pledges_per_action"]
    }
    assert resources["A.1.1"] == [
        ("Spazi", ["200 m²"]),
        ("Tempo del personale", ["120 ore"]),
    ]
    assert resources["A.1.2"] == [("Lavoro", ["2 posti"])]
    # Anonymous users do not see the private Action A.2.2.
    assert "A.2.2" not in resources


def test_search_matches_names_text_and_quotes(report_integration):
    c = report_integration
    login(c.portal, "manager")
    outline = statistics.outline(c.plan)

    def matching(words):
        found = statistics.read_facts(statistics.entries(c.plan, outline), search=words)
        return sorted(
            e.brain.author_name for e in found if e.matches and e.kind == "comment"
        )

    assert matching("çelik") == ["Zoë Çelik"]
    assert matching("PERSONE fragili") == ["Zoë Çelik"]
    assert matching("formazione") == ["Maria Rossi", "Łukasz Nowak"]
    assert matching("nothing-like-this") == []


def test_anonymous_outline(report_integration):
    logout()
    outline = statistics.outline(report_integration.plan)
    assert [a.code for a in outline.all_actions()] == ["A.1.1", "A.1.2", "A.2.1"]
    assert ANONYMOUS  # the actors' names are shared with the HTTP tests
