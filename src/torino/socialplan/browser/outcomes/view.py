"""@@outcomes: the Classic UI where the promoters answer the published
contributions of a Plan, one by one or for a selection."""

from plone.protect import CheckAuthenticator
from torino.socialplan import _
from torino.socialplan.browser.presentation import ContributionFilters
from torino.socialplan.browser.presentation import KIND_TITLES
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.consultation.changes import linked_changes
from torino.socialplan.consultation.changes import TAKEN_IN
from torino.socialplan.consultation.moderation import KINDS
from torino.socialplan.consultation.outcomes import MOTIVATION_MAX_LENGTH
from torino.socialplan.consultation.outcomes import NO_OUTCOME
from torino.socialplan.consultation.outcomes import outcome_item
from torino.socialplan.consultation.outcomes import outcome_vocabulary
from torino.socialplan.consultation.outcomes import published_entries
from torino.socialplan.consultation.outcomes import record_outcomes
from torino.socialplan.http.methods import FORM
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from urllib.parse import urlencode
from zope.i18nmessageid import Message

import datetime


class OutcomesView(ContributionFilters, SocialPlanView):
    allowed_methods = FORM

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and ("apply" in form or "save_one" in form):
            self.apply()
            self.request.response.redirect(self.url())
            return ""
        return self.index()

    # Filters

    def filters(self):
        form = self.request.form
        kind = form.get("type")
        chapter = form.get("chapter")
        outcome = form.get("outcome")
        tokens = {term.token for term in outcome_vocabulary(self.context)}
        return {
            "type": kind if kind in KINDS else "",
            "chapter": chapter if isinstance(chapter, str) else "",
            "outcome": outcome if outcome in tokens | {NO_OUTCOME} else "",
        }

    def url(self, **extra):
        query = {k: v for k, v in {**self.filters(), **extra}.items() if v}
        suffix = f"?{urlencode(query)}" if query else ""
        return f"{self.context.absolute_url()}/@@outcomes{suffix}"

    def outcome_options(self, current=None):
        return [
            {
                "value": term.token,
                "title": term.title,
                "selected": term.token == current,
            }
            for term in outcome_vocabulary(self.context)
        ]

    def filter_outcome_options(self):
        current = self.filters()["outcome"]
        return [
            {
                "value": NO_OUTCOME,
                "title": _("Without an outcome yet"),
                "selected": current == NO_OUTCOME,
            },
            *self.outcome_options(current),
        ]

    def motivation_max_length(self):
        return MOTIVATION_MAX_LENGTH

    def select_all(self):
        """Without JavaScript, "select all" is a link that ticks every box."""
        return self.request.form.get("select") == "all"

    # The list

    def batch(self):
        filters = self.filters()
        return self.batched(
            published_entries,
            kind=filters["type"] or None,
            chapter=filters["chapter"] or None,
            outcome=filters["outcome"] or None,
        )

    def rows(self, batch):
        rows = []
        for index, brain in enumerate(batch):
            obj = brain._unrestrictedGetObject()
            row = self.row(index, outcome_item(obj))
            links = linked_changes(obj)
            row["changes_count"] = len(links)
            # Taken in, yet tied to no change of the text: flagged.
            row["unlinked"] = row["outcome_token"] in TAKEN_IN and not links
            rows.append(row)
        return rows

    def row(self, index, item):
        outcome = item["outcome"]["token"] if item["outcome"] else None
        created = datetime.datetime.fromisoformat(item["created"])
        return {
            **item,
            "index": index,
            "type_title": KIND_TITLES[item["type"]],
            "organization_type_title": self.term_title(
                ORGANIZATION_TYPES_VOCABULARY, item["organization_type"]
            ),
            "created_label": self.format_datetime(created),
            "name": " ".join(filter(None, (item["first_name"], item["last_name"]))),
            "outcome_token": outcome,
            "outcome_title": item["outcome"]["title"] if item["outcome"] else None,
            "outcome_options": self.outcome_options(outcome),
            "outcome_date_label": (
                self.format_datetime(item["outcome_date"])
                if item["outcome_date"]
                else None
            ),
        }

    # Recording

    def apply(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        if "save_one" in form:
            index = form.get("save_one")
            ids = [form.get(f"row_id_{index}")]
            outcome = form.get(f"row_outcome_{index}")
            motivation = form.get(f"row_motivation_{index}")
        else:
            ids = form.get("items") or []
            # "outcome" is the list's filter, kept across the POST.
            outcome = form.get("new_outcome")
            motivation = form.get("motivation")
        done = (
            _("Outcome recorded for ${count} contributions.")
            if outcome
            else _("Outcome cleared for ${count} contributions.")
        )
        self.act(
            lambda: record_outcomes(
                self.context, ids, outcome or None, motivation or None
            ),
            lambda updated: Message(done, mapping={"count": len(updated)}),
        )
