"""The Classic UI views of the five types, as a citizen and as a Manager."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from io import BytesIO
from PIL import Image
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from tests.support.plans import Action
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import make_institution
from tests.support.plans import Plan
from tests.support.plans import relations
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.base.window import ROME
from torino.socialplan.interfaces import IBrowserLayer
from zope.interface import alsoProvides
from zope.security.management import endInteraction
from zope.security.management import newInteraction
from zope.security.management import queryInteraction

import itertools
import lxml.html
import pytest
import requests
import transaction


def _png():
    data = BytesIO()
    Image.new("RGB", (4, 4), "navy").save(data, format="PNG")
    return data.getvalue()


def build_views_plan(portal):
    """A published Plan with a Chapter, a published and a private Action, an
    Institution and a published Pledge, created as Manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    today = now_in_rome().date()
    institution = make_institution(
        portal,
        "chamber",
        title="Chamber of Commerce",
        published=True,
        description="A promoting body.",
        logo=NamedBlobImage(data=_png(), filename="logo.png"),
        website="https://www.example.org",
        address="Via Carlo Alberto 16\n10123 Torino",
        email="urp@example.org",
        phone="+39 011 571 61",
    )
    made = build_plan(
        portal,
        Plan(
            title="Social Economy Plan",
            text=RichTextValue(
                "<p>Introduction to the Plan.</p>", "text/html", "text/html"
            ),
            window=(
                now_in_rome() - timedelta(days=1),
                now_in_rome() + timedelta(days=3, hours=5, minutes=30),
            ),
            promoters=(institution,),
            extra={
                "description": "The draft under consultation.",
                "phases": [
                    {
                        "title": "Drafting",
                        "start": today - timedelta(days=60),
                        "end": today - timedelta(days=10),
                        "description": "Editors write.",
                    },
                    {
                        "title": "Public consultation",
                        "start": today - timedelta(days=1),
                        "end": today + timedelta(days=3),
                        "description": None,
                    },
                    {
                        "title": "Final Plan",
                        "start": today + timedelta(days=30),
                        "end": None,
                        "description": None,
                    },
                ],
                "draft_pdf": NamedBlobFile(
                    data=b"%PDF-1.4\n" + b"x" * 3000,
                    filename="draft.pdf",
                    contentType="application/pdf",
                ),
            },
            chapters=(
                Chapter(
                    "chapter",
                    "Work and inclusion",
                    text=RichTextValue(
                        "<p>Chapter text.</p>", "text/html", "text/html"
                    ),
                    actions=(
                        Action(
                            "published-action",
                            "A.1.1",
                            "Job placement network",
                            lead=(institution,),
                            extra={
                                "description": (
                                    "Connects social enterprises and job centres."
                                ),
                                "status": "in_progress",
                                "objectives": "- Place 200 people\n- Train tutors",
                                "eu_recommendation_areas": [
                                    "labour_market_inclusion",
                                    "skills_training",
                                ],
                                "partners": [
                                    {"organization": "Job Centre", "role": "Referrals"}
                                ],
                                "indicators": [
                                    {
                                        "name": "People placed",
                                        "baseline": "0",
                                        "target": "200",
                                        "unit": "people",
                                        "deadline": date(2026, 12, 31),
                                    }
                                ],
                                "milestones": [
                                    {
                                        "title": "Network launched",
                                        "due_date": date(2025, 6, 30),
                                        "done": True,
                                    },
                                    {
                                        "title": "First report",
                                        "due_date": date(2026, 1, 31),
                                        "done": False,
                                    },
                                ],
                                "budget": "€ 250,000",
                                "funding_sources": "ESF+\nRegional funds",
                            },
                        ),
                        Action(
                            "private-action",
                            "A.1.2",
                            "Secret draft measure",
                            lead=(institution,),
                            published=False,
                        ),
                    ),
                ),
                Chapter("draft-chapter", "Draft chapter", published=False),
            ),
        ),
    )
    plan, chapter = made["plan"], made["chapter"]
    published, private = made["published-action"], made["private-action"]
    pledge = api.content.create(
        container=plan,
        type="Pledge",
        # The title is computed from the names; plone.api only needs one.
        title="Anna Rossi",
        first_name="Anna",
        last_name="Rossi",
        organization="Coop Sociale",
        organization_type="social_enterprise",
        email="anna.rossi@example.org",
        actions=relations(published, private),
        contribution="We host two trainees.\nWe offer a meeting room.",
        resources=[
            {"kind": "Premises", "description": "A meeting room", "value": "10 days"}
        ],
        privacy_consent=True,
    )
    api.content.transition(obj=pledge, transition="publish")
    return {
        "institution": institution,
        "plan": plan,
        "chapter": chapter,
        "published": published,
        "private": private,
        "pledge": pledge,
    }


@pytest.fixture
def content(portal, http_request):
    alsoProvides(http_request, IBrowserLayer)
    return build_views_plan(portal)


def render(obj):
    """The view's HTML, parsed; rendered inside a security interaction as the
    publisher does (zope.security.checkPermission needs one)."""
    started = queryInteraction() is None
    if started:
        newInteraction()
    try:
        html = api.content.get_view("view", obj, obj.REQUEST)()
    finally:
        if started:
            endInteraction()
    return lxml.html.fromstring(html)


def text(element):
    return " ".join(element.text_content().split())


def one(tree, xpath):
    found = tree.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def hrefs(tree):
    return set(tree.xpath("//*[@id='content-core']//a/@href"))


def core(tree):
    return text(one(tree, "//*[@id='content-core']"))


def window_box(tree):
    return one(tree, "//section[@role='status']")


class TestPlanView:
    def test_title_and_description_once(self, content):
        tree = render(content["plan"])
        assert [text(h) for h in tree.xpath("//h1")] == ["Social Economy Plan"]
        body = text(one(tree, "//body"))
        assert body.count("The draft under consultation.") == 1
        assert "Introduction to the Plan." in core(tree)

    def test_headings_in_order(self, content):
        tree = render(content["plan"])
        levels = [
            int(h.tag[1])
            for h in tree.xpath("//article[@id='content']//*")
            if h.tag in ("h1", "h2", "h3", "h4")
        ]
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels))

    def test_open(self, content):
        box = window_box(render(content["plan"]))
        assert "socialplan-window--open" in box.get("class")
        assert text(one(box, "h2")) == "The consultation is open"
        end = content["plan"].consultation_end.replace(microsecond=0)
        assert box.xpath(".//time/@datetime") == [end.isoformat()]
        assert "Closes on" in text(box)
        assert "Time left: 3 days and 5 hours." in text(box)

    def test_time_left_in_italian(self, content, http_request):
        # Babel's Italian data lacks the long "day" unit: the short one is used.
        http_request["LANGUAGE"] = "it"
        box = window_box(render(content["plan"]))
        assert "3 giorni e 5 ore" in text(box)

    def test_open_links_the_pledge_form(self, content):
        box = window_box(render(content["plan"]))
        assert box.xpath(".//a/@href") == [content["plan"].absolute_url() + "/@@pledge"]

    def test_closed_links_the_results_not_the_pledge_form(self, content):
        plan = content["plan"]
        plan.consultation_start = ROME.localize(datetime(2024, 2, 1, 9, 0))
        plan.consultation_end = ROME.localize(datetime(2024, 3, 1, 18, 0))
        assert window_box(render(plan)).xpath(".//a/@href") == [
            plan.absolute_url() + "/@@consultation-results"
        ]

    def test_upcoming(self, content):
        plan = content["plan"]
        plan.consultation_start = now_in_rome() + timedelta(days=2)
        plan.consultation_end = now_in_rome() + timedelta(days=20)
        box = window_box(render(plan))
        assert text(one(box, "h2")) == "The consultation has not opened yet"
        assert "Opens on" in text(box)
        start = plan.consultation_start.replace(microsecond=0).isoformat()
        assert start in box.xpath(".//time/@datetime")
        assert "Time left" not in text(box)

    def test_closed_in_italian(self, content, http_request):
        plan = content["plan"]
        plan.consultation_start = ROME.localize(datetime(2024, 2, 1, 9, 0))
        plan.consultation_end = ROME.localize(datetime(2024, 3, 1, 18, 0))
        http_request["LANGUAGE"] = "it"
        box = window_box(render(plan))
        assert "socialplan-window--closed" in box.get("class")
        time = one(box, ".//time")
        assert time.get("datetime") == "2024-03-01T18:00:00+01:00"
        # Babel, Italian, Europe/Rome: day, month name, year and local time.
        assert "1 marzo 2024" in time.text
        assert "18:00" in time.text

    def test_timeline(self, content):
        tree = render(content["plan"])
        items = tree.xpath("//ol[@class='socialplan-timeline']/li")
        assert [text(one(li, "h3")) for li in items] == [
            "Drafting",
            "Public consultation (current phase)",
            "Final Plan",
        ]
        today = now_in_rome().date()
        assert items[1].xpath(".//time/@datetime") == [
            (today - timedelta(days=1)).isoformat(),
            (today + timedelta(days=3)).isoformat(),
        ]
        assert [li.get("aria-current") for li in items] == [None, "step", None]
        assert text(items[0]).endswith("Editors write.")

    def test_promoters_and_draft(self, content):
        tree = render(content["plan"])
        assert content["institution"].absolute_url() in hrefs(tree)
        draft = f"{content['plan'].absolute_url()}/@@download/draft_pdf"
        link = one(tree, f"//a[@href='{draft}']")
        assert text(link) == "Download the draft of the Plan (PDF, 3 kB)"

    def test_toc_for_manager_lists_private_action(self, content):
        toc = one(render(content["plan"]), "//nav[@class='socialplan-toc']")
        assert content["chapter"].absolute_url() in toc.xpath(".//a/@href")
        assert "A.1.1 Job placement network Status: In progress" in text(toc)
        assert "A.1.2 Secret draft measure Status: Proposed" in text(toc)
        assert [text(a) for a in toc.xpath("./ol/li/a")] == [
            "Work and inclusion",
            "Draft chapter",
        ]

    def test_toc_for_anonymous_hides_private_action(self, content):
        logout()
        tree = render(content["plan"])
        toc = one(tree, "//nav[@class='socialplan-toc']")
        assert toc.xpath(".//a/@href") == [
            content["chapter"].absolute_url(),
            content["published"].absolute_url(),
        ]
        assert "Secret draft measure" not in text(tree)
        assert "A.1.2" not in text(tree)
        assert "Draft chapter" not in text(tree)

    def test_private_promoter_hidden_from_anonymous(self, content):
        api.content.transition(obj=content["institution"], transition="retract")
        logout()
        tree = render(content["plan"])
        assert content["institution"].absolute_url() not in hrefs(tree)
        assert not tree.xpath("//section[@class='socialplan-promoters']")


class TestChapterView:
    def test_actions(self, content):
        logout()
        tree = render(content["chapter"])
        items = tree.xpath("//ul[@class='socialplan-action-list']/li")
        assert len(items) == 1
        assert text(one(items[0], "h3")) == "A.1.1 Job placement network"
        assert "Connects social enterprises and job centres." in text(items[0])
        assert "Status In progress" in text(items[0])
        assert items[0].xpath(".//a/@href") == [
            content["published"].absolute_url(),
            content["institution"].absolute_url(),
        ]
        assert "Chapter text." in core(tree)


class TestActionView:
    def test_facts_and_lists(self, content):
        logout()
        tree = render(content["published"])
        assert [text(h) for h in tree.xpath("//h1")] == ["Job placement network"]
        assert "Code A.1.1 Status In progress" in core(tree)
        assert "socialplan-badge--in_progress" in one(
            tree, "//span[contains(@class, 'socialplan-badge')]"
        ).get("class")
        section = one(tree, "//section[h2='Objectives']")
        assert [text(li) for li in section.xpath(".//li")] == [
            "Place 200 people",
            "Train tutors",
        ]
        areas = one(tree, "//section[h2='Areas of the EU Recommendation']")
        assert [text(li) for li in areas.xpath(".//li")] == [
            "Labour market and social inclusion",
            "Skills, education and training",
        ]
        assert content["institution"].absolute_url() in hrefs(tree)
        funding = one(tree, "//dt[.='Funding sources']/following-sibling::dd[1]")
        assert [t.strip() for t in funding.itertext()] == ["ESF+", "Regional funds"]
        assert "Budget € 250,000" in core(tree)

    def test_tables(self, content):
        tree = render(content["published"])
        tables = tree.xpath("//*[@id='content-core']//table")
        assert [text(t.find("caption")) for t in tables] == [
            "Partners",
            "Indicators",
            "Milestones",
        ]
        for table in tables:
            headers = table.xpath(".//th")
            assert headers and all(th.get("scope") == "col" for th in headers)
        deadline = one(tables[1], ".//time")
        assert deadline.get("datetime") == "2026-12-31"
        assert deadline.text == "31 December 2026"  # British, not US
        done = [text(row.xpath("td")[2]) for row in tables[2].xpath(".//tbody/tr")]
        assert done == ["Yes", "No"]

    def test_empty_sections_hidden(self, content):
        tree = render(content["private"])
        assert not tree.xpath("//*[@id='content-core']//table")
        assert [text(h) for h in tree.xpath("//*[@id='content-core']//h2")] == [
            "Lead bodies"
        ]


class TestInstitutionView:
    def test_page(self, content):
        logout()
        tree = render(content["institution"])
        logo = one(tree, "//div[@class='socialplan-logo']/img")
        assert logo.get("alt") == "Chamber of Commerce"
        assert "@@images/" in logo.get("src")
        links = hrefs(tree)
        assert "https://www.example.org" in links
        assert "mailto:urp@example.org" in links
        assert "tel:+3901157161" in links
        address = one(tree, "//*[@id='content-core']//address")
        assert [t.strip() for t in address.itertext()] == [
            "Via Carlo Alberto 16",
            "10123 Torino",
        ]
        led = one(tree, "//section[h2='Actions led']")
        assert led.xpath(".//a/@href") == [content["published"].absolute_url()]
        assert "Secret draft measure" not in text(tree)


class TestPledgeView:
    def test_anonymous(self, content):
        logout()
        tree = render(content["pledge"])
        facts = core(tree)
        assert "First name Anna Surname Rossi Organisation Coop Sociale" in facts
        assert "Type of organisation Social enterprise / cooperative" in facts
        assert "We host two trainees." in facts
        actions = one(tree, "//section[h2='Actions supported']")
        assert actions.xpath(".//a/@href") == [content["published"].absolute_url()]
        table = one(tree, "//table")
        assert text(table.find("caption")) == "Resources offered"
        assert "Premises A meeting room 10 days" in text(table)
        assert "anna.rossi@example.org" not in text(tree)
        assert "mailto:anna.rossi@example.org" not in hrefs(tree)

    def test_manager_sees_email(self, content):
        tree = render(content["pledge"])
        assert "mailto:anna.rossi@example.org" in hrefs(tree)
        assert "Secret draft measure" in core(tree)


def test_published_plan_over_http_loads_stylesheet(functional_portal):
    build_views_plan(functional_portal)
    transaction.commit()
    url = functional_portal["plan"].absolute_url()
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.text)
    assert "The consultation is open" in text(window_box(tree))
    assert "Secret draft measure" not in response.text
    link = one(tree, "//link[@data-bundle='torino-socialplan']")
    assert link.get("href").endswith("++plone++torino.socialplan/socialplan.css")
    css = requests.get(link.get("href"), timeout=10)
    assert css.status_code == 200
    assert ".socialplan-window" in css.text
