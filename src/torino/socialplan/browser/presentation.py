"""What the Classic views of the add-on share: dates and durations with
babel in the negotiated language on the Europe/Rome clock, vocabulary titles,
links to related content the user may view."""

from babel import Locale
from babel import UnknownLocaleError
from babel.dates import format_date
from babel.dates import format_time
from babel.units import format_unit
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from torino.socialplan import _
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import KINDS
from torino.socialplan.http.methods import AllowedMethods
from torino.socialplan.vocabularies import ACTION_STATUSES_VOCABULARY
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


class SocialPlanView(AllowedMethods, BrowserView):
    """Helpers shared by the views of the five types."""

    def locale(self):
        """The negotiated language's babel locale; English without a
        country is British English (babel's "en" is American: "December 4,
        2026, 5:32 AM" where readers in Turin expect "4 December 2026, 05:32")."""
        lang = api.portal.get_current_language(context=self.context) or "en"
        lang = lang.replace("-", "_")
        if lang.lower() == "en":
            lang = "en_GB"
        try:
            return Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            return Locale("en", "GB")

    def format_datetime(self, value):
        """``value`` on the consultation's clock: "25 febbraio 2025, 09:00"."""
        value = as_rome(value)
        locale = self.locale()
        day = format_date(value, format="long", locale=locale)
        return f"{day}, {format_time(value, format='short', locale=locale)}"

    def format_date(self, value):
        return format_date(value, format="long", locale=self.locale())

    def duration(self, value, unit):
        """``value`` days/hours/minutes, spelled out in the request language."""
        locale = self.locale()
        text = format_unit(value, f"duration-{unit}", length="long", locale=locale)
        # Some CLDR locales (Italian) lack long day patterns: babel then
        # returns the unit id, so fall back to the short form.
        if "duration-" in text:
            text = format_unit(value, f"duration-{unit}", length="short", locale=locale)
        return text

    def translate(self, msgid):
        return translate(msgid, context=self.request)

    def say_errors(self, error):
        """A ContributionError's messages, as error status messages."""
        for _field, message in error.messages(self.request):
            IStatusMessage(self.request).add(message, type="error")

    def act(self, action, done):
        """Run ``action()``; then say ``done(its result)`` (a message), or
        the errors it raised."""
        try:
            result = action()
        except ContributionError as error:
            self.say_errors(error)
            return
        IStatusMessage(self.request).add(self.translate(done(result)), type="info")

    def term_title(self, vocabulary, token):
        factory = queryUtility(IVocabularyFactory, name=vocabulary)
        if factory is None or not token:
            return token
        try:
            term = factory(self.context).getTerm(token)
        except LookupError:
            return token
        return self.translate(term.title)

    @staticmethod
    def can_view(obj):
        return obj is not None and api.user.has_permission("View", obj=obj)

    def related(self, relations):
        """The targets of a relation list the user may view, as links."""
        links = []
        for relation in relations or ():
            target = getattr(relation, "to_object", None)
            if self.can_view(target):
                links.append({"title": target.Title(), "url": target.absolute_url()})
        return links

    def action_summary(self, action):
        return {
            "code": action.code,
            "title": action.Title(),
            "url": action.absolute_url(),
            "description": action.Description(),
            "status": self.term_title(ACTION_STATUSES_VOCABULARY, action.status),
            "status_token": action.status,
            "leads": self.related(action.lead_institutions),
        }

    def viewable_actions(self, actions):
        return [self.action_summary(a) for a in actions if self.can_view(a)]


# The moderation queue and the outcomes list.
PAGE_SIZE = 30
KIND_TITLES = {"comment": _("Comment"), "pledge": _("Pledge")}


# A position paper's type as a reader knows it.
PAPER_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


def paper_label(paper, request):
    """ "PDF, 120 kB": a position paper's type and size, in the request's
    language."""
    lang = api.portal.get_current_language() or "en"
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    kilobytes = max(1, round(paper["size"] / 1000))
    size = format_unit(kilobytes, "digital-kilobyte", length="short", locale=locale)
    kind = PAPER_TYPES.get(paper["content_type"], paper["content_type"])
    return translate(
        _("${type}, ${size}", mapping={"type": kind, "size": size}), context=request
    )


def options(values, titles, current):
    """A select's options: value, translated title (a message), selected."""
    return [
        {"value": value, "title": titles[value], "selected": value == current}
        for value in values
    ]


class ContributionFilters:
    """The type and chapter filters shared by the moderation queue and the
    outcomes list (both read ``self.filters()``)."""

    def type_options(self):
        return options(KINDS, KIND_TITLES, self.filters()["type"])

    def chapter_options(self):
        current = self.filters()["chapter"]
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type="Chapter",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            sort_on="getObjPositionInParent",
        )
        return [
            {"value": b.UID, "title": b.Title, "selected": current == b.UID}
            for b in brains
        ]

    def batched(self, find, **query):
        """A page of what ``find(plan, **query)`` lists (PAGE_SIZE items from
        the ``b_start`` asked for); a filter the core refuses is said as an
        error message above an empty list."""
        try:
            entries = find(self.context, **query)
        except ContributionError as error:
            self.say_errors(error)
            entries = []
        try:
            b_start = max(int(self.request.form.get("b_start", 0)), 0)
        except (TypeError, ValueError):
            b_start = 0
        return Batch(entries, PAGE_SIZE, b_start)
