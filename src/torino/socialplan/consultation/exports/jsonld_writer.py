"""JSON-LD: the contributions, and the inline comments as W3C Web Annotations."""

from plone import api
from torino.socialplan import _
from torino.socialplan.base.inputs import encodable
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import changes
from torino.socialplan.consultation.exports.writers import ExportWriter

import json
import shutil
import tempfile


ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def json_context(portal_url):
    """Our terms beside the Web Annotation context (which gives id, type,
    created, creator, name, body, target, selector, the collection terms and
    the prefixes schema, dcterms, as). ``email`` and ``state`` are redefined:
    anno.jsonld makes them IRIs (foaf:mbox, oa:hasState)."""
    ns = f"{portal_url}/ns/socialplan#"
    link = {"@type": "@id"}
    return {
        "socialplan": ns,
        "Contribution": "socialplan:Contribution",
        "Comment": "schema:Comment",
        "Pledge": "socialplan:Pledge",
        "contributions": {"@id": "socialplan:contributions", "@container": "@list"},
        "annotations": {"@id": "socialplan:annotations", **link},
        "plan": {"@id": "schema:isPartOf", **link},
        "title": "dcterms:title",
        "kind": "socialplan:kind",
        "about": {"@id": "schema:about", **link},
        "chapters": {"@id": "socialplan:chapter", **link},
        "actions": {"@id": "socialplan:action", **link},
        "code": "schema:identifier",
        "in_reply_to": {"@id": "schema:parentItem", **link},
        "quote": "socialplan:quote",
        "passage_now": "socialplan:passageNow",
        "paragraph": "socialplan:paragraph",
        "orphaned": "socialplan:orphaned",
        "first_name": "schema:givenName",
        "last_name": "schema:familyName",
        "organization": "schema:affiliation",
        "organization_type": "socialplan:organizationType",
        "token": "socialplan:token",
        "email": "schema:email",
        "state": "socialplan:reviewState",
        "campaign": "socialplan:campaign",
        "position_paper": {"@id": "socialplan:positionPaper", "@type": "@id"},
        "outcome": "socialplan:outcome",
        "outcome_motivation": "socialplan:outcomeMotivation",
        "text": "schema:text",
        "resources": {"@id": "socialplan:resource", "@container": "@list"},
        "description": "dcterms:description",
        "Change": "socialplan:Change",
        "changes": {"@id": "socialplan:changes", "@container": "@list"},
        "key": "socialplan:changeKey",
        "number": "schema:position",
        "consulted": "socialplan:consultedText",
        "approved": "socialplan:approvedText",
        "touched_by": {"@id": "socialplan:touchedBy", **link},
        "linked_to": {"@id": "socialplan:linkedOutcome", **link},
    }


def _term(token, title):
    return {"token": token, "title": title} if token else None


def contribution_json(row, labels, who):
    item = {
        "id": row["id"],
        "type": "Pledge" if row["kind"] == "pledge" else "Comment",
        "kind": row["kind"],
        "plan": row["plan"]["id"],
        "about": row["about"],
        "chapters": row["chapters"],
        "actions": row["actions"],
        "in_reply_to": row["in_reply_to"],
        "quote": row["anchor"]["exact"] if row["anchor"] else None,
        "passage_now": row["passage_now"],
        "paragraph": row["paragraph"],
        "orphaned": row["orphaned"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "organization": row["organization"],
        "organization_type": _term(
            row["organization_type"], labels.organization_type(row["organization_type"])
        ),
        "created": row["created"].isoformat(timespec="seconds"),
        "outcome": _term(row["outcome"], labels.outcome(row["outcome"])),
        "outcome_motivation": row["outcome_motivation"],
        "text": row["text"],
        "position_paper": row.get("position_paper"),
    }
    if row["kind"] == "pledge":
        item["resources"] = row["resources"]
        del item["about"], item["in_reply_to"], item["quote"], item["paragraph"]
        del item["orphaned"], item["passage_now"]
    if who.emails:
        item["email"] = row["email"]
    if who.all_states:
        item["state"] = row["state"]
        item["campaign"] = row.get("campaign")
    return item


def annotation_json(row):
    """An inline comment as a W3C Web Annotation (TextQuoteSelector, and
    TextPositionSelector when the commenter's offsets are known: both
    describe the text the commenter read)."""
    anchor = row["anchor"]
    quote = {"type": "TextQuoteSelector", "exact": anchor["exact"]}
    for key in ("prefix", "suffix"):
        if anchor[key]:
            quote[key] = anchor[key]
    selectors = [quote]
    position = anchor["position"]
    if position and position.get("start") is not None and position.get("end"):
        selectors.append(
            {
                "type": "TextPositionSelector",
                "start": position["start"],
                "end": position["end"],
            }
        )
    creator = {
        "type": "Person",
        "name": " ".join(filter(None, (row["first_name"], row["last_name"]))),
    }
    if row["organization"]:
        creator["organization"] = row["organization"]
    return {
        "id": row["id"],
        "type": "Annotation",
        "motivation": "commenting",
        "created": row["created"].isoformat(timespec="seconds"),
        "creator": creator,
        "body": {"type": "TextualBody", "value": row["text"], "format": "text/plain"},
        "target": {"source": row["about"], "selector": selectors},
    }


def changes_jsonld(plan):
    """How the Plan changed (consultation/changes.py), once the public or
    this reader may see it: each change of the consulted text, the
    contributions whose passage it touched and those whose outcome is linked
    to it (their ids in this export). None before."""
    if not changes.may_see_changes(plan) or not stored_stage(plan):
        return None
    out = []
    for content in changes.plan_comparison(plan)["contents"]:
        for change in content["changes"]:
            out.append(
                {
                    "id": f"{content['url']}/@@how-the-plan-changed#change-"
                    f"{change['number']}",
                    "type": "Change",
                    "key": change["key"],
                    "number": change["number"],
                    "about": content["url"],
                    "consulted": change["old"],
                    "approved": change["new"],
                    "touched_by": [c["@id"] for c in change["contributions"]],
                    "linked_to": [
                        c["@id"] for c in change["contributions"] if c["linked"]
                    ],
                }
            )
    return out


def _dump(value):
    # Lone surrogates (data stored before the input policy) cannot be
    # encoded as UTF-8: dropped.
    return encodable(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def write_json(rows, out, labels, who, plan, export_url):
    """A JSON-LD document written as the rows come: the contributions, then
    the inline comments again as an AnnotationCollection (kept in a second
    temporary file meanwhile, so one pass over the Plan suffices)."""
    portal_url = api.portal.get().absolute_url()
    head = {
        "@context": [ANNOTATION_CONTEXT, json_context(portal_url)],
        "id": export_url,
        "type": "Dataset",
        "title": labels(
            _(
                "Contributions to the consultation on ${plan}",
                mapping={"plan": plan.Title()},
            )
        ),
        "plan": {"id": plan.absolute_url(), "title": plan.Title()},
        "generated": now_in_rome().isoformat(timespec="seconds"),
    }
    found = changes_jsonld(plan)
    if found is not None:
        head["changes"] = found
    # The head without its closing brace; the lists follow.
    out.write(_dump(head)[:-1].encode("utf-8"))
    out.write(b',"contributions":[')
    total = 0
    with tempfile.TemporaryFile() as annotations:
        first = True
        for row in rows:
            out.write(
                (b"" if first else b",")
                + _dump(contribution_json(row, labels, who)).encode("utf-8")
            )
            first = False
            if row["anchor"] and row["kind"] == "comment":
                annotations.write(
                    (b"," if total else b"")
                    + _dump(annotation_json(row)).encode("utf-8")
                )
                total += 1
        collection = {
            "id": f"{export_url}#annotations",
            "type": "AnnotationCollection",
            "label": labels(_("Inline comments")),
            "total": total,
        }
        out.write(b'],"annotations":')
        out.write(_dump(collection)[:-1].encode("utf-8"))
        out.write(b',"first":{"type":"AnnotationPage","items":[')
        annotations.seek(0)
        shutil.copyfileobj(annotations, out)
        out.write(b"]}}}")


class JSONLDWriter(ExportWriter):
    name = "json"
    title = _("JSON-LD (open data, Web Annotations)")
    content_type = "application/ld+json; charset=utf-8"

    def write(self, export):
        write_json(
            export.rows, export.out, export.labels, export.who, export.plan, export.url
        )
