"""The rows of an export: every comment, reply and Pledge of a Plan that the
current user may export, oldest first, as plain dicts (see __init__)."""

from AccessControl import getSecurityManager
from dataclasses import dataclass
from DateTime import DateTime
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.dexterity.content import ASSIGNABLE_CACHE_KEY
from torino.socialplan import _
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.window import zope_datetime_in_rome
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import may_view_email
from torino.socialplan.consultation.public_view import contribution_view
from torino.socialplan.consultation.public_view import Reading
from torino.socialplan.content.action import code_key
from torino.socialplan.interfaces import CONVERSATION
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.intid.interfaces import IIntIds


COMMENT_TYPE = "Discussion Item"
PLEDGE_TYPE = "Pledge"
CONTRIBUTION_TYPES = frozenset((COMMENT_TYPE, PLEDGE_TYPE))

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
    ("position_paper", _("Position paper")),
    ("campaign", _("Campaign")),
)
EMAIL_COLUMN = "email"
# What an export reads of a contribution, where its kind's allow-list and
# the audience allow it (the e-mail address under each kind's own name).
EXPORTED_FIELDS = frozenset(
    (
        "first_name",
        "last_name",
        "organization",
        "organization_type",
        "outcome",
        "outcome_motivation",
        "in_reply_to",
        "anchor",
        "current_text",
        "paragraph",
        "orphaned",
        "text",
        "contribution",
        "resources",
        "position_paper",
        "author_email",
        "email",
    )
)
STATE_COLUMN = "state"
# Moderators' only, as the state: which campaign a contribution is in.
CAMPAIGN_COLUMN = "campaign"


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
            and (key not in (STATE_COLUMN, CAMPAIGN_COLUMN) or self.all_states)
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
        self.campaigns = (
            campaign_index(plan, create=False) if audience.all_states else None
        )
        self.count = 0
        self._contents = {}  # path: the commented objects of a window
        self.reading = Reading()  # each text's paragraphs, read once
        self._fields = {}  # kind name: the fields exported

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

    def fields(self, kind):
        """The fields of ``kind`` this audience may read and an export shows:
        its allow-list, as consultation/public_view.py reads it."""
        if kind.name not in self._fields:
            if self.audience.emails:
                allowed = kind.moderator_fields
            elif self.audience.all_states:
                allowed = tuple(
                    name for name in kind.moderator_fields if name != kind.email_field
                )
            else:
                allowed = kind.public_fields
            self._fields[kind.name] = tuple(
                name for name in allowed if name in EXPORTED_FIELDS
            )
        return self._fields[kind.name]

    def row(self, brain, obj):
        kind = kind_of(obj)
        values = contribution_view(obj, self.fields(kind), self.reading)
        if IComment.providedBy(obj):
            row = self._comment(brain, obj, values)
        else:
            row = self._pledge(obj, values)
        row.update(
            id=brain.getURL(),
            plan={"id": self.plan_url, "title": self.plan_title},
            created=zope_datetime_in_rome(brain.created),
            state=brain.review_state if self.audience.all_states else None,
            first_name=values.get("first_name") or "",
            last_name=values.get("last_name") or "",
            organization=values.get("organization") or "",
            organization_type=_token(values.get("organization_type")) or "",
            outcome=_token(values.get("outcome")),
            outcome_motivation=values.get("outcome_motivation"),
            email=(values.get(kind.email_field) or "")
            if self.audience.emails
            else None,
            # Where to download its paper (the public export has published
            # contributions only, so published papers only), or None.
            position_paper=(values.get("position_paper") or {}).get("url"),
            campaign=self._campaign(brain),
        )
        return row

    def _campaign(self, brain):
        """The id of the contribution's campaign (moderators), or None."""
        if self.campaigns is None:
            return None
        member = self.campaigns.member(brain.getPath()[len(self.plan_path) + 1 :])
        return member.group if member is not None else None

    def _comment(self, brain, obj, values):
        url = brain.getURL()
        content_url = url.rsplit("/", 2)[0]
        place = self.places.get(brain.getPath().rsplit("/", 2)[0]) or Place(content_url)
        anchor = values.get("anchor")
        if anchor:
            position = anchor.get("position")
            anchor = {
                "exact": anchor.get("exact") or "",
                "prefix": anchor.get("prefix") or "",
                "suffix": anchor.get("suffix") or "",
                "position": dict(position) if position else None,
            }
        in_reply_to = values.get("in_reply_to")
        text = values.get("text")
        return {
            "kind": "reply" if in_reply_to else "comment",
            "about": content_url,
            "chapters": place.chapters,
            "actions": [place.action] if place.action else [],
            "in_reply_to": (
                f"{content_url}/{CONVERSATION}/{in_reply_to}" if in_reply_to else None
            ),
            "anchor": anchor,
            "passage_now": values.get("current_text") if anchor else None,
            "paragraph": values.get("paragraph"),
            "orphaned": values.get("orphaned") if anchor else None,
            "text": text.raw if text else "",
            "resources": None,
        }

    def _pledge(self, obj, values):
        # Where a Pledge is: the Actions it names, by intid (no wake-up).
        places = []
        for relation in obj.actions or ():
            place = self.actions_by_intid.get(getattr(relation, "to_id", None))
            if place is not None and place not in places:
                places.append(place)
        places.sort(key=lambda place: code_key(place.action["code"]))
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
            "text": values.get("contribution") or "",
            "resources": [
                {key: row.get(key) or "" for key in ("kind", "description", "value")}
                for row in values.get("resources") or ()
            ],
        }


def _token(term):
    return term.token if term else None


def contributions(plan, who=None):
    return Contributions(plan, who or audience(plan))


# Writing
