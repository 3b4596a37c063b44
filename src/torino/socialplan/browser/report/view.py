"""@@consultation-report (promoters' editors, moderators, Manager) and
@@consultation-results (everyone, once the consultation has closed).

Both show the figures and charts of the published contributions, then the
contributions grouped by chapter and action, filterable and batched. The
report also lists what is not published to those who may moderate, with
e-mail addresses to those who may read them; the results page shows
published contributions and their public fields only.
"""

from babel.dates import format_date
from plone import api
from plone.batching import Batch
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.base import permissions
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.window import CLOSED
from torino.socialplan.browser.report.charts import bar_chart
from torino.socialplan.browser.views import PlanView
from torino.socialplan.consultation import statistics
from torino.socialplan.consultation.exports import formats
from torino.socialplan.consultation.exports import writer_for
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.consultation.statistics import INLINE
from torino.socialplan.consultation.statistics import NO_OUTCOME
from torino.socialplan.consultation.statistics import REPLY
from torino.socialplan.consultation.statistics import WHOLE_PAGE
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 200


# The report's "Type" filter.
KIND_FILTERS = (
    ("comment", _("All comments")),
    (INLINE, _("Inline comments (on a passage)")),
    (WHOLE_PAGE, _("Comments on a whole page")),
    (REPLY, _("Replies")),
    (PLEDGE, _("Pledges")),
)
KIND_TITLES = {
    INLINE: _("Inline comment"),
    WHOLE_PAGE: _("Comment"),
    REPLY: _("Reply"),
    PLEDGE: _("Pledge"),
}
COMMENT_KIND_LABELS = {
    INLINE: _("Inline, on a passage"),
    WHOLE_PAGE: _("On a whole page"),
    REPLY: _("Replies"),
}
STATE_TITLES = {
    "pending": _("Pending"),
    "published": _("Published"),
    "rejected": _("Rejected"),
    "spam": _("Spam"),
}
PLAN_FILTER = "plan"  # the chapter filter's value for the Plan's own comments

CHART_DESCRIPTION = _("Bar chart. The table after it gives the same figures.")


def _tokens(name, context):
    factory = getUtility(IVocabularyFactory, name=name)
    return [term.token for term in factory(context)]


class ReportBase(PlanView):
    """What the report and the results page share."""

    parts = ViewPageTemplateFile("parts.pt")
    # The results page: published contributions, public fields only.
    public = True

    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        plan = self.context
        self.moderator = not self.public and may_moderate(plan)
        self.show_email = not self.public and may_view_email(plan)
        self.outline = statistics.outline(plan)
        states = CONTRIBUTION_STATES if self.moderator else (PUBLISHED,)
        self.entries = statistics.entries(
            plan, self.outline, states, unrestricted=self.moderator
        )
        statistics.read_facts(self.entries, search=self.filters()["q"])
        self.published = [e for e in self.entries if e.state == PUBLISHED]
        self.figures = statistics.figures(
            plan,
            self.outline,
            self.published,
            outcomes=_tokens(OUTCOMES_VOCABULARY, plan),
            organization_types=_tokens(ORGANIZATION_TYPES_VOCABULARY, plan),
        )

    # Labels

    def term(self, vocabulary, token):
        if token == NO_OUTCOME:
            return self.translate(_("No outcome yet"))
        return self.term_title(vocabulary, token) or ""

    def action_label(self, node):
        return f"{node.code} {node.title}" if node.code else node.title

    def plan_label(self):
        return self.translate(_("The Plan as a whole"))

    def report_url(self):
        return f"{self.context.absolute_url()}/@@{self.__name__}"

    # Figures

    def totals(self):
        totals = self.figures["totals"]
        return [
            {"label": self.translate(label), "value": totals[key]}
            for key, label in (
                ("comments", _("Published comments, replies included")),
                ("inline_comments", _("of which inline, on a passage")),
                ("replies", _("of which replies")),
                ("pledges", _("Published pledges")),
            )
        ]

    def charts(self):
        f = self.figures
        t = self.translate
        comments, pledges = t(_("Comments")), t(_("Pledges"))
        charts = []

        per_chapter = [(self.plan_label(), f["plan_comments"], 0)] + [
            (chapter.title, c, p) for chapter, c, p in f["per_chapter"]
        ]
        charts.append(
            self.chart(
                "chart-chapters",
                _("Contributions per chapter"),
                _("Chapter"),
                per_chapter,
                (comments, pledges),
            )
        )
        charts.append(
            self.chart(
                "chart-actions",
                _("Contributions per action"),
                _("Action"),
                [(self.action_label(a), c, p) for a, c, p in f["per_action"]],
                (comments, pledges),
            )
        )
        locale = self.locale()
        per_day = f["per_day"]
        charts.append(
            self.chart(
                "chart-days",
                _("Contributions per day"),
                _("Day"),
                [(format_date(d, "long", locale=locale), c, p) for d, c, p in per_day],
                (comments, pledges),
                horizontal=False,
                chart_labels=[
                    format_date(d, "d MMM", locale=locale) for d, *_ in per_day
                ],
            )
        )
        charts.append(
            self.chart(
                "chart-organization-types",
                _("Contributions per type of organisation"),
                _("Type of organisation"),
                [
                    (self.term(ORGANIZATION_TYPES_VOCABULARY, token), c, p)
                    for token, c, p in f["per_organization_type"]
                ],
                (comments, pledges),
            )
        )
        charts.append(
            self.chart(
                "chart-comment-kinds",
                _("Inline and whole-page comments"),
                _("Comments"),
                [(t(COMMENT_KIND_LABELS[kind]), n) for kind, n in f["comment_kinds"]],
                (comments,),
            )
        )
        charts.append(
            self.chart(
                "chart-pledges",
                _("Pledges per action and the resources offered"),
                _("Action"),
                [
                    (self.action_label(a), n, self.resources_label(offered))
                    for a, n, offered in f["pledges_per_action"]
                ],
                (pledges, t(_("Resources offered"))),
                charted=1,
            )
        )
        charts.append(
            self.chart(
                "chart-outcomes",
                _("Outcomes of the published contributions"),
                _("Outcome"),
                [
                    (self.term(OUTCOMES_VOCABULARY, token), c, p)
                    for token, c, p in f["outcomes"]
                ],
                (comments, pledges),
            )
        )
        return charts

    def resources_label(self, offered):
        return "; ".join(
            f"{kind}: {', '.join(values)}" if values else kind
            for kind, values in offered
        )

    def chart(
        self,
        chart_id,
        title,
        row_header,
        rows,
        columns,
        horizontal=True,
        chart_labels=None,
        charted=None,
    ):
        """A chart and its data table. ``rows`` are (label, value, ...);
        the first ``charted`` value columns (all by default) are drawn."""
        title = self.translate(title)
        charted = len(columns) if charted is None else charted
        series = [(columns[i], [row[i + 1] for row in rows]) for i in range(charted)]
        svg = bar_chart(
            chart_id,
            title,
            self.translate(CHART_DESCRIPTION),
            chart_labels or [row[0] for row in rows],
            series,
            horizontal=horizontal,
        )
        return {
            "id": chart_id,
            "title": title,
            "svg": svg,
            "caption": self.translate(
                _("Figures of the chart: ${title}", mapping={"title": title})
            ),
            "row_header": self.translate(row_header),
            "columns": list(columns),
            "rows": [{"label": row[0], "cells": list(row[1:])} for row in rows],
        }

    # Filters

    def filters(self):
        if getattr(self, "_filters", None) is not None:
            return self._filters
        form = self.request.form

        def one_of(name, allowed):
            value = form.get(name)
            return value if isinstance(value, str) and value in allowed else ""

        search = form.get("q")
        search = search.strip()[:SEARCH_MAX_LENGTH] if isinstance(search, str) else ""
        self._filters = {
            "kind": one_of("kind", dict(KIND_FILTERS)),
            "review_state": one_of(
                "review_state", CONTRIBUTION_STATES if self.moderator else ()
            ),
            "organization_type": one_of(
                "organization_type",
                _tokens(ORGANIZATION_TYPES_VOCABULARY, self.context),
            ),
            "chapter": one_of(
                "chapter",
                [PLAN_FILTER, *(c.uid for c in self.outline.chapters)],
            ),
            "outcome": one_of(
                "outcome", [*_tokens(OUTCOMES_VOCABULARY, self.context), NO_OUTCOME]
            ),
            "q": search,
        }
        return self._filters

    def filter_options(self):
        current = self.filters()

        def options(name, pairs):
            return [
                {
                    "value": value,
                    "title": self.translate(title) if title else value,
                    "selected": current[name] == value,
                }
                for value, title in pairs
            ]

        vocabulary = getUtility(IVocabularyFactory, name=ORGANIZATION_TYPES_VOCABULARY)(
            self.context
        )
        outcomes = getUtility(IVocabularyFactory, name=OUTCOMES_VOCABULARY)(
            self.context
        )
        return {
            "kind": options("kind", KIND_FILTERS),
            "review_state": options("review_state", STATE_TITLES.items())
            if self.moderator
            else [],
            "organization_type": options(
                "organization_type", [(t.token, t.title) for t in vocabulary]
            ),
            "chapter": options(
                "chapter",
                [(PLAN_FILTER, _("The Plan as a whole"))]
                + [(c.uid, c.title) for c in self.outline.chapters],
            ),
            "outcome": options(
                "outcome",
                [(t.token, t.title) for t in outcomes]
                + [(NO_OUTCOME, _("No outcome yet"))],
            ),
        }

    def filtered(self):
        f = self.filters()
        tests = [lambda e: e.matches]
        if f["review_state"]:
            tests.append(lambda e: e.state == f["review_state"])
        if f["kind"] == "comment":
            tests.append(lambda e: e.kind == COMMENT)
        elif f["kind"]:
            tests.append(lambda e: (e.comment_kind or PLEDGE) == f["kind"])
        if f["organization_type"]:
            tests.append(lambda e: e.organization_type == f["organization_type"])
        if f["outcome"]:
            tests.append(lambda e: (e.outcome or NO_OUTCOME) == f["outcome"])
        if f["chapter"] == PLAN_FILTER:
            tests.append(lambda e: self.group_of(e)[0] is None)
        elif f["chapter"]:
            path = next(c.path for c in self.outline.chapters if c.uid == f["chapter"])
            tests.append(lambda e: self.in_chapter(e, path))
        return [e for e in self.entries if all(test(e) for test in tests)]

    def in_chapter(self, entry, chapter_path):
        if entry.kind == PLEDGE:
            return any(
                self.outline.nodes[a].chapter == chapter_path for a in entry.actions
            )
        chapter = self.outline.chapter_of(entry.content)
        return chapter is not None and chapter.path == chapter_path

    # The list, grouped by chapter and action

    def group_of(self, entry):
        """(chapter node or None, action node or None) where ``entry`` is
        listed: a Pledge under the first Action it names."""
        nodes = self.outline.nodes
        if entry.kind == PLEDGE:
            if not entry.actions:
                return (None, None)
            action = nodes[entry.actions[0]]
            return (nodes[action.chapter], action)
        node = nodes[entry.content]
        if node.kind == "chapter":
            return (node, None)
        if node.kind == "action":
            return (nodes[node.chapter], node)
        return (None, None)

    def ordered(self, found):
        order = {self.outline.plan.path: 0}
        for chapter in self.outline.chapters:
            order[chapter.path] = len(order)
            for action in self.outline.actions[chapter.path]:
                order[action.path] = len(order)

        def key(entry):
            chapter, action = self.group_of(entry)
            place = action or chapter
            return (order[place.path] if place else 0, entry.created)

        return sorted(found, key=key)

    def batch(self):
        try:
            b_start = max(int(self.request.form.get("b_start", 0)), 0)
        except (TypeError, ValueError):
            b_start = 0
        return Batch(self.ordered(self.filtered()), PAGE_SIZE, b_start)

    def sections(self, batch):
        """The page's contributions in sections: a new section when the
        chapter or action changes; ``new_chapter`` when the chapter does."""
        names = statistics.parent_names(self.entries)
        sections, previous = [], object()
        for entry in batch:
            group = self.group_of(entry)
            if group != previous:
                chapter, action = group
                sections.append(
                    {
                        "new_chapter": not sections
                        or sections[-1]["chapter"] is not chapter,
                        "chapter": chapter,
                        "chapter_title": chapter.title
                        if chapter
                        else self.plan_label(),
                        "chapter_url": (chapter or self.outline.plan).url,
                        "action": action,
                        "action_title": self.action_label(action) if action else None,
                        "contributions": [],
                    }
                )
                previous = group
            sections[-1]["contributions"].append(self.item(entry, names))
        return sections

    def chapters(self, sections):
        """The page's sections grouped by chapter: one collapsible block
        each, listed in the page's table of contents."""
        chapters = []
        for section in sections:
            if section["new_chapter"]:
                chapters.append(
                    {
                        "id": f"socialplan-report-chapter-{len(chapters) + 1}",
                        "title": section["chapter_title"],
                        "url": section["chapter_url"],
                        "count": 0,
                        "sections": [],
                    }
                )
            chapters[-1]["sections"].append(section)
            chapters[-1]["count"] += len(section["contributions"])
        return chapters

    def item(self, entry, names):
        details = statistics.contribution_details(entry, with_email=self.show_email)
        kind = entry.comment_kind or PLEDGE
        name = " ".join(filter(None, (details["first_name"], details["last_name"])))
        anchor = details["anchor"] if entry.kind == COMMENT else None
        node = self.outline.nodes.get(entry.content)
        reply_to = None
        if details["in_reply_to"]:
            reply_to = names.get((entry.content, details["in_reply_to"])) or ""
        return {
            "id": f"contribution-{entry.kind}-{entry.brain.getRID()}",
            "url": entry.url,
            "kind": kind,
            "kind_title": self.translate(KIND_TITLES[kind]),
            "name": name or details["author_name"],
            "organization": details["organization"],
            "organization_type": self.term(
                ORGANIZATION_TYPES_VOCABULARY, details["organization_type"]
            ),
            "created": {
                "iso": entry.created.replace(microsecond=0).isoformat(),
                "label": self.format_datetime(entry.created),
            },
            "state": entry.state,
            "state_title": self.translate(STATE_TITLES.get(entry.state, entry.state)),
            "email": details["email"],
            "on": (
                {"title": self.node_label(node), "url": node.url}
                if entry.kind == COMMENT and node is not None
                else None
            ),
            "reply_to": reply_to,
            "actions": [
                {
                    "title": self.action_label(self.outline.nodes[path]),
                    "url": self.outline.nodes[path].url,
                }
                for path in entry.actions
            ],
            "quote": (
                {
                    "prefix": anchor.get("prefix") or "",
                    "exact": anchor.get("exact") or "",
                    "suffix": anchor.get("suffix") or "",
                    "orphaned": details["orphaned"],
                }
                if anchor and anchor.get("exact")
                else None
            ),
            "text": details["text"],
            "resources": [row for row in details["resources"] or () if row.get("kind")],
            "outcome": (
                self.term(OUTCOMES_VOCABULARY, details["outcome"])
                if details["outcome"]
                else None
            ),
            "outcome_motivation": details["outcome_motivation"],
        }

    def node_label(self, node):
        if node.kind == "plan":
            return self.plan_label()
        if node.kind == "action":
            return self.action_label(node)
        return node.title


class ReportView(ReportBase):
    public = False

    def may_record_outcomes(self):
        return bool(
            api.user.has_permission(permissions.RECORD_OUTCOMES, obj=self.context)
        )

    def links(self):
        url = self.context.absolute_url()
        links = []
        if self.moderator:
            links.append({"url": f"{url}/@@moderation", "title": _("Moderation queue")})
        if self.may_record_outcomes():
            links.append({"url": f"{url}/@@outcomes", "title": _("Record outcomes")})
        links.append(
            {"url": f"{url}/@@consultation-results", "title": _("Public results page")}
        )
        return links

    def exports(self):
        url = self.context.absolute_url()
        return [
            {
                "url": f"{url}/@@consultation-export?format={fmt}",
                "title": writer_for(fmt).title,
            }
            for fmt in formats()
        ]

    def states(self):
        """Contributions per state, for moderators (queue counts)."""
        if not self.moderator:
            return None
        counts = statistics.moderation_counts(self.context)
        published = {
            COMMENT: sum(1 for e in self.published if e.kind == COMMENT),
            PLEDGE: sum(1 for e in self.published if e.kind == PLEDGE),
        }
        return {
            "columns": [self.translate(STATE_TITLES[s]) for s in CONTRIBUTION_STATES],
            "rows": [
                {
                    "label": self.translate(label),
                    "cells": [
                        published[kind] if s == PUBLISHED else counts[key][s]
                        for s in CONTRIBUTION_STATES
                    ],
                }
                for kind, key, label in (
                    (COMMENT, "comments", _("Comments")),
                    (PLEDGE, "pledges", _("Pledges")),
                )
            ],
        }


class ResultsView(ReportBase):
    """Public once the window has closed; before, a page saying when."""

    public = True

    def available(self):
        # Without dates a Plan is "closed" too, but it has not been consulted.
        status = self.context.window()
        return status.state == CLOSED and status.end is not None

    def __call__(self):
        if self.available():
            self.update()
        return self.index()
