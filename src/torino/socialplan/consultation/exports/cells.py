"""What a row says in a cell: translated labels, the file name, and spreadsheet
cells neutralised against formula injection (OWASP)."""

from torino.socialplan import _
from torino.socialplan.base.inputs import encodable
from torino.socialplan.base.states import STATE_TITLES
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.outcomes import outcome_title
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


KIND_TITLES = {
    "comment": _("Comment"),
    "reply": _("Reply to a comment"),
    "pledge": _("Pledge"),
}

# OWASP CSV injection: what makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
XLSX_MAX_CELL = 32767  # characters in an Excel cell
XLSX_SHEET_NAME_MAX = 31


def neutralise(value):
    """``value`` as spreadsheet text that no spreadsheet evaluates."""
    if value is None:
        return ""
    # Data stored before the input policy may hold what no file can encode.
    value = encodable(str(value))
    if value.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


class Labels:
    """Translated titles, each translated once."""

    def __init__(self, request, context):
        self.request = request
        self.context = context
        self._cache = {}
        factory = queryUtility(IVocabularyFactory, ORGANIZATION_TYPES_VOCABULARY)
        self._organization_types = factory(context) if factory else None

    def __call__(self, msgid):
        if msgid is None:
            return ""
        key = (msgid, getattr(msgid, "mapping", None) and repr(msgid.mapping))
        if key not in self._cache:
            self._cache[key] = translate(msgid, context=self.request)
        return self._cache[key]

    def organization_type(self, token):
        if not token or self._organization_types is None:
            return token or ""
        try:
            return self(self._organization_types.getTermByToken(token).title)
        except LookupError:
            return token

    def outcome(self, token):
        return self(outcome_title(token)) if token else ""

    def kind(self, kind):
        return self(KIND_TITLES[kind])

    def yes_no(self, value):
        """Yes or No, translated; nothing where the question does not apply."""
        if value is None:
            return ""
        return self(_("Yes") if value else _("No"))

    def state(self, state):
        return self(STATE_TITLES.get(state, state)) if state else ""


def filename(plan, fmt, labels=None, today=None):
    """``{plan id}-{"contributions" in the reader's language}-{date}.{fmt}``."""
    today = today or now_in_rome().date()
    word = labels(_("contributions")) if labels else "contributions"
    word = "-".join(word.split()) or "contributions"
    return f"{plan.getId()}-{word}-{today:%Y%m%d}.{fmt}"


# What the report calls the comments on the Plan's own text.
WHOLE_PLAN = _("The Plan as a whole")


def _on_the_plan(row):
    """A comment (or reply) on the Plan's own text, not on a chapter or an
    action."""
    return row["kind"] != "pledge" and not row["chapters"] and not row["actions"]


def cells(row, columns, labels):
    """The spreadsheet cells of ``row`` for ``columns`` (plain text)."""
    anchor = row["anchor"] or {}
    values = {
        "plan": row["plan"]["title"],
        "chapter": "\n".join(c["title"] for c in row["chapters"])
        or (labels(WHOLE_PLAN) if _on_the_plan(row) else ""),
        "action_code": "\n".join(a["code"] or "" for a in row["actions"]),
        "action": "\n".join(a["title"] for a in row["actions"]),
        "kind": labels.kind(row["kind"]),
        "id": row["id"],
        "in_reply_to": row["in_reply_to"] or "",
        "quote": anchor.get("exact", ""),
        "passage_now": row["passage_now"] or "",
        "orphaned": labels.yes_no(row["orphaned"]),
        "paragraph": row["paragraph"] or "",
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "organization": row["organization"],
        "organization_type": labels.organization_type(row["organization_type"]),
        "email": row["email"] or "",
        "created": row["created"].isoformat(timespec="seconds"),
        "state": labels.state(row["state"]),
        "outcome": labels.outcome(row["outcome"]),
        "outcome_motivation": row["outcome_motivation"] or "",
        "text": row["text"],
        "resources": "\n".join(
            " — ".join(filter(None, (r["kind"], r["description"], r["value"])))
            for r in row["resources"] or ()
        ),
        "position_paper": row.get("position_paper") or "",
        "campaign": "" if row.get("campaign") is None else str(row["campaign"]),
    }
    return [neutralise(values[key]) for key, _title in columns]
