"""Rights without an account: a person asks for a link by e-mail address
(same answer whether the address is known; rate limited; CSRF-safe), and
with it downloads their data, withdraws pending contributions or erases.
Moderators do the same for a postal request. Audited without personal data."""

from .contributions import comment
from .contributions import mailbox  # noqa: F401 (a fixture)
from .contributions import OTHER
from .contributions import PERSON
from .contributions import pledge
from .contributions import sent
from Acquisition import aq_base
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.protect.authenticator import createToken
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data import rights
from z3c.relationfield import RelationValue
from zExceptions import Forbidden
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import csv
import io
import json
import pytest
import re
import time


LINK = re.compile(r"@@my-data\?token=([A-Za-z0-9_-]+)")


@pytest.fixture
def stored(site, mailbox):  # noqa: F811
    """A published and a pending comment and a pending pledge by PERSON, a
    published comment by OTHER."""
    published = comment(site, text="Pubblicato.")
    pending = comment(site, text="In attesa.")
    promised = pledge(site)
    others = comment(site, email=OTHER, text="Di un altro.")
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    login(site["portal"], TEST_USER_NAME)
    api.content.transition(obj=published, transition="publish")
    api.content.transition(obj=others, transition="publish")
    logout()
    mailbox.reset()
    site.update(published=published, pending=pending, promised=promised, others=others)
    return site


def call(portal, view, method="GET", **form):
    request = portal.REQUEST
    request.method = method
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    return portal.restrictedTraverse(view)()


def ask(portal, address, authenticator=True):
    form = {"email": address}
    if authenticator:
        form["_authenticator"] = createToken()
    return call(portal, "@@my-data", "POST", **form)


def test_same_answer_whether_the_address_is_known(stored, mailbox):  # noqa: F811
    portal = stored["portal"]
    known = ask(portal, PERSON.upper())
    unknown = ask(portal, "nobody-3f1a@example.org")
    answer = "If this address is in our records, a link has been sent to it."
    assert answer in known and answer in unknown
    ((to, body),) = sent(mailbox)  # one mail: to the known address only
    assert to == PERSON
    assert LINK.search(body)
    audit = rights.audit_entries()
    assert [entry["action"] for entry in audit] == ["link_requested"] * 2
    assert PERSON not in json.dumps(audit)


def test_malformed_addresses_get_a_clear_answer(stored, mailbox):  # noqa: F811
    html = ask(stored["portal"], "not-an-address")
    assert "Give an e-mail address such as name@example.org." in html
    assert stored["portal"].REQUEST.response.getStatus() == 400
    assert sent(mailbox) == []


def test_requests_without_the_authenticator_are_refused(stored):
    with pytest.raises(Forbidden):
        ask(stored["portal"], PERSON, authenticator=False)


def test_floods_are_rate_limited(stored, mailbox):  # noqa: F811
    portal = stored["portal"]
    for _ in range(3):
        ask(portal, "nobody-3f1a@example.org")
    html = ask(portal, PERSON)
    assert "Too many requests from your connection" in html
    assert portal.REQUEST.response.getStatus() == 429
    assert sent(mailbox) == []


def link_token(stored, mailbox):  # noqa: F811
    ask(stored["portal"], PERSON)
    ((_to, body),) = sent(mailbox)
    return LINK.search(body).group(1)


def test_the_link_downloads_everything_stored(stored, mailbox):  # noqa: F811
    portal = stored["portal"]
    token = link_token(stored, mailbox)
    page = call(portal, "@@my-data", token=token)
    assert "What we keep about your address" in page
    data = json.loads(call(portal, "@@my-data", token=token, format="json"))
    assert data["email"] == PERSON
    assert {(row["kind"], row["state"]) for row in data["contributions"]} == {
        ("comment", "published"),
        ("comment", "pending"),
        ("pledge", "pending"),
    }
    assert data["privacy_notice_versions_accepted"] == [1]
    assert "Di un altro." not in json.dumps(data)
    rows = list(
        csv.DictReader(
            io.StringIO(call(portal, "@@my-data", token=token, format="csv"))
        )
    )
    assert len(rows) == 3 and {row["email"] for row in rows} == {PERSON}
    # Downloads leave the link valid.
    assert rights.check_link(token) == PERSON


def test_withdraw_deletes_pending_contributions(stored, mailbox):  # noqa: F811
    portal = stored["portal"]
    token = link_token(stored, mailbox)
    html = call(
        portal,
        "@@my-data",
        "POST",
        token=token,
        action="withdraw",
        _authenticator=createToken(),
    )
    assert "2 contributions waiting for moderation were deleted" in html
    left = {row.getPhysicalPath() for _k, row in places.contributions()}
    assert stored["published"].getPhysicalPath() in left
    assert stored["pending"].getPhysicalPath() not in left
    assert stored["promised"].getPhysicalPath() not in left
    # Nothing keeps the deleted pledge: its relations left the intids too.
    intids = getUtility(IIntIds)
    assert not [
        ref
        for ref in intids.refs.values()
        if isinstance(ref.object, RelationValue)
        and aq_base(ref.object.__parent__) is aq_base(stored["promised"])
    ]
    # The link is used up.
    html = call(portal, "@@my-data", token=token)
    assert "This link is not valid" in html
    assert portal.REQUEST.response.getStatus() == 404


def test_erase_keeps_the_public_record_anonymised(stored, mailbox):  # noqa: F811
    portal = stored["portal"]
    token = link_token(stored, mailbox)
    html = call(
        portal,
        "@@my-data",
        "POST",
        token=token,
        action="erase",
        _authenticator=createToken(),
    )
    assert "2 contributions deleted, 1 published ones kept" in html
    published = stored["published"]
    assert published.first_name == places.ANONYMISED
    assert published.author_name == places.ANONYMISED
    assert published.author_email is None
    assert published.text == "Pubblicato."
    assert stored["others"].author_email == OTHER
    assert rights.stored_about(PERSON) == []
    assert [e["action"] for e in rights.audit_entries()][-1] == "erase"
    assert PERSON not in json.dumps(rights.audit_entries())


def test_erasure_may_delete_published_contributions(stored):
    api.portal.set_registry_record(
        "torino.socialplan.legal.erasure_deletes_published", True
    )
    assert rights.erase(PERSON) == {"deleted": 3, "anonymised": 0}


def test_expired_and_unknown_links(stored, mailbox):  # noqa: F811
    portal = stored["portal"]
    token = link_token(stored, mailbox)
    later = time.time() + rights.LINK_HOURS * 3600 + 1
    with pytest.raises(rights.InvalidLink):
        rights.check_link(token, now=later)
    for bad in ("x" * 40, "short", None):
        html = call(portal, "@@my-data", token=bad) if bad else ""
        if bad:
            assert "This link is not valid" in html


def test_a_moderator_answers_a_postal_request(stored):
    portal = stored["portal"]
    setRoles(portal, TEST_USER_ID, ["Reviewer"])
    login(portal, TEST_USER_NAME)
    html = call(
        portal,
        "@@personal-data-requests",
        "POST",
        email=PERSON,
        action="look_up",
        _authenticator=createToken(),
    )
    assert "pending" in html and "published" in html
    data = json.loads(
        call(
            portal,
            "@@personal-data-requests",
            "POST",
            email=PERSON,
            action="json",
            _authenticator=createToken(),
        )
    )
    assert len(data["contributions"]) == 3
    call(
        portal,
        "@@personal-data-requests",
        "POST",
        email=PERSON,
        action="erase",
        _authenticator=createToken(),
    )
    assert rights.stored_about(PERSON) == []
    assert {e["via"] for e in rights.audit_entries()} == {"moderator"}


def test_anonymous_may_not_use_the_moderators_form(stored):
    logout()
    from AccessControl import Unauthorized

    with pytest.raises(Unauthorized):
        stored["portal"].restrictedTraverse("@@personal-data-requests")
