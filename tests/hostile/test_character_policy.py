"""The character policy (base/inputs.py), on its own and on every route
that takes text from people: names made only of invisible characters, each
refused class of characters, NFC, and single lines.

The routes: ``POST @comments`` (a comment and a reply), ``POST @pledges``
(names and resource rows), the Classic forms (``@@comment-submit``,
``@@pledge``), an editor's ``PATCH`` of content (a title, a grid cell), and
the moderators' note (``@moderation``) and motivation (``@outcomes``).
"""

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from plone.app.discussion.interfaces import IConversation
from tests.hostile.data import COMMENT
from tests.hostile.data import PLEDGE
from tests.support.clients import session
from tests.support.clients import TIMEOUT
from torino.socialplan.base import inputs

import json
import pytest
import requests
import transaction
import unicodedata


# Names that look blank: each must be refused where a name is required.
BLANK_LOOKING = {
    "zero-width space": "\u200b",
    "zero-width spaces around a space": "\u200b \u200b",
    "soft hyphen": "\u00ad",
    "byte order mark": "\ufeff",
    "word joiner": "\u2060",
    "Hangul filler": "\u3164",
    "Hangul choseong filler": "\u115f",
    "Hangul jungseong filler": "\u1160",
    "halfwidth Hangul filler": "\uffa0",
    "braille blank": "\u2800",
    "tag characters": "\U000e0041\U000e0042",
    "lone combining mark": "\u0301",
    "combining marks only": "\u0301\u0308",
    "zero-width joiner alone": "\u200d",
    "zero-width non-joiner alone": "\u200c",
    "right-to-left mark": "\u200f",
    "punctuation only": "-.",
    "no-break spaces only": "\u00a0\u00a0",
    "ideographic space only": "\u3000",
}

# Characters refused anywhere in a name ("Ma" + character + "ria").
REFUSED_IN_A_NAME = {
    "control (Cc) BEL": "\x07",
    "control (Cc) C1": "\x85",
    "newline": "\n",
    "carriage return": "\r",
    "tab": "\t",
    "line separator (Zl)": "\u2028",
    "paragraph separator (Zp)": "\u2029",
    "zero-width space (Cf)": "\u200b",
    "soft hyphen (Cf)": "\u00ad",
    "byte order mark (Cf)": "\ufeff",
    "left-to-right mark (Cf)": "\u200e",
    "right-to-left mark (Cf)": "\u200f",
    "Arabic letter mark (Cf)": "\u061c",
    "right-to-left override (Cf)": "\u202e",
    "left-to-right isolate (Cf)": "\u2066",
    "tag (Cf)": "\U000e0041",
    "Hangul filler": "\u3164",
    "private use (Co)": "\ue000",
    "supplementary private use (Co)": "\U000f0000",
    "unassigned (Cn)": "\u0378",
    "noncharacter U+FDD0": "\ufdd0",
    "noncharacter U+FFFF": "\uffff",
    "noncharacter U+1FFFE": "\U0001fffe",
    "lone surrogate (Cs)": "\ud800",
}

# Names people have, which must pass (NFC as stored).
ACCEPTED_NAMES = [
    "Maria",
    "Zoë",
    "O’Brien",
    "Jean-Luc",
    "Maria\u00a0Grazia",  # a no-break space inside
    "李小龍",
    "Ἀθηνᾶ",
    "محمد",
    "מרים",
    "می\u200cخواهم",  # Persian: ZWNJ inside a word
    "क्\u200dष",  # Devanagari: ZWJ after a virama
    "Ana 👩\u200d💻",  # an emoji ZWJ sequence
    "3M",
]


def refused(value, multiline=False, required=True, max_length=1000):
    try:
        inputs.clean_text(value, max_length, multiline, required)
    except inputs.InvalidInput as error:
        return error.message
    return None


# The policy on its own ---------------------------------------------------


@pytest.mark.parametrize("value", BLANK_LOOKING.values(), ids=BLANK_LOOKING)
def test_blank_looking_names_refused(value):
    try:
        cleaned = inputs.clean_text(value, 100, required=True)
    except inputs.InvalidInput:
        return
    assert cleaned == "", f"{value!r} passed as {cleaned!r}"  # then "required"


@pytest.mark.parametrize("character", REFUSED_IN_A_NAME.values(), ids=REFUSED_IN_A_NAME)
def test_refused_characters_in_a_single_line(character):
    assert refused(f"Ma{character}ria") is not None


@pytest.mark.parametrize("name", ACCEPTED_NAMES)
def test_names_people_have(name):
    assert inputs.clean_text(name, 100, required=True) == name


def test_nfc():
    decomposed = "Jose\u0301 Nun\u0303ez"
    assert unicodedata.normalize("NFC", decomposed) != decomposed
    assert inputs.clean_text(decomposed, 100, required=True) == "José Nuñez"
    # Measured once composed: "é" is one character.
    assert inputs.clean_text("e\u0301" * 10, 10) == "é" * 10


def test_multi_line_texts():
    assert inputs.clean_text(
        "uno\r\ndue\rtre\u2028quattro\u2029cinque\tsei", 100, True
    ) == ("uno\ndue\ntre\nquattro\ncinque\tsei")
    for character in ("\x00", "\x1b", "\x7f", "\u200b", "\u202e", "\ue000", "\ufffe"):
        assert refused(f"uno\n{character}due", multiline=True) is not None


def test_joiners_only_inside_words():
    assert refused("می\u200cخواهم") is None
    assert refused("\u200cمی") is not None
    assert refused("می\u200c") is not None  # trailing: refused, not trimmed
    assert refused("Maria \u200d Rossi") is not None


def test_optional_fields_hold_something_visible():
    assert refused("", required=False) is None
    assert refused("-", required=False) is None  # punctuation is visible
    assert refused("\u2800", required=False) is not None
    assert refused("\u0301", required=False) is not None


def test_messages_are_translated():
    from zope.i18n import translate

    message = refused("\u200b")
    assert "U+200B" in translate(message, target_language="it")
    assert translate(message, target_language="it") != translate(
        message, target_language="en"
    )
    message = refused("...")
    assert translate(message, target_language="it").startswith("Scriv")


FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}


@settings(max_examples=400, deadline=None)
@given(
    st.text(max_size=30),
    st.booleans(),
    st.booleans(),
)
def test_whatever_passes_is_clean(value, multiline, required):
    try:
        cleaned = inputs.clean_text(value, 1000, multiline, required)
    except inputs.InvalidInput:
        return
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    for index, character in enumerate(cleaned):
        category = unicodedata.category(character)
        if multiline and character in "\n\t":
            continue
        if character in inputs.JOINERS:
            assert 0 < index < len(cleaned) - 1
            continue
        assert category not in FORBIDDEN_CATEGORIES, (cleaned, character)
        assert character not in inputs.INVISIBLE_LETTERS
    if required and cleaned:
        assert any(
            unicodedata.category(c)[0] in "LN" and c not in inputs.INVISIBLE_LETTERS
            for c in cleaned
        )


INVISIBLE = st.sampled_from(
    [
        *"\u200b\u200c\u200d\u00ad\ufeff\u2060\u3164\u115f\u1160\uffa0\u2800",
        *"\u0301\u0308\u034f\ufe0f\u200e\u200f \u00a0\u3000.-_·",
        "\U000e0041",
        "\U000e007f",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=INVISIBLE, min_size=1, max_size=12))
def test_invisible_only_is_never_a_name(value):
    try:
        cleaned = inputs.clean_text(value, 100, required=True)
    except inputs.InvalidInput:
        return
    assert cleaned == ""


# Every route --------------------------------------------------------------


def count_contributions(site):
    transaction.abort()
    plan = site["plan"]
    comments = sum(
        len(IConversation(obj)) for obj in (plan, site["chapter"], site["action_a"])
    )
    pledges = len([o for o in plan.objectValues() if o.portal_type == "Pledge"])
    return comments, pledges


def bad_values(form=False, blank=True):
    """(label, value) of every blank-looking name and every name with a
    refused character (for a form: but a lone surrogate, which no UTF-8
    form can carry; without ``blank``: but spaces only, a blank value)."""
    for label, value in BLANK_LOOKING.items():
        if blank or value.strip():
            yield label, value
    for label, character in REFUSED_IN_A_NAME.items():
        if not (form and unicodedata.category(character) == "Cs"):
            yield label, f"Ma{character}ria"


def check_refused(site, send, field, form=False, blank=True):
    """Send every bad value with ``send(value)``: each is answered 400 on
    ``field``, and nothing is stored."""
    before = count_contributions(site)
    wrong = []
    for label, value in bad_values(form, blank):
        response = send(value)
        if response.status_code != 400:
            wrong.append((label, response.status_code, response.text[:200]))
            continue
        fields = {error.get("field") for error in response.json()["errors"]}
        if field not in fields:
            wrong.append((label, fields))
    assert not wrong, wrong
    assert count_contributions(site) == before


def rest_post(url, body, who="anonymous"):
    return session(who).post(url, data=json.dumps(body), timeout=TIMEOUT)


def classic_comment(url, **fields):
    """@@comment-submit as inline.js posts it (JSON answer)."""
    data = {
        **{k: v for k, v in COMMENT.items() if k != "privacy_consent"},
        "privacy_consent": "on",
        "website_url": "",
        **fields,
    }
    return requests.post(
        f"{url}/@@comment-submit",
        data=data,
        headers={"Accept": "application/json"},
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_rest_comment_names(hostile_site, field):
    url = hostile_site["chapter"].absolute_url() + "/@comments"
    check_refused(
        hostile_site,
        lambda value: rest_post(url, dict(COMMENT, **{field: value})),
        field,
    )


def test_rest_reply_names(hostile_site):
    url = (
        f"{hostile_site['chapter'].absolute_url()}/@comments/"
        f"{hostile_site['comment'].id}"
    )
    check_refused(
        hostile_site,
        lambda value: rest_post(url, dict(COMMENT, first_name=value)),
        "first_name",
    )


@pytest.mark.parametrize("field", ["first_name", "organization"])
def test_rest_pledge_names(hostile_site, field):
    url = hostile_site["action_a"].absolute_url() + "/@pledges"
    if field == "organization":
        # Optional: blank is fine, but what is given must be visible text.
        before = count_contributions(hostile_site)
        wrong = []
        for label, value in bad_values():
            response = rest_post(url, dict(PLEDGE, organization=value))
            if value.strip() in ("", "-.") and response.status_code == 201:
                continue  # blank once trimmed, or punctuation: allowed
            if response.status_code != 400:
                wrong.append((label, response.status_code))
        assert not wrong, wrong
        # At most the blank and punctuation ones were stored.
        assert count_contributions(hostile_site)[1] - before[1] <= 3
        return
    check_refused(
        hostile_site,
        lambda value: rest_post(url, dict(PLEDGE, **{field: value})),
        field,
    )


def test_rest_pledge_resource_kind(hostile_site):
    url = hostile_site["action_a"].absolute_url() + "/@pledges"
    check_refused(
        hostile_site,
        lambda value: rest_post(url, dict(PLEDGE, resources=[{"kind": value}])),
        "resources",
        blank=False,  # a row of spaces is a blank row, left out
    )


def test_classic_comment_form(hostile_site):
    url = hostile_site["chapter"].absolute_url()
    check_refused(
        hostile_site,
        lambda value: classic_comment(url, first_name=value),
        "first_name",
        form=True,
    )


def test_classic_pledge_form(hostile_site):
    url = hostile_site["action_a"].absolute_url() + "/@@pledge"
    before = count_contributions(hostile_site)
    wrong = []
    for label, value in bad_values(form=True):
        response = requests.post(
            url,
            data={
                "form.submitted": "1",
                **{k: v for k, v in PLEDGE.items() if k != "privacy_consent"},
                "last_name": value,
                "actions": hostile_site["action_a"].UID(),
                "privacy_consent": "on",
            },
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        # Shown again with the error on the field, not thanked (302).
        if response.status_code != 200 or 'id="pledge-last_name-error"' not in (
            response.text
        ):
            wrong.append((label, response.status_code))
    assert not wrong, wrong
    assert count_contributions(hostile_site) == before


def test_editors_titles_and_grid_cells(hostile_site):
    action = hostile_site["action_a"]
    manager = session("manager")
    wrong = []
    for label, value in bad_values():
        for body in (
            {"title": value},
            {"milestones": [{"title": value, "due_date": None, "done": False}]},
        ):
            response = manager.patch(
                action.absolute_url(), data=json.dumps(body), timeout=TIMEOUT
            )
            if response.status_code != 400:
                wrong.append((label, list(body), response.status_code))
    assert not wrong, wrong
    transaction.abort()
    assert action.Title() == "Action A.1.1"
    assert not action.milestones


def test_moderators_note_and_motivation(hostile_site):
    plan = hostile_site["plan"].absolute_url()
    moderator = session("moderator")
    comment_url = (
        f"{hostile_site['chapter'].absolute_url()}/@comments/"
        f"{hostile_site['comment'].id}"
    )
    wrong = []
    for label, character in REFUSED_IN_A_NAME.items():
        if character in "\n\t\r\u2028\u2029":
            continue  # multi-line texts
        note = f"Fuori {character}tema"
        response = rest_post(
            f"{plan}/@moderation",
            {
                "items": [hostile_site["pledge"].absolute_url()],
                "transition": "reject",
                "reason": "off_topic",
                "note": note,
            },
            who="moderator",
        )
        if response.status_code != 400:
            wrong.append(("note", label, response.status_code))
        response = moderator.post(
            f"{plan}/@outcomes",
            data=json.dumps(
                {"items": [comment_url], "outcome": "accepted", "motivation": note}
            ),
            timeout=TIMEOUT,
        )
        if response.status_code != 400:
            wrong.append(("motivation", label, response.status_code))
    assert not wrong, wrong


def test_nfc_and_valid_names_stored(hostile_site):
    url = hostile_site["chapter"].absolute_url() + "/@comments"
    wrong = []
    for name in [*ACCEPTED_NAMES, "Jose\u0301"]:
        response = rest_post(url, dict(COMMENT, first_name=name, text="Te\u0301sto"))
        if response.status_code != 201:
            wrong.append((name, response.status_code, response.text[:200]))
            continue
        transaction.abort()
        comment = IConversation(hostile_site["chapter"])[response.json()["comment_id"]]
        if comment.first_name != unicodedata.normalize("NFC", name):
            wrong.append((name, comment.first_name))
        if comment.text != "Tésto":
            wrong.append((name, comment.text))
        from torino.socialplan.consultation import guards

        guards.reset_rate_limits()
    assert not wrong, wrong


# The Classic add and edit forms of content --------------------------------


@pytest.fixture
def editable(portal):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from tests.content.editorial import make_plan
    from tests.support.plans import make_action
    from tests.support.plans import make_chapter
    from torino.socialplan.interfaces import IBrowserLayer
    from zope.interface import alsoProvides

    setRoles(portal, TEST_USER_ID, ["Manager"])
    # As traversal marks the requests of a site with the add-on.
    alsoProvides(portal.REQUEST, IBrowserLayer)
    chapter = make_chapter(make_plan(portal, "plan"), "chapter")
    return {"chapter": chapter, "action": make_action(chapter, "action", "A.1.1")}


def submit_form(context, view_name, values):
    request = context.REQUEST
    request.form.clear()
    request.form.update({f"form.widgets.{name}": v for name, v in values.items()})
    request.form["form.buttons.save"] = "Save"
    view = context.restrictedTraverse(view_name)
    view()
    form = view.form_instance
    widgets = dict(form.widgets.items())
    for group in form.groups:
        widgets.update(group.widgets.items())
    return {name: widget.error for name, widget in widgets.items() if widget.error}


def test_classic_edit_form(editable):
    action = editable["action"]
    wrong = []
    for label, value in bad_values(form=True):
        errors = submit_form(
            action,
            "@@edit",
            {"IBasic.title": value, "code": "A.1.1", "status": ["proposed"]},
        )
        if "IBasic.title" not in errors:
            wrong.append((label, errors))
        elif (
            not isinstance(errors["IBasic.title"].error, inputs.PolicyViolation)
            # Blank once trimmed: the form's own "Required input is missing";
            # a newline: the TextLine's own constraint, in the form's
            # converter before any validator.
            and value.strip()
            and "\n" not in value
            and "\r" not in value
        ):
            wrong.append((label, errors["IBasic.title"].error))
    assert not wrong, wrong
    assert action.title == "Action A.1.1"
    errors = submit_form(
        action,
        "@@edit",
        {
            "IBasic.title": "Azione",
            "IBasic.description": "Riga\u200bnascosta",
            "code": "A.1.1",
            "status": ["proposed"],
        },
    )
    assert list(errors) == ["IBasic.description"]
    message = errors["IBasic.description"].error.doc()
    assert "U+200B" in message.mapping["code"]
    errors = submit_form(
        action,
        "@@edit",
        {
            "IBasic.title": " Azione\u0301 ",
            "IBasic.description": "Uno\r\ndue\u2028tre",
            "code": "A.1.1",
            "status": ["proposed"],
        },
    )
    assert errors == {}
    # Stored as the policy stores it: NFC, trimmed, newlines normalised.
    assert action.title == "Azioné"
    assert action.description == "Uno\ndue\ntre"


def test_classic_add_form(editable):
    chapter = editable["chapter"]
    errors = submit_form(
        chapter,
        "++add++Action",
        {"IBasic.title": "\u3164", "code": "A.1.2", "status": ["proposed"]},
    )
    assert list(errors) == ["IBasic.title"]
    assert chapter.objectIds() == ["action"]


def test_classic_grid_cells(editable):
    action = editable["action"]
    values = {
        "IBasic.title": "Azione",
        "code": "A.1.1",
        "status": ["proposed"],
        "milestones.count": "1",
        "milestones.0-empty-marker": "1",
        "milestones.0.widgets.title": "Fase\u200b",
        "milestones.0.widgets.due_date": "",
    }
    errors = submit_form(action, "@@edit", values)
    assert list(errors) == ["milestones"], errors
    assert "U+200B" in str(errors["milestones"].error.doc().mapping["problem"].mapping)
    assert not action.milestones
    values["milestones.0.widgets.title"] = "Fase uno"
    assert submit_form(action, "@@edit", values) == {}
    assert action.milestones[0]["title"] == "Fase uno"
