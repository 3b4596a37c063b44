"""How the export reads the Plan: windows of creation dates that never hold
more than WINDOW_SIZE entries, in order, each entry once, every object let go;
and the neutralisation of spreadsheet cells."""

from datetime import timedelta
from plone.app.testing import login
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import exports
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.exports import Audience
from torino.socialplan.consultation.exports import contributions
from torino.socialplan.consultation.exports import export_rows
from torino.socialplan.consultation.exports import neutralise

import pytest
import transaction


EVERYTHING = Audience(emails=True, all_states=True)
PUBLIC = Audience(emails=False, all_states=False)


def ids(plan, who):
    return [row["id"] for row in contributions(plan, who)]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_small_windows_give_the_same_rows(report, monkeypatch, size):
    login(report.portal, "manager")
    expected = {who: ids(report.plan, who) for who in (EVERYTHING, PUBLIC)}
    assert len(expected[EVERYTHING]) == len(report.items)
    assert len(expected[PUBLIC]) == len(report.select(state="published"))
    sizes = []
    original = contributions(report.plan, EVERYTHING).windows

    def windows(self):
        for window in original.__func__(self):
            sizes.append(len(window))
            yield window

    monkeypatch.setattr(export_rows, "WINDOW_SIZE", size)
    monkeypatch.setattr(exports.Contributions, "windows", windows)
    for who, rows in expected.items():
        assert ids(report.plan, who) == rows
    # Several windows, none larger than asked unless its entries share a
    # minute (the index's precision): the fixture has such ties.
    assert len(sizes) > 2
    assert max(sizes) <= max(size, 4)


@pytest.mark.parametrize("size", [2, 500])
@pytest.mark.parametrize(
    "dates",
    [
        (-2, -1),  # some before, some within, some after
        (3, 30),  # all before: an upcoming window (dates moved)
        (-30, -10),  # all after
        None,  # no dates
    ],
)
def test_contributions_outside_the_dates_are_exported(report, monkeypatch, size, dates):
    """Moving the consultation's dates after contributions came loses none."""
    login(report.portal, "manager")
    expected = {who: ids(report.plan, who) for who in (EVERYTHING, PUBLIC)}
    monkeypatch.setattr(export_rows, "WINDOW_SIZE", size)
    now = now_in_rome()
    if dates is None:
        report.plan.consultation_start = report.plan.consultation_end = None
    else:
        report.plan.consultation_start = now + timedelta(days=dates[0])
        report.plan.consultation_end = now + timedelta(days=dates[1])
    for who, rows in expected.items():
        assert ids(report.plan, who) == rows


def test_rows_are_in_creation_order(report):
    login(report.portal, "manager")
    rows = list(contributions(report.plan, EVERYTHING))
    created = [row["created"] for row in rows]
    assert created == sorted(created)
    assert all(row["created"].tzinfo is not None for row in rows)
    assert {row["created"].utcoffset().total_seconds() for row in rows} <= {
        3600,
        7200,
    }


def test_objects_are_let_go(report):
    """After the export, the contributions it woke are ghosts again."""
    transaction.begin()
    login(report.portal, "manager")
    objects = [item.obj for item in report.items]
    for obj in objects:
        obj.first_name  # awake  # noqa: B018
    assert all(obj._p_changed is not None for obj in objects)
    rows = list(contributions(report.plan, EVERYTHING))
    assert len(rows) == len(objects)
    assert all(obj._p_changed is None for obj in objects)


def test_awaiting_confirmation_stays_out(report, monkeypatch):
    login(report.portal, "manager")
    pending = report.item("lavoro_pending").obj
    path = "/".join(pending.getPhysicalPath())
    monkeypatch.setattr(confirmation, "awaiting_paths", lambda: frozenset({path}))
    assert pending.absolute_url() not in ids(report.plan, EVERYTHING)
    assert len(ids(report.plan, EVERYTHING)) == len(report.items) - 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+39 011", "'+39 011"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("  =1+1", "'  =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("Maria", "Maria"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected
