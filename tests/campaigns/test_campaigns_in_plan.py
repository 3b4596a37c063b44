"""Campaigns on a real site: thirty near-identical comments are one group
in the moderators' queue (``@moderation-campaigns``), decided at once with
an audit entry per comment; the decision and the moderators' splits stay
when new members arrive."""

from plone import api
from plone.app.testing import logout
from plone.testing.zope import Browser
from tests.support.contributions import add_people
from tests.support.contributions import MODERATOR
from tests.support.contributions import post_comment
from tests.support.plans import open_plan
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from torino.socialplan.consultation.moderation import audit_by_item
from torino.socialplan.consultation.moderation import audit_key
from torino.socialplan.consultation.moderation import campaigns

import csv
import datetime
import io
import pytest
import transaction


TEMPLATE = (
    "Chiediamo che il piano preveda nuove piste ciclabili protette lungo "
    "corso Francia e vicino alle scuole del quartiere. Le fermate del tram "
    "devono essere accessibili alle persone anziane. Servono più alberi nei "
    "cortili delle scuole per fare ombra d'estate."
)
ORGANIC = (
    "Nel mio quartiere le piste ciclabili finiscono nel nulla e il tram passa "
    "ogni venti minuti: prima di piantare alberi bisogna sistemare i "
    "marciapiedi rotti davanti alle scuole."
)
NAMES = [
    f"{first} {last}"
    for first in ["Anna", "Luca", "Sara", "Paolo", "Elena", "Marco"]
    for last in ["Rossi", "Bianchi", "Conti", "Gallo", "Ferrero"]
]


def signed(name):
    return f"Mi chiamo {name}. {TEMPLATE} Cordiali saluti, {name}."


@pytest.fixture
def posted(functional_portal):
    site = open_plan(functional_portal)
    logout()
    comments = [post_comment(site, signed(name)) for name in NAMES]
    organic = post_comment(site, ORGANIC)
    transaction.commit()
    return site, comments, organic


def test_thirty_near_identical_comments_are_one_campaign(posted, request_factory):
    site, comments, organic = posted
    plan = site["plan"]
    groups = campaigns.campaign_groups(plan, review_state="pending")
    assert len(groups) == 1
    group = groups[0]
    assert group["count"] == 30
    assert group["states"] == {"pending": 30}
    assert group["template"]["text"] == signed(NAMES[0])
    second = group["members"][1]
    assert second["adds"] == [f"Mi chiamo {NAMES[1]}.", f"Cordiali saluti, {NAMES[1]}."]
    index = campaign_index(plan)
    assert index.group_of(f"lavoro/++conversation++default/{organic.id}") is None

    add_people()
    anonymous = request_factory().get("/plan/@moderation-campaigns")
    assert anonymous.status_code == 401
    moderator = request_factory(basic_auth=MODERATOR)
    answer = moderator.get("/plan/@moderation-campaigns").json()
    assert answer["items_total"] == 1
    assert answer["items"][0]["count"] == 30
    gid = answer["items"][0]["id"]
    queue = moderator.get("/plan/@moderation?b_size=100").json()["items"]
    assert sorted(item["campaign"] for item in queue if item["campaign"]) == [gid] * 30
    assert [item["campaign"] for item in queue if not item["campaign"]] == [None]

    refused = moderator.post(
        "/plan/@moderation-campaigns",
        json={"action": "decide", "campaign": gid, "transition": "bless"},
    )
    assert refused.status_code == 400
    transaction.begin()
    assert campaigns.campaign_groups(plan)[0]["decision"] is None
    decided = moderator.post(
        "/plan/@moderation-campaigns",
        json={"action": "decide", "campaign": gid, "transition": "publish"},
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["items_total"] == 30
    transaction.begin()
    audit = audit_by_item(plan)
    for comment in comments:
        assert api.content.get_state(obj=comment) == "published"
        assert [e["transition"] for e in audit[audit_key(comment)]] == ["publish"]

    # A new member joins; the group's decision and its published members stay.
    late = post_comment(site, signed("Giulia Colombo"))
    transaction.commit()
    groups = campaigns.campaign_groups(plan)
    assert groups[0]["count"] == 31
    assert groups[0]["states"] == {"published": 30, "pending": 1}
    assert groups[0]["decision"]["transition"] == "publish"
    assert groups[0]["decision"]["count"] == 30
    assert api.content.get_state(obj=late) == "pending"

    # Split one out, then merge it back.
    split = moderator.post(
        "/plan/@moderation-campaigns",
        json={"action": "split", "items": [late.absolute_url()]},
    )
    assert split.status_code == 200, split.text
    apart = split.json()["campaign"]
    transaction.begin()
    assert sorted(g["count"] for g in campaigns.campaign_groups(plan)) == [1, 30]
    post_comment(site, signed("Pietro Gallo"))
    transaction.commit()
    counts = {g["id"]: g["count"] for g in campaigns.campaign_groups(plan)}
    assert counts[apart] in (1, 2) and sum(counts.values()) == 32
    merged = moderator.post(
        "/plan/@moderation-campaigns",
        json={"action": "merge", "campaigns": [gid, apart]},
    )
    assert merged.json() == {"campaign": gid}
    transaction.begin()
    assert [g["count"] for g in campaigns.campaign_groups(plan)] == [32]

    bad = moderator.post(
        "/plan/@moderation-campaigns",
        json={"action": "decide", "campaign": 999, "transition": "publish"},
    )
    assert bad.status_code == 400


def test_the_classic_queue_shows_and_decides_a_campaign(posted, functional_app):
    site, comments, organic = posted
    add_people()
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {MODERATOR[0]}:{MODERATOR[1]}")
    browser.open(site["plan"].absolute_url() + "/@@moderation")
    assert "Campaign 1: 30" in " ".join(browser.contents.split())
    assert f"Mi chiamo {NAMES[1]}." in browser.contents
    form = browser.getForm(index=_campaign_form(browser))
    form.getControl(name="transition_all").value = ["publish"]
    form.getControl(name="campaign_decide").click()
    transaction.begin()
    assert {api.content.get_state(obj=c) for c in comments} == {"published"}
    assert api.content.get_state(obj=organic) == "pending"
    # Published: no more in the pending list's campaigns.
    assert "Campaign 1: 30" not in " ".join(browser.contents.split())


def _campaign_form(browser):
    for i in range(20):
        try:
            form = browser.getForm(index=i)
        except IndexError:
            break
        try:
            form.getControl(name="campaign_decide")
            return i
        except LookupError:
            continue
    raise AssertionError("no campaign form")


def test_the_report_counts_a_campaign_and_the_export_carries_it(
    posted, request_factory
):
    site, _comments, organic = posted
    plan = site["plan"]
    add_people()
    moderator = request_factory(basic_auth=MODERATOR)
    gid = campaigns.campaign_groups(plan)[0]["id"]
    answer = moderator.post(
        "/plan/@moderation-campaigns",
        json={"action": "decide", "campaign": gid, "transition": "publish"},
    )
    assert answer.status_code == 200, answer.text
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=organic, transition="publish")
    # The consultation is over: its results are public.
    plan.consultation_end = datetime.datetime.now() - datetime.timedelta(hours=1)
    transaction.commit()

    for who, page in (
        (moderator, "consultation-report"),
        (request_factory(), "consultation-results"),
    ):
        html = who.get(f"/plan/@@{page}").text
        flat = " ".join(html.split())
        assert "Campaign of 30 contributions" in flat, page
        assert flat.count("socialplan-report-campaign-text") == 1
        assert f"Mi chiamo {NAMES[1]}. Cordiali saluti, {NAMES[1]}." in flat

    rows = list(
        csv.DictReader(
            io.StringIO(
                moderator.get("/plan/@@consultation-export?format=csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    by_campaign = {}
    for row in rows:
        by_campaign.setdefault(row["Campaign"], []).append(row)
    assert len(by_campaign[str(gid)]) == 30
    assert len(by_campaign[""]) == 1
    public = request_factory().get("/plan/@@consultation-export?format=csv")
    assert "Campaign" not in public.content.decode("utf-8-sig").splitlines()[0]
