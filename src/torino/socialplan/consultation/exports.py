"""Open-data exports of a Plan's contributions: CSV, XLSX and JSON-LD.

``contributions(plan)`` yields every comment, reply and Pledge of the Plan
the current user may export, oldest first, as plain dicts: who may moderate
gets every state (but not contributions still awaiting their author's
e-mail confirmation), everybody else the published ones; the e-mail address
only with "View contributor e-mail". ``write_export`` writes them in a format
into a binary file.

Memory stays flat whatever the number of contributions: the catalog is read
in windows of creation dates (bisected until each holds at most
``WINDOW_SIZE`` entries, so no result set, brain list or sort key list ever
spans the whole consultation), one object is woken at a time and let go, and
the ZODB cache is emptied after each window. The writers hold one row at a
time: the CSV and JSON writers write through, xlsxwriter in constant_memory
mode keeps each row only until the next one.

Spreadsheet cells are neutralised against formula injection (OWASP): a text
starting with = + - @, a tab or a carriage return (or their full-width forms,
after leading spaces) gets a leading apostrophe. CSV fields are all quoted, so
that a spreadsheet splitting on ";" (the Italian list separator) still keeps
each field, and its apostrophe, whole.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from dataclasses import dataclass
from DateTime import DateTime
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.dexterity.content import ASSIGNABLE_CACHE_KEY
from torino.socialplan import _
from torino.socialplan.base.inputs import encodable
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.base.window import zope_datetime_in_rome
from torino.socialplan.consultation import confirmation
from torino.socialplan.consultation.outcomes import outcome_title
from torino.socialplan.consultation.paragraphs import paragraph_texts
from torino.socialplan.consultation.paragraphs import passage_now
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from zope.component import getUtility
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.intid.interfaces import IIntIds
from zope.schema.interfaces import IVocabularyFactory

import csv
import io
import json
import shutil
import tempfile


FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/ld+json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

COMMENT_TYPE = "Discussion Item"
PLEDGE_TYPE = "Pledge"
CONTRIBUTION_TYPES = frozenset((COMMENT_TYPE, PLEDGE_TYPE))
CONVERSATION = "++conversation++default"

# Catalog entries per window of creation dates (and ZODB cache flush), and
# how many windows the consultation's dates are first cut into.
WINDOW_SIZE = 500
INITIAL_WINDOWS = 64
MINUTE = 60  # the created DateIndex keeps minutes
DAY_MINUTES = 24 * 60


# Column key (the JSON key too), header. Headers are translated; keys are not.
COLUMNS = (
    ("plan", _("Plan")),
    ("chapter", _("Chapter")),
    ("action_code", _("Action code")),
    ("action", _("Action")),
    ("kind", _("Kind of contribution")),
    ("id", _("Identifier")),
    ("in_reply_to", _("In reply to")),
    ("quote", _("Quoted passage")),
    ("passage_now", _("Passage as it now reads")),
    ("orphaned", _("Orphaned")),
    ("paragraph", _("Paragraph")),
    ("first_name", _("First name")),
    ("last_name", _("Surname")),
    ("organization", _("Organisation")),
    ("organization_type", _("Type of organisation")),
    ("email", _("E-mail address")),
    ("created", _("Date")),
    ("state", _("State")),
    ("outcome", _("Outcome")),
    ("outcome_motivation", _("Motivation of the outcome")),
    ("text", _("Text")),
    ("resources", _("Resources offered")),
)
EMAIL_COLUMN = "email"
STATE_COLUMN = "state"

KIND_TITLES = {
    "comment": _("Comment"),
    "reply": _("Reply to a comment"),
    "pledge": _("Pledge"),
}
STATE_TITLES = {
    "pending": _("Pending"),
    "published": _("Published"),
    "rejected": _("Rejected"),
    "spam": _("Spam"),
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


# Who exports what


@dataclass(frozen=True)
class Audience:
    emails: bool  # "View contributor e-mail"
    all_states: bool  # "Moderate contributions"

    def columns(self):
        return tuple(
            (key, title)
            for key, title in COLUMNS
            if (key != EMAIL_COLUMN or self.emails)
            and (key != STATE_COLUMN or self.all_states)
        )


def audience(plan):
    return Audience(emails=may_view_email(plan), all_states=may_moderate(plan))


# Reading the contributions


@dataclass
class Place:
    """Where a comment is: the content's URL, its chapter and action."""

    url: str
    chapter: dict | None = None  # {"id", "title"}
    action: dict | None = None  # {"id", "code", "title"}

    @property
    def chapters(self):
        return [self.chapter] if self.chapter else []


def _path(obj):
    return "/".join(obj.getPhysicalPath())


class Contributions:
    """The Plan's contributions for ``audience``, oldest first, as dicts."""

    def __init__(self, plan, audience):
        self.plan = plan
        self.audience = audience
        catalog = api.portal.get_tool("portal_catalog")
        # The chapters and actions named in the rows: for moderators all, as
        # in the queue; for the others those they may view.
        self.search = (
            catalog.unrestrictedSearchResults
            if audience.all_states
            else catalog.searchResults
        )
        self.plan_path = _path(plan)
        self.plan_url = plan.absolute_url()
        self.plan_title = plan.Title()
        self.places, self.actions_by_intid = self._places()
        self.awaiting = confirmation.awaiting_paths() if audience.all_states else ()
        self.count = 0
        self._contents = {}  # path: the commented objects of a window
        self._paragraph_texts = {}  # path: {paragraph id: text} of a content

    def _places(self):
        plan_path = self.plan_path
        places = {plan_path: Place(self.plan_url)}
        for brain in self.search(
            portal_type="Chapter",
            path={"query": plan_path, "depth": 1},
            sort_on="getObjPositionInParent",
        ):
            places[brain.getPath()] = Place(
                brain.getURL(), chapter={"id": brain.getURL(), "title": brain.Title}
            )
        intids = getUtility(IIntIds)
        actions_by_intid = {}
        for brain in self.search(portal_type="Action", path=plan_path):
            chapter = places.get(brain.getPath().rsplit("/", 1)[0])
            action = brain._unrestrictedGetObject()
            link = {"id": brain.getURL(), "code": action.code, "title": brain.Title}
            places[brain.getPath()] = Place(
                brain.getURL(),
                chapter=chapter.chapter if chapter else None,
                action=link,
            )
            intid = intids.queryId(action)
            if intid is not None:
                actions_by_intid[intid] = places[brain.getPath()]
        return places, actions_by_intid

    def __iter__(self):
        check = getSecurityManager().checkPermission
        for window in self.windows():
            for brain in window:
                obj = self.wake(brain)
                # The catalog was searched without security (see windows):
                # the public gets what it may view.
                if self.audience.all_states or check("View", obj):
                    self.count += 1
                    yield self.row(brain, obj)
                # Let it go: the window's end flushes whatever it loaded.
                obj._p_deactivate()
            self.let_go()

    def wake(self, brain):
        """The object of ``brain``, reached from its container: traversing
        from the site root for every row costs more than the rest of it."""
        path = brain.getPath()
        container_path, _slash, name = path.rpartition("/")
        if brain.portal_type == PLEDGE_TYPE and container_path == self.plan_path:
            return self.plan._getOb(name)
        content_path, _slash, namespace = container_path.rpartition("/")
        if brain.portal_type == COMMENT_TYPE and namespace == CONVERSATION:
            content = self._contents.get(content_path)
            if content is None:
                content = self.plan.unrestrictedTraverse(content_path)
                self._contents[content_path] = content
            return IConversation(content)[int(name)]
        return brain._unrestrictedGetObject()

    def let_go(self):
        """Empty the ZODB cache of what the last window loaded, and the
        request's cache of Dexterity behaviour lookups (one entry per object
        woken, holding the object: it would grow with the rows)."""
        self._contents = {}
        request = getRequest()
        if request is not None and hasattr(request, ASSIGNABLE_CACHE_KEY):
            setattr(request, ASSIGNABLE_CACHE_KEY, {})
        jar = self.plan._p_jar
        if jar is not None:
            jar.cacheMinimize()

    # Windows of creation dates

    def windows(self):
        """Lists of brains of the Plan's contributions for the audience, each
        sorted by creation date, consecutive.

        Each window is one catalog query on the creation date alone: its
        working set (index buckets, result set) is then proportional to what
        the site holds in that time range, whereas a path, type, state or
        security criterion would load index sets as large as the whole
        consultation in every query. The entries are filtered here (path,
        type, state), the rows by permission in ``__iter__``. Windows step
        through the Plan's consultation dates, halving when they hold more
        than WINDOW_SIZE entries and doubling when they hold few; what lies
        before and after those dates (contributions older than a change of
        dates) is read the same way.
        """
        unit = self._unit()
        start, end = self.plan.consultation_start, self.plan.consultation_end
        if start is None or end is None or end < start:
            yield from self._open_range(None, None, unit)
            return
        first = int(start.timestamp() // unit)
        last = int(end.timestamp() // unit)
        yield from self._open_range(None, first - 1, unit)
        yield from self._span(first, last, unit)
        yield from self._open_range(last + 1, None, unit)

    def _unit(self):
        """Seconds the created index tells apart (a minute, or its precision):
        two windows never share a key, so no entry comes twice."""
        catalog = api.portal.get_tool("portal_catalog")
        index = catalog.Indexes["created"]
        precision = getattr(index, "precision", 1) or 1
        if DAY_MINUTES % precision:
            precision = DAY_MINUTES
        return MINUTE * precision

    def _search(self, start, end, unit, **extra):
        """Catalog entries created from unit ``start`` to ``end`` (either
        open), whatever they are."""
        catalog = api.portal.get_tool("portal_catalog")
        if start is None and end is None:
            created = {"query": DateTime(0), "range": "min"}
        elif start is None:
            created = {"query": DateTime(end * unit), "range": "max"}
        elif end is None:
            created = {"query": DateTime(start * unit), "range": "min"}
        else:
            created = {
                "query": (DateTime(start * unit), DateTime(end * unit)),
                "range": "min:max",
            }
        return catalog.unrestrictedSearchResults(created=created, **extra)

    def _select(self, results):
        """The Plan's contributions among ``results``, oldest first."""
        prefix = self.plan_path + "/"
        published_only = not self.audience.all_states
        chosen = [
            brain
            for brain in results
            if brain.portal_type in CONTRIBUTION_TYPES
            and (not published_only or brain.review_state == PUBLISHED)
            and brain.getPath().startswith(prefix)
            and brain.getPath() not in self.awaiting
        ]
        return sorted(chosen, key=lambda b: (b.created, b.getPath()))

    def _open_range(self, start, end, unit):
        """An open-ended range: read at once if small, else bounded by its
        oldest or newest entry and stepped through."""
        results = self._search(start, end, unit)
        if len(results) <= WINDOW_SIZE:
            chosen = self._select(results)
            if chosen:
                yield chosen
            return
        if start is None:
            start = self._bound(start, end, unit, "ascending")
        if end is None:
            end = self._bound(start, end, unit, "descending")
        self.let_go()
        yield from self._span(start, end, unit)

    def _bound(self, start, end, unit, order):
        found = self._search(
            start, end, unit, sort_on="created", sort_order=order, sort_limit=1
        )[:1]
        return int(found[0].created.timeTime() // unit)

    def _span(self, start, end, unit):
        """Units ``start`` to ``end``, in windows of adaptive length."""
        length = max(1, (end - start + 1) // INITIAL_WINDOWS)
        while start <= end:
            stop = min(end, start + length - 1)
            results = self._search(start, stop, unit)
            count = len(results)
            if count > WINDOW_SIZE and stop > start:
                length = max(1, (stop - start + 1) // 2)
                self.let_go()
                continue
            chosen = self._select(results) if count else []
            if chosen:
                yield chosen
            elif count:
                self.let_go()
            start = stop + 1
            # Sparse (or empty) windows: longer ones next.
            if count <= WINDOW_SIZE // 4:
                length *= 2

    # Rows

    def row(self, brain, obj):
        # Attributes that may be missing are read without acquisition: a
        # comment would otherwise find its content's, or the Plan's.
        base = aq_base(obj)
        if IComment.providedBy(obj):
            row = self._comment(brain, base)
        else:
            row = self._pledge(brain, base)
        row.update(
            id=brain.getURL(),
            plan={"id": self.plan_url, "title": self.plan_title},
            created=zope_datetime_in_rome(brain.created),
            state=brain.review_state if self.audience.all_states else None,
            first_name=getattr(base, "first_name", None) or "",
            last_name=getattr(base, "last_name", None) or "",
            organization=getattr(base, "organization", None) or "",
            organization_type=getattr(base, "organization_type", None) or "",
            outcome=getattr(base, "outcome", None),
            outcome_motivation=getattr(base, "outcome_motivation", None),
        )
        return row

    def _comment(self, brain, obj):
        url = brain.getURL()
        content_url = url.rsplit("/", 2)[0]
        place = self.places.get(brain.getPath().rsplit("/", 2)[0]) or Place(content_url)
        anchor = getattr(obj, "anchor", None)
        if isinstance(anchor, dict) or hasattr(anchor, "keys"):
            position = anchor.get("position")
            anchor = {
                "exact": anchor.get("exact") or "",
                "prefix": anchor.get("prefix") or "",
                "suffix": anchor.get("suffix") or "",
                "position": dict(position) if position else None,
            }
        else:
            anchor = None
        in_reply_to = obj.in_reply_to or None
        return {
            "kind": "reply" if in_reply_to else "comment",
            "about": content_url,
            "chapters": place.chapters,
            "actions": [place.action] if place.action else [],
            "in_reply_to": (
                f"{content_url}/{CONVERSATION}/{in_reply_to}" if in_reply_to else None
            ),
            "anchor": anchor,
            "passage_now": self._passage_now(obj) if anchor else None,
            "paragraph": getattr(obj, "paragraph", None),
            "orphaned": bool(getattr(obj, "orphaned", False)) if anchor else None,
            "email": (obj.author_email or "") if self.audience.emails else None,
            "text": obj.text or "",
            "resources": None,
        }

    def _passage_now(self, comment):
        """The passage as the text reads now, from the content's stored
        paragraphs (read once per content)."""
        content = comment.__parent__.__parent__
        path = _path(content)
        if path not in self._paragraph_texts:
            self._paragraph_texts[path] = paragraph_texts(content)
        return passage_now(comment, self._paragraph_texts[path])

    def _pledge(self, brain, obj):
        places = []
        for relation in obj.actions or ():
            place = self.actions_by_intid.get(getattr(relation, "to_id", None))
            if place is not None and place not in places:
                places.append(place)
        places.sort(key=lambda place: _code_key(place.action["code"]))
        chapters = []
        for place in places:
            if place.chapter and place.chapter not in chapters:
                chapters.append(place.chapter)
        return {
            "kind": "pledge",
            "about": None,
            "chapters": chapters,
            "actions": [place.action for place in places],
            "in_reply_to": None,
            "anchor": None,
            "passage_now": None,
            "paragraph": None,
            "orphaned": None,
            "email": (obj.email or "") if self.audience.emails else None,
            "text": obj.contribution or "",
            "resources": [
                {key: row.get(key) or "" for key in ("kind", "description", "value")}
                for row in obj.resources or ()
                if row.get("kind")
            ],
        }


def _code_key(code):
    return [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in (code or "").split(".")
    ]


def contributions(plan, who=None):
    return Contributions(plan, who or audience(plan))


# Writing


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
    }
    return [neutralise(values[key]) for key, _title in columns]


def write_csv(rows, out, columns, labels):
    """UTF-8 with a BOM (spreadsheets then read the accents), CRLF, every
    field quoted (RFC 4180)."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_ALL)
    writer.writerow([labels(title) for _key, title in columns])
    for row in rows:
        writer.writerow(cells(row, columns, labels))
    text.flush()
    text.detach()


def _sheet_name(name):
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name.strip("'")[:XLSX_SHEET_NAME_MAX] or "Sheet1"


# Column widths (characters) for the spreadsheet; 14 for the others.
XLSX_WIDTHS = {
    "plan": 24,
    "chapter": 24,
    "action": 28,
    "id": 40,
    "in_reply_to": 30,
    "quote": 40,
    "passage_now": 40,
    "organization": 28,
    "organization_type": 24,
    "email": 28,
    "created": 22,
    "outcome_motivation": 40,
    "text": 60,
    "resources": 40,
}


def write_xlsx(rows, out, columns, labels, title=None):
    """One sheet, header row frozen and filterable; every value written as a
    string (never a formula, number or link), neutralised as in CSV."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    if title:
        workbook.set_properties({"title": title})
    sheet = workbook.add_worksheet(_sheet_name(labels(_("Contributions"))))
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    body = workbook.add_format({"text_wrap": True, "valign": "top"})
    for index, (key, _title) in enumerate(columns):
        sheet.set_column(index, index, XLSX_WIDTHS.get(key, 14))
    sheet.freeze_panes(1, 0)
    for index, (_key, title) in enumerate(columns):
        sheet.write_string(0, index, neutralise(labels(title)), header)
    # Dates as dates (sortable, filterable), on the consultation's clock:
    # a spreadsheet cell has no time zone.
    dates = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss", "valign": "top"})
    created = [key for key, _title in columns].index("created")
    last = 0
    for last, row in enumerate(rows, start=1):
        for index, value in enumerate(cells(row, columns, labels)):
            if index == created:
                moment = as_rome(row["created"]).replace(tzinfo=None)
                sheet.write_datetime(last, index, moment, dates)
            elif value:
                sheet.write_string(last, index, value[:XLSX_MAX_CELL], body)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    workbook.close()


# JSON-LD

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
        "outcome": "socialplan:outcome",
        "outcome_motivation": "socialplan:outcomeMotivation",
        "text": "schema:text",
        "resources": {"@id": "socialplan:resource", "@container": "@list"},
        "description": "dcterms:description",
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
    }
    if row["kind"] == "pledge":
        item["resources"] = row["resources"]
        del item["about"], item["in_reply_to"], item["quote"], item["paragraph"]
        del item["orphaned"], item["passage_now"]
    if who.emails:
        item["email"] = row["email"]
    if who.all_states:
        item["state"] = row["state"]
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


def write_export(fmt, plan, request, out, who=None, export_url=None):
    """Write the Plan's contributions in ``fmt`` into the binary file ``out``;
    returns how many were written."""
    who = who or audience(plan)
    labels = Labels(request, plan)
    rows = contributions(plan, who)
    columns = who.columns()
    if fmt == "csv":
        write_csv(rows, out, columns, labels)
    elif fmt == "xlsx":
        title = labels(
            _(
                "Contributions to the consultation on ${plan}",
                mapping={"plan": plan.Title()},
            )
        )
        write_xlsx(rows, out, columns, labels, title)
    elif fmt == "json":
        url = export_url or f"{plan.absolute_url()}/@@consultation-export?format=json"
        write_json(rows, out, labels, who, plan, url)
    else:
        raise ValueError(fmt)
    return rows.count
