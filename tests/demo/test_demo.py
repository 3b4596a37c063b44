"""The demo profile builds the site a newcomer sees: two promoting bodies and a
published Plan, open for comments, with its Chapters and Actions, and the
first comments and pledges of the consultation."""

from . import site_dump
from Acquisition import aq_parent
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces.installable import INonInstallable
from plone.browserlayer.utils import registered_layers
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.commented_paragraphs import inline_summary
from torino.socialplan.consultation.commented_paragraphs import paragraphs
from torino.socialplan.consultation.moderation import audit_log
from torino.socialplan.content.action import CodeTaken
from torino.socialplan.content.grid_rows import IIndicatorRow
from torino.socialplan.content.grid_rows import IMilestoneRow
from torino.socialplan.content.grid_rows import IPartnerRow
from torino.socialplan.content.grid_rows import IPhaseRow
from torino.socialplan.demo import loader as demo_setup
from torino.socialplan.demo import reader
from zope.component import getAllUtilitiesRegisteredFor
from zope.interface import directlyProvidedBy
from zope.interface import noLongerProvides
from zope.schema import getFieldNames

import json
import lxml.html
import os
import pathlib
import pytest
import re
import requests
import shutil
import transaction


DEMO_PROFILE = "profile-torino.socialplan:demo"
TYPES = ("Institution", "Plan", "Chapter", "Action")
BUILT_SITE = pathlib.Path(__file__).with_name("built_site.json")
# The demo content as the data files say it (demo/content, demo/contributions).
DEMO = reader.read_demo()
APPROVED = reader.read_approved()
# Each contribution says it is demo content.
DEMO_MARK = "[Contenuto dimostrativo] "


def apply_demo(portal):
    portal.portal_setup.runAllImportStepsFromProfile(DEMO_PROFILE)


def build_as_manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    apply_demo(portal)


@pytest.fixture
def demo_files(tmp_path, monkeypatch):
    """A copy of the data files, which the build then reads: to edit."""
    for folder in ("content", "contributions"):
        shutil.copytree(reader.ROOT / folder, tmp_path / folder)
    monkeypatch.setattr(reader, "ROOT", tmp_path)
    return tmp_path


def edit_json(path, change):
    """``change(value)`` on the JSON of ``path``, written back; its result."""
    value = json.loads(path.read_text(encoding="utf-8"))
    result = change(value)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2), encoding="utf-8")
    return result


@pytest.fixture(scope="class")
def demo(portal_class):
    """The demo built once per test class (the layer rolls it back after)."""
    setRoles(portal_class, TEST_USER_ID, ["Manager"])
    apply_demo(portal_class)
    return portal_class


@pytest.fixture(scope="class")
def plan(demo):
    return demo[DEMO.plan["id"]]


def brains(portal, portal_type):
    return portal.portal_catalog.unrestrictedSearchResults(portal_type=portal_type)


def count_all(portal):
    return {portal_type: len(brains(portal, portal_type)) for portal_type in TYPES}


def targets(relations):
    return [relation.to_object for relation in relations]


def data_actions():
    return [action for chapter in DEMO.chapters for action in chapter["actions"]]


# Contributions

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The promoters' public contacts, in every page's footer (theme/settings.py).
PUBLIC_ADDRESSES = {item["email"] for item in DEMO.institutions}
DATA_ITEMS = {item["key"]: item for item in DEMO.comments}


def quote_of(item):
    return item.get("passage") or item.get("paragraph_with")


def page_of(item):
    """The id of the page a data comment is on (a reply: its parent's)."""
    while "reply_to" in item:
        item = DATA_ITEMS[item["reply_to"]]
    return item["on"]


def data_paragraph_texts(page_id):
    """The paragraph texts of a page's text as written in the data files."""
    items = [DEMO.plan, *DEMO.chapters]
    (html,) = [item["text"] for item in items if item["id"] == page_id]
    return anchors.extract_paragraph_texts(html)


def expected_counts(page_id):
    """Inline comments per paragraph of a page, in text order, from the data
    files alone: the paragraph each quote is in."""
    texts = data_paragraph_texts(page_id)
    counts = [0] * len(texts)
    for item in DEMO.comments:
        quote = quote_of(item)
        if quote and item["on"] == page_id:
            (index,) = [i for i, text in enumerate(texts) if quote in text]
            counts[index] += 1
    return counts


def offered_paragraphs(page_id):
    """Whether each paragraph of a page's text, as written in the data files, is
    offered for comment: not a heading, not marked "socialplan-no-comments"
    (the demo's disclaimer)."""
    items = [DEMO.plan, *DEMO.chapters]
    (html,) = [item["text"] for item in items if item["id"] == page_id]
    count = len(anchors.extract_paragraph_texts(html))
    annotated = anchors.annotate_html(html, [f"p-{i}" for i in range(count)])
    root = lxml.html.fragment_fromstring(annotated, create_parent="div")
    return [
        element.tag not in ("h1", "h2", "h3", "h4", "h5", "h6")
        and "socialplan-no-comments" not in (element.get("class") or "").split()
        for element in root.iterfind(".//*[@data-paragraph]")
    ]


def commented_pages(plan):
    return [plan, *(obj for obj in plan.objectValues() if obj.portal_type == "Chapter")]


def demo_comments(plan):
    """{data key: comment}, matched by their text."""
    by_text = {
        comment.text: comment
        for page in commented_pages(plan)
        for comment in IConversation(page).values()
    }
    return {item["key"]: by_text[item["text"]] for item in DEMO.comments}


def demo_pledges(plan):
    return [obj for obj in plan.objectValues() if obj.portal_type == "Pledge"]


def count_contributions(plan):
    comments = sum(len(IConversation(page)) for page in commented_pages(plan))
    return comments, len(demo_pledges(plan))


class TestContent:
    def test_counts(self, demo):
        counts = count_all(demo)
        assert counts["Institution"] == 2
        # The open Plan, and the approved one (demo/approved/).
        assert counts["Plan"] == 2
        assert counts["Chapter"] >= 4
        assert counts["Action"] >= 8
        assert counts["Chapter"] == len(DEMO.chapters) + len(APPROVED.chapters)
        assert counts["Action"] == len(data_actions())

    def test_all_published(self, demo):
        for portal_type in TYPES:
            states = {brain.review_state for brain in brains(demo, portal_type)}
            assert states == {"published"}, portal_type

    def test_site_opens_on_the_plan(self, demo):
        assert demo.getDefaultPage() == DEMO.plan["id"]

    def test_institutions_at_site_root(self, demo):
        for item in DEMO.institutions:
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
        assert [c.getId() for c in chapters] == [c["id"] for c in DEMO.chapters]
        for chapter, item in zip(chapters, DEMO.chapters, strict=True):
            assert [a.getId() for a in chapter.actions()] == [
                a["id"] for a in item["actions"]
            ]

    def test_action_fields(self, plan):
        item = DEMO.chapters[0]["actions"][0]
        action = plan[DEMO.chapters[0]["id"]][item["id"]]
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
        assert window_length == timedelta(days=DEMO.plan["consultation_days"])

    def test_phases_keep_the_real_consultation_dates(self, plan):
        periods = [(row["start"], row["end"]) for row in plan.phases]
        assert (date(2025, 2, 25), date(2025, 3, 11)) in periods
        assert [row["title"] for row in plan.phases] == [
            row["title"] for row in DEMO.plan["phases"]
        ]

    def test_promoters(self, demo, plan):
        promoters = [obj.getId() for obj in targets(plan.promoters)]
        assert promoters == DEMO.plan["promoters"]


class TestRelations:
    def test_led_actions(self, demo):
        for item in DEMO.institutions:
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
        chapter = DEMO.chapters[0]
        path = f"{DEMO.plan['id']}/{chapter['id']}/{chapter['actions'][0]['id']}"
        logout()
        assert api.user.is_anonymous()
        assert demo.restrictedTraverse(DEMO.plan["id"]).UID() == plan.UID()
        assert api.user.has_permission("View", obj=plan)
        action = demo.restrictedTraverse(path)
        assert api.user.has_permission("View", obj=action)
        # The permission check inside led_actions() runs as anonymous too.
        assert demo[DEMO.institutions[0]["id"]].led_actions()


class TestContributions:
    def test_data(self):
        """Invented people, private addresses nobody receives, marked texts;
        the quotes as written in the chapter texts."""
        assert len(DEMO.comments) >= 10
        assert len(DEMO.pledges) == 3
        people = [*DEMO.comments, *DEMO.pledges]
        emails = [p.get("author_email") or p.get("email") for p in people]
        assert all(email.endswith("@example.org") for email in emails)
        texts = [p.get("text") or p.get("contribution") for p in people]
        assert all(text.startswith(DEMO_MARK) for text in texts)
        kinds = {
            "page": [i for i in DEMO.comments if "on" in i and not quote_of(i)],
            "passage": [i for i in DEMO.comments if "passage" in i],
            "paragraph": [i for i in DEMO.comments if "paragraph_with" in i],
            "reply": [i for i in DEMO.comments if "reply_to" in i],
        }
        assert {i["on"] for i in kinds["page"]} >= {DEMO.plan["id"]}
        assert len({i["on"] for i in kinds["page"]} - {DEMO.plan["id"]}) >= 2
        assert 5 <= len(kinds["passage"]) <= 6
        assert len(kinds["paragraph"]) == 1
        assert len(kinds["reply"]) == 2
        chapters = {chapter["id"] for chapter in DEMO.chapters}
        for item in kinds["passage"] + kinds["paragraph"]:
            assert item["on"] in chapters
            texts = data_paragraph_texts(item["on"])
            assert sum(text.count(quote_of(item)) for text in texts) == 1

    def test_comments_published(self, plan):
        comments = demo_comments(plan)
        assert len(comments) == len(DEMO.comments)
        assert count_contributions(plan)[0] == len(DEMO.comments)
        for key, comment in comments.items():
            assert api.content.get_state(comment) == "published", key
            page = aq_parent(aq_parent(comment))
            assert page.getId() == page_of(DATA_ITEMS[key])
        # Published by a moderator, through the moderation core.
        log = audit_log(plan)
        assert len(log) == len(DEMO.comments) + len(DEMO.pledges)
        assert {(e["transition"], e["from"], e["to"]) for e in log} == {
            ("publish", "pending", "published")
        }

    def test_sent_as_the_public(self, plan):
        """Not as the Manager who built the site: no user recorded."""
        for key, comment in demo_comments(plan).items():
            item = DATA_ITEMS[key]
            assert comment.creator is None, key
            assert comment.author_username is None, key
            assert comment.author_name == f"{item['first_name']} {item['last_name']}"
            assert comment.organization == item["organization"]
            assert comment.organization_type == item["organization_type"]
            assert comment.author_email == item["author_email"]

    def test_replies(self, plan):
        comments = demo_comments(plan)
        replies = [item for item in DEMO.comments if "reply_to" in item]
        for item in replies:
            reply = comments[item["key"]]
            parent = comments[item["reply_to"]]
            assert str(reply.in_reply_to) == str(parent.id)
            assert reply.anchor is None
            assert reply.paragraph is None

    def test_inline_comments_on_the_right_paragraphs(self, plan):
        comments = demo_comments(plan)
        for item in DEMO.comments:
            comment = comments[item["key"]]
            if not quote_of(item):
                assert comment.anchor is None, item["key"]
                continue
            page = aq_parent(aq_parent(comment))
            current = paragraphs(page)
            (expected,) = [p for p in current if quote_of(item) in p.text]
            assert comment.paragraph == expected.id, item["key"]
            assert comment.orphaned is False
            assert comment.anchor_change is None
            # The same paragraph, counted in the text as the data files write it.
            index = [p.id for p in current].index(comment.paragraph)
            assert quote_of(item) in data_paragraph_texts(page.getId())[index]
            found = expected.text[comment.anchor_start : comment.anchor_end]
            if "passage" in item:
                assert found == item["passage"]
                assert comment.anchor["exact"] == item["passage"]
                # What a browser selection posts: the context and the place.
                assert set(comment.anchor) == {"exact", "prefix", "suffix", "position"}
                assert comment.anchor["prefix"]
            else:
                assert found == expected.text  # the whole paragraph

    def test_counts_and_no_orphan(self, plan):
        for page in commented_pages(plan):
            summary = inline_summary(page)
            assert summary["orphaned"] == 0, page.getId()
            ids = [p.id for p in paragraphs(page)]
            counts = [summary["counts"].get(pid, 0) for pid in ids]
            assert counts == expected_counts(page.getId()), page.getId()
        inline = [item for item in DEMO.comments if quote_of(item)]
        total = sum(
            sum(inline_summary(page)["counts"].values())
            for page in commented_pages(plan)
        )
        assert total == len(inline)

    def test_pledges_published(self, plan):
        pledges = demo_pledges(plan)
        assert len(pledges) == len(DEMO.pledges)
        by_email = {pledge.email: pledge for pledge in pledges}
        for item in DEMO.pledges:
            pledge = by_email[item["email"]]
            assert api.content.get_state(pledge) == "published"
            assert pledge.title == (
                f"{item['first_name']} {item['last_name']} ({item['organization']})"
            )
            assert pledge.organization_type == item["organization_type"]
            actions = [relation.to_object for relation in pledge.actions]
            assert [action.code for action in actions] == item["actions"]
            assert {api.content.get_state(a) for a in actions} == {"published"}
            assert pledge.resources == item["resources"]
            assert pledge.contribution == item["contribution"]
            assert pledge.privacy_consent is True

    def test_misspelt_key_refused(self, plan):
        """Not quietly a whole-page comment."""
        item = dict(next(i for i in DEMO.comments if "passage" in i))
        item["pasage"] = item.pop("passage")
        with pytest.raises(reader.DemoDataError) as refused:
            demo_setup.send_comment(plan, item, {}, plan.REQUEST)
        assert str(refused.value) == (
            f"{reader.COMMENTS}, comment {item['key']!r}: unknown keys ['pasage']"
        )

    def test_unknown_action_code_refused(self, plan):
        item = dict(DEMO.pledges[0], actions=["A.9.9"])
        with pytest.raises(reader.DemoDataError) as refused:
            demo_setup.send_pledge(plan, item, plan.REQUEST)
        assert str(refused.value).startswith(f"{reader.PLEDGES}, pledge of ")
        assert "actions: no single Action A.9.9" in str(refused.value)

    def test_no_leftover_rate_limit_counts(self, plan):
        """The build leaves the first real visitor a full allowance."""
        try:
            for kind in ("comment", "pledge"):
                for _ in range(guards.LIMITS[0].amount):
                    guards.check_rate_limit(plan.REQUEST, kind)
        finally:
            guards.reset_rate_limits()


class TestContributionChecks:
    """A slip in the demo contributions stops the build too, naming the
    file and the entry."""

    def test_passage_not_in_the_text(self, portal, demo_files):
        def change(comments):
            item = next(i for i in comments if "passage" in i)
            item["passage"] = item["passage"].replace("a", "e", 1)
            return item["key"]

        key = edit_json(demo_files / reader.COMMENTS, change)
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        message = str(refused.value)
        assert message.startswith(f"{reader.COMMENTS}, comment {key!r}: passage: ")
        assert "occurs 0 times" in message

    def test_field_refused_by_the_core(self, portal, demo_files):
        def change(comments):
            comments[0]["organization_type"] = "guild"
            return comments[0]["key"]

        key = edit_json(demo_files / reader.COMMENTS, change)
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        message = str(refused.value)
        assert message.startswith(f"{reader.COMMENTS}, comment {key!r}: refused: ")
        assert "organization_type: " in message

    def test_reply_to_unknown_comment(self, portal, demo_files):
        def change(comments):
            reply = next(i for i in comments if "reply_to" in i)
            reply["reply_to"] = "nessuno"

        edit_json(demo_files / reader.COMMENTS, change)
        with pytest.raises(
            reader.DemoDataError, match="reply_to: no comment 'nessuno'"
        ):
            build_as_manager(portal)


class TestBuiltByTheStartScript:
    def test_request_without_browser_layers(self, portal):
        """scripts/create_site.py applies the profile with a request that
        never traversed the site: no add-on browser layer on it."""
        request = portal.REQUEST
        for layer in registered_layers():
            if layer in directlyProvidedBy(request):
                noLongerProvides(request, layer)
        assert not any(layer.providedBy(request) for layer in registered_layers())
        setRoles(portal, TEST_USER_ID, ["Manager"])
        apply_demo(portal)
        counts = count_contributions(portal[DEMO.plan["id"]])
        assert counts == (len(DEMO.comments), len(DEMO.pledges))


@pytest.fixture(scope="class")
def served_demo(functional_portal_class):
    setRoles(functional_portal_class, TEST_USER_ID, ["Manager"])
    apply_demo(functional_portal_class)
    transaction.commit()
    return functional_portal_class


class TestPagesOverHTTP:
    """The pages as a visitor gets them from the server."""

    def get(self, obj):
        response = requests.get(obj.absolute_url(), timeout=30)
        assert response.status_code == 200
        return response.text

    def test_no_email_address(self, served_demo):
        plan = served_demo[DEMO.plan["id"]]
        for page in commented_pages(plan):
            html = self.get(page)
            found = set(EMAIL_ADDRESS.findall(html)) - PUBLIC_ADDRESSES
            assert found == set(), page.getId()
        # The comments are there, with names and organisations.
        chapter = plan[DEMO.chapters[-1]["id"]]
        text = " ".join(lxml.html.fromstring(self.get(chapter)).text_content().split())
        for item in DEMO.comments:
            if page_of(item) == chapter.getId():
                assert f"{item['first_name']} {item['last_name']}" in text
                assert item["organization"] in text

    def test_markers_count_the_inline_comments(self, served_demo):
        plan = served_demo[DEMO.plan["id"]]
        for page in commented_pages(plan):
            tree = lxml.html.fromstring(self.get(page))
            markers = tree.xpath("//a[@data-socialplan-ui='marker']")
            counts = [int(marker.get("data-count")) for marker in markers]
            # Open consultation: a marker on each paragraph offered for
            # comment, and on any other that has comments, in text order.
            offered = offered_paragraphs(page.getId())
            expected = [
                (paragraph.id, count)
                for paragraph, count, open_ in zip(
                    paragraphs(page),
                    expected_counts(page.getId()),
                    offered,
                    strict=True,
                )
                if count or open_
            ]
            assert counts == [count for _id, count in expected], page.getId()
            assert [m.get("data-paragraph-id") for m in markers] == [
                paragraph_id for paragraph_id, _count in expected
            ]
            bubbles = [
                marker.find("span[@class='socialplan-marker__count']").text
                for marker in markers
            ]
            assert bubbles == [str(count) if count else "+" for count in counts]


class TestIdempotent:
    def test_second_application_changes_nothing(self, demo, plan):
        before = count_all(demo)
        contributions = count_contributions(plan)
        start, end = plan.consultation_start, plan.consultation_end
        ids = demo.objectIds()
        apply_demo(demo)
        assert count_all(demo) == before
        assert count_contributions(plan) == contributions
        assert demo.objectIds() == ids
        assert (plan.consultation_start, plan.consultation_end) == (start, end)


class TestDataChecks:
    """A slip in the data files stops the build instead of storing bad
    content, with a message naming the file and the key."""

    def test_duplicate_code_rejected(self, portal, demo_files):
        first = DEMO.chapters[0]["actions"][0]
        last = DEMO.chapters[-1]["actions"][-1]
        edit_json(
            demo_files / last["@file"], lambda item: item.update(code=first["code"])
        )
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        assert str(refused.value).startswith(f"{last['@file']}: code: ")
        assert first["code"] in str(refused.value)
        assert isinstance(refused.value.__cause__, CodeTaken)

    def test_unknown_row_key_rejected(self, portal, demo_files):
        def change(plan):
            plan["phases"][1]["ends"] = plan["phases"][1].pop("end")

        edit_json(demo_files / DEMO.plan["@file"], change)
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        assert str(refused.value) == (
            f"{DEMO.plan['@file']}: phases[1]: unknown keys ['ends']"
        )

    def test_unknown_item_key_rejected(self, portal, demo_files):
        path = DEMO.institutions[0]["@file"]
        edit_json(demo_files / path, lambda item: item.update(webiste="x"))
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        assert str(refused.value) == f"{path}: unknown keys ['webiste']"

    def test_value_not_in_the_vocabulary(self, portal, demo_files):
        action = DEMO.chapters[1]["actions"][0]
        edit_json(demo_files / action["@file"], lambda item: item.update(status="done"))
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        assert str(refused.value).startswith(f"{action['@file']}: status: ")
        assert "'done'" in str(refused.value)

    def test_date_that_is_no_date(self, portal, demo_files):
        action = DEMO.chapters[0]["actions"][0]

        def change(item):
            item["milestones"][1]["due_date"] = "30/06/2026"

        edit_json(demo_files / action["@file"], change)
        with pytest.raises(reader.DemoDataError) as refused:
            build_as_manager(portal)
        assert str(refused.value).startswith(
            f"{action['@file']}: milestones[1].due_date: not a date (YYYY-MM-DD)"
        )


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


class TestSameSite:
    """The site the demo builds, compared with the one stored in
    built_site.json: first written by the build from demo/data.py (the Python
    literals the data files replaced), so that the files build the same site.
    After changing the demo data on purpose, write it again with
    SOCIALPLAN_WRITE_DEMO_DUMP=1 and review its diff."""

    def test_same_site_as_stored(self, demo):
        found = site_dump.dump(demo)
        if os.environ.get("SOCIALPLAN_WRITE_DEMO_DUMP"):
            text = json.dumps(found, indent=1, ensure_ascii=False)
            BUILT_SITE.write_text(text + "\n", encoding="utf-8")
        expected = json.loads(BUILT_SITE.read_text(encoding="utf-8"))
        assert list(site_dump.differences(found, expected)) == []


class TestApprovedPlan:
    """The second demo Plan (demo/approved/) went through its whole life: a
    newcomer finds "How the Plan changed" filled; the open Plan is untouched."""

    def test_whole_life_and_public_comparison(self, demo, plan):
        from torino.socialplan.consultation import changes
        from torino.socialplan.consultation import consulted_text
        from torino.socialplan.consultation import plan_stages

        approved = demo[APPROVED.plan["id"]]
        assert plan_stages.stage(approved) == "outcomes_published"
        assert plan_stages.stage(plan) == "consultation"
        assert all(row["approval"] for row in plan_stages.approvals(approved))
        (chapter_item,) = APPROVED.chapters
        chapter = approved[chapter_item["id"]]
        assert consulted_text.consulted(chapter) is not None
        logout()
        assert changes.may_see_changes(approved)
        comparison = changes.plan_comparison(approved)
        assert comparison["total"] >= 2
        linked = [
            c
            for content in comparison["contents"]
            for change in content["changes"]
            for c in change["contributions"]
            if c["linked"]
        ]
        assert {c["outcome"]["token"] for c in linked} == {
            "accepted",
            "partly_accepted",
        }
        untouched = [
            c for content in comparison["contents"] for c in content["untouched"]
        ]
        assert [c["outcome"]["token"] for c in untouched] == ["not_accepted"]
        html = approved.restrictedTraverse("@@how-the-plan-changed")()
        assert "agevolazioni sui canoni" in html
        assert "linked to this change by the moderators" in html
        assert "@example.org" not in html
