"""@pledges over REST: anonymous pledges go in pending, with every field
checked; the public lists published ones without the e-mail address."""

from plone import api
from tests.participation.pledges import EMAIL
from tests.participation.pledges import MISSING
from tests.participation.pledges import pledge
from tests.participation.pledges import pledges_in
from tests.support.plans import set_window

import pytest
import re
import requests
import transaction


PUBLIC_KEYS = {
    "@id",
    "@type",
    "first_name",
    "last_name",
    "organization",
    "organization_type",
    "contribution",
    "resources",
    "actions",
    "created",
    # The promoters' answer, public beside the pledge (null until given).
    "outcome",
    "outcome_motivation",
    # A link to the published copy of its position paper (null without one).
    "position_paper",
}


@pytest.fixture
def site(pledge_site):
    return pledge_site


@pytest.fixture
def people(site):
    """The site's moderator and member, for ``moderator_request``."""
    return site["people"]


def path(obj):
    portal_path = len(api.portal.get().getPhysicalPath())
    return "/" + "/".join(obj.getPhysicalPath()[portal_path:])


def publish_all(plan):
    for obj in pledges_in(plan):
        api.content.transition(obj=obj, transition="publish")
    transaction.commit()


def field_errors(response):
    return [error["field"] for error in response.json()["errors"]]


class TestSubmit:
    def test_on_an_action(self, site, anon_request, moderator_request):
        response = anon_request.post(f"{path(site['a'])}/@pledges", json=pledge())
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["review_state"] == "pending"
        assert body["awaiting_confirmation"] is False  # the setting is off
        assert response.headers["Location"] == body["@id"]
        assert re.fullmatch(r".*/plan/pledge-[0-9a-f]{8}", body["@id"])
        [created] = pledges_in(site["plan"])
        assert created.absolute_url() == body["@id"]
        assert [rel.to_object for rel in created.actions] == [site["a"]]
        assert created.title == "Giulia Verdi (Cooperativa Stella)"
        assert created.resources == [
            {"kind": "Staff time", "description": "Two tutors", "value": "200 hours"}
        ]
        assert api.content.get_state(created) == "pending"

        public = anon_request.get(f"{path(site['a'])}/@pledges")
        assert public.status_code == 200
        assert public.json()["items"] == []
        assert public.json()["items_total"] == 0
        assert "Giulia" not in public.text

        moderated = moderator_request.get(f"{path(site['a'])}/@pledges").json()
        assert moderated["items_total"] == 1
        [item] = moderated["items"]
        assert item["email"] == EMAIL
        assert item["review_state"] == "pending"
        assert item["actions"] == [
            {"@id": site["a"].absolute_url(), "code": "A.1.1", "title": site["a"].title}
        ]

    def test_pending_pledge_object_is_not_public(self, site, anon_request):
        response = anon_request.post(f"{path(site['a'])}/@pledges", json=pledge())
        url = response.json()["@id"]
        obj = requests.get(
            url.replace("/plan/", "/++api++/plan/"),
            headers={"Accept": "application/json"},
            timeout=10,
        )
        assert obj.status_code == 401
        assert EMAIL not in obj.text
        assert "Giulia" not in obj.text

    def test_on_the_plan(self, site, anon_request, moderator_request):
        uids = [site["b"].UID(), site["a"].UID()]
        response = anon_request.post("/plan/@pledges", json=pledge(actions=uids))
        assert response.status_code == 201, response.text
        [created] = pledges_in(site["plan"])
        assert [rel.to_object for rel in created.actions] == [site["b"], site["a"]]

        assert anon_request.get("/plan/@pledges").json()["items"] == []
        items = moderator_request.get("/plan/@pledges").json()["items"]
        assert [(i["email"], i["review_state"]) for i in items] == [(EMAIL, "pending")]
        # Listed on each Action it names, for moderators.
        for action in (site["a"], site["b"]):
            listed = moderator_request.get(f"{path(action)}/@pledges").json()
            assert listed["items_total"] == 1

    def test_moderator_filters_by_state(self, site, anon_request, moderator_request):
        for _ in range(2):
            anon_request.post(f"{path(site['a'])}/@pledges", json=pledge())
        first = pledges_in(site["plan"])[0]
        api.content.transition(obj=first, transition="publish")
        transaction.commit()
        pending = moderator_request.get("/plan/@pledges?review_state=pending").json()
        published = moderator_request.get(
            "/plan/@pledges?review_state=published"
        ).json()
        assert pending["items_total"] == 1
        assert [i["@id"] for i in published["items"]] == [first.absolute_url()]
        assert moderator_request.get("/plan/@pledges").json()["items_total"] == 2
        bad = moderator_request.get("/plan/@pledges?review_state=bogus")
        assert bad.status_code == 400
        assert field_errors(bad) == ["review_state"]
        # The public cannot ask for other states.
        assert (
            anon_request.get("/plan/@pledges?review_state=pending").json()["items"]
            == []
        )

    def test_a_moderator_is_not_rate_limited(self, site, moderator_request):
        for _ in range(7):
            response = moderator_request.post(
                f"{path(site['a'])}/@pledges", json=pledge()
            )
            assert response.status_code == 201
            assert response.json()["review_state"] == "pending"


ON_PLAN = "/plan/@pledges"


def bad_cases():
    """(id, where, data, field named in the 400)."""
    long_name = "x" * 101
    return [
        ("first_name-missing", None, pledge(first_name=MISSING), "first_name"),
        ("first_name-blank", None, pledge(first_name="   "), "first_name"),
        ("first_name-too-long", None, pledge(first_name=long_name), "first_name"),
        ("first_name-not-text", None, pledge(first_name=42), "first_name"),
        ("last_name-missing", None, pledge(last_name=""), "last_name"),
        ("organization-too-long", None, pledge(organization="y" * 201), "organization"),
        (
            "organization_type-missing",
            None,
            pledge(organization_type=MISSING),
            "organization_type",
        ),
        (
            "organization_type-unknown",
            None,
            pledge(organization_type="pirates"),
            "organization_type",
        ),
        (
            "organization_type-not-text",
            None,
            pledge(organization_type=["citizen"]),
            "organization_type",
        ),
        ("email-missing", None, pledge(email=MISSING), "email"),
        ("email-invalid", None, pledge(email="not-an-address"), "email"),
        ("actions-none-on-plan", ON_PLAN, pledge(), "actions"),
        ("actions-empty", None, pledge(actions=[]), "actions"),
        ("actions-unknown-uid", None, pledge(actions=["0" * 32]), "actions"),
        ("actions-other-plan", None, pledge(actions=["foreign"]), "actions"),
        ("actions-private", None, pledge(actions=["private"]), "actions"),
        ("actions-not-a-list", None, pledge(actions={"a": 1}), "actions"),
        ("contribution-missing", None, pledge(contribution=MISSING), "contribution"),
        (
            "contribution-too-long",
            None,
            pledge(contribution="z" * 5001),
            "contribution",
        ),
        (
            "privacy_consent-false",
            None,
            pledge(privacy_consent=False),
            "privacy_consent",
        ),
        (
            "privacy_consent-missing",
            None,
            pledge(privacy_consent=MISSING),
            "privacy_consent",
        ),
        ("resources-row-not-object", None, pledge(resources=["premises"]), "resources"),
        ("resources-not-a-list", None, pledge(resources="premises"), "resources"),
        (
            "resources-row-without-kind",
            None,
            pledge(resources=[{"description": "A room"}]),
            "resources",
        ),
    ]


@pytest.mark.parametrize(
    "where,data,field",
    [pytest.param(*case[1:], id=case[0]) for case in bad_cases()],
)
def test_bad_field(site, anon_request, where, data, field):
    if isinstance(data.get("actions"), list):
        data["actions"] = [
            site[name].UID() if name in site else name for name in data["actions"]
        ]
    response = anon_request.post(where or f"{path(site['a'])}/@pledges", json=data)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "ValidationError"
    assert field_errors(response) == [field]
    assert body["errors"][0]["message"]
    assert pledges_in(site["plan"]) == []


def test_every_wrong_field_at_once(site, anon_request):
    response = anon_request.post(ON_PLAN, json={"privacy_consent": False})
    assert response.status_code == 400
    assert field_errors(response) == [
        "first_name",
        "last_name",
        "organization_type",
        "email",
        "actions",
        "contribution",
        "privacy_consent",
    ]


@pytest.mark.parametrize("body", ["{not json", "[1, 2]"])
def test_malformed_json(site, anon_request, body):
    response = anon_request.post(
        f"{path(site['a'])}/@pledges",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["type"] == "ValidationError"
    assert pledges_in(site["plan"]) == []


def test_honeypot(site, anon_request):
    data = pledge(website_url="https://spam.example.com")
    response = anon_request.post(f"{path(site['a'])}/@pledges", json=data)
    assert response.status_code == 400
    assert field_errors(response) == ["website_url"]
    assert pledges_in(site["plan"]) == []


@pytest.mark.parametrize("state", ["upcoming", "closed"])
def test_outside_the_window(site, anon_request, state):
    plan = site["plan"]
    set_window(plan, state)
    date = plan.consultation_start if state == "upcoming" else plan.consultation_end
    for where in (f"{path(site['a'])}/@pledges", ON_PLAN):
        response = anon_request.post(where, json=pledge(actions=[site["a"].UID()]))
        assert response.status_code == 403
        body = response.json()
        assert body["type"] == "ConsultationNotOpen"
        assert date.strftime("%d/%m/%Y %H:%M") in body["message"]
    assert pledges_in(plan) == []


def test_rate_limit(site, anon_request):
    url = f"{path(site['a'])}/@pledges"
    for _ in range(5):
        assert anon_request.post(url, json=pledge()).status_code == 201
    # Refused ones do not count, nor do they pass the limit.
    assert anon_request.post(url, json=pledge(email="x")).status_code == 400
    response = anon_request.post(url, json=pledge())
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["type"] == "TooManyRequests"
    assert len(pledges_in(site["plan"])) == 5


class TestPublished:
    @pytest.fixture
    def published(self, site, anon_request):
        anon_request.post(f"{path(site['a'])}/@pledges", json=pledge())
        anon_request.post(
            ON_PLAN,
            json=pledge(
                first_name="Marco",
                organization="",
                organization_type="citizen",
                actions=[site["b"].UID()],
                resources=[],
            ),
        )
        publish_all(site["plan"])
        return site

    def test_public_listing_of_an_action(self, published, anon_request):
        response = anon_request.get(f"{path(published['a'])}/@pledges")
        assert response.status_code == 200
        assert EMAIL not in response.text
        body = response.json()
        assert body["items_total"] == 1
        [item] = body["items"]
        assert set(item) == PUBLIC_KEYS
        assert item["first_name"] == "Giulia"
        assert item["last_name"] == "Verdi"
        assert item["organization"] == "Cooperativa Stella"
        assert item["organization_type"] == {
            "token": "social_enterprise",
            "title": "Social enterprise / cooperative",
        }
        assert item["contribution"].startswith("Two tutors")
        assert item["resources"] == [
            {"kind": "Staff time", "description": "Two tutors", "value": "200 hours"}
        ]
        assert item["actions"] == [
            {
                "@id": published["a"].absolute_url(),
                "code": "A.1.1",
                "title": "Job placement network",
            }
        ]
        assert item["created"]

    def test_public_listing_of_the_plan(self, published, anon_request):
        response = anon_request.get("/plan/@pledges")
        assert EMAIL not in response.text
        items = response.json()["items"]
        assert sorted(i["first_name"] for i in items) == ["Giulia", "Marco"]
        assert all(set(i) == PUBLIC_KEYS for i in items)

    def test_batched(self, published, anon_request):
        body = anon_request.get("/plan/@pledges?b_size=1").json()
        assert body["items_total"] == 2
        assert len(body["items"]) == 1
        assert "next" in body["batching"]

    def test_pledge_object_and_pages_without_email(self, published, anon_request):
        [first, *_] = pledges_in(published["plan"])
        as_json = anon_request.get(path(first))
        assert as_json.status_code == 200
        assert EMAIL not in as_json.text
        page = requests.get(
            first.absolute_url(), headers={"Accept": "text/html"}, timeout=10
        )
        assert page.status_code == 200
        assert EMAIL not in page.text

    def test_action_page(self, published):
        page = requests.get(
            published["a"].absolute_url(), headers={"Accept": "text/html"}, timeout=10
        )
        assert page.status_code == 200
        assert EMAIL not in page.text
        assert "Giulia Verdi" in page.text
        assert "Cooperativa Stella" in page.text
        assert "Social enterprise / cooperative" in page.text
        assert "Staff time" in page.text
        assert "200 hours" in page.text
        # Marco pledged to A.1.2 only.
        assert "Marco" not in page.text
