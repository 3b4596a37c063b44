"""@@consultation-report (promoters' editors, moderators, Manager) and
@@consultation-results (everyone, once the consultation has closed).

Both show the figures and charts of the published contributions, then the
contributions grouped by chapter and action, filterable and batched. The
report also lists what is not published to those who may moderate, with
e-mail addresses to those who may read them; the results page shows
published contributions and their public fields only.
"""

from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.base import permissions
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.states import STATE_TITLES
from torino.socialplan.base.window import CLOSED
from torino.socialplan.browser.report.figures import ChartsMixin
from torino.socialplan.browser.report.listing import ListingMixin
from torino.socialplan.browser.report.terms import _tokens
from torino.socialplan.browser.views import PlanView
from torino.socialplan.consultation import statistics
from torino.socialplan.consultation.campaigns.summary import report_campaigns
from torino.socialplan.consultation.exports import formats
from torino.socialplan.consultation.exports import writer_for
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.consultation.statistics import NO_OUTCOME
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY


class ReportBase(ChartsMixin, ListingMixin, PlanView):
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

    def campaigns(self):
        """Campaigns among the published contributions (one representative,
        the count, what members added)."""
        return report_campaigns(self.context, [e.path for e in self.published])

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
        if stored_stage(self.context):
            links.append({"url": f"{url}/@@synopsis", "title": _("Synopsis report")})
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
