"""Our content types over plone.restapi: create, read, edit, and refusals.

Every 400 must name the field and leave the stored content as it was.
"""

from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

import ast
import base64
import pytest


ROME = ZoneInfo("Europe/Rome")

# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)

# Winter and summer offsets, so that both are checked.
START = "2020-11-15T09:00:00+01:00"
END = "2035-06-30T18:00:00+02:00"


def upload(data, filename, content_type):
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def created(response):
    assert response.status_code == 201, response.text
    return response.json()


def errors(response):
    """The field errors of a 400 from plone.restapi's deserializer."""
    assert response.status_code == 400, response.text
    return ast.literal_eval(response.json()["message"])


def error_for(response, field):
    """The message of the one error on ``field``."""
    found = [error for error in errors(response) if error.get("field") == field]
    assert len(found) == 1, response.json()["message"]
    return found[0]["message"]


def uids(summaries):
    return [item["UID"] for item in summaries]


def token_of(term):
    return term["token"]


def tokens(terms):
    return [token_of(term) for term in terms]


# Fields of a GET that a refused write must leave as they were.
VOLATILE = {"lock", "items", "consultation", "batching"}


def stored(session, path):
    response = session.get(path)
    assert response.status_code == 200, response.text
    data = response.json()
    for key in VOLATILE:
        data.pop(key, None)
    return data


@pytest.fixture
def institution(manager_request):
    return created(
        manager_request.post(
            "/",
            json={
                "@type": "Institution",
                "title": "Camera di commercio di Torino",
                "description": "Promotore del Piano.",
                "text": {"data": "<p>Chi siamo.</p>", "content-type": "text/html"},
                "logo": upload(PNG, "logo.png", "image/png"),
                "website": "https://www.to.camcom.it",
                "address": "Via Carlo Alberto 16\n10123 Torino",
                "email": "info@to.camcom.it",
                "phone": "+39 011 571 61",
                "editors_group": "chamber-editors",
            },
        )
    )


def plan_data(institution, **overrides):
    data = {
        "@type": "Plan",
        "title": "Piano metropolitano",
        "description": "In consultazione.",
        "text": {"data": "<p>Introduzione.</p>", "content-type": "text/html"},
        "consultation_start": START,
        "consultation_end": END,
        "phases": [
            {
                "title": "Ascolto",
                "start": "2024-01-15",
                "end": "2024-03-31",
                "description": "Tavoli tematici.",
            },
            {"title": "Consultazione", "start": "2024-04-01", "end": None},
        ],
        "promoters": [institution["UID"]],
        "draft_pdf": upload(PDF, "bozza.pdf", "application/pdf"),
    }
    data.update(overrides)
    return data


@pytest.fixture
def plan(manager_request, institution):
    return created(manager_request.post("/", json=plan_data(institution)))


@pytest.fixture
def chapter(manager_request, plan):
    return created(
        manager_request.post(
            plan["@id"],
            json={
                "@type": "Chapter",
                "title": "Lavoro e inclusione",
                "text": {"data": "<p>Capitolo.</p>", "content-type": "text/html"},
            },
        )
    )


def action_data(institution, **overrides):
    data = {
        "@type": "Action",
        "title": "Sportello per l'impresa sociale",
        "description": "Un punto unico di accesso.",
        "text": {"data": "<p>Azione.</p>", "content-type": "text/html"},
        "code": "A.1.2",
        "objectives": "Informare\nAccompagnare",
        "lead_institutions": [institution["UID"]],
        "status": "planned",
        "eu_recommendation_areas": ["labour_market_inclusion", "skills_training"],
        "partners": [
            {"organization": "Università di Torino", "role": "Ricerca"},
            {"organization": "Confcooperative"},
        ],
        "indicators": [
            {
                "name": "Imprese accompagnate",
                "baseline": "0",
                "target": "120",
                "unit": "imprese",
                "deadline": "2026-12-31",
            }
        ],
        "milestones": [
            {"title": "Apertura", "due_date": "2025-09-01", "done": True},
            {"title": "Primo bilancio", "due_date": "2026-06-30", "done": False},
        ],
        "budget": "€ 250.000 (stima)",
        "funding_sources": "FSE+",
    }
    data.update(overrides)
    return data


@pytest.fixture
def action(manager_request, chapter, institution):
    return created(manager_request.post(chapter["@id"], json=action_data(institution)))


def pledge_data(action, **overrides):
    data = {
        "@type": "Pledge",
        "first_name": "Maria",
        "last_name": "Rossi",
        "organization": "Cooperativa Esempio",
        "organization_type": "social_enterprise",
        "email": "contatti.mr@postaesempio.org",
        "actions": [action["UID"]],
        "contribution": "Ospitiamo lo sportello due giorni a settimana.",
        "resources": [
            {
                "kind": "Locali",
                "description": "Una sala riunioni",
                "value": "2 gg/sett",
            },
            {"kind": "Tempo del personale"},
        ],
        "privacy_consent": True,
    }
    data.update(overrides)
    return data


@pytest.fixture
def pledge(manager_request, plan, action):
    return created(manager_request.post(plan["@id"], json=pledge_data(action)))


def pledges_in(session, plan):
    items = session.get(plan["@id"]).json()["items"]
    return [item for item in items if item["@type"] == "Pledge"]


def publish(session, item):
    response = session.post(f"{item['@id']}/@workflow/publish")
    assert response.status_code == 200, response.text


class TestPlan:
    def test_post_round_trips_all_fields(self, manager_request, plan, institution):
        data = stored(manager_request, plan["@id"])
        assert data["@type"] == "Plan"
        assert data["title"] == "Piano metropolitano"
        assert data["description"] == "In consultazione."
        assert data["text"]["data"] == "<p>Introduzione.</p>"
        # On the Rome clock, with the offset of the day (winter, summer).
        assert data["consultation_start"] == START
        assert data["consultation_end"] == END
        assert data["phases"] == [
            {
                "title": "Ascolto",
                "start": "2024-01-15",
                "end": "2024-03-31",
                "description": "Tavoli tematici.",
            },
            {
                "title": "Consultazione",
                "start": "2024-04-01",
                "end": None,
                "description": None,
            },
        ]
        assert uids(data["promoters"]) == [institution["UID"]]
        assert data["draft_pdf"]["filename"] == "bozza.pdf"
        assert data["draft_pdf"]["content-type"] == "application/pdf"

    def test_utc_input_is_stored_and_returned_on_the_rome_clock(
        self, manager_request, institution
    ):
        plan = created(
            manager_request.post(
                "/",
                json=plan_data(
                    institution,
                    consultation_start="2025-01-10T08:00:00Z",
                    consultation_end="2025-07-10T08:00:00Z",
                ),
            )
        )
        data = stored(manager_request, plan["@id"])
        assert data["consultation_start"] == "2025-01-10T09:00:00+01:00"
        assert data["consultation_end"] == "2025-07-10T10:00:00+02:00"

    @pytest.mark.parametrize(
        "opens,closes,status",
        [
            (timedelta(days=2), timedelta(days=30), "upcoming"),
            (timedelta(days=-2), timedelta(days=3), "open"),
            (timedelta(days=-30), timedelta(days=-2), "closed"),
        ],
    )
    def test_consultation_object(
        self, manager_request, institution, opens, closes, status
    ):
        now = datetime.now(ROME).replace(microsecond=0)
        start, end = now + opens, now + closes
        plan = created(
            manager_request.post(
                "/",
                json=plan_data(
                    institution,
                    consultation_start=start.isoformat(),
                    consultation_end=end.isoformat(),
                ),
            )
        )
        consultation = manager_request.get(plan["@id"]).json()["consultation"]
        assert consultation["status"] == status
        assert datetime.fromisoformat(consultation["start"]) == start
        assert datetime.fromisoformat(consultation["end"]) == end
        assert consultation["start"][-6:] in ("+01:00", "+02:00")
        assert consultation["end"][-6:] in ("+01:00", "+02:00")
        if status == "open":
            expected = (end - datetime.now(ROME)).total_seconds()
            assert isinstance(consultation["seconds_left"], int)
            assert expected - 60 < consultation["seconds_left"] <= expected + 1
        else:
            assert consultation["seconds_left"] is None

    def test_anonymous_reads_consultation_of_published_plan(
        self, manager_request, anon_request, plan
    ):
        publish(manager_request, plan)
        data = anon_request.get(plan["@id"]).json()
        assert data["consultation"]["status"] == "open"
        assert data["consultation"]["end"] == END

    def test_patch_one_phase_row(self, manager_request, plan):
        phases = stored(manager_request, plan["@id"])["phases"]
        phases[1]["end"] = "2024-06-30"
        phases[1]["description"] = "Commenti e impegni."
        response = manager_request.patch(plan["@id"], json={"phases": phases})
        assert response.status_code == 204, response.text
        data = stored(manager_request, plan["@id"])
        assert data["phases"] == phases
        assert data["consultation_start"] == START

    def test_missing_consultation_end(self, manager_request, institution):
        data = plan_data(institution)
        del data["consultation_end"]
        response = manager_request.post("/", json=data)
        assert "required" in error_for(response, "consultation_end").lower()
        assert manager_request.get("/piano-metropolitano").status_code == 404

    def test_consultation_end_before_start(self, manager_request, institution):
        response = manager_request.post(
            "/",
            json=plan_data(
                institution,
                consultation_start="2025-05-01T09:00:00+02:00",
                consultation_end="2025-04-01T09:00:00+02:00",
            ),
        )
        messages = [error["message"] for error in errors(response)]
        assert messages == ["The consultation must close after it opens."]
        assert manager_request.get("/piano-metropolitano").status_code == 404

    def test_patch_consultation_end_before_start_changes_nothing(
        self, manager_request, plan
    ):
        before = stored(manager_request, plan["@id"])
        response = manager_request.patch(
            plan["@id"], json={"consultation_end": "2019-01-01T00:00:00+01:00"}
        )
        messages = [error["message"] for error in errors(response)]
        assert messages == ["The consultation must close after it opens."]
        assert stored(manager_request, plan["@id"]) == before

    def test_phase_ending_before_it_starts(self, manager_request, plan):
        before = stored(manager_request, plan["@id"])
        response = manager_request.patch(
            plan["@id"],
            json={
                "phases": [
                    {"title": "Ascolto", "start": "2024-03-01", "end": "2024-02-01"}
                ]
            },
        )
        messages = [error["message"] for error in errors(response)]
        assert messages == ["Phase 'Ascolto' ends before it starts."]
        assert stored(manager_request, plan["@id"]) == before


# A grid's malformed rows: the stock deserializer answered 500 to the first two.
BAD_ROWS = [
    ("plan", "phases", "x", "phases: each row must be an object"),
    ("plan", "phases", ["x"], "phases: each row must be an object"),
    ("plan", "phases", [7], "phases: each row must be an object"),
    (
        "plan",
        "phases",
        [{"title": "t", "start": "not-a-date"}],
        "phases: column 'start' must be a date as YYYY-MM-DD",
    ),
    (
        "plan",
        "phases",
        [{"start": "2025-01-01"}],
        "phases: column 'title' is required",
    ),
    (
        "plan",
        "phases",
        [{"title": "t", "start": "2025-01-01", "ends": "2025-02-01"}],
        "phases: unknown column(s) ends",
    ),
    (
        "action",
        "indicators",
        [{"name": "n", "deadline": "2025-13-40"}],
        "indicators: column 'deadline' must be a date as YYYY-MM-DD",
    ),
    (
        "action",
        "milestones",
        [{"title": "m", "done": "maybe"}],
        "milestones: column 'done' must be true or false",
    ),
    (
        "action",
        "partners",
        [{"organization": ["a", "b"]}],
        "partners: column 'organization'",
    ),
    (
        "pledge",
        "resources",
        [{"kind": "Locali"}, None],
        "resources: each row must be an object",
    ),
]


class TestGridRows:
    @pytest.mark.parametrize(
        "target,field,value,message",
        BAD_ROWS,
        ids=[f"{row[1]}-{index}" for index, row in enumerate(BAD_ROWS)],
    )
    def test_patch_with_bad_row_is_400_and_changes_nothing(
        self, request, manager_request, target, field, value, message
    ):
        item = request.getfixturevalue(target)
        before = stored(manager_request, item["@id"])
        response = manager_request.patch(item["@id"], json={field: value})
        assert error_for(response, field).startswith(message)
        assert stored(manager_request, item["@id"]) == before

    def test_post_with_bad_row_creates_nothing(
        self, manager_request, chapter, institution
    ):
        response = manager_request.post(
            chapter["@id"],
            json=action_data(institution, milestones=[{"title": "m", "done": "yes"}]),
        )
        assert error_for(response, "milestones").startswith(
            "milestones: column 'done' must be true or false"
        )
        assert manager_request.get(chapter["@id"]).json()["items"] == []

    def test_omitted_optional_columns_get_their_default(self, manager_request, action):
        response = manager_request.patch(
            action["@id"], json={"milestones": [{"title": "Apertura"}]}
        )
        assert response.status_code == 204, response.text
        assert stored(manager_request, action["@id"])["milestones"] == [
            {"title": "Apertura", "due_date": None, "done": False}
        ]


class TestAction:
    def test_post_round_trips_all_fields(self, manager_request, action, institution):
        data = stored(manager_request, action["@id"])
        expected = action_data(institution)
        for key in ("title", "description", "code", "objectives", "budget"):
            assert data[key] == expected[key]
        assert data["funding_sources"] == "FSE+"
        assert data["text"]["data"] == "<p>Azione.</p>"
        assert uids(data["lead_institutions"]) == [institution["UID"]]
        assert token_of(data["status"]) == "planned"
        assert tokens(data["eu_recommendation_areas"]) == [
            "labour_market_inclusion",
            "skills_training",
        ]
        assert data["partners"] == [
            {"organization": "Università di Torino", "role": "Ricerca"},
            {"organization": "Confcooperative", "role": None},
        ]
        assert data["indicators"] == expected["indicators"]
        assert data["milestones"] == expected["milestones"]

    def test_patch_one_milestone_row(self, manager_request, action):
        milestones = stored(manager_request, action["@id"])["milestones"]
        milestones[1]["done"] = True
        milestones[1]["due_date"] = "2026-07-15"
        response = manager_request.patch(action["@id"], json={"milestones": milestones})
        assert response.status_code == 204, response.text
        data = stored(manager_request, action["@id"])
        assert data["milestones"] == milestones
        assert data["milestones"][0] == {
            "title": "Apertura",
            "due_date": "2025-09-01",
            "done": True,
        }

    def test_missing_code(self, manager_request, chapter, institution):
        data = action_data(institution)
        del data["code"]
        response = manager_request.post(chapter["@id"], json=data)
        assert "required" in error_for(response, "code").lower()
        assert manager_request.get(chapter["@id"]).json()["items"] == []

    @pytest.mark.parametrize("code", ["a.1", "A-1-2", "A", "ABCD.1"])
    def test_code_in_a_bad_format(self, manager_request, chapter, institution, code):
        response = manager_request.post(
            chapter["@id"], json=action_data(institution, code=code)
        )
        assert error_for(response, "code").startswith("Use a code like A.1.2")

    @pytest.mark.parametrize("where", ["same chapter", "other chapter"])
    def test_code_already_used_in_the_plan(
        self, manager_request, plan, chapter, action, institution, where
    ):
        container = chapter
        if where == "other chapter":
            container = created(
                manager_request.post(
                    plan["@id"], json={"@type": "Chapter", "title": "Capitolo due"}
                )
            )
        response = manager_request.post(
            container["@id"], json=action_data(institution, title="Un'altra azione")
        )
        assert "already used" in error_for(response, "code")
        assert manager_request.get(container["@id"]).json()["items_total"] == (
            1 if where == "same chapter" else 0
        )

    def test_same_code_in_another_plan_is_fine(
        self, manager_request, action, institution
    ):
        other_plan = created(
            manager_request.post("/", json=plan_data(institution, title="Altro piano"))
        )
        other_chapter = created(
            manager_request.post(
                other_plan["@id"], json={"@type": "Chapter", "title": "Capitolo"}
            )
        )
        other = created(
            manager_request.post(other_chapter["@id"], json=action_data(institution))
        )
        assert other["code"] == action["code"] == "A.1.2"

    def test_patch_with_its_own_code_is_fine(self, manager_request, action):
        response = manager_request.patch(
            action["@id"], json={"code": "A.1.2", "title": "Sportello unico"}
        )
        assert response.status_code == 204, response.text
        data = stored(manager_request, action["@id"])
        assert (data["code"], data["title"]) == ("A.1.2", "Sportello unico")

    def test_patch_to_a_code_taken_changes_nothing(
        self, manager_request, chapter, action, institution
    ):
        other = created(
            manager_request.post(
                chapter["@id"], json=action_data(institution, code="A.1.3")
            )
        )
        before = stored(manager_request, other["@id"])
        response = manager_request.patch(
            other["@id"], json={"code": "A.1.2", "title": "Cambiato"}
        )
        assert "already used" in error_for(response, "code")
        assert stored(manager_request, other["@id"]) == before

    def test_unknown_status_token(self, manager_request, action):
        before = stored(manager_request, action["@id"])
        response = manager_request.patch(action["@id"], json={"status": "finished"})
        assert error_for(response, "status")
        assert stored(manager_request, action["@id"]) == before

    def test_unknown_eu_area_token(self, manager_request, chapter, institution):
        response = manager_request.post(
            chapter["@id"],
            json=action_data(institution, eu_recommendation_areas=["moon_landing"]),
        )
        assert error_for(response, "eu_recommendation_areas")


class TestInstitution:
    def test_post_round_trips_all_fields(self, manager_request, institution):
        data = stored(manager_request, institution["@id"])
        assert data["title"] == "Camera di commercio di Torino"
        assert data["description"] == "Promotore del Piano."
        assert data["text"]["data"] == "<p>Chi siamo.</p>"
        assert data["logo"]["filename"] == "logo.png"
        assert data["logo"]["width"] == 1
        assert data["website"] == "https://www.to.camcom.it"
        assert data["address"] == "Via Carlo Alberto 16\n10123 Torino"
        assert data["email"] == "info@to.camcom.it"
        assert data["phone"] == "+39 011 571 61"
        assert token_of(data["editors_group"]) == "chamber-editors"
        assert data["led_actions"] == []

    def test_led_actions(self, manager_request, chapter, action, institution):
        later = created(
            manager_request.post(
                chapter["@id"],
                json=action_data(institution, code="A.1.10", title="Osservatorio"),
            )
        )
        earlier = created(
            manager_request.post(
                chapter["@id"],
                json=action_data(institution, code="A.1.1", title="Mappa"),
            )
        )
        publish(manager_request, earlier)
        led = manager_request.get(institution["@id"]).json()["led_actions"]
        # By code, as strings: A.1.1, A.1.10, A.1.2.
        assert led == [
            {
                "@id": earlier["@id"],
                "title": "Mappa",
                "code": "A.1.1",
                "review_state": "published",
            },
            {
                "@id": later["@id"],
                "title": "Osservatorio",
                "code": "A.1.10",
                "review_state": "private",
            },
            {
                "@id": action["@id"],
                "title": "Sportello per l'impresa sociale",
                "code": "A.1.2",
                "review_state": "private",
            },
        ]

    def test_anonymous_sees_only_published_led_actions(
        self, manager_request, anon_request, plan, chapter, action, institution
    ):
        other = created(
            manager_request.post(
                chapter["@id"], json=action_data(institution, code="B.1")
            )
        )
        for item in (institution, plan, chapter, other):
            publish(manager_request, item)
        response = anon_request.get(institution["@id"])
        assert response.status_code == 200, response.text
        assert response.json()["led_actions"] == [
            {
                "@id": other["@id"],
                "title": "Sportello per l'impresa sociale",
                "code": "B.1",
                "review_state": "published",
            }
        ]

    def test_unknown_editors_group(self, manager_request, institution):
        before = stored(manager_request, institution["@id"])
        response = manager_request.patch(
            institution["@id"], json={"editors_group": "no-such-group"}
        )
        assert error_for(response, "editors_group")
        assert stored(manager_request, institution["@id"]) == before


class TestPledge:
    def test_post_round_trips_all_fields(self, manager_request, pledge, action):
        assert pledge["id"].startswith("pledge-")
        assert "rossi" not in pledge["id"].lower()
        data = stored(manager_request, pledge["@id"])
        assert data["review_state"] == "pending"
        for key in ("first_name", "last_name", "organization", "email", "contribution"):
            assert data[key] == pledge_data(action)[key]
        assert token_of(data["organization_type"]) == "social_enterprise"
        assert uids(data["actions"]) == [action["UID"]]
        assert data["resources"] == [
            {
                "kind": "Locali",
                "description": "Una sala riunioni",
                "value": "2 gg/sett",
            },
            {"kind": "Tempo del personale", "description": None, "value": None},
        ]
        assert data["privacy_consent"] is True
        # Pledges have no title field: GET and listings give the computed one.
        assert data["title"] == "Maria Rossi (Cooperativa Esempio)"
        listed = manager_request.get(pledge["parent"]["@id"]).json()["items"]
        assert [item["title"] for item in listed if item["@type"] == "Pledge"] == [
            "Maria Rossi (Cooperativa Esempio)"
        ]

    def test_patch_one_resource_row(self, manager_request, pledge):
        resources = stored(manager_request, pledge["@id"])["resources"]
        resources[1]["value"] = "10 ore"
        response = manager_request.patch(pledge["@id"], json={"resources": resources})
        assert response.status_code == 204, response.text
        assert stored(manager_request, pledge["@id"])["resources"] == resources

    @pytest.mark.parametrize("consent", [False, None])
    def test_privacy_consent_is_required(self, manager_request, plan, action, consent):
        response = manager_request.post(
            plan["@id"], json=pledge_data(action, privacy_consent=consent)
        )
        assert error_for(response, "privacy_consent")
        assert pledges_in(manager_request, plan) == []

    @pytest.mark.parametrize("email", ["maria.rossi", "maria@", "@example.org"])
    def test_invalid_email(self, manager_request, plan, action, email):
        response = manager_request.post(
            plan["@id"], json=pledge_data(action, email=email)
        )
        assert error_for(response, "email")
        assert pledges_in(manager_request, plan) == []

    def test_unknown_organization_type(self, manager_request, plan, action):
        response = manager_request.post(
            plan["@id"], json=pledge_data(action, organization_type="alien")
        )
        assert error_for(response, "organization_type")

    def test_without_actions(self, manager_request, plan, action):
        response = manager_request.post(
            plan["@id"], json=pledge_data(action, actions=[])
        )
        assert error_for(response, "actions")

    @pytest.mark.parametrize("where", ["site", "chapter"])
    def test_refused_outside_a_plan(self, manager_request, chapter, action, where):
        container = "/" if where == "site" else chapter["@id"]
        response = manager_request.post(container, json=pledge_data(action))
        # plone.restapi answers a disallowed type with 403 Forbidden.
        assert response.status_code == 403, response.text
        assert response.json()["error"]["message"] == (
            "Disallowed subobject type: Pledge"
        )

    def test_email_hidden_from_anonymous(
        self, manager_request, anon_request, plan, pledge
    ):
        assert anon_request.get(pledge["@id"]).status_code == 401
        publish(manager_request, plan)
        publish(manager_request, pledge)
        public = anon_request.get(pledge["@id"])
        assert public.status_code == 200, public.text
        assert public.json()["last_name"] == "Rossi"
        assert "email" not in public.json()
        assert "contatti.mr@postaesempio.org" not in public.text
        assert manager_request.get(pledge["@id"]).json()["email"] == (
            "contatti.mr@postaesempio.org"
        )

    @pytest.mark.parametrize("role", ["anon_request", "manager_request"])
    def test_email_not_searchable(self, request, manager_request, plan, pledge, role):
        publish(manager_request, plan)
        publish(manager_request, pledge)
        session = request.getfixturevalue(role)
        by_name = session.get("/@search", params={"SearchableText": "Rossi"}).json()
        # The Pledge is indexed, by its public title.
        assert pledge["@id"] in [item["@id"] for item in by_name["items"]]
        # Words found only in the e-mail address.
        for text in ("contatti.mr@postaesempio.org", "contatti", "postaesempio"):
            found = session.get("/@search", params={"SearchableText": text}).json()
            assert found["items"] == [], text


@pytest.mark.parametrize(
    "portal_type,container,data",
    [
        ("Plan", None, lambda institution, action: plan_data(institution)),
        ("Institution", None, lambda institution, action: {"title": "Città"}),
        ("Chapter", "plan", lambda institution, action: {"title": "Capitolo"}),
        (
            "Action",
            "chapter",
            lambda institution, action: action_data(institution, code="C.1"),
        ),
        ("Pledge", "plan", lambda institution, action: pledge_data(action)),
    ],
)
def test_anonymous_cannot_post(
    request,
    manager_request,
    anon_request,
    plan,
    chapter,
    action,
    institution,
    portal_type,
    container,
    data,
):
    for item in (institution, plan, chapter, action):
        publish(manager_request, item)
    path = request.getfixturevalue(container)["@id"] if container else "/"
    before = manager_request.get(path).json().get("items_total")
    body = {**data(institution, action), "@type": portal_type}
    response = anon_request.post(path, json=body)
    assert response.status_code == 401, response.text
    assert manager_request.get(path).json().get("items_total") == before
