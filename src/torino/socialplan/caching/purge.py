"""The paths a change shows on, for plone.cachepurging.

A text's paths are its page under every URL it answers to (``/``, ``view``,
``@@view``), the same through ``++api++`` and the REST GETs cached with it
(``@comments``; a Plan's ``@consultation``, ``@pledges`` and results page; an
Action's ``@pledges``). A comment purges its text and the Plan (whose counts
move); a pledge purges the Plan and each Action it names (their pledge
lists); an edit of a text purges the text, the text that lists it and the
Plan, and an Action's lead bodies (their pages list it).

Paths are relative: plone.cachepurging rewrites them for virtual hosting and
sends one PURGE per path to each caching proxy. The HTML page and its JSON
answer share a URL (``Accept`` decides); the VCL purges every variant of a
path, query strings included (``?comments_start=``).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.discussion.interfaces import IComment
from torino.socialplan.content.action import IAction
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.institution import related_from
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.interfaces import ICommentableText
from z3c.caching.interfaces import IPurgePaths
from zope.component import adapter
from zope.interface import implementer


PAGE_VIEWS = ("", "/", "/view", "/@@view")
PLAN_VIEWS = ("/consultation-results", "/@@consultation-results")
# REST GETs cached with a text (lookup.py), by the interface that has them;
# each also through ++api++.
GET = ("", "/")
TEXT_ENDPOINTS = ("/@comments",)
PLAN_ENDPOINTS = ("/@consultation", "/@pledges")
ACTION_ENDPOINTS = ("/@pledges",)


def _targets(relations):
    for relation in relations or ():
        target = getattr(relation, "to_object", None)
        if target is not None:
            yield target


def object_paths(obj):
    """The paths of ``obj``'s page and of its cached REST GETs."""
    portal = api.portal.get()
    site_path = portal.getPhysicalPath()
    physical = obj.getPhysicalPath()
    if physical[: len(site_path)] != site_path:
        return []
    base = "/" + obj.virtual_url_path()
    relative = "/".join(physical[len(site_path) :])
    api_base = "/" + "/".join(
        part for part in (portal.virtual_url_path(), "++api++", relative) if part
    )
    views = list(PAGE_VIEWS)
    endpoints = list(GET)
    if ICommentableText.providedBy(obj):
        endpoints += TEXT_ENDPOINTS
    if IPlan.providedBy(obj):
        views += PLAN_VIEWS
        endpoints += PLAN_ENDPOINTS
    if IAction.providedBy(obj):
        endpoints += ACTION_ENDPOINTS
    paths = [base + suffix for suffix in views + endpoints]
    paths += [api_base + suffix for suffix in endpoints]
    return list(dict.fromkeys(paths))


def _paths(*objects):
    seen = {}
    for obj in objects:
        if obj is None:
            continue
        for path in object_paths(obj):
            seen.setdefault(path, None)
    return list(seen)


class BasePurgePaths:
    def __init__(self, context):
        self.context = context

    def related(self):
        return ()

    def getRelativePaths(self):
        return _paths(*self.related())

    def getAbsolutePaths(self):
        return []


@implementer(IPurgePaths)
@adapter(ICommentableText)
class TextPurgePaths(BasePurgePaths):
    """A text, the text that lists it, its Plan; an Action's lead bodies."""

    def related(self):
        text = self.context
        parent = aq_parent(aq_inner(text))
        related = [text]
        if ICommentableText.providedBy(parent):
            related.append(parent)
        related.append(containing_plan(text))
        if IAction.providedBy(text):
            related += _targets(getattr(text, "lead_institutions", None))
        return related


@implementer(IPurgePaths)
@adapter(IInstitution)
class InstitutionPurgePaths(BasePurgePaths):
    """An Institution's page and the Actions it leads (they name it)."""

    def related(self):
        return [self.context, *related_from(self.context, "lead_institutions")]


def commented_text(comment):
    """The content a comment belongs to (comment → conversation → content)."""
    conversation = aq_parent(aq_inner(comment)) or getattr(comment, "__parent__", None)
    if conversation is None:
        return None
    return aq_parent(aq_inner(conversation)) or getattr(
        conversation, "__parent__", None
    )


@implementer(IPurgePaths)
@adapter(IComment)
class CommentPurgePaths(BasePurgePaths):
    """A comment shows on its text, and in its Plan's counts."""

    def related(self):
        text = commented_text(self.context)
        if text is None or not ICommentableText.providedBy(text):
            return ()
        return [text, containing_plan(text)]


@implementer(IPurgePaths)
@adapter(IPledge)
class PledgePurgePaths(BasePurgePaths):
    """A pledge shows on its Plan (counts, @pledges) and on each Action it
    names."""

    def related(self):
        plan = containing_plan(self.context)
        return [plan, *_targets(getattr(self.context, "actions", None))]
