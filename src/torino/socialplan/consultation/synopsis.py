"""The synopsis report for the governing bodies: a PDF of the changes per
chapter with the published contributions behind them (their public view,
consultation/public_view.py through changes.public_comment), the outcome
figures and a chart, in Italian or English, rendered from our HTML and CSS
by WeasyPrint (tagged, PDF/UA).

Building takes a while, so it never holds a request nor writes on GET:
``start`` (a POST) records a build in the Plan's annotation and, once that
is committed, a thread with its own ZODB connection builds it chapter by
chapter, committing its progress ("chapter 3 of 9") to the same record, then
keeps the PDF in a blob. The record is in the ZODB, so every instance (ZEO,
RelStorage) sees the progress and serves the PDF. The PDF is keyed on the
state it was built from (a hash of what it prints): a later edit or outcome
makes it stale, and it is offered to be built again.
"""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from html import escape
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from torino.socialplan import _
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.base.plan_stages import STAGE_TITLES
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.consultation import changes
from torino.socialplan.consultation.errors import ContributionError
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate

import hashlib
import json
import logging
import threading
import transaction


logger = logging.getLogger("torino.socialplan.synopsis")

SYNOPSIS_KEY = "torino.socialplan.synopsis"
LANGUAGES = ("it", "en")
BUILDING, DONE, FAILED = "building", "done", "failed"
# A build that has not moved for this long is taken as lost (its instance
# stopped) and may be started again.
LOST_AFTER = 600


class SynopsisNotReady(ContributionError):
    """The Plan has not reached analysis: there is nothing to sum up yet."""

    status = 409

    def __init__(self):
        super().__init__(
            [
                (
                    None,
                    _(
                        "The synopsis can be built once the consultation has "
                        "closed and the Plan is in analysis."
                    ),
                )
            ]
        )


def check_language(lang):
    if lang not in LANGUAGES:
        raise ContributionError.on(
            "lang", _("The synopsis is available in Italian (it) and English (en).")
        )
    return lang


def check_access(plan):
    """The public once outcomes are published; before, those who read the
    consultation report, once the Plan is in analysis or later."""
    stage = stored_stage(plan)
    if stage is None:
        raise SynopsisNotReady()
    if stage == OUTCOMES_PUBLISHED:
        return
    if not api.user.has_permission(changes.VIEW_REPORT, obj=plan):
        raise Unauthorized("The synopsis is public once outcomes are published.")


# What the PDF prints


@contextmanager
def _as_public():
    """As Anonymous: the PDF holds what the public may read, whoever builds
    it (an editor's view would take drafts of Actions into a PDF that is
    public once the outcomes are)."""
    before = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(before)


def contents(plan):
    """The comparison of every pinned text the public may read, changes
    numbered (changes.py)."""
    with _as_public():
        return changes.plan_comparison(plan)


def fingerprint(plan, lang, comparison=None, figures=None):
    """A hash of what the PDF of ``plan`` in ``lang`` would print."""
    comparison = comparison if comparison is not None else contents(plan)
    figures = figures if figures is not None else changes.outcome_figures(plan)
    data = {
        "lang": lang,
        "title": plan.Title(),
        "stage": stored_stage(plan),
        "figures": figures,
        "texts": [
            {
                "title": c["title"],
                "code": c["code"],
                # Without addresses: the build's own request has another
                # host name than the browser's.
                "changes": [
                    (ch["key"], ch["old"], ch["new"], _no_urls(ch["contributions"]))
                    for ch in c["changes"]
                ],
            }
            for c in comparison["contents"]
        ],
    }
    raw = json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def _no_urls(contributions):
    return [
        {k: v for k, v in c.items() if not k.startswith("@")} for c in contributions
    ]


# The record


def _records(plan, create=False):
    annotations = IAnnotations(plan)
    records = annotations.get(SYNOPSIS_KEY)
    if records is None and create:
        records = annotations[SYNOPSIS_KEY] = PersistentMapping()
    return records


def record(plan, lang):
    records = _records(plan)
    return records.get(lang) if records is not None else None


def _now():
    return datetime.now(UTC)


def _lost(entry):
    moved = entry.get("moved")
    return moved is None or (_now() - moved).total_seconds() > LOST_AFTER


def status(plan, lang):
    """{"status": none|building|done|failed|stale, "done", "total",
    "current"}: read only."""
    entry = record(plan, lang)
    if entry is None:
        return {"status": "none", "done": 0, "total": 0, "current": None}
    state = entry["status"]
    if state == BUILDING and _lost(entry):
        state = FAILED
    if state == DONE and entry.get("fingerprint") != fingerprint(plan, lang):
        state = "stale"
    return {
        "status": state,
        "done": entry.get("done", 0),
        "total": entry.get("total", 0),
        "current": entry.get("current"),
        "finished": entry.get("finished"),
        "seconds": entry.get("seconds"),
        "size": entry["pdf"].getSize() if entry.get("pdf") is not None else None,
    }


def start(plan, lang):
    """Start building the synopsis in ``lang`` (a POST): records the build
    and, after the commit, runs it in a thread. Returns the status. A build
    under way or a PDF still current is not started again."""
    check_access(plan)
    check_language(lang)
    current = status(plan, lang)
    if current["status"] in (BUILDING, DONE):
        return current
    comparison = contents(plan)
    records = _records(plan, create=True)
    entry = records.get(lang)
    if entry is None:
        entry = records[lang] = PersistentMapping()
    entry.update(
        {
            "status": BUILDING,
            "done": 0,
            "total": len(comparison["contents"]) + 1,
            "current": None,
            "moved": _now(),
            "started": _now(),
            "error": None,
        }
    )
    db = plan._p_jar.db()
    site_path = "/".join(api.portal.get().getPhysicalPath())
    plan_path = "/".join(plan.getPhysicalPath())

    def after_commit(committed):
        if committed:
            thread = threading.Thread(
                target=_run,
                args=(db, site_path, plan_path, lang),
                name=f"synopsis-{lang}",
                daemon=True,
            )
            thread.start()

    transaction.get().addAfterCommitHook(after_commit)
    return status(plan, lang)


def _run(db, site_path, plan_path, lang):
    """The build, in its own thread and ZODB connection, as Anonymous."""
    from AccessControl.SecurityManagement import noSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import clearRequest
    from zope.globalrequest import setRequest

    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        app = makerequest(connection.root()["Application"])
        request = app.REQUEST
        request["LANGUAGE"] = lang
        request.environ["HTTP_ACCEPT_LANGUAGE"] = lang
        setRequest(request)
        site = app.unrestrictedTraverse(site_path)
        setSite(site)
        newSecurityManager(request, nobody)
        plan = app.unrestrictedTraverse(plan_path)
        entry = record(plan, lang)
        try:
            _build(plan, lang, entry, manager)
        except Exception as error:
            logger.exception("The synopsis of %s could not be built", plan_path)
            manager.abort()
            entry = record(plan, lang)
            entry.update({"status": FAILED, "error": str(error), "moved": _now()})
            manager.commit()
    finally:
        noSecurityManager()
        setSite(None)
        clearRequest()
        manager.abort()
        connection.close()


def build_pdf(plan, lang, progress=None):
    """The synopsis PDF of ``plan`` in ``lang`` and the fingerprint of what
    it prints; ``progress(done, total, title)`` is called before each text
    (title None: the pages being set)."""
    comparison = contents(plan)
    figures = changes.outcome_figures(plan)
    key = fingerprint(plan, lang, comparison, figures)
    texts = comparison["contents"]
    total = len(texts) + 1
    sections = []
    for number, content in enumerate(texts, start=1):
        if progress is not None:
            progress(number - 1, total, content["title"])
        sections.append(_text_section(content, comparison["total"], lang))
    if progress is not None:
        progress(len(texts), total, None)
    return render_pdf(page(plan, lang, figures, sections)), key


def _build(plan, lang, entry, manager):
    def progress(done, total, title):
        entry.update({"done": done, "total": total, "current": title, "moved": _now()})
        manager.commit()

    pdf, key = build_pdf(plan, lang, progress)
    entry.update(
        {
            "status": DONE,
            "done": entry["total"],
            "fingerprint": key,
            "pdf": NamedBlobFile(
                pdf, contentType="application/pdf", filename=filename(plan, lang)
            ),
            "finished": _now().isoformat(timespec="seconds"),
            "seconds": round((_now() - entry["started"]).total_seconds(), 2),
            "moved": _now(),
        }
    )
    manager.commit()


def filename(plan, lang):
    return f"{plan.getId()}-synopsis-{lang}.pdf"


def render_pdf(html):
    """The PDF of ``html`` (WeasyPrint, on the system's Pango), tagged."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


# The HTML

# Labels (kept out of the f-strings, where the catalogue's extractor does not
# look).
STAGE_LABEL = _("Stage of the Plan")
INTRO = _(
    "The changes between the text consulted and the text to be approved, chapter by chapter, with the published contributions behind them, their outcome and motivation."  # noqa: E501
)
FIGURES_HEADING = _("Outcomes and changes")
CHART_TITLE = _("Share of contributions with an outcome, per chapter")
CHART_DESCRIPTION = _("Bar chart. The table after it gives the same figures.")
UNCHANGED = _("Unchanged.")
CONSULTED = _("Consulted text")
APPROVED_TEXT = _("Approved text")
UNTOUCHED = _("No contribution touched this passage.")
PASSAGE = _("Passage")
OUTCOME = _("Outcome")
MOTIVATION = _("Motivation")


def _t(msgid, lang, **mapping):
    if mapping:
        msgid = _(msgid, mapping=mapping)
    return translate(msgid, target_language=lang)


CSS = """
@page {
  size: A4;
  margin: 2cm 2cm 2.2cm;
}
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #212529; }
h1 { font-size: 18pt; }
h2 { font-size: 13pt; margin-top: 1.5em; border-bottom: 1px solid #6c757d; }
h3 { font-size: 11pt; }
table { border-collapse: collapse; margin: 0.5em 0 1em; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #adb5bd; padding: 0.2em 0.4em; text-align: left; }
td.number { text-align: right; }
del { text-decoration: line-through; }
ins { text-decoration: underline; }
.bar { background: #1f4e79; height: 0.8em; display: inline-block; }
.contribution { border-left: 3px solid #6c757d; padding-left: 0.6em; margin: 0.5em 0; }
.label { font-weight: bold; }
"""


def page(plan, lang, figures, sections):
    t = lambda msgid, **m: escape(_t(msgid, lang, **m))
    title = t(_("Synopsis report: ${title}", mapping={"title": plan.Title()}))
    stage = stored_stage(plan)
    # A CSS string in the style sheet (not HTML-escaped there).
    page_label = "".join(ch for ch in _t(_("Page"), lang) if ch not in "'\\<>{}")
    head = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<meta name="author" content="{escape(plan.Title())}">'
        f"<style>{CSS}"
        f"@page {{ @bottom-center {{ content: '{page_label} ' counter(page) "
        "' / ' counter(pages); } }"
        "</style></head><body>"
    )
    intro = (
        f"<h1>{title}</h1>"
        f"<p><span class='label'>{t(STAGE_LABEL)}:</span> "
        f"{t(STAGE_TITLES[stage]) if stage else ''}</p>"
        f"<p>{t(INTRO)}</p>"
    )
    return head + intro + _figures(figures, lang) + "".join(sections) + "</body></html>"


def _percent(value):
    return "—" if value is None else f"{value}%"


def _figures(figures, lang):
    t = lambda msgid: escape(_t(msgid, lang))
    out = [f"<h2>{t(FIGURES_HEADING)}</h2>"]
    out.append(
        "<p>"
        + escape(
            _t(
                _(
                    "Published contributions with an outcome: ${share} (${count} of ${total}). Accepted or partly accepted ones linked to a change: ${linked}.",  # noqa: E501
                    mapping={
                        "share": _percent(figures["with_outcome_share"]),
                        "count": figures["with_outcome"],
                        "total": figures["total"],
                        "linked": _percent(figures["taken_in_linked_share"]),
                    },
                ),
                lang,
            )
        )
        + "</p>"
    )
    # The chart: the share with an outcome per chapter, as bars whose value
    # is printed beside them (not told by colour).
    out.append(f"<h3>{t(CHART_TITLE)}</h3>")
    out.append(f'<div role="img" aria-label="{t(CHART_DESCRIPTION)}">')
    for row in figures["by_chapter"]:
        label = escape(row["chapter"] or _t(_("The whole Plan, and pledges"), lang))
        share = row["with_outcome_share"] or 0
        out.append(
            f"<p>{label}: <span class='bar' style='width:{share * 0.8}%'></span> "
            f"{_percent(row['with_outcome_share'])}</p>"
        )
    out.append("</div>")
    for rows, caption, header, label_key in (
        (figures["by_chapter"], _("Outcomes per chapter"), _("Chapter"), "chapter"),
        (
            figures["by_type"],
            _("Outcomes per respondent type"),
            _("Respondent type"),
            "organization_type",
        ),
    ):
        out.append(f"<table><caption>{t(caption)}</caption><thead><tr>")
        for heading in (
            header,
            _("Contributions"),
            _("With an outcome"),
            _("Accepted or partly accepted"),
            _("Of these, linked to a change"),
        ):
            out.append(f'<th scope="col">{t(heading)}</th>')
        out.append("</tr></thead><tbody>")
        for row in rows:
            label = row[label_key]
            if label_key == "organization_type":
                label = _organization_type(label, lang)
            label = label or _t(_("The whole Plan, and pledges"), lang)
            out.append(
                f'<tr><th scope="row">{escape(label)}</th>'
                f'<td class="number">{row["total"]}</td>'
                f'<td class="number">{_percent(row["with_outcome_share"])}</td>'
                f'<td class="number">{row["taken_in"]}</td>'
                f'<td class="number">{_percent(row["taken_in_linked_share"])}</td></tr>'
            )
        out.append("</tbody></table>")
    return "".join(out)


def _organization_type(token, lang):
    from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
    from zope.component import queryUtility
    from zope.schema.interfaces import IVocabularyFactory

    if not token:
        return _t(_("Not given"), lang)
    factory = queryUtility(IVocabularyFactory, name=ORGANIZATION_TYPES_VOCABULARY)
    try:
        term = factory(api.portal.get()).getTerm(token)
    except (LookupError, TypeError, AttributeError):
        return token
    return _t(term.title, lang) if term.title else token


def _text_section(content, total, lang):
    t = lambda msgid, **m: escape(_t(msgid, lang, **m))
    heading = escape(
        f"{content['code']} {content['title']}" if content["code"] else content["title"]
    )
    out = [f"<h2>{heading}</h2>"]
    if not content["changes"]:
        out.append(f"<p>{t(UNCHANGED)}</p>")
    for change in content["changes"]:
        out.append(
            "<h3>"
            + t(
                _(
                    "Change ${number} of ${total}",
                    mapping={"number": change["number"], "total": total},
                )
            )
            + "</h3>"
        )
        if change["old"]:
            out.append(
                f"<p><span class='label'>{t(CONSULTED)}:</span> "
                f"<del>{escape(change['old'])}</del></p>"
            )
        if change["new"]:
            out.append(
                f"<p><span class='label'>{t(APPROVED_TEXT)}:</span> "
                f"<ins>{escape(change['new'])}</ins></p>"
            )
        if not change["contributions"]:
            out.append(f"<p>{t(UNTOUCHED)}</p>")
        for item in change["contributions"]:
            out.append(_contribution(item, lang))
    return "".join(out)


def _contribution(item, lang):
    t = lambda msgid: escape(_t(msgid, lang))
    who = ", ".join(x for x in (item["author_name"], item["organization"]) if x)
    out = ["<div class='contribution'>"]
    if who:
        out.append(f"<p><span class='label'>{escape(who)}</span></p>")
    if item.get("quote"):
        out.append(
            f"<p><span class='label'>{t(PASSAGE)}:</span> «{escape(item['quote'])}»</p>"
        )
    out.append(f"<p>{escape(item['text'])}</p>")
    outcome = item.get("outcome")
    if outcome:
        out.append(
            f"<p><span class='label'>{t(OUTCOME)}:</span> "
            f"{escape(_t(outcome['title'], lang))}</p>"
        )
    if item.get("outcome_motivation"):
        out.append(
            f"<p><span class='label'>{t(MOTIVATION)}:</span> "
            f"{escape(item['outcome_motivation'])}</p>"
        )
    out.append("</div>")
    return "".join(out)
