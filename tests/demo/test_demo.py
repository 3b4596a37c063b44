"""The demo profile builds the site a newcomer sees: two promoting bodies and a
published Plan, open for comments, with its Chapters and Actions."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces.installable import INonInstallable
from torino.socialplan.consultation.window import now_in_rome
from torino.socialplan.content.action import CodeTaken
from torino.socialplan.content.rows import IIndicatorRow
from torino.socialplan.content.rows import IMilestoneRow
from torino.socialplan.content.rows import IPartnerRow
from torino.socialplan.content.rows import IPhaseRow
from torino.socialplan.demo import data
from zope.component import getAllUtilitiesRegisteredFor
from zope.schema import getFieldNames

import copy
import pytest


DEMO_PROFILE = "profile-torino.socialplan:demo"
TYPES = ("Institution", "Plan", "Chapter", "Action")


def apply_demo(portal):
    portal.portal_setup.runAllImportStepsFromProfile(DEMO_PROFILE)


@pytest.fixture(scope="class")
def demo(portal_class):
    """The demo built once per test class (the layer rolls it back after)."""
    setRoles(portal_class, TEST_USER_ID, ["Manager"])
    apply_demo(portal_class)
    return portal_class


@pytest.fixture(scope="class")
def plan(demo):
    return demo[data.PLAN["id"]]


def brains(portal, portal_type):
    return portal.portal_catalog.unrestrictedSearchResults(portal_type=portal_type)


def count_all(portal):
    return {portal_type: len(brains(portal, portal_type)) for portal_type in TYPES}


def targets(relations):
    return [relation.to_object for relation in relations]


def data_actions():
    return [action for chapter in data.CHAPTERS for action in chapter["actions"]]


class TestContent:
    def test_counts(self, demo):
        counts = count_all(demo)
        assert counts["Institution"] == 2
        assert counts["Plan"] == 1
        assert counts["Chapter"] >= 4
        assert counts["Action"] >= 8
        assert counts["Chapter"] == len(data.CHAPTERS)
        assert counts["Action"] == len(data_actions())

    def test_all_published(self, demo):
        for portal_type in TYPES:
            states = {brain.review_state for brain in brains(demo, portal_type)}
            assert states == {"published"}, portal_type

    def test_site_opens_on_the_plan(self, demo):
        assert demo.getDefaultPage() == data.PLAN["id"]

    def test_institutions_at_site_root(self, demo):
        for item in data.INSTITUTIONS:
            institution = demo[item["id"]]
            assert institution.portal_type == "Institution"
            assert institution.title == item["title"]
            assert institution.editors_group == item["editors_group"]
            assert institution.email == item["email"]
            assert institution.text.raw == item["text"]
            assert institution.text.mimeType == "text/html"
            assert institution.text.outputMimeType == "text/x-html-safe"

    def test_action_codes_unique(self, demo):
        codes = [brain.getObject().code for brain in brains(demo, "Action")]
        assert all(codes)
        assert len(codes) == len(set(codes))
        # Indexed, so that the add and edit forms can check a new code.
        catalog = demo.portal_catalog
        for code in codes:
            assert len(catalog.unrestrictedSearchResults(action_code=code)) == 1

    def test_chapter_and_action_order(self, plan):
        chapters = [obj for obj in plan.objectValues() if obj.portal_type == "Chapter"]
        assert [c.getId() for c in chapters] == [c["id"] for c in data.CHAPTERS]
        for chapter, item in zip(chapters, data.CHAPTERS, strict=True):
            assert [a.getId() for a in chapter.actions()] == [
                a["id"] for a in item["actions"]
            ]

    def test_action_fields(self, plan):
        item = data.CHAPTERS[0]["actions"][0]
        action = plan[data.CHAPTERS[0]["id"]][item["id"]]
        assert action.code == item["code"]
        assert action.status == item["status"]
        assert action.eu_recommendation_areas == item["eu_recommendation_areas"]
        assert action.budget == item["budget"]
        assert action.objectives_list()
        assert action.text.outputMimeType == "text/x-html-safe"
        assert [i.getId() for i in targets(action.lead_institutions)] == (
            item["lead_institutions"]
        )

    def test_rows_have_exactly_the_row_keys(self, plan):
        phase_keys = set(getFieldNames(IPhaseRow))
        assert plan.phases
        assert all(set(row) == phase_keys for row in plan.phases)
        grids = {
            "partners": IPartnerRow,
            "indicators": IIndicatorRow,
            "milestones": IMilestoneRow,
        }
        for brain in brains(plan, "Action"):
            action = brain.getObject()
            for name, row_schema in grids.items():
                keys = set(getFieldNames(row_schema))
                assert all(set(row) == keys for row in getattr(action, name))


class TestConsultation:
    def test_window_open_for_fifteen_days(self, plan):
        now = now_in_rome()
        window = plan.window()
        assert window.is_open
        assert plan.consultation_start <= now
        assert plan.consultation_start.second == 0
        assert plan.consultation_start.tzinfo.zone == "Europe/Rome"
        # Built moments ago, rounded down to the minute.
        assert now - plan.consultation_start < timedelta(minutes=5)
        window_length = plan.consultation_end - plan.consultation_start
        assert window_length == timedelta(days=data.PLAN_WINDOW_DAYS)

    def test_phases_keep_the_real_consultation_dates(self, plan):
        periods = [(row["start"], row["end"]) for row in plan.phases]
        assert (date(2025, 2, 25), date(2025, 3, 11)) in periods
        assert [row["title"] for row in plan.phases] == [
            row["title"] for row in data.PLAN["phases"]
        ]

    def test_promoters(self, demo, plan):
        promoters = [obj.getId() for obj in targets(plan.promoters)]
        assert promoters == data.PLAN["promoters"]


class TestRelations:
    def test_led_actions(self, demo):
        for item in data.INSTITUTIONS:
            led = demo[item["id"]].led_actions()
            assert led
            expected = {
                action["code"]
                for action in data_actions()
                if item["id"] in action["lead_institutions"]
            }
            assert {action.code for action in led} == expected
            for action in led:
                leads = [obj.getId() for obj in targets(action.lead_institutions)]
                assert item["id"] in leads


class TestAnonymous:
    def test_anonymous_views_plan_and_action(self, demo, plan):
        chapter = data.CHAPTERS[0]
        path = f"{data.PLAN['id']}/{chapter['id']}/{chapter['actions'][0]['id']}"
        logout()
        assert api.user.is_anonymous()
        assert demo.restrictedTraverse(data.PLAN["id"]).UID() == plan.UID()
        assert api.user.has_permission("View", obj=plan)
        action = demo.restrictedTraverse(path)
        assert api.user.has_permission("View", obj=action)
        # The permission check inside led_actions() runs as anonymous too.
        assert demo[data.INSTITUTIONS[0]["id"]].led_actions()


class TestIdempotent:
    def test_second_application_changes_nothing(self, demo, plan):
        before = count_all(demo)
        start, end = plan.consultation_start, plan.consultation_end
        ids = demo.objectIds()
        apply_demo(demo)
        assert count_all(demo) == before
        assert demo.objectIds() == ids
        assert (plan.consultation_start, plan.consultation_end) == (start, end)


class TestDataChecks:
    """A slip in data.py stops the build instead of storing bad content."""

    def test_duplicate_code_rejected(self, portal, monkeypatch):
        chapters = copy.deepcopy(data.CHAPTERS)
        chapters[-1]["actions"][-1]["code"] = chapters[0]["actions"][0]["code"]
        monkeypatch.setattr(data, "CHAPTERS", chapters)
        setRoles(portal, TEST_USER_ID, ["Manager"])
        with pytest.raises(CodeTaken):
            apply_demo(portal)

    def test_unknown_row_key_rejected(self, portal, monkeypatch):
        plan = copy.deepcopy(data.PLAN)
        plan["phases"][0]["ends"] = plan["phases"][0].pop("end")
        monkeypatch.setattr(data, "PLAN", plan)
        setRoles(portal, TEST_USER_ID, ["Manager"])
        with pytest.raises(ValueError, match="ends"):
            apply_demo(portal)


class TestProfile:
    def test_hidden_from_addons_control_panel(self, portal):
        hidden = set()
        for utility in getAllUtilitiesRegisteredFor(INonInstallable):
            hidden.update(utility.getNonInstallableProfiles())
        assert "torino.socialplan:demo" in hidden
        setRoles(portal, TEST_USER_ID, ["Manager"])
        view = portal.restrictedTraverse("@@prefs_install_products_form")
        addon = view.marshall_addons()["torino.socialplan"]
        listed = [addon["install_profile_id"], addon["uninstall_profile_id"]]
        listed += [profile["id"] for profile in addon["other_profiles"]]
        listed += [p["id"] for p in addon["upgrade_profiles"].values()]
        assert "torino.socialplan:default" in listed
        assert "torino.socialplan:demo" not in listed
