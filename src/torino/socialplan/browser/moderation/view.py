"""@@moderation: the Classic UI review queue of a Plan."""

from DateTime import DateTime
from plone.protect import CheckAuthenticator
from torino.socialplan import _
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.base.states import STATE_TITLES
from torino.socialplan.browser.presentation import ContributionFilters
from torino.socialplan.browser.presentation import KIND_TITLES
from torino.socialplan.browser.presentation import options
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.consultation.moderation import acknowledge_anchor_changes
from torino.socialplan.consultation.moderation import anchor_triage
from torino.socialplan.consultation.moderation import audit_by_item
from torino.socialplan.consultation.moderation import campaigns
from torino.socialplan.consultation.moderation import describe
from torino.socialplan.consultation.moderation import KINDS
from torino.socialplan.consultation.moderation import moderate_each
from torino.socialplan.consultation.moderation import queue_entries
from torino.socialplan.consultation.moderation import REASONS
from torino.socialplan.consultation.moderation import TRANSITIONS
from torino.socialplan.consultation.moderation import TRANSITIONS_WITH_REASON
from torino.socialplan.consultation.notifications import mail_configured
from torino.socialplan.http.methods import FORM
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from urllib.parse import urlencode
from zope.i18nmessageid import Message


TRANSITION_TITLES = {
    "publish": _("Publish"),
    "reject": _("Reject"),
    "mark_as_spam": _("Mark as spam"),
}
DONE_MESSAGES = {
    "publish": _("Contributions published: ${count}."),
    "reject": _("Contributions rejected: ${count}."),
    "mark_as_spam": _("Contributions marked as spam: ${count}."),
}
CHANGE_TITLES = {
    "moved": _("Moved to another paragraph"),
    "changed": _("Words changed"),
    "orphaned": _("Passage removed: the comment is orphaned"),
    "candidate": _("The quoted words stand again elsewhere"),
}
TRIAGE_BUTTONS = {
    "acknowledge": "seen",
    "accept_candidate": "accept",
    "dismiss_candidate": "dismiss",
}
TRIAGE_ANCHOR = "anchor-triage"
CAMPAIGNS_ANCHOR = "campaigns"
CAMPAIGN_BUTTONS = ("campaign_decide", "campaign_split", "campaign_merge")


class ModerationView(ContributionFilters, SocialPlanView):
    allowed_methods = FORM

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("transition"):
            self.apply()
            self.request.response.redirect(self.url())
            return ""
        campaign_button = next(
            (b for b in CAMPAIGN_BUTTONS if self.request.form.get(b)), None
        )
        if self.request.method == "POST" and campaign_button:
            getattr(self, campaign_button)()
            self.request.response.redirect(f"{self.url()}#{CAMPAIGNS_ANCHOR}")
            return ""
        triage_button = next(
            (b for b in TRIAGE_BUTTONS if self.request.form.get(b)), None
        )
        if self.request.method == "POST" and triage_button:
            self.acknowledge(TRIAGE_BUTTONS[triage_button])
            self.request.response.redirect(f"{self.url()}#{TRIAGE_ANCHOR}")
            return ""
        return self.index()

    def mail_missing(self):
        """No mail server: nobody is notified (notifications.py)."""
        return not mail_configured()

    # Filters

    def filters(self):
        form = self.request.form
        state = form.get("review_state")
        kind = form.get("type")
        chapter = form.get("chapter")
        return {
            "review_state": state if state in CONTRIBUTION_STATES else "pending",
            "type": kind if kind in KINDS else "",
            "chapter": chapter if isinstance(chapter, str) else "",
        }

    def url(self, **extra):
        query = {k: v for k, v in {**self.filters(), **extra}.items() if v}
        return f"{self.context.absolute_url()}/@@moderation?{urlencode(query)}"

    def state_options(self):
        current = self.filters()["review_state"]
        return options(CONTRIBUTION_STATES, STATE_TITLES, current)

    def reason_options(self):
        return [{"value": token, "title": title} for token, title in REASONS]

    def transitions(self):
        return [
            {
                "value": t,
                "title": TRANSITION_TITLES[t],
                "takes_reason": t in TRANSITIONS_WITH_REASON,
            }
            for t in TRANSITIONS
        ]

    # The queue

    def batch(self):
        filters = self.filters()
        return self.batched(
            queue_entries,
            review_state=filters["review_state"],
            kind=filters["type"] or None,
            chapter=filters["chapter"] or None,
        )

    def rows(self, batch):
        audit = audit_by_item(self.context)
        return [self.row(describe(brain, audit)) for brain in batch]

    def row(self, item):
        return {
            **item,
            "type_title": KIND_TITLES[item["type"]],
            "state_title": STATE_TITLES.get(item["review_state"], item["review_state"]),
            "organization_type_title": self.term_title(
                ORGANIZATION_TYPES_VOCABULARY, item["organization_type"]
            ),
            "created_label": self.format_datetime(_parse(item["created"])),
            "name": " ".join(filter(None, (item["first_name"], item["last_name"])))
            or item["author_name"],
            "audit": [self.audit_row(entry) for entry in reversed(item["audit"])],
        }

    def audit_row(self, entry):
        return {
            "when": self.format_datetime(_parse(entry["when"])),
            "when_iso": entry["when"],
            "who": entry.get("who_name") or entry["who"],
            "transition": TRANSITION_TITLES.get(
                entry["transition"], entry["transition"]
            ),
            "from": STATE_TITLES.get(entry["from"], entry["from"]),
            "to": STATE_TITLES.get(entry["to"], entry["to"]),
            "reason": dict(REASONS).get(entry["reason"]) if entry["reason"] else None,
            "note": entry["note"],
        }

    # Bulk actions

    def apply(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        transition = form.get("transition")
        # One reason list serves all buttons: it means nothing for publishing.
        reason = form.get("reason") if transition in TRANSITIONS_WITH_REASON else None
        self.act(
            lambda: moderate_each(
                self.context,
                form.get("items") or [],
                transition,
                reason=reason or None,
                note=form.get("note") or None,
            ),
            lambda changes: Message(
                DONE_MESSAGES[transition], mapping={"count": len(changes)}
            ),
        )

    # Campaigns

    def campaign_rows(self):
        state = self.filters()["review_state"]
        rows = []
        for group in campaigns.campaign_groups(self.context, review_state=state):
            rows.append(
                {
                    **group,
                    "states_label": ", ".join(
                        f"{self.translate(STATE_TITLES.get(s, s))}: {n}"
                        for s, n in sorted(group["states"].items())
                    ),
                    "decision_title": TRANSITION_TITLES.get(
                        (group["decision"] or {}).get("transition")
                    ),
                }
            )
        return rows

    def _campaign_id(self):
        try:
            return int(self.request.form.get("campaign"))
        except (TypeError, ValueError):
            return None

    def campaign_decide(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        transition = form.get("transition_all")
        reason = form.get("reason") if transition in TRANSITIONS_WITH_REASON else None
        self.act(
            lambda: campaigns.decide_campaign(
                self.context,
                self._campaign_id(),
                transition,
                reason=reason or None,
                note=form.get("note") or None,
            ),
            lambda changes: Message(
                DONE_MESSAGES.get(transition, DONE_MESSAGES["publish"]),
                mapping={"count": len(changes)},
            ),
        )

    def campaign_split(self):
        CheckAuthenticator(self.request)
        self.act(
            lambda: campaigns.split_campaign(
                self.context, self.request.form.get("campaign_items") or []
            ),
            lambda gid: _("Put apart in a campaign of their own."),
        )

    def campaign_merge(self):
        CheckAuthenticator(self.request)
        ids = []
        for value in self.request.form.get("campaigns") or []:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        self.act(
            lambda: campaigns.merge_campaigns(self.context, ids),
            lambda gid: _("Campaigns merged."),
        )

    # Inline comments affected by edits

    def triage_rows(self):
        return [self.triage_row(item) for item in anchor_triage(self.context)]

    def triage_row(self, item):
        paragraph = item["paragraph_text"]
        if item["passage"] is not None:
            start, end = item["start"], item["end"]
            now = (paragraph[:start], item["passage"], paragraph[end:])
        else:
            now = None
        candidate = item["candidate"]
        if candidate is not None:
            text, start, end = (
                candidate["paragraph_text"],
                candidate["start"],
                candidate["end"],
            )
            candidate = {
                **candidate,
                "parts": (text[:start], text[start:end], text[end:]),
            }
        return {
            **item,
            "change_title": CHANGE_TITLES.get(item["kind"], item["kind"]),
            "state_title": STATE_TITLES.get(item["review_state"], item["review_state"]),
            "date_iso": item["date"].isoformat(timespec="seconds"),
            "date_label": self.format_datetime(item["date"]),
            "comment_url": f"{item['content']['@id']}#comment-{item['comment_id']}",
            # Before, inside and after the passage, to mark it.
            "now": now,
            "candidate": candidate,
        }

    def acknowledge(self, action="seen"):
        CheckAuthenticator(self.request)
        messages = {
            "seen": _("Marked as seen: ${count}."),
            "accept": _("Placed where their words stand again: ${count}."),
            "dismiss": _("Suggested places dismissed: ${count}."),
        }
        self.act(
            lambda: acknowledge_anchor_changes(
                self.context, self.request.form.get("seen") or [], action
            ),
            lambda seen: Message(messages[action], mapping={"count": len(seen)}),
        )


def _parse(value):
    return DateTime(value).asdatetime()
