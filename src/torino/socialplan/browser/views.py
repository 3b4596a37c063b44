"""Classic UI views of the five types: what a citizen reads.

The views only read content and the consultation core; dates and durations
are formatted with babel for the negotiated language, in Europe/Rome.
"""

from babel.lists import format_list
from babel.units import format_unit
from datetime import date
from datetime import datetime
from plone import api
from torino.socialplan import _
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import CLOSED
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.base.window import OPEN
from torino.socialplan.base.window import UPCOMING
from torino.socialplan.base.window import zope_datetime_in_rome
from torino.socialplan.browser.comments.markers import body_with_markers
from torino.socialplan.browser.presentation import paper_label
from torino.socialplan.browser.presentation import SocialPlanView
from torino.socialplan.consultation.pledges import list_pledges
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.consultation.public_view import public_view
from torino.socialplan.consultation.public_view import Reading
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.interfaces import ICommentableText
from torino.socialplan.vocabularies import ACTION_STATUSES_VOCABULARY
from torino.socialplan.vocabularies import EU_AREAS_VOCABULARY
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY


WINDOW_HEADINGS = {
    UPCOMING: _("The consultation has not opened yet"),
    OPEN: _("The consultation is open"),
    CLOSED: _("The consultation is closed"),
}


def _as_date(value):
    """A data grid date cell as a date (grids may hold datetimes or ISO text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _lines(text):
    """Non-empty lines of a plain-text field, for <br>-separated output."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PageView(SocialPlanView):
    """The page of one of the five types."""

    def text_html(self):
        if ICommentableText.providedBy(self.context):
            # As stored with paragraph ids, a comment marker on each.
            return body_with_markers(self.context, self.request)
        text = getattr(self.context, "text", None)
        if text is None:
            return None
        return text.output_relative_to(self.context) or None


class PlanView(PageView):
    def changes_published(self):
        """Once the outcomes are published, the page leads to how the Plan
        changed."""
        return stored_stage(self.context) == OUTCOMES_PUBLISHED

    def window(self):
        status = self.context.window()
        info = {
            "state": status.state,
            "heading": WINDOW_HEADINGS[status.state],
            "start": None,
            "end": None,
            "time_left": None,
        }
        for key in ("start", "end"):
            value = getattr(status, key)
            if value is not None:
                info[key] = {
                    # HTML allows at most milliseconds in a <time> value.
                    "iso": value.replace(microsecond=0).isoformat(),
                    "label": self.format_datetime(value),
                }
        if status.time_left is not None:
            info["time_left"] = self.time_left(status.time_left)
        return info

    def time_left(self, delta):
        days = delta.days
        hours = delta.seconds // 3600
        parts = []
        if days:
            parts.append(self.duration(days, "day"))
        if hours:
            parts.append(self.duration(hours, "hour"))
        if not parts:
            parts.append(self.duration(max(1, delta.seconds // 60), "minute"))
        return format_list(parts, locale=self.locale())

    def phases(self):
        today = now_in_rome().date()
        rows = [row for row in self.context.phases or () if row.get("title")]
        starts = [_as_date(row.get("start")) for row in rows]
        phases = []
        for index, row in enumerate(rows):
            start = starts[index]
            end = _as_date(row.get("end"))
            # An open-ended phase lasts until the next one starts.
            next_start = next((s for s in starts[index + 1 :] if s), None)
            current = bool(
                start
                and start <= today
                and (today <= end if end else not next_start or today < next_start)
            )
            phases.append(
                {
                    "title": row.get("title"),
                    "description": row.get("description"),
                    "start": start
                    and {
                        "iso": start.isoformat(),
                        "label": self.format_date(start),
                    },
                    "end": end
                    and {"iso": end.isoformat(), "label": self.format_date(end)},
                    "current": current,
                }
            )
        return phases

    def promoters(self):
        return self.related(self.context.promoters)

    def draft(self):
        draft = self.context.draft_pdf
        if not draft or not draft.getSize():
            return None
        size = draft.getSize()
        if size >= 1024 * 1024:
            value, unit = round(size / 1024 / 1024, 1), "digital-megabyte"
        else:
            value, unit = max(1, round(size / 1024)), "digital-kilobyte"
        label = format_unit(value, unit, length="short", locale=self.locale())
        return {
            "url": f"{self.context.absolute_url()}/@@download/draft_pdf",
            "size": label,
        }

    def chapters(self):
        # The catalog filters by View and spares loading the Plan's pledges.
        brains = api.content.find(
            context=self.context,
            depth=1,
            portal_type="Chapter",
            sort_on="getObjPositionInParent",
        )
        chapters = []
        for brain in brains:
            chapter = brain.getObject()
            chapters.append(
                {
                    "title": chapter.Title(),
                    "url": chapter.absolute_url(),
                    "actions": self.viewable_actions(chapter.actions()),
                }
            )
        return chapters


class ChapterView(PageView):
    def actions(self):
        return self.viewable_actions(self.context.actions())

    def neighbours(self):
        """The previous and next chapters of the Plan a reader may view
        ({title, url} or None each), and the Plan's contents."""
        if not hasattr(self, "_neighbours"):
            plan = containing_plan(self.context)
            chapters = []
            if plan is not None:
                chapters = api.content.find(
                    context=plan,
                    depth=1,
                    portal_type="Chapter",
                    sort_on="getObjPositionInParent",
                )
            paths = [brain.getPath() for brain in chapters]
            here = "/".join(self.context.getPhysicalPath())
            index = paths.index(here) if here in paths else None

            def link(position):
                if index is None or not 0 <= position < len(chapters):
                    return None
                brain = chapters[position]
                return {"title": brain.Title, "url": brain.getURL()}

            self._neighbours = {
                "previous": link(index - 1) if index is not None else None,
                "next": link(index + 1) if index is not None else None,
                "contents": (
                    f"{plan.absolute_url()}#socialplan-toc"
                    if plan is not None
                    else None
                ),
            }
        return self._neighbours


class ActionView(PageView):
    def status(self):
        return self.term_title(ACTION_STATUSES_VOCABULARY, self.context.status)

    def leads(self):
        return self.related(self.context.lead_institutions)

    def areas(self):
        return [
            self.term_title(EU_AREAS_VOCABULARY, token)
            for token in self.context.eu_recommendation_areas or ()
        ]

    def partners(self):
        return [row for row in self.context.partners or () if row.get("organization")]

    def _date_cell(self, value):
        value = _as_date(value)
        return value and {"iso": value.isoformat(), "label": self.format_date(value)}

    def indicators(self):
        return [
            dict(row, deadline=self._date_cell(row.get("deadline")))
            for row in self.context.indicators or ()
            if row.get("name")
        ]

    def milestones(self):
        return [
            dict(
                row,
                due_date=self._date_cell(row.get("due_date")),
                done_label=self.translate(_("Yes") if row.get("done") else _("No")),
            )
            for row in self.context.milestones or ()
            if row.get("title")
        ]

    def funding_sources(self):
        return _lines(self.context.funding_sources)

    def is_published(self):
        return api.content.get_state(self.context, default=None) == "published"

    def pledges(self):
        """The published Pledges naming this Action, public fields only.

        Shown on the published Action only: its draft pages stay as editors
        wrote them.
        """
        pledges = []
        if not self.is_published():
            return pledges
        reading = Reading()
        for brain in list_pledges(self.context, review_state="published"):
            data = public_view(brain.getObject(), reading)
            created = zope_datetime_in_rome(data["created"])
            pledges.append(
                {
                    "name": " ".join(
                        filter(None, (data["first_name"], data["last_name"]))
                    ),
                    "organization": data["organization"],
                    "organization_type": data["organization_type"]
                    and self.translate(data["organization_type"].title),
                    "contribution": _lines(data["contribution"]),
                    # The promoters' answer, public beside the pledge.
                    "outcome": data["outcome"]
                    and self.translate(data["outcome"].title),
                    "outcome_motivation": data.get("outcome_motivation"),
                    "paper": data["position_paper"]
                    and dict(
                        data["position_paper"],
                        label=paper_label(data["position_paper"], self.request),
                    ),
                    "resources": data["resources"],
                    "created": {
                        "iso": as_rome(created).replace(microsecond=0).isoformat(),
                        "label": self.format_date(as_rome(created).date()),
                    },
                }
            )
        return pledges

    def pledge_form_url(self):
        """The pledge form, while the consultation is open and the Action is
        published (pledges may name published Actions only)."""
        plan = containing_plan(self.context)
        if plan is None or not plan.window().is_open:
            return None
        if not self.is_published():
            return None
        return f"{self.context.absolute_url()}/@@pledge"


class InstitutionView(PageView):
    def logo(self):
        if not self.context.logo:
            return None
        images = api.content.get_view("images", self.context, self.request)
        return images.tag("logo", scale="preview", alt=self.context.Title())

    def address(self):
        return _lines(self.context.address)

    def phone_href(self):
        phone = self.context.phone or ""
        digits = "".join(c for c in phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else None

    def actions(self):
        return [self.action_summary(a) for a in self.context.led_actions()]


class PledgeView(PageView):
    def organization_type(self):
        return self.term_title(
            ORGANIZATION_TYPES_VOCABULARY, self.context.organization_type
        )

    def actions(self):
        return self.related(self.context.actions)

    def contribution(self):
        return _lines(self.context.contribution)

    def resources(self):
        return [row for row in self.context.resources or () if row.get("kind")]

    def email(self):
        """The contributor's address, only for who may read it (never public)."""
        if not may_view_email(self.context):
            return None
        return self.context.email
