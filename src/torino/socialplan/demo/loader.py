"""Builds the demo site from demo/data.py (the ``demo`` profile's handler).

The content is created by the Manager who applies the profile and published,
so that a newcomer sees a Plan open for comments as soon as the site exists.
Values go through their schema fields first: a slip in data.py (a wrong
vocabulary token, a duplicate action code, a misspelt row key) stops the build
instead of storing content the edit forms would reject.

The contributions (comments and pledges) are sent as the public sends them,
through the consultation core, then published by the Manager as a moderator
would: they are validated, anchored and stored exactly as real ones.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from Acquisition import aq_parent
from contextlib import contextmanager
from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.browserlayer.utils import registered_layers
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.moderation import moderate
from torino.socialplan.content.action import IAction
from torino.socialplan.content.comment_fields import ICommentFields
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.demo import data
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.interface import directlyProvidedBy
from zope.interface import directlyProvides
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified
from zope.schema import getFieldNames
from zope.schema import getFieldNamesInOrder

import copy
import logging


logger = logging.getLogger("torino.socialplan.demo")

INSTITUTION_FIELDS = ("website", "address", "email", "phone", "editors_group")
PLAN_FIELDS = ("phases",)
ACTION_FIELDS = (
    "code",
    "objectives",
    "status",
    "eu_recommendation_areas",
    "partners",
    "indicators",
    "milestones",
    "budget",
    "funding_sources",
)


def rich_text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def rows(row_schema, items, where):
    """Data grid rows as dicts with exactly the row schema's keys."""
    names = getFieldNamesInOrder(row_schema)
    result = []
    for item in items:
        unknown = set(item) - set(names)
        if unknown:
            raise ValueError(f"{where}: unknown row keys {sorted(unknown)}")
        result.append(
            {
                name: item.get(name, copy.deepcopy(row_schema[name].default))
                for name in names
            }
        )
    return result


def checked_values(schema, context, item, names):
    """``item``'s values for ``names``, validated by ``schema`` bound to
    ``context`` (the container for an Action, so its code is checked against
    the Plan's other Actions)."""
    values = {}
    where = item.get("id", "?")
    for name in names:
        field = schema[name].bind(context)
        value = item[name] if name in item else copy.deepcopy(field.default)
        row_schema = getattr(getattr(field, "value_type", None), "schema", None)
        if row_schema is not None and value:
            value = rows(row_schema, value, f"{where}.{name}")
        field.validate(value)
        values[name] = value
    return values


def relations(targets):
    intids = getUtility(IIntIds)
    return [RelationValue(intids.getId(obj)) for obj in targets]


def publish(obj):
    if api.content.get_state(obj) != "published":
        api.content.transition(obj=obj, transition="publish")


def create(container, portal_type, item, values):
    return api.content.create(
        container=container,
        type=portal_type,
        id=item["id"],
        title=item["title"],
        description=item["description"],
        text=rich_text(item["text"]),
        **values,
    )


def build_institutions(portal):
    """The promoting bodies by id; existing ones (same id) are reused."""
    institutions = {}
    for item in data.INSTITUTIONS:
        existing = portal.get(item["id"])
        if existing is not None and IInstitution.providedBy(existing):
            logger.info("Institution %s exists: reused", item["id"])
            institutions[item["id"]] = existing
            continue
        values = checked_values(IInstitution, portal, item, INSTITUTION_FIELDS)
        obj = create(portal, "Institution", item, values)
        publish(obj)
        institutions[item["id"]] = obj
    return institutions


def build_plan(portal, institutions):
    start = now_in_rome().replace(second=0, microsecond=0)
    values = checked_values(IPlan, portal, data.PLAN, PLAN_FIELDS)
    values["consultation_start"] = start
    values["consultation_end"] = start + timedelta(days=data.PLAN_WINDOW_DAYS)
    plan = create(portal, "Plan", data.PLAN, values)
    IPlan.validateInvariants(plan)
    plan.promoters = relations(institutions[i] for i in data.PLAN["promoters"])
    # Registers the relations in the relation catalog and recomputes the
    # promoters' local roles in the security index.
    modified(plan)
    publish(plan)
    return plan


def build_chapters(plan, institutions):
    chapters, actions = [], []
    for chapter_item in data.CHAPTERS:
        chapter = create(plan, "Chapter", chapter_item, {})
        publish(chapter)
        chapters.append(chapter)
        for item in chapter_item["actions"]:
            values = checked_values(IAction, chapter, item, ACTION_FIELDS)
            action = create(chapter, "Action", item, values)
            action.lead_institutions = relations(
                institutions[i] for i in item["lead_institutions"]
            )
            # Institution.led_actions() reads the relation catalog.
            modified(action)
            publish(action)
            actions.append(action)
    return chapters, actions


# Contributions

# What data.COMMENTS may say besides the comment's own fields (consent is
# given by the build).
COMMENT_FIELDS = getFieldNamesInOrder(ICommentFields)
COMMENT_KEYS = frozenset(COMMENT_FIELDS) - {"privacy_consent"}
COMMENT_KEYS |= {"key", "on", "passage", "paragraph_with", "reply_to"}
PLEDGE_KEYS = frozenset(getFieldNames(IPledge)) - {"privacy_consent"}


def check_keys(item, allowed, where):
    # A misspelt "passage" would quietly make a whole-page comment.
    unknown = set(item) - allowed
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")


@contextmanager
def as_the_public():
    """Run as the anonymous visitor.

    The handler runs as a Manager, whose comments the core publishes at once,
    records as the Manager's own (creator, author_username) and spares the
    rate limit. As Zope's ``nobody`` the demo contributions take the public's
    road instead: pending, anonymous, rate-limited, notified to moderators.
    The Manager's security manager comes back whatever happens.
    """
    previous = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(previous)


def as_a_new_visitor():
    """Forget the rate limit's counts before each contribution.

    The limit (guards.LIMITS: 5 a minute per client address and kind) would
    refuse the demo's dozen contributions, all sent within a second from the
    build's one request, while each stands for a different person. Resetting
    forgets every client's counts: harmless here, as the demo is built on a
    new site before the server takes any request (scripts/create_site.py),
    and the counts live in this process only. Patching the check out instead
    would skip the very guard the public goes through.
    """
    guards.reset_rate_limits()


def with_site_layers(request):
    """``request`` marked with the add-ons' browser layers, as traversing the
    site marks a visitor's (plone.browserlayer): the core looks views up on
    it. The request of scripts/create_site.py never traversed the site."""
    missing = [layer for layer in registered_layers() if not layer.providedBy(request)]
    if missing:
        # First, as plone.browserlayer puts them: before the default layer.
        directlyProvides(request, *missing, *directlyProvidedBy(request))
    return request


def occurrences(text, quote):
    start = text.find(quote)
    while start != -1:
        yield start
        start = text.find(quote, start + 1)


def locate(content, quote):
    """The current paragraphs of ``content`` and the paragraph, start and end
    of ``quote`` in them. ValueError unless the quote occurs exactly once:
    the core would anchor a slightly wrong quote by fuzzy matching, and the
    demo must quote its own text exactly."""
    # Store the paragraph ids now (a no-op when fresh): they must last.
    commented_paragraphs.refresh_paragraphs(content)
    current = commented_paragraphs.paragraphs(content)
    wanted = anchors.normalize(quote)
    found = [
        (paragraph, start)
        for paragraph in current
        for start in occurrences(paragraph.text, wanted)
    ]
    if len(found) != 1:
        raise ValueError(
            f"Demo comment on {content.getId()}: {quote!r} occurs {len(found)} "
            "times in its text, not once"
        )
    paragraph, start = found[0]
    return current, paragraph, start, start + len(wanted)


def comment_values(item, content):
    """What the comment form (or inline.js) would post for ``item``."""
    values = {name: item[name] for name in COMMENT_FIELDS if name != "privacy_consent"}
    values["privacy_consent"] = True
    if "passage" in item:
        # A selection in the browser: the quote with its context and place.
        current, paragraph, start, end = locate(content, item["passage"])
        values["anchor"] = anchors.selector_for(current, paragraph.id, start, end)
    elif "paragraph_with" in item:
        # A paragraph's marker: the whole paragraph.
        _current, paragraph, _start, _end = locate(content, item["paragraph_with"])
        values["paragraph"] = paragraph.id
    return values


def send_comment(plan, item, sent, request):
    """Submit ``item`` as the public; ``sent``: the comments so far by key."""
    where = f"COMMENTS {item.get('key', '?')}"
    check_keys(item, COMMENT_KEYS, where)
    if "reply_to" in item:
        if {"on", "passage", "paragraph_with"} & set(item):
            raise ValueError(f"{where}: a reply is on its parent's page, unquoted")
        parent = sent[item["reply_to"]]
        content = aq_parent(aq_parent(parent))
        in_reply_to = parent.id
    else:
        content = plan if item["on"] == plan.getId() else plan[item["on"]]
        in_reply_to = None
    values = comment_values(item, content)
    as_a_new_visitor()
    kind = "comment" if in_reply_to is None else "reply"
    return submit(kind, content, values, request, in_reply_to=in_reply_to)


def action_uid(plan, code):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Action",
        action_code=code,
        path="/".join(plan.getPhysicalPath()),
    )
    if len(brains) != 1:
        raise ValueError(f"PLEDGES: no single Action {code} in the demo Plan")
    return brains[0].UID


def send_pledge(plan, item, request):
    check_keys(item, PLEDGE_KEYS, f"PLEDGES {item.get('email', '?')}")
    values = dict(item, privacy_consent=True)
    values["actions"] = [action_uid(plan, code) for code in item["actions"]]
    as_a_new_visitor()
    return submit("pledge", plan, values, request)


def publish_contributions(plan, objects):
    # As the Manager, through the moderation core: the audit trail records
    # the publication as for any moderated contribution.
    moderate(plan, [obj.absolute_url() for obj in objects], "publish")


def build_contributions(plan):
    """The demo comments and pledges, published: (comments, pledges)."""
    request = with_site_layers(plan.REQUEST)
    sent = {}
    top = [item for item in data.COMMENTS if "reply_to" not in item]
    replies = [item for item in data.COMMENTS if "reply_to" in item]
    try:
        # Replies answer published comments only: the threads go first.
        for batch in (top, replies):
            with as_the_public():
                for item in batch:
                    sent[item["key"]] = send_comment(plan, item, sent, request)
            publish_contributions(plan, [sent[item["key"]] for item in batch])
        with as_the_public():
            pledges = [send_pledge(plan, item, request) for item in data.PLEDGES]
        publish_contributions(plan, pledges)
    finally:
        # Leave no count of the build behind for the site's first visitors.
        guards.reset_rate_limits()
    return list(sent.values()), pledges


def build_demo(context):
    portal = api.portal.get()
    plan_id = data.PLAN["id"]
    if plan_id in portal.objectIds():
        logger.info("Demo Plan %s exists: demo content left as it is", plan_id)
        return
    institutions = build_institutions(portal)
    plan = build_plan(portal, institutions)
    chapters, actions = build_chapters(plan, institutions)
    comments, pledges = build_contributions(plan)
    # A newcomer opening the site lands on the consultation.
    portal.setDefaultPage(plan_id)
    logger.info(
        "Demo content built: %d institutions, Plan %s (consultation open from %s "
        "to %s), %d chapters, %d actions, %d comments (%d inline), %d pledges, "
        "all published",
        len(institutions),
        plan.absolute_url(1),
        plan.consultation_start.isoformat(),
        plan.consultation_end.isoformat(),
        len(chapters),
        len(actions),
        len(comments),
        sum(1 for comment in comments if comment.anchor is not None),
        len(pledges),
    )
