"""@@moderation, the Classic UI review queue, through a test browser."""

from plone import api
from tests.participation.moderation import ACTORS
from tests.participation.moderation import comment_url
from tests.participation.moderation import MODERATING
from tests.support.users import ANONYMOUS
from torino.socialplan.consultation import moderation

import pytest
import re
import transaction


@pytest.fixture
def site(moderated_http):
    return moderated_http


def queue_url(site, query=""):
    return f"{site['plan'].absolute_url()}/@@moderation{query}"


def row_ids(browser):
    return browser.getControl(name="items:list").options


def status_message(browser):
    match = re.search(
        r'<div class="[^"]*alert[^"]*"[^>]*>(.*?)</div>', browser.contents, re.S
    )
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip() if match else ""


def state(site, key):
    transaction.begin()
    return api.content.get_state(obj=site[key])


@pytest.mark.parametrize("who", ACTORS)
def test_who_opens_the_queue(site, browser, who):
    b = browser(who)
    b.open(queue_url(site))
    if who in MODERATING:
        assert b.headers["status"].startswith("200")
        assert "Moderation of contributions" in b.contents
        assert len(row_ids(b)) == 6
    else:
        # Anonymous users are sent to log in, members told they may not.
        expected = "/login?" if who == ANONYMOUS else "/insufficient-privileges"
        assert expected in b.url
        assert "elena@example.org" not in b.contents


@pytest.mark.parametrize("who", ACTORS)
def test_the_plan_links_to_the_queue_for_moderators(site, browser, who):
    b = browser(who)
    b.open(site["plan"].absolute_url())
    assert (queue_url(site) in b.contents) is (who in MODERATING)


def test_the_table_shows_everything_a_moderator_needs(site, browser):
    b = browser("moderator")
    b.open(queue_url(site))
    html = b.contents
    assert "<caption" in html
    assert html.count('scope="col"') == 8
    assert html.count('scope="row"') == 6
    # Every checkbox has a label; "select all" too.
    assert 'for="moderation-select-all"' in html
    for index in range(6):
        assert f'for="moderation-item-{index}"' in html
    for text in (
        "elena@example.org",
        "On the training action.",
        "Luca offers two tutors.",
        "Cooperativa Aurora",
        site["training"].absolute_url(),
        "Fondazione Nord",
    ):
        assert text in html
    assert list(b.getControl(name="reason").options) == [
        "",
        *(token for token, _title in moderation.REASONS),
    ]
    # The same buttons above the list and below it.
    for label in ("Publish", "Reject", "Mark as spam"):
        assert b.getControl(label, index=0)
        assert b.getControl(label, index=1)


def test_filters(site, browser):
    b = browser("moderator")
    b.open(queue_url(site))
    filters = b.getForm(id="moderation-filters")
    filters.getControl(name="type").value = ["pledge"]
    filters.getControl(name="chapter").value = [site["work"].UID()]
    filters.getControl("Filter").click()
    assert row_ids(b) == [site["p_training"].absolute_url()]
    b.open(queue_url(site, "?review_state=spam"))
    assert "No contributions match these filters." in b.contents


def test_bulk_reject_with_a_reason(site, browser):
    b = browser("moderator")
    b.open(queue_url(site))
    chosen = [comment_url(site["c_plan"]), site["p_funds"].absolute_url()]
    b.getControl(name="items:list").value = chosen
    b.getControl(name="reason").value = ["advertising"]
    b.getControl(name="note").value = "Sells courses."
    b.getControl("Reject", index=1).click()
    assert status_message(b).endswith("Contributions rejected: 2.")
    assert state(site, "c_plan") == state(site, "p_funds") == "rejected"
    assert not set(chosen) & set(row_ids(b))
    # The audit shows in the queue of rejected contributions.
    b.open(queue_url(site, "?review_state=rejected"))
    assert "Advertising" in b.contents
    assert "Sells courses." in b.contents
    assert "Moderator" in b.contents


def test_publish_ignores_the_reason_list(site, browser):
    b = browser("reviewer")
    b.open(queue_url(site))
    b.getControl(name="items:list").value = [comment_url(site["c_work"])]
    b.getControl(name="reason").value = ["off_topic"]
    b.getControl("Publish", index=0).click()
    assert status_message(b).endswith("Contributions published: 1.")
    assert state(site, "c_work") == "published"


def test_nothing_selected_is_an_error(site, browser):
    b = browser("moderator")
    b.open(queue_url(site, "?type=comment"))
    b.getControl("Mark as spam", index=1).click()
    assert "Select at least one contribution." in status_message(b)
    # The filters survive the round trip.
    assert "type=comment" in b.url


def test_posting_without_the_form_token_is_refused(site, browser):
    b = browser("moderator")
    b.post(
        queue_url(site),
        f"items:list={comment_url(site['c_work'])}&transition=publish",
    )
    assert b.headers["status"].startswith("403")
    assert state(site, "c_work") == "pending"
