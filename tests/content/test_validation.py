"""Field and form validation: action codes, the Plan's invariants, Pledges."""

from datetime import date
from datetime import datetime
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.schema.email import InvalidEmail
from plone.supermodel.utils import mergedTaggedValueDict
from tests.content.editorial import make_plan
from tests.support.plans import make_action
from tests.support.plans import make_chapter
from tests.support.plans import relations
from tests.support.users import acting_as
from tests.support.users import as_manager
from torino.socialplan.content.action import CodeTaken
from torino.socialplan.content.action import IAction
from torino.socialplan.content.action import InvalidCode
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.pledge import ConsentRequired
from torino.socialplan.content.pledge import IPledge
from types import SimpleNamespace
from zope.interface import Invalid
from zope.lifecycleevent import modified
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooShort

import pytest
import pytz


@pytest.mark.parametrize("code", ["A.1", "A.1.2", "AB.12.3", "ABC.1.2.3.4", "B.100"])
def test_code_format_accepted(code):
    IAction["code"].validate(code)


@pytest.mark.parametrize(
    "code",
    [
        "a.1.2",
        "A",
        "A.",
        "A1.2",
        "A.1.2.",
        "A-1-2",
        "ABCD.1",
        "A.1234",
        "A.1.2.3.4.5",
        " A.1",
    ],
)
def test_code_format_rejected(code):
    with pytest.raises(InvalidCode):
        IAction["code"].validate(code)


@pytest.fixture
def plans(portal, tree):
    """The fixture's Plan (A.1.1 and A.1.2 in its first Chapter) with a second,
    empty Chapter, and another Plan where A.1.1 is free."""
    with as_manager(portal):
        second = make_chapter(tree["plan"], "second")
        other_chapter = make_chapter(make_plan(portal, "other"), "chapter")
    return {**tree, "second": second, "other_chapter": other_chapter}


def code_field(context):
    return IAction["code"].bind(context)


def test_code_unique_in_the_plan_across_chapters(plans):
    # Bound to a Chapter, as in the add form.
    with pytest.raises(CodeTaken):
        code_field(plans["second"]).validate("A.1.1")
    with pytest.raises(CodeTaken):
        code_field(plans["chapter"]).validate("A.1.2")
    code_field(plans["second"]).validate("A.2.1")


def test_same_code_in_another_plan(plans):
    code_field(plans["other_chapter"]).validate("A.1.1")


def test_action_keeps_its_own_code(plans):
    # Bound to the Action, as in the edit form and over REST.
    code_field(plans["action_a"]).validate("A.1.1")
    with pytest.raises(CodeTaken):
        code_field(plans["action_b"]).validate("A.1.1")


def test_code_taken_by_a_draft_the_user_cannot_see(portal, plans):
    with as_manager(portal):
        plans["plan"].promoters = []
        modified(plans["plan"])
    with acting_as(portal, "city_editor"):
        assert not portal.portal_catalog(action_code="A.1.1")
        with pytest.raises(CodeTaken):
            code_field(plans["action_b"]).validate("A.1.1")


def test_codes_of_another_plan_do_not_count(portal, plans):
    with as_manager(portal):
        make_action(plans["other_chapter"], "elsewhere", "C.1.1")
    code_field(plans["second"]).validate("C.1.1")
    with pytest.raises(CodeTaken):
        code_field(plans["other_chapter"]).validate("C.1.1")


ROME = pytz.timezone("Europe/Rome")


def plan_data(start, end, phases=()):
    return SimpleNamespace(
        consultation_start=start, consultation_end=end, phases=list(phases)
    )


def phase(title, start, end):
    return {"title": title, "start": start, "end": end, "description": None}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2030, 3, 1, 9), datetime(2030, 3, 31, 18)),
        # 10:00 in Rome is 09:00 UTC: the UTC close at 09:30 is after it.
        (
            ROME.localize(datetime(2030, 3, 1, 10)),
            pytz.utc.localize(datetime(2030, 3, 1, 9, 30)),
        ),
        (None, datetime(2030, 3, 31, 18)),
    ],
)
def test_window_in_order(start, end):
    IPlan.validateInvariants(plan_data(start, end))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2030, 3, 31, 18), datetime(2030, 3, 1, 9)),
        (datetime(2030, 3, 1, 9), datetime(2030, 3, 1, 9)),
        # 10:00 in Rome is 09:00 UTC: a UTC close at 08:30 is before it.
        (
            ROME.localize(datetime(2030, 3, 1, 10)),
            pytz.utc.localize(datetime(2030, 3, 1, 8, 30)),
        ),
    ],
)
def test_window_out_of_order(start, end):
    with pytest.raises(Invalid) as raised:
        IPlan.validateInvariants(plan_data(start, end))
    assert str(raised.value) == "The consultation must close after it opens."


def test_phases_in_order():
    phases = [
        phase("Drafting", date(2030, 1, 1), date(2030, 2, 28)),
        phase("One day", date(2030, 3, 1), date(2030, 3, 1)),
        phase("Open-ended", date(2030, 4, 1), None),
    ]
    start, end = datetime(2030, 3, 1, 9), datetime(2030, 3, 31, 18)
    IPlan.validateInvariants(plan_data(start, end, phases))


def test_phase_ending_before_it_starts():
    phases = [
        phase("Drafting", date(2030, 1, 1), date(2030, 2, 28)),
        phase("Report", date(2030, 5, 1), date(2030, 4, 30)),
    ]
    start, end = datetime(2030, 3, 1, 9), datetime(2030, 3, 31, 18)
    errors = []
    with pytest.raises(Invalid):
        IPlan.validateInvariants(plan_data(start, end, phases), errors)
    assert len(errors) == 1
    assert errors[0].args[0].mapping == {"title": "Report"}


def test_stored_plan_satisfies_invariants(tree):
    IPlan.validateInvariants(tree["plan"])


def submit(portal, who, context, view_name, values):
    """Post ``values`` (widget name: value) with the save button to a form."""
    request = portal.REQUEST
    request.form.update({f"form.widgets.{name}": v for name, v in values.items()})
    request.form["form.buttons.save"] = "Save"
    with acting_as(portal, who):
        view = context.restrictedTraverse(view_name)
        view()
    return view.form_instance


def widget_errors(form):
    widgets = dict(form.widgets.items())
    for group in form.groups:
        widgets.update(group.widgets.items())
    return {name: widget.error for name, widget in widgets.items() if widget.error}


def action_values(title, code):
    return {"IBasic.title": title, "code": code, "status": ["proposed"]}


def test_add_form_reports_duplicate_code_on_the_widget(portal, plans):
    chapter = plans["second"]
    form = submit(
        portal,
        "chamber_editor",
        chapter,
        "++add++Action",
        action_values("Dup", "A.1.1"),
    )
    errors = widget_errors(form)
    assert list(errors) == ["code"]
    assert isinstance(errors["code"].error, CodeTaken)
    assert chapter.objectIds() == []
    assert len(portal.portal_catalog(action_code="A.1.1")) == 1


def test_add_form_creates_action_with_free_code(portal, plans):
    chapter = plans["second"]
    form = submit(
        portal,
        "chamber_editor",
        chapter,
        "++add++Action",
        action_values("New", "A.2.1"),
    )
    assert widget_errors(form) == {}
    [action] = chapter.objectValues()
    assert (action.portal_type, action.title, action.code) == ("Action", "New", "A.2.1")


def test_edit_form_reports_duplicate_code_on_the_widget(portal, plans):
    action = plans["action_b"]
    form = submit(
        portal, "city_editor", action, "@@edit", action_values("Renamed", "A.1.1")
    )
    errors = widget_errors(form)
    assert list(errors) == ["code"]
    assert isinstance(errors["code"].error, CodeTaken)
    assert (action.title, action.code) == ("Action A.1.2", "A.1.2")


def test_edit_form_keeps_own_code(portal, plans):
    action = plans["action_b"]
    form = submit(
        portal, "city_editor", action, "@@edit", action_values("Renamed", "A.1.2")
    )
    assert widget_errors(form) == {}
    assert (action.title, action.code) == ("Renamed", "A.1.2")


def test_pledge_consent_is_required():
    field = IPledge["privacy_consent"]
    field.validate(True)
    with pytest.raises(ConsentRequired):
        field.validate(False)
    with pytest.raises(RequiredMissing):
        field.validate(None)


@pytest.mark.parametrize("address", ["anna.rossi@example.org", "a+b@sub.example.it"])
def test_pledge_email_accepted(address):
    IPledge["email"].validate(address)


@pytest.mark.parametrize("address", ["anna.rossi", "anna@", "@example.org", "a b@x.it"])
def test_pledge_email_rejected(address):
    with pytest.raises(InvalidEmail):
        IPledge["email"].validate(address)


def test_pledge_email_required_and_protected():
    with pytest.raises(RequiredMissing):
        IPledge["email"].validate(None)
    read = mergedTaggedValueDict(IPledge, READ_PERMISSIONS_KEY)
    assert read == {"email": "torino.socialplan.ViewContributorEmail"}


def test_pledge_needs_an_action(portal, tree):
    field = IPledge["actions"]
    with pytest.raises(TooShort):
        field.validate([])
    field.validate(relations(tree["action_a"]))
