"""{plan}/@@consultation-export?format=csv|json|xlsx over HTTP: who gets what,
each format's content, formula neutralisation, non-ASCII names, the empty
consultation."""

from datetime import datetime
from plone import api
from plone.app.discussion.interfaces import IConversation
from tests.report.consultation import EMAIL
from tests.support.users import ACTORS
from tests.support.users import ANONYMOUS
from tests.support.users import MODERATORS
from tests.support.users import PASSWORD
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from zope.component import createObject

import csv
import io
import json
import openpyxl
import pytest
import requests
import transaction


TIMEOUT = 30

COMMENT_KEYS = ("whole_plan", "lavoro_published", "lavoro_reply", "lavoro_inline")


def export(report, who, fmt, plan="plan", headers=None):
    """The export of ``plan`` as ``who``: the requests Response."""
    obj = report.empty_plan if plan == "empty" else report.content[plan]
    url = obj.absolute_url()
    auth = None if who == ANONYMOUS else (who, PASSWORD)
    return requests.get(
        f"{url}/@@consultation-export",
        params={"format": fmt},
        auth=auth,
        headers=headers or {"Accept-Language": "en"},
        timeout=TIMEOUT,
    )


def csv_rows(response):
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def csv_dicts(response):
    rows = csv_rows(response)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    return sheet, [
        ["" if cell.value is None else cell.value for cell in row]
        for row in sheet.iter_rows()
    ]


def expected_items(report, who):
    states = None if who in MODERATORS else {"published"}
    return [
        item
        # Oldest first; contributions made at the same time by their path.
        for item in sorted(report.items, key=lambda i: (i.created, item_url(i)))
        if states is None or item.state in states
    ]


def item_url(item):
    return item.obj.absolute_url()


# Who gets what


@pytest.mark.parametrize("who", ACTORS)
def test_who_gets_emails_and_unpublished_contributions(report, who):
    response = export(report, who, "csv")
    assert response.status_code == 200
    rows = csv_dicts(response)
    expected = expected_items(report, who)
    assert [row["Identifier"] for row in rows] == [item_url(i) for i in expected]
    if who in MODERATORS:
        assert {row["E-mail address"] for row in rows} == {EMAIL}
        assert [row["State"] for row in rows] == [i.state.title() for i in expected]
    else:
        assert EMAIL not in response.text
        assert "E-mail address" not in rows[0] if rows else True
        assert "State" not in csv_rows(response)[0]
        for hidden in report.select(state=lambda s: s != "published"):
            assert hidden.text not in response.text
            assert hidden.last_name not in response.text


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
@pytest.mark.parametrize("who", [ANONYMOUS, "plan_editor", "moderator"])
def test_emails_in_every_format_only_for_moderators(report, who, fmt):
    response = export(report, who, fmt)
    assert response.status_code == 200
    if fmt == "json":
        body = response.text
        contributions = response.json()["contributions"]
    else:
        _sheet, rows = xlsx_rows(response)
        body = json.dumps(rows, ensure_ascii=False, default=str)  # dates
        contributions = rows[1:]
    assert len(contributions) == len(expected_items(report, who))
    assert (EMAIL in body) == (who in MODERATORS)
    assert ("Commento respinto." in body) == (who in MODERATORS)


def test_headers_of_the_response(report):
    response = export(report, ANONYMOUS, "csv")
    today = now_in_rome().strftime("%Y%m%d")
    assert response.headers["Content-Type"].startswith("text/csv")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="piano-contributions-{today}.csv"' in disposition
    assert int(response.headers["Content-Length"]) == len(response.content)
    moderated = export(report, "moderator", "xlsx")
    assert moderated.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        f"piano-contributions-{today}.xlsx" in moderated.headers["Content-Disposition"]
    )
    assert "no-store" in moderated.headers["Cache-Control"]
    assert (
        export(report, ANONYMOUS, "json")
        .headers["Content-Type"]
        .startswith("application/ld+json")
    )


@pytest.mark.parametrize("fmt", ["", "pdf", "CSV"])
def test_bad_format_is_400_with_the_allowed_values(report, fmt):
    response = export(report, ANONYMOUS, fmt)
    assert response.status_code == 400
    assert "csv, json, xlsx" in response.text


def test_a_private_action_s_comments_are_not_public(report):
    """Published comments on an Action the public cannot view stay out of the
    public export; moderators get them."""
    transaction.begin()
    comment = createObject("plone.Comment")
    comment.text = "Sulla bozza riservata."
    comment.first_name, comment.last_name = "Riservato", "Segreto"
    comment.organization, comment.organization_type = "", "citizen"
    comment.author_email = EMAIL
    comment.author_name = "Riservato Segreto"
    conversation = IConversation(report.content["a222"])
    comment = conversation[conversation.addComment(comment)]
    with api.env.adopt_roles(["Manager"]):
        if api.content.get_state(obj=comment) != "published":
            api.content.transition(obj=comment, transition="publish")
    transaction.commit()
    assert "Riservato" not in export(report, ANONYMOUS, "csv").text
    assert "Riservato" not in export(report, "member", "json").text
    rows = csv_dicts(export(report, "moderator", "csv"))
    row = next(row for row in rows if row["First name"] == "Riservato")
    assert (row["Action code"], row["Action"]) == ("A.2.2", "Bozza riservata")


# CSV


def test_csv_columns_and_values(report):
    response = export(report, ANONYMOUS, "csv")
    rows = csv_rows(response)
    assert rows[0] == [
        "Plan",
        "Chapter",
        "Action code",
        "Action",
        "Kind of contribution",
        "Identifier",
        "In reply to",
        "Quoted passage",
        "Passage as it now reads",
        "Orphaned",
        "Paragraph",
        "First name",
        "Surname",
        "Organisation",
        "Type of organisation",
        "Date",
        "Outcome",
        "Motivation of the outcome",
        "Text",
        "Resources offered",
        "Position paper",
    ]
    # RFC 4180: CRLF line ends, every field quoted.
    assert response.content.decode("utf-8-sig").startswith('"Plan","Chapter"')
    assert b"\r\n" in response.content
    by_id = {row["Identifier"]: row for row in csv_dicts(response)}

    reply = by_id[item_url(report.item("lavoro_reply"))]
    assert reply["Kind of contribution"] == "Reply to a comment"
    assert reply["In reply to"] == item_url(report.item("lavoro_published"))
    assert reply["Chapter"] == "Lavoro e inclusione"
    assert reply["Plan"] == "Piano per l'economia sociale"
    assert reply["Outcome"] == "Partly accepted"
    assert reply["Motivation of the outcome"] == "Solo per i giovani, per ora."
    assert reply["Type of organisation"] == "Citizen"

    inline = by_id[item_url(report.item("lavoro_inline"))]
    assert inline["Kind of contribution"] == "Comment"
    assert inline["Quoted passage"] == "inserimento lavorativo delle persone fragili"
    assert inline["Paragraph"] == "p-2"
    assert inline["Orphaned"] == "No"
    assert reply["Orphaned"] == ""  # not an inline comment

    created = datetime.fromisoformat(inline["Date"])
    assert created.utcoffset() == report.item("lavoro_inline").created.utcoffset()
    assert abs(created - report.item("lavoro_inline").created).total_seconds() < 1

    pledge = by_id[item_url(report.item("pledge_published"))]
    assert pledge["Kind of contribution"] == "Pledge"
    assert pledge["Action code"].split("\n") == ["A.1.1", "A.2.1"]
    assert pledge["Action"].split("\n") == ["Formazione", "Fondo di garanzia"]
    assert pledge["Chapter"].split("\n") == ["Lavoro e inclusione", "Finanza d'impatto"]
    assert pledge["Text"] == "Mettiamo a disposizione spazi e tutor."
    assert pledge["Resources offered"].split("\n") == [
        "Spazi — Due aule — 200 m²",
        "Tempo del personale — 120 ore",
    ]

    action = by_id[item_url(report.item("a111_published"))]
    assert (action["Action code"], action["Action"]) == ("A.1.1", "Formazione")
    assert action["Chapter"] == "Lavoro e inclusione"


def speak_italian_too():
    """Let the site follow the browser's language, as the instance does."""
    transaction.begin()
    api.portal.set_registry_record("plone.available_languages", ["en", "it"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()


def test_csv_in_the_request_language(report):
    """Headers and titles in Italian for an Italian browser; the JSON keys
    stay in English."""
    speak_italian_too()
    italian = {"Accept-Language": "it"}
    response = export(report, "moderator", "csv", headers=italian)
    rows = csv_rows(response)
    for title in ("Piano", "Capitolo", "Nome", "Cognome", "Organizzazione"):
        assert title in rows[0]
    # An Italian file name; the Plan's own comments labelled as on the report.
    today = now_in_rome().strftime("%Y%m%d")
    assert (
        f'filename="piano-contributi-{today}.csv"'
        in (response.headers["Content-Disposition"])
    )
    chapter = rows[0].index("Capitolo")
    assert "Il Piano nel suo insieme" in {row[chapter] for row in rows[1:]}
    assert "Indirizzo e-mail" in rows[0]
    assert "Stato" in rows[0]
    body = export(report, ANONYMOUS, "json", headers=italian).json()
    item = body["contributions"][0]
    assert {"first_name", "last_name", "organization", "created", "text"} <= set(item)


def test_non_ascii_names_round_trip(report):
    names = {
        ("Jörg", "Müller", "Società Cooperativa «Él»"),
        ("Zoë", "Çelik", "Associazione Ñandú"),
        ("Łukasz", "Nowak", "Fondazione Ōsaka"),
        ("Ælfred", "Sørensen", "Fondazione Comunità «Porta Palazzo»"),
    }
    rows = csv_dicts(export(report, ANONYMOUS, "csv"))
    found = {(r["First name"], r["Surname"], r["Organisation"]) for r in rows}
    assert names <= found
    _sheet, xrows = xlsx_rows(export(report, ANONYMOUS, "xlsx"))
    header = xrows[0]
    columns = [header.index(t) for t in ("First name", "Surname", "Organisation")]
    assert names <= {tuple(row[i] for i in columns) for row in xrows[1:]}
    items = export(report, ANONYMOUS, "json").json()["contributions"]
    assert names <= {
        (i["first_name"], i["last_name"], i["organization"]) for i in items
    }


# Formula injection


DANGEROUS = {
    "first_name": '=HYPERLINK("http://evil.example","x")',
    "last_name": "+39 011 123",
    "organization": "-2+3",
    "text": "@SUM(1,1)",
}


@pytest.fixture
def dangerous(report):
    transaction.begin()
    comment = report.item("lavoro_published").obj
    for name, value in DANGEROUS.items():
        setattr(comment, name, value)
    pledge = report.item("pledge_published_2").obj
    pledge.contribution = "\tcmd|' /C calc'!A0"
    pledge.resources = [{"kind": "\rLavoro", "description": " =1+1", "value": "2"}]
    transaction.commit()
    return report


def test_csv_cells_are_neutralised(dangerous):
    report = dangerous
    rows = csv_dicts(export(report, ANONYMOUS, "csv"))
    by_id = {row["Identifier"]: row for row in rows}
    comment = by_id[item_url(report.item("lavoro_published"))]
    assert comment["First name"] == "'" + DANGEROUS["first_name"]
    assert comment["Surname"] == "'+39 011 123"
    assert comment["Organisation"] == "'-2+3"
    assert comment["Text"] == "'@SUM(1,1)"
    pledge = by_id[item_url(report.item("pledge_published_2"))]
    assert pledge["Text"] == "'\tcmd|' /C calc'!A0"
    assert pledge["Resources offered"].startswith("'\rLavoro")
    other = by_id[item_url(report.item("a111_published"))]
    assert other["Text"].startswith("'=SUM(A1:A2)")
    # Nothing else starts like a formula.
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value


def test_xlsx_cells_are_strings_and_neutralised(dangerous):
    report = dangerous
    sheet, rows = xlsx_rows(export(report, "moderator", "xlsx"))
    header = rows[0]
    date_column = header.index("Date") + 1
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.column == date_column:
                continue  # a date cell (test_xlsx_content)
            assert cell.data_type in ("s", "n"), (cell.coordinate, cell.data_type)
            if cell.data_type == "n":
                assert cell.value is None  # blank cells only
    first = header.index("First name")
    text = header.index("Text")
    by_first = {row[first]: row for row in rows[1:]}
    row = by_first["'" + DANGEROUS["first_name"]]
    assert row[text] == "'@SUM(1,1)"
    assert row[header.index("Organisation")] == "'-2+3"
    for row in rows:
        for value in row:
            assert str(value)[:1] not in ("=", "+", "-", "@", "\t", "\r"), value


def test_json_keeps_the_values_as_written(dangerous):
    """JSON is no spreadsheet: its values are the contributions' own."""
    report = dangerous
    items = export(report, ANONYMOUS, "json").json()["contributions"]
    item = next(
        i for i in items if i["id"] == item_url(report.item("lavoro_published"))
    )
    assert item["first_name"] == DANGEROUS["first_name"]
    assert item["text"] == DANGEROUS["text"]


# XLSX


def test_xlsx_content(report):
    sheet, rows = xlsx_rows(export(report, "moderator", "xlsx"))
    assert sheet.title == "Contributions"
    assert sheet.freeze_panes == "A2"
    header = rows[0]
    assert header[:4] == ["Plan", "Chapter", "Action code", "Action"]
    assert "E-mail address" in header and "State" in header
    expected = expected_items(report, "moderator")
    ids = [row[header.index("Identifier")] for row in rows[1:]]
    assert ids == [item_url(i) for i in expected]
    states = [row[header.index("State")] for row in rows[1:]]
    assert states.count("Spam") == 2
    # Dates are dates (sortable, filterable), on the consultation's clock.
    dates = [row[header.index("Date")] for row in rows[1:]]
    assert all(isinstance(value, datetime) for value in dates)
    first = as_rome(expected[0].created).replace(tzinfo=None)
    assert abs(dates[0] - first).total_seconds() < 1
    # The Plan's own comments, labelled as on the report.
    chapters = {row[header.index("Chapter")] for row in rows[1:]}
    assert "The Plan as a whole" in chapters
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}" + (
        f"{len(rows)}"
    )


# JSON-LD


def test_json_ld_document(report):
    response = export(report, ANONYMOUS, "json")
    body = response.json()
    context = body["@context"]
    assert context[0] == "http://www.w3.org/ns/anno.jsonld"
    assert isinstance(context[1], dict)
    # Every key we use is defined by one of the two contexts.
    for key in ("contributions", "first_name", "outcome", "quote", "email", "state"):
        assert key in context[1]
    assert body["type"] == "Dataset"
    assert body["plan"]["id"] == report.plan.absolute_url()
    expected = expected_items(report, ANONYMOUS)
    assert [c["id"] for c in body["contributions"]] == [item_url(i) for i in expected]
    by_id = {c["id"]: c for c in body["contributions"]}

    whole = by_id[item_url(report.item("whole_plan"))]
    assert whole["type"] == "Comment"
    assert whole["kind"] == "comment"
    assert whole["about"] == report.plan.absolute_url()
    assert whole["quote"] is None
    assert whole["outcome"] == {"token": "accepted", "title": "Accepted"}
    assert whole["organization_type"] == {
        "token": "social_enterprise",
        "title": "Social enterprise / cooperative",
    }
    assert "email" not in whole and "state" not in whole

    reply = by_id[item_url(report.item("lavoro_reply"))]
    assert reply["kind"] == "reply"
    assert reply["in_reply_to"] == item_url(report.item("lavoro_published"))

    pledge = by_id[item_url(report.item("pledge_published"))]
    assert pledge["type"] == "Pledge"
    assert [a["code"] for a in pledge["actions"]] == ["A.1.1", "A.2.1"]
    assert pledge["actions"][0]["id"] == report.content["a111"].absolute_url()
    assert pledge["resources"][0] == {
        "kind": "Spazi",
        "description": "Due aule",
        "value": "200 m²",
    }


def test_inline_comments_are_web_annotations(report):
    body = export(report, ANONYMOUS, "json").json()
    collection = body["annotations"]
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 2  # published inline comments
    by_id = {a["id"]: a for a in items}
    inline = by_id[item_url(report.item("lavoro_inline"))]
    assert inline["type"] == "Annotation"
    assert inline["motivation"] == "commenting"
    assert inline["body"] == {
        "type": "TextualBody",
        "value": "Questo passaggio va chiarito.",
        "format": "text/plain",
    }
    assert inline["target"]["source"] == report.content["lavoro"].absolute_url()
    assert inline["target"]["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": "inserimento lavorativo delle persone fragili",
            "prefix": "favorire l'",
            "suffix": " nel territorio",
        },
        {"type": "TextPositionSelector", "start": 120, "end": 164},
    ]
    assert inline["creator"] == {
        "type": "Person",
        "name": "Zoë Çelik",
        "organization": "Associazione Ñandú",
    }
    assert datetime.fromisoformat(inline["created"])
    # Without known offsets: the quote alone.
    other = by_id[item_url(report.item("a211_inline"))]
    assert [s["type"] for s in other["target"]["selector"]] == ["TextQuoteSelector"]
    assert other["target"]["source"] == report.content["a211"].absolute_url()
    # A pending inline comment is no public annotation; moderators get it.
    moderated = export(report, "moderator", "json").json()["annotations"]
    assert moderated["total"] == 3


# The empty consultation


@pytest.mark.parametrize("who", [ANONYMOUS, "moderator"])
def test_empty_consultation(report, who):
    rows = csv_rows(export(report, who, "csv", plan="empty"))
    assert len(rows) == 1 and rows[0][0] == "Plan"
    body = export(report, who, "json", plan="empty").json()
    assert body["contributions"] == []
    assert body["annotations"]["total"] == 0
    assert body["annotations"]["first"]["items"] == []
    _sheet, xrows = xlsx_rows(export(report, who, "xlsx", plan="empty"))
    assert len(xrows) == 1 and xrows[0][0] == "Plan"
