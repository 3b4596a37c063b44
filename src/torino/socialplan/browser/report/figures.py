"""The report's figures: totals and charts (server-rendered SVG, each with a
table of the same figures)."""

from babel.dates import format_date
from torino.socialplan import _
from torino.socialplan.browser.report.charts import bar_chart
from torino.socialplan.browser.report.terms import CHART_DESCRIPTION
from torino.socialplan.browser.report.terms import COMMENT_KIND_LABELS
from torino.socialplan.consultation import changes
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY


def labelled_outcome_figures(view, plan):
    """consultation/changes.py's outcome figures of ``plan``, each row with
    the label the report, the results and the comparison page show."""
    figures = changes.outcome_figures(plan)
    for row in figures["by_chapter"]:
        row["label"] = row["chapter"] or view.translate(
            _("The whole Plan, and pledges")
        )
    for row in figures["by_type"]:
        row["label"] = view.term_title(
            ORGANIZATION_TYPES_VOCABULARY, row["organization_type"]
        ) or view.translate(_("Not given"))
    return figures


def percent(value):
    return "—" if value is None else f"{value}%"


class ChartsMixin:
    def outcome_figures(self):
        """The shares of published contributions with an outcome and of
        accepted (or partly accepted) ones linked to a change, per chapter
        and respondent type (consultation/changes.py computes them): in the
        report always, on the public results page once the outcomes are
        published, like the outcomes themselves."""
        if self.public and not changes.outcomes_public(self.context):
            return None
        return labelled_outcome_figures(self, self.context)

    def percent(self, value):
        return percent(value)

    def totals(self):
        totals = self.figures["totals"]
        return [
            {"label": self.translate(label), "value": totals[key]}
            for key, label in (
                ("comments", _("Published comments, replies included")),
                ("inline_comments", _("of which inline, on a passage")),
                ("replies", _("of which replies")),
                ("pledges", _("Published pledges")),
                ("position_papers", _("Published contributions with a position paper")),
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
