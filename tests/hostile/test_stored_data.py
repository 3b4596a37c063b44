"""Data stored before the input policy: the exports cope with it, and the
1001 -> 1002 upgrade step cleans it."""

from openpyxl import load_workbook
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.support.clients import session
from tests.support.clients import TIMEOUT
from torino.socialplan import PACKAGE_NAME
from torino.socialplan.upgrades import to_1002

import io
import json
import pytest
import transaction


PROFILE = f"{PACKAGE_NAME}:default"
POISON = "Eve\ud800\x00\u202e"


def poison(site):
    """Invalid values written as older code could store them."""
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    pledge = site["pledge"]
    pledge.first_name = POISON
    pledge.contribution = "Due tutor\ud800."
    pledge.resources = [{"kind": "Sala\ud800", "description": None, "value": None}]
    api.content.transition(obj=pledge, transition="publish")
    comment = site["comment"]
    comment.organization = POISON
    comment.text = "Testo\ud800 del commento"
    site["action_a"].milestones = [{"title": "Fase\u202e", "due_date": None}]
    transaction.commit()
    return pledge, comment


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("who", ["anonymous", "moderator"])
def test_exports_cope_with_stored_invalid_text(hostile_site, fmt, who):
    poison(hostile_site)
    response = session(who).get(
        hostile_site["plan"].absolute_url() + "/@@consultation-export",
        params={"format": fmt},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text[:500]
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
    elif fmt == "json":
        text = json.dumps(response.json(), ensure_ascii=False)
    else:
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        text = " ".join(
            str(cell)
            for row in book.worksheets[0].iter_rows(values_only=True)
            for cell in row
        )
    assert "Eve" in text
    assert "\ud800" not in text


def test_upgrade_1001_to_1002_cleans_stored_values(hostile_site):
    pledge, comment = poison(hostile_site)
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    assert setup_tool.listUpgrades(PROFILE), "1001 -> 1002 is pending"
    setup_tool.upgradeProfile(PROFILE, dest="1002")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)
    assert pledge.first_name == "Eve"
    assert pledge.contribution == "Due tutor."
    assert pledge.resources[0]["kind"] == "Sala"
    comment = IConversation(hostile_site["chapter"])[comment.id]
    assert comment.organization == "Eve"
    assert "\ud800" not in comment.rendered_html
    assert hostile_site["action_a"].milestones[0]["title"] == "Fase"
    catalog = api.portal.get_tool("portal_catalog")
    brain = catalog.unrestrictedSearchResults(UID=pledge.UID())[0]
    assert "\ud800" not in brain.Title
    setup_tool.setLastVersionForProfile(PROFILE, "1003")
    transaction.commit()


def test_clean_value_keeps_what_is_valid():
    row = {"kind": "Sala", "n": 3}
    assert to_1002.clean_value(row) is row
    assert to_1002.clean_value(["a\ud800", None]) == ["a", None]


def test_audit_entries_carry_no_request_host(hostile_site):
    """Moderated in-process (as the demo's set-up does, http://nohost), then
    read over HTTP: the entries name the site as it is reached."""
    from persistent.list import PersistentList
    from torino.socialplan.consultation.moderation import AUDIT_BY_ITEM_KEY
    from torino.socialplan.consultation.moderation import AUDIT_KEY
    from torino.socialplan.consultation.moderation import audit_key
    from torino.socialplan.consultation.moderation import audit_log
    from torino.socialplan.consultation.moderation import moderate
    from zope.annotation.interfaces import IAnnotations

    setRoles(hostile_site["portal"], TEST_USER_ID, ["Manager"])
    plan = hostile_site["plan"]
    pledge = hostile_site["pledge"]
    moderate(plan, [pledge.absolute_url()], "publish")
    # Stored as paths; then an entry as older code stored it (in the list of
    # the Plan, before 1004).
    log = IAnnotations(plan)[AUDIT_BY_ITEM_KEY][audit_key(pledge)]
    assert all(entry["@id"].startswith("/") for entry in log)
    older = dict(log[-1], **{"@id": "http://nohost/plone/plan/" + pledge.getId()})
    IAnnotations(plan)[AUDIT_KEY] = PersistentList([older])
    transaction.commit()
    of_pledge = [e for e in audit_log(plan) if e["item"] == audit_key(pledge)]
    assert {entry["@id"] for entry in of_pledge} == {pledge.absolute_url()}
    response = session("manager").get(
        plan.absolute_url() + "/@moderation",
        params={"review_state": "published", "type": "pledge"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    (item,) = response.json()["items"]
    ids = [entry["@id"] for entry in item["audit"]]
    assert ids == [pledge.absolute_url()] * 2
    setup_tool = api.portal.get_tool("portal_setup")
    to_1002.audit_paths(setup_tool)
    assert all(entry["@id"].startswith("/") for entry in log)
    transaction.commit()
