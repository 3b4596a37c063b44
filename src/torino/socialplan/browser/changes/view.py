"""@@how-the-plan-changed ("Com'è cambiato il Piano") on a Plan or a Chapter:
the consulted text against the text to be approved, word by word, each change
with the contributions whose passage it touched, their outcome and
motivation. Public once the outcomes are published (anyone who may view the
page); before, for those who read the consultation report."""

from AccessControl import Unauthorized
from plone.protect import CheckAuthenticator
from torino.socialplan import _
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.browser.report.figures import labelled_outcome_figures
from torino.socialplan.browser.report.figures import percent
from torino.socialplan.consultation import changes
from torino.socialplan.consultation import plan_stages
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.http.methods import FORM

import re


FROM_CONTRIBUTIONS = changes.FROM_CONTRIBUTIONS
CHANGED_NOTHING = changes.CHANGED_NOTHING


def anchor_id(key):
    """An HTML id for a change key (uid:start-end)."""
    return "change-" + re.sub(r"[^0-9A-Za-z_-]", "-", key)


class ChangesView(SocialPlanView):
    allowed_methods = FORM

    def __call__(self):
        if not changes.may_see_changes(self.context):
            raise Unauthorized("The comparison is public once outcomes are published.")
        self.plan = containing_plan(self.context)
        if self.request.method == "POST":
            self.relink()
            self.request.response.redirect(self.filter_url(self.show()))
            return ""
        self.comparison = changes.plan_comparison(self.context)
        return self.index()

    def show(self):
        """The filter asked for (``?show=``); an unknown one shows all."""
        wanted = self.request.form.get("show")
        return wanted if wanted in changes.SHOW else ""

    def filters(self):
        """The filter links: (value, label), the page's first."""
        return (
            ("", _("All changes")),
            (FROM_CONTRIBUTIONS, _("Only changes that came from contributions")),
            (CHANGED_NOTHING, _("Only contributions that changed nothing")),
        )

    def published(self):
        return plan_stages.stage(self.plan) == OUTCOMES_PUBLISHED

    def is_plan(self):
        return self.context is self.plan or self.context.portal_type == "Plan"

    def total(self):
        return self.comparison["total"]

    def contents(self):
        """Each text: its changes (with numbers, titles, ids) and its blocks
        as HTML-ready pieces."""
        total = self.total()
        out = []
        for content in changes.shown(self.comparison, self.show())["contents"]:
            shown = []
            for change in content["shown"]:
                shown.append(
                    {
                        **change,
                        "id": f"change-{change['number']}",
                        "key_id": anchor_id(change["key"]),
                        "label": self.translate(
                            _(
                                "Change ${number} of ${total}",
                                mapping={"number": change["number"], "total": total},
                            )
                        ),
                        "previous": (
                            change["number"] - 1 if change["number"] > 1 else None
                        ),
                        "next": (
                            change["number"] + 1 if change["number"] < total else None
                        ),
                        "contributions": [
                            self.contribution(c) for c in change["contributions"]
                        ],
                    }
                )
            numbers = {
                index: change["number"]
                for index, change in enumerate(content["changes"])
            }
            out.append(
                {
                    **content,
                    "shown": shown,
                    "changed": bool(content["changes"]),
                    "blocks": [
                        [
                            {
                                "kind": kind,
                                "text": text,
                                "number": numbers.get(index),
                            }
                            for kind, text, index in block
                        ]
                        for block in content["blocks"]
                    ],
                    "untouched": [self.contribution(c) for c in content["untouched"]],
                }
            )
        return out

    def contribution(self, item):
        outcome = item.get("outcome")
        return {
            **item,
            "outcome_title": self.translate(outcome["title"]) if outcome else None,
        }

    def figures(self):
        """On the Plan's page: the shares of contributions with an outcome and
        of accepted ones linked to a change, per chapter and respondent
        type."""
        if not self.is_plan():
            return None
        return labelled_outcome_figures(self, self.plan)

    def percent(self, value):
        return percent(value)

    def may_link(self):
        return changes.may_link(self.plan)

    def relink(self):
        """A moderator accepts a proposed link (the contribution's passage
        touched the change) or takes one back."""
        if not self.may_link():
            raise Unauthorized("Only moderators link outcomes to changes.")
        CheckAuthenticator(self.request)
        form = self.request.form
        linked = "link" in form
        self.act(
            lambda: changes.relink(
                self.plan, form.get("item"), form.get("change"), linked=linked
            ),
            lambda _r: (
                _("The outcome is linked to the change.")
                if linked
                else _("The link to the change is taken back.")
            ),
        )

    def filter_url(self, show=""):
        base = f"{self.context.absolute_url()}/@@how-the-plan-changed"
        return f"{base}?show={show}" if show else base
