"""``GET {plan}/@consultation``: window, published counts, moderation counts
for moderators only."""

from datetime import datetime
from plone import api
from tests.report.consultation import EMAIL
from tests.support.plans import set_window
from tests.support.users import ACTORS
from tests.support.users import ANONYMOUS
from tests.support.users import MODERATORS
from torino.socialplan.base.window import as_rome

import pytest
import transaction


# Chapter key -> its action keys, in order.
ACTIONS = {"lavoro": ("a111", "a112"), "finanza": ("a211", "a222")}


def get(rest, who, path):
    return rest(who).get(path, headers={"Accept": "application/json"})


def visible(report, who, key):
    """Whether ``who`` may view the content ``key`` (asked of the site)."""
    obj = report.content[key]
    if who == ANONYMOUS:
        return "Anonymous" in _roles_with_view(obj)
    return bool(api.user.has_permission("View", username=who, obj=obj))


def _roles_with_view(obj):
    return {r["name"] for r in obj.rolesOfPermission("View") if r["selected"]}


def expected_counts(report, who):
    published = report.select(state="published")
    comments = [i for i in published if i.kind == "comment"]
    pledges = [i for i in published if i.kind == "pledge"]
    shown = {k for k in report.content if visible(report, who, k)}
    by_chapter = []
    for chapter, actions in ACTIONS.items():
        actions = [a for a in actions if a in shown]
        by_chapter.append(
            {
                "title": report.content[chapter].title,
                "comments": sum(1 for i in comments if i.on in (chapter, *actions)),
                "pledges": sum(1 for i in pledges if set(i.actions) & set(actions)),
                "actions": [
                    {
                        "code": report.content[a].code,
                        "comments": sum(1 for i in comments if i.on == a),
                        "pledges": sum(1 for i in pledges if a in i.actions),
                    }
                    for a in actions
                ],
            }
        )
    return {
        "comments": len(comments),
        "inline_comments": sum(1 for i in comments if i.inline),
        "replies": sum(1 for i in comments if i.is_reply),
        "pledges": len(pledges),
        "position_papers": 0,  # tests/position_papers/test_paper_counts.py
        "by_chapter": by_chapter,
    }


def summary(counts):
    """The answer's counts without ids, to compare with expected_counts."""
    return {
        **{
            k: counts[k]
            for k in (
                "comments",
                "inline_comments",
                "replies",
                "pledges",
                "position_papers",
            )
        },
        "by_chapter": [
            {
                "title": c["title"],
                "comments": c["comments"],
                "pledges": c["pledges"],
                "actions": [
                    {k: a[k] for k in ("code", "comments", "pledges")}
                    for a in c["actions"]
                ],
            }
            for c in counts["by_chapter"]
        ],
    }


@pytest.mark.parametrize("who", ACTORS)
def test_counts_per_role(report, rest, who):
    response = get(rest, who, "piano/@consultation")
    assert response.status_code == 200
    data = response.json()
    assert data["@id"] == f"{report.url()}/@consultation"
    assert summary(data["counts"]) == expected_counts(report, who)
    # Nothing personal, nothing unpublished by name.
    assert EMAIL not in response.text
    assert "Neri" not in response.text


@pytest.mark.parametrize("who", ACTORS)
def test_moderation_counts_for_moderators_only(report, rest, who):
    data = get(rest, who, "piano/@consultation").json()
    if who not in MODERATORS:
        assert "moderation" not in data["counts"]
        return
    expected = {
        key: {
            state: len(report.select(kind=kind, state=state))
            for state in ("pending", "rejected", "spam")
        }
        for kind, key in (("comment", "comments"), ("pledge", "pledges"))
    }
    assert data["counts"]["moderation"] == expected
    assert expected["comments"]["pending"] == 2  # the fixture has some of each


def test_private_action_is_not_listed_for_anonymous(report, rest):
    data = get(rest, ANONYMOUS, "piano/@consultation").json()
    codes = [a["code"] for c in data["counts"]["by_chapter"] for a in c["actions"]]
    assert codes == ["A.1.1", "A.1.2", "A.2.1"]
    manager = get(rest, "manager", "piano/@consultation").json()
    chapter = manager["counts"]["by_chapter"][0]
    assert chapter["@id"] == report.url("lavoro")
    assert chapter["uid"] == api.content.get_uuid(report.content["lavoro"])
    action = chapter["actions"][0]
    assert action["@id"] == report.url("a111")
    assert action["uid"] == api.content.get_uuid(report.content["a111"])
    assert action["title"] == "Formazione"


def _offset_matches_rome(value):
    parsed = datetime.fromisoformat(value)
    return parsed.utcoffset() == as_rome(parsed).utcoffset()


def test_open_window(report, rest):
    data = get(rest, ANONYMOUS, "piano/@consultation").json()
    status = report.plan.window()
    assert data["status"] == "open"
    assert datetime.fromisoformat(data["start"]) == status.start.replace(microsecond=0)
    assert datetime.fromisoformat(data["end"]) == status.end.replace(microsecond=0)
    assert _offset_matches_rome(data["start"]) and _offset_matches_rome(data["end"])
    # 8 days left, give or take the test's own time.
    assert 8 * 86400 - 120 < data["seconds_left"] <= 8 * 86400
    assert data["seconds_to_open"] is None


def test_upcoming_window(report, rest):
    set_window(report.plan, "upcoming")
    data = get(rest, ANONYMOUS, "piano/@consultation").json()
    assert data["status"] == "upcoming"
    assert data["seconds_left"] is None
    assert 3 * 86400 - 120 < data["seconds_to_open"] <= 3 * 86400


def test_closed_window(report, rest):
    set_window(report.plan, "closed")
    data = get(rest, ANONYMOUS, "piano/@consultation").json()
    assert data["status"] == "closed"
    assert data["seconds_left"] is None
    assert data["seconds_to_open"] is None


def test_window_without_dates(report, rest):
    report.plan.consultation_start = None
    report.plan.consultation_end = None
    transaction.commit()
    data = get(rest, ANONYMOUS, "piano/@consultation").json()
    assert (data["status"], data["start"], data["end"]) == ("closed", None, None)


def test_empty_consultation(report, rest):
    data = get(rest, "manager", "piano-vuoto/@consultation").json()
    counts = data["counts"]
    assert (
        counts["comments"],
        counts["inline_comments"],
        counts["replies"],
        counts["pledges"],
    ) == (0, 0, 0, 0)
    assert [
        (c["title"], c["comments"], c["pledges"], len(c["actions"]))
        for c in counts["by_chapter"]
    ] == [("Capitolo unico", 0, 0, 1)]
    assert counts["moderation"] == {
        "comments": {"pending": 0, "rejected": 0, "spam": 0},
        "pledges": {"pending": 0, "rejected": 0, "spam": 0},
    }


@pytest.mark.parametrize("path", ["piano/lavoro", "piano/lavoro/a111", ""])
def test_only_on_plans(report, rest, path):
    response = get(rest, "manager", f"{path}/@consultation".lstrip("/"))
    assert response.status_code == 404


def test_private_plan_needs_view(report, rest):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=report.plan, transition="retract")
    transaction.commit()
    assert get(rest, ANONYMOUS, "piano/@consultation").status_code == 401
    assert get(rest, "plan_editor", "piano/@consultation").status_code == 200


def test_counts_follow_moderation(report, rest):
    """A comment published afterwards is counted (no stale figures)."""
    before = get(rest, ANONYMOUS, "piano/@consultation").json()["counts"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=report.item("lavoro_pending").obj, transition="publish"
        )
    transaction.commit()
    after = get(rest, ANONYMOUS, "piano/@consultation").json()["counts"]
    assert after["comments"] == before["comments"] + 1
    assert after["by_chapter"][0]["comments"] == before["by_chapter"][0]["comments"] + 1
