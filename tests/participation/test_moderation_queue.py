"""The moderation core: the queue of a Plan, atomic bulk transitions, audit,
and the comment workflow override that lets moderators review comments.

The consultation and helpers are tests/participation/moderation.py's."""

from datetime import datetime
from datetime import timedelta
from plone import api
from tests.participation.moderation import ACTORS
from tests.participation.moderation import comment_url
from tests.participation.moderation import MODERATING
from tests.participation.moderation import queue
from tests.participation.moderation import state
from tests.support.users import acting_as
from tests.support.users import ANONYMOUS
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation.errors import ContributionError

import pytest


@pytest.fixture
def site(moderated):
    return moderated


def ids(result):
    return [item["@id"] for item in result["items"]]


# The queue


def test_queue_lists_pending_comments_and_pledges_newest_first(site):
    result = queue(site["plan"])
    expected = [
        site[key].absolute_url()
        for key in ("c_plan", "c_work", "c_training", "c_funds")
    ] + [site["p_training"].absolute_url(), site["p_funds"].absolute_url()]
    assert sorted(ids(result)) == sorted(expected)
    assert result["items_total"] == 6
    created = [item["created"] for item in result["items"]]
    assert created == sorted(created, reverse=True)
    # Comments of the other Plan are not this Plan's business.
    assert site["c_other"].absolute_url() not in ids(result)
    assert site["p_other"].absolute_url() not in ids(result)


def test_queue_item_of_a_comment(site):
    comment = site["c_training"]
    (item,) = [
        i for i in queue(site["plan"])["items"] if i["@id"] == comment_url(comment)
    ]
    assert item["@id"].endswith(f"/work/training/++conversation++default/{comment.id}")
    assert item["type"] == "comment"
    assert item["text"] == "On the training action."
    assert (item["first_name"], item["last_name"]) == ("Elena", "Rossi")
    assert item["organization"] == "Cooperativa Aurora"
    assert item["organization_type"] == "social_enterprise"
    assert item["email"] == "elena@example.org"
    assert item["target"] == [
        {"@id": site["training"].absolute_url(), "title": "Training"}
    ]
    assert item["review_state"] == "pending"
    assert item["audit"] == []


def test_queue_item_of_a_pledge(site):
    pledge = site["p_funds"]
    (item,) = [
        i
        for i in queue(site["plan"], kind="pledge")["items"]
        if i["@id"] == pledge.absolute_url()
    ]
    assert item["type"] == "pledge"
    assert item["text"] == "Luca offers two tutors."
    assert item["email"] == "luca@example.org"
    assert item["organization_type"] == "foundation"
    assert item["target"] == [{"@id": site["funds"].absolute_url(), "title": "Funds"}]


def test_queue_filters_by_type(site):
    comments = queue(site["plan"], kind="comment")
    pledges = queue(site["plan"], kind="pledge")
    assert {i["type"] for i in comments["items"]} == {"comment"}
    assert comments["items_total"] == 4
    assert {i["type"] for i in pledges["items"]} == {"pledge"}
    assert pledges["items_total"] == 2


def test_queue_filters_by_chapter(site):
    result = queue(site["plan"], chapter=site["work"].UID())
    # The chapter's own comments, its Actions' comments, and the Pledges
    # naming its Actions.
    assert sorted(ids(result)) == sorted(
        [
            comment_url(site["c_work"]),
            comment_url(site["c_training"]),
            site["p_training"].absolute_url(),
        ]
    )


def test_queue_filters_by_state(site):
    with acting_as(site["portal"], "manager"):
        moderation.moderate(site["plan"], [comment_url(site["c_work"])], "reject")
    assert ids(queue(site["plan"], review_state="rejected")) == [
        comment_url(site["c_work"])
    ]
    assert comment_url(site["c_work"]) not in ids(queue(site["plan"]))
    assert queue(site["plan"], review_state="spam")["items_total"] == 0


def test_queue_batches(site):
    first = queue(site["plan"], b_start=0, b_size=4)
    second = queue(site["plan"], b_start=4, b_size=4)
    assert first["items_total"] == second["items_total"] == 6
    assert len(first["items"]) == 4
    assert len(second["items"]) == 2
    assert not set(ids(first)) & set(ids(second))


def test_queue_refuses_bad_filters_all_at_once(site):
    with pytest.raises(ContributionError) as raised:
        queue(
            site["plan"],
            review_state="lost",
            kind="poem",
            chapter=site["other_plan"]["other"].UID(),
        )
    assert raised.value.status == 400
    assert [field for field, _msg in raised.value.errors] == [
        "review_state",
        "type",
        "chapter",
    ]


# Moderation


def test_bulk_publish_of_a_comment_and_a_pledge(site):
    comment, pledge = site["c_training"], site["p_funds"]
    with acting_as(site["portal"], "moderator"):
        changes = moderation.moderate(
            site["plan"], [comment_url(comment), pledge.absolute_url()], "publish"
        )
    assert changes == [
        {
            "@id": comment_url(comment),
            "type": "comment",
            "from": "pending",
            "to": "published",
        },
        {
            "@id": pledge.absolute_url(),
            "type": "pledge",
            "from": "pending",
            "to": "published",
        },
    ]
    assert state(comment) == state(pledge) == "published"
    # The catalog follows: the public now counts and finds them.
    published = queue(site["plan"], review_state="published")
    assert sorted(ids(published)) == sorted(
        [comment_url(comment), pledge.absolute_url()]
    )
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog(UID=site["training"].UID())[0].total_comments == 1
    with acting_as(site["portal"], ANONYMOUS):
        assert api.user.has_permission("View", obj=comment)
        assert api.user.has_permission("View", obj=pledge)


def test_ids_may_be_site_paths_and_repeat(site):
    comment = site["c_plan"]
    path = "/".join(comment.getPhysicalPath())
    with acting_as(site["portal"], "manager"):
        changes = moderation.moderate(
            site["plan"], [path, comment_url(comment)], "mark_as_spam"
        )
    assert len(changes) == 1
    assert state(comment) == "spam"


@pytest.mark.parametrize(
    "bad",
    [
        "other_plan_comment",
        "other_plan_pledge",
        "missing",
        "plan_itself",
        "action",
        "already_published",
    ],
)
def test_one_bad_id_changes_nothing(site, bad):
    with acting_as(site["portal"], "manager"):
        moderation.moderate(site["plan"], [comment_url(site["c_funds"])], "publish")
    bad_id = {
        "other_plan_comment": comment_url(site["c_other"]),
        "other_plan_pledge": site["p_other"].absolute_url(),
        "missing": site["plan"].absolute_url() + "/pledge-00000000",
        "plan_itself": site["plan"].absolute_url(),
        "action": site["training"].absolute_url(),
        # publish is not available on a published comment
        "already_published": comment_url(site["c_funds"]),
    }[bad]
    good = [comment_url(site["c_work"]), site["p_training"].absolute_url()]
    audit_before = len(moderation.audit_log(site["plan"]))
    with (
        acting_as(site["portal"], "moderator"),
        pytest.raises(ContributionError) as raised,
    ):
        moderation.moderate(site["plan"], [good[0], bad_id, good[1]], "publish")
    assert raised.value.status == 400
    assert [f for f, _m in raised.value.errors] == ["items"]
    assert bad_id in raised.value.messages()[0][1]
    assert good[0] not in raised.value.messages()[0][1]
    assert state(site["c_work"]) == state(site["p_training"]) == "pending"
    assert len(moderation.audit_log(site["plan"])) == audit_before


@pytest.mark.parametrize(
    ("transition", "reason", "note", "fields"),
    [
        ("delete", None, None, ["transition"]),
        ("reject", "boring", None, ["reason"]),
        ("publish", "off_topic", None, ["reason"]),
        ("reject", None, "x" * 1001, ["note"]),
        ("recall", "nonsense", None, ["transition", "reason"]),
    ],
)
def test_bad_transition_reason_or_note_changes_nothing(
    site, transition, reason, note, fields
):
    with (
        acting_as(site["portal"], "moderator"),
        pytest.raises(ContributionError) as raised,
    ):
        moderation.moderate(
            site["plan"],
            [comment_url(site["c_work"])],
            transition,
            reason=reason,
            note=note,
        )
    assert [f for f, _m in raised.value.errors] == fields
    assert state(site["c_work"]) == "pending"


def test_no_items_is_an_error(site):
    with (
        acting_as(site["portal"], "moderator"),
        pytest.raises(ContributionError) as raised,
    ):
        moderation.moderate(site["plan"], [], "publish")
    assert [f for f, _m in raised.value.errors] == ["items"]


def test_users_without_the_transition_change_nothing(site):
    # The workflow guards each transition: a member gets it for no item.
    with acting_as(site["portal"], "member"), pytest.raises(ContributionError):
        moderation.moderate(site["plan"], [comment_url(site["c_work"])], "publish")
    assert state(site["c_work"]) == "pending"


def test_audit_records_who_when_what_and_why(site):
    comment, pledge = site["c_work"], site["p_training"]
    before = datetime.now().astimezone()
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(
            site["plan"],
            [comment_url(comment), pledge.absolute_url()],
            "reject",
            reason="off_topic",
            note="  Talks about another city.  ",
        )
    log = moderation.audit_log(site["plan"])
    assert len(log) == 2
    entry = dict(log[0])
    when = datetime.fromisoformat(entry.pop("when"))
    assert before - timedelta(seconds=1) <= when <= datetime.now().astimezone()
    assert entry == {
        "item": moderation.audit_key(comment),
        "@id": comment_url(comment),
        "type": "comment",
        "who": "moderator",
        "who_name": "Moderator",
        "transition": "reject",
        "from": "pending",
        "to": "rejected",
        "reason": "off_topic",
        "note": "Talks about another city.",
    }
    assert log[1]["item"] == pledge.UID()
    # The workflow history says why too.
    for obj in (comment, pledge):
        last = obj.workflow_history[
            api.portal.get_tool("portal_workflow").getChainFor(obj)[0]
        ][-1]
        assert last["action"] == "reject"
        assert last["actor"] == "moderator"
        assert last["comments"] == "Off topic — Talks about another city."
    # And the queue shows it with the item.
    (item,) = queue(site["plan"], review_state="rejected", kind="comment")["items"]
    assert [(a["who"], a["from"], a["to"], a["reason"]) for a in item["audit"]] == [
        ("moderator", "pending", "rejected", "off_topic")
    ]


def test_audit_follows_an_item_through_several_transitions(site):
    pledge = site["p_funds"]
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [pledge.absolute_url()], "mark_as_spam")
    with acting_as(site["portal"], "reviewer"):
        moderation.moderate(site["plan"], [pledge.absolute_url()], "publish")
    (item,) = queue(site["plan"], review_state="published")["items"]
    assert [(a["who"], a["from"], a["to"]) for a in item["audit"]] == [
        ("moderator", "pending", "spam"),
        ("reviewer", "spam", "published"),
    ]


def test_every_route_is_audited_once(site):
    """A decision taken outside our moderation (the workflow menu, stock
    @@moderate-comments, a script) is in the audit too, and ours only once."""
    comment, pledge = site["c_work"], site["p_training"]
    with acting_as(site["portal"], "moderator"):
        api.content.transition(obj=comment, transition="publish")
        api.content.transition(obj=pledge, transition="reject")
        moderation.moderate(site["plan"], [comment_url(comment)], "reject")
    by_item = moderation.audit_by_item(site["plan"])
    assert [
        (a["who"], a["from"], a["to"]) for a in by_item[moderation.audit_key(comment)]
    ] == [("moderator", "pending", "published"), ("moderator", "published", "rejected")]
    (entry,) = by_item[moderation.audit_key(pledge)]
    assert (entry["transition"], entry["reason"], entry["note"]) == (
        "reject",
        None,
        None,
    )


def test_reasons_vocabulary_is_registered():
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    factory = getUtility(IVocabularyFactory, "torino.socialplan.ModerationReasons")
    assert [t.token for t in factory(None)] == [
        "off_topic",
        "offensive",
        "personal_data",
        "duplicate",
        "advertising",
        "other",
    ]


# The comment workflow override


@pytest.mark.parametrize("who", ACTORS)
def test_who_views_and_reviews_a_pending_comment(site, who):
    comment = site["c_work"]
    with acting_as(site["portal"], who):
        may_view = api.user.has_permission("View", obj=comment)
        may_review = api.user.has_permission("Review comments", obj=comment)
    assert may_view is (who in MODERATING)
    assert may_review is (who in MODERATING)


@pytest.mark.parametrize("final", ["rejected", "spam"])
def test_moderator_finds_rejected_and_spam_comments(site, final):
    transition = {"rejected": "reject", "spam": "mark_as_spam"}[final]
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [comment_url(site["c_work"])], transition)
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(portal_type="Discussion Item", review_state=final)
    assert [b.getURL() for b in brains] == [comment_url(site["c_work"])]


@pytest.mark.parametrize("transition", ["reject", "mark_as_spam"])
def test_rejected_and_spam_comments_are_for_moderators_only(site, transition):
    comment = site["c_work"]
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [comment_url(comment)], transition)
    catalog = api.portal.get_tool("portal_catalog")
    for who in ACTORS:
        with acting_as(site["portal"], who):
            may_view = api.user.has_permission("View", obj=comment)
            found = [b.getURL() for b in catalog(SearchableText="work chapter")]
        assert may_view is (who in MODERATING), who
        assert (found == [comment_url(comment)]) is (who in MODERATING), who
