"""Builds the demo site from the data files of demo/content and
demo/contributions (read by demo/reader.py; the ``demo`` profile's handler).

The content is created by the Manager who applies the profile and published,
so that a newcomer sees a Plan open for comments as soon as the site exists.
Values go through their schema fields first: a slip in the data (a wrong
vocabulary token, a duplicate action code, a misspelt key, a date that is no
date) stops the build with a DemoDataError naming the file and the key,
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
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.browserlayer.utils import registered_layers
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.moderation import moderate
from torino.socialplan.content.action import IAction
from torino.socialplan.content.chapter import IChapter
from torino.socialplan.content.comment_fields import ICommentFields
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.pledge import IPledge
from torino.socialplan.demo.reader import COMMENTS
from torino.socialplan.demo.reader import DemoDataError
from torino.socialplan.demo.reader import PLEDGES
from torino.socialplan.demo.reader import read_approved
from torino.socialplan.demo.reader import read_demo
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.interface import directlyProvidedBy
from zope.interface import directlyProvides
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified
from zope.schema import getFieldNames
from zope.schema import getFieldNamesInOrder
from zope.schema import ValidationError
from zope.schema.interfaces import IDate

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
# What every item has (reader.py adds id, text and @file), and what each type
# has besides its fields: the ids of related items, the consultation's length.
ITEM_KEYS = frozenset({"@type", "@file", "id", "text", "title", "description"})
OTHER_KEYS = {
    "Institution": (),
    "Plan": ("promoters", "consultation_days"),
    "Chapter": ("actions",),
    "Action": ("lead_institutions",),
}


def rich_text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def short(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def refused(where, key, value, error):
    """A DemoDataError naming the file and the key, for ``error`` of a field."""
    reason = error.doc() if isinstance(error, ValidationError) else str(error)
    return DemoDataError(f"{where}: {key}: {reason} (value {short(value)})")


def from_json(field, value, where, key):
    """``value`` as ``field`` stores it: JSON writes a date as "YYYY-MM-DD"."""
    if IDate.providedBy(field) and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise refused(where, key, value, "not a date (YYYY-MM-DD)") from error
    return value


def validated(field, value, where, key):
    try:
        field.validate(value)
    except ValidationError as error:
        raise refused(where, key, value, error) from error
    return value


def rows(row_schema, context, items, where, key):
    """Data grid rows as dicts with exactly the row schema's keys, each value
    validated by its field."""
    names = getFieldNamesInOrder(row_schema)
    result = []
    for index, item in enumerate(items):
        place = f"{key}[{index}]"
        if not isinstance(item, dict):
            raise DemoDataError(f"{where}: {place}: a row (a JSON object) expected")
        unknown = set(item) - set(names)
        if unknown:
            raise DemoDataError(f"{where}: {place}: unknown keys {sorted(unknown)}")
        row = {}
        for name in names:
            field = row_schema[name].bind(context)
            if name in item:
                value = from_json(field, item[name], where, f"{place}.{name}")
            else:
                value = copy.deepcopy(field.default)
            row[name] = validated(field, value, where, f"{place}.{name}")
        result.append(row)
    return result


def checked_values(schema, context, item, names):
    """``item``'s values for ``names``, validated by ``schema`` bound to
    ``context`` (the container for an Action, so its code is checked against
    the Plan's other Actions). Keys that are no field of the item's type are
    refused: a misspelt one would quietly leave its field empty."""
    where = item["@file"]
    known = ITEM_KEYS | set(names) | set(OTHER_KEYS[item["@type"]])
    unknown = set(item) - known
    if unknown:
        raise DemoDataError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("title", "description"):
        if not isinstance(item.get(key), str):
            raise DemoDataError(f"{where}: {key}: a string expected")
    values = {}
    for name in names:
        field = schema[name].bind(context)
        value = item[name] if name in item else copy.deepcopy(field.default)
        value = from_json(field, value, where, name)
        row_schema = getattr(getattr(field, "value_type", None), "schema", None)
        if row_schema is not None and isinstance(value, list):
            value = rows(row_schema, context, value, where, name)
        values[name] = validated(field, value, where, name)
    return values


def targets(item, key, objects):
    """The objects named by the ids of ``item[key]``."""
    ids = item.get(key, [])
    if not isinstance(ids, list):
        raise DemoDataError(f"{item['@file']}: {key}: a list of ids expected")
    unknown = [id_ for id_ in ids if id_ not in objects]
    if unknown:
        raise DemoDataError(f"{item['@file']}: {key}: no such item {unknown}")
    return [objects[id_] for id_ in ids]


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


def build_institutions(portal, demo):
    """The promoting bodies by id; existing ones (same id) are reused."""
    institutions = {}
    for item in demo.institutions:
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


def build_plan(portal, demo, institutions, start=None):
    item = demo.plan
    start = start or now_in_rome().replace(second=0, microsecond=0)
    values = checked_values(IPlan, portal, item, PLAN_FIELDS)
    days = item.get("consultation_days")
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise DemoDataError(
            f"{item['@file']}: consultation_days: a number of days (value {days!r})"
        )
    values["consultation_start"] = start
    values["consultation_end"] = start + timedelta(days=days)
    promoters = targets(item, "promoters", institutions)
    plan = create(portal, "Plan", item, values)
    IPlan.validateInvariants(plan)
    plan.promoters = relations(promoters)
    # Registers the relations in the relation catalog and recomputes the
    # promoters' local roles in the security index.
    modified(plan)
    publish(plan)
    return plan


def build_chapters(plan, demo, institutions):
    chapters, actions = [], []
    for chapter_item in demo.chapters:
        checked_values(IChapter, plan, chapter_item, ())
        chapter = create(plan, "Chapter", chapter_item, {})
        publish(chapter)
        chapters.append(chapter)
        for item in chapter_item["actions"]:
            values = checked_values(IAction, chapter, item, ACTION_FIELDS)
            leads = targets(item, "lead_institutions", institutions)
            action = create(chapter, "Action", item, values)
            action.lead_institutions = relations(leads)
            # Institution.led_actions() reads the relation catalog.
            modified(action)
            publish(action)
            actions.append(action)
    return chapters, actions


# Contributions

# What an entry of contributions/comments.json may say besides the comment's
# own fields (consent is given by the build): ``key`` names it for replies and
# messages; ``on``: the Plan's or a Chapter's id; ``passage``: an exact quote
# of that page's text (a browser selection); ``paragraph_with``: words of the
# paragraph the comment is about as a whole; ``reply_to``: the ``key`` of a
# comment above (a reply is on its parent's page and quotes nothing).
COMMENT_FIELDS = getFieldNamesInOrder(ICommentFields)
COMMENT_KEYS = frozenset(COMMENT_FIELDS) - {"privacy_consent"}
COMMENT_KEYS |= {"key", "on", "passage", "paragraph_with", "reply_to"}
PLEDGE_KEYS = frozenset(getFieldNames(IPledge)) - {"privacy_consent"}


def check_keys(item, allowed, where):
    # A misspelt "passage" would quietly make a whole-page comment.
    unknown = set(item) - allowed
    if unknown:
        raise DemoDataError(f"{where}: unknown keys {sorted(unknown)}")


def sent(where, submit_it):
    """``submit_it()``'s contribution; a refusal of the core (a field's check)
    as a DemoDataError naming the entry and the fields."""
    try:
        return submit_it()
    except ContributionError as error:
        reasons = "; ".join(
            f"{field or 'the contribution'}: {message}"
            for field, message in error.messages()
        )
        raise DemoDataError(f"{where}: refused: {reasons}") from error


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


def locate(content, quote, where):
    """The current paragraphs of ``content`` and the paragraph, start and end
    of ``quote`` in them. DemoDataError unless the quote occurs exactly once:
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
        raise DemoDataError(
            f"{where}: {quote!r} occurs {len(found)} times in the text of "
            f"{content.getId()}, not once"
        )
    paragraph, start = found[0]
    return current, paragraph, start, start + len(wanted)


def comment_values(item, content, where):
    """What the comment form (or inline.js) would post for ``item``."""
    values = {name: item.get(name) for name in COMMENT_FIELDS}
    values["privacy_consent"] = True
    if "passage" in item:
        # A selection in the browser: the quote with its context and place.
        current, paragraph, start, end = locate(
            content, item["passage"], f"{where}: passage"
        )
        values["anchor"] = anchors.selector_for(current, paragraph.id, start, end)
    elif "paragraph_with" in item:
        # A paragraph's marker: the whole paragraph.
        _current, paragraph, _start, _end = locate(
            content, item["paragraph_with"], f"{where}: paragraph_with"
        )
        values["paragraph"] = paragraph.id
    return values


def send_comment(plan, item, sent_so_far, request):
    """Submit ``item`` as the public; ``sent_so_far``: the comments by key."""
    where = f"{COMMENTS}, comment {item.get('key', '?')!r}"
    check_keys(item, COMMENT_KEYS, where)
    if "reply_to" in item:
        if {"on", "passage", "paragraph_with"} & set(item):
            raise DemoDataError(f"{where}: a reply is on its parent's page, unquoted")
        if item["reply_to"] not in sent_so_far:
            raise DemoDataError(
                f"{where}: reply_to: no comment {item['reply_to']!r} above"
            )
        parent = sent_so_far[item["reply_to"]]
        content = aq_parent(aq_parent(parent))
        in_reply_to = parent.id
    else:
        content = page(plan, item.get("on"), where)
        in_reply_to = None
    values = comment_values(item, content, where)
    as_a_new_visitor()
    kind = "comment" if in_reply_to is None else "reply"
    return sent(
        where,
        lambda: submit(kind, content, values, request, in_reply_to=in_reply_to),
    )


def page(plan, page_id, where):
    """The Plan or the Chapter named ``page_id``."""
    if page_id == plan.getId():
        return plan
    content = plan.get(page_id) if isinstance(page_id, str) else None
    if content is None or content.portal_type != "Chapter":
        raise DemoDataError(f"{where}: on: no page {page_id!r} (the Plan or a Chapter)")
    return content


def action_uid(plan, code, where):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Action",
        action_code=code,
        path="/".join(plan.getPhysicalPath()),
    )
    if len(brains) != 1:
        raise DemoDataError(f"{where}: actions: no single Action {code} in the Plan")
    return brains[0].UID


def send_pledge(plan, item, request):
    where = f"{PLEDGES}, pledge of {item.get('email', '?')}"
    check_keys(item, PLEDGE_KEYS, where)
    values = dict(item, privacy_consent=True)
    codes = item.get("actions", [])
    values["actions"] = [action_uid(plan, code, where) for code in codes]
    as_a_new_visitor()
    return sent(where, lambda: submit("pledge", plan, values, request))


def publish_contributions(plan, objects):
    # As the Manager, through the moderation core: the audit trail records
    # the publication as for any moderated contribution.
    moderate(plan, [obj.absolute_url() for obj in objects], "publish")


def build_contributions(plan, demo):
    """The demo comments and pledges (``demo.pledges``, if any), published:
    (comments, pledges)."""
    request = with_site_layers(plan.REQUEST)
    sent_so_far = {}
    top = [item for item in demo.comments if "reply_to" not in item]
    replies = [item for item in demo.comments if "reply_to" in item]
    try:
        # Replies answer published comments only: the threads go first.
        for batch in (top, replies):
            with as_the_public():
                for item in batch:
                    comment = send_comment(plan, item, sent_so_far, request)
                    sent_so_far[item["key"]] = comment
            if batch:
                publish_contributions(
                    plan, [sent_so_far[item["key"]] for item in batch]
                )
        with as_the_public():
            pledges = [
                send_pledge(plan, item, request)
                for item in getattr(demo, "pledges", ())
            ]
        if pledges:
            publish_contributions(plan, pledges)
    finally:
        # Leave no count of the build behind for the site's first visitors.
        guards.reset_rate_limits()
    return list(sent_so_far.values()), pledges


def build_demo(context):
    demo = read_demo()
    portal = api.portal.get()
    plan_id = demo.plan["id"]
    if plan_id in portal.objectIds():
        logger.info("Demo Plan %s exists: demo content left as it is", plan_id)
        return
    institutions = build_institutions(portal, demo)
    plan = build_plan(portal, demo, institutions)
    chapters, actions = build_chapters(plan, demo, institutions)
    comments, pledges = build_contributions(plan, demo)
    # A newcomer opening the site lands on the consultation.
    portal.setDefaultPage(plan_id)
    build_approved(portal, institutions)
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


# The approved demo Plan (demo/approved/): its whole life, as the site's
# people would live it, through the same cores: comments sent as the public
# sends them and published, the window closed and the text pinned (analysis),
# the text edited after the consultation, outcomes given and linked to the
# changes they led to, both bodies' approval acts, approved, outcomes published.


def build_approved(portal, institutions):
    from plone.uuid.interfaces import IUUID
    from torino.socialplan.consultation import changes
    from torino.socialplan.consultation import plan_stages
    from torino.socialplan.consultation.outcomes import record_outcomes

    approved = read_approved()
    item = approved.plan
    if item["id"] in portal.objectIds():
        logger.info("Approved demo Plan %s exists: left as it is", item["id"])
        return None
    where = f"{item['@file']}"
    plan = build_plan(portal, approved, institutions)
    chapters, _actions = build_chapters(plan, approved, institutions)
    comments, _pledges = build_contributions(plan, approved)
    by_key = {
        entry["key"]: comment
        for entry, comment in zip(
            [c for c in approved.comments if "reply_to" not in c]
            + [c for c in approved.comments if "reply_to" in c],
            comments,
            strict=True,
        )
    }
    # The window closes: it ran ``consultation_days`` up to a minute ago.
    end = now_in_rome().replace(second=0, microsecond=0) - timedelta(minutes=1)
    plan.consultation_end = end
    plan.consultation_start = end - timedelta(days=item["consultation_days"])
    plan_stages.move_on(plan, "analysis")
    # The texts edited after the consultation: those to be approved.
    for chapter in chapters:
        html = approved.after.get(chapter.getId())
        if html is not None:
            chapter.text = rich_text(html)
            modified(chapter)
    life = approved.life
    for key, given in life["outcomes"].items():
        comment = by_key.get(key)
        if comment is None:
            raise DemoDataError(f"approved/life.json: outcomes: no comment {key!r}")
        url = comment.absolute_url()
        record_outcomes(plan, [url], given["outcome"], given.get("motivation"))
        if given.get("link"):
            content = aq_parent(aq_parent(comment))
            keys = [
                change["key"]
                for change in changes.content_comparison(content)["changes"]
                if any(c["@id"] == url for c in change["contributions"])
            ]
            if not keys:
                raise DemoDataError(
                    f"approved/life.json: outcomes: {key}: no change touches it"
                )
            changes.link_changes(plan, [url], keys)
    for body_id, act in life["approvals"].items():
        if body_id not in institutions:
            raise DemoDataError(f"approved/life.json: approvals: no body {body_id!r}")
        plan_stages.record_approval(
            plan,
            IUUID(institutions[body_id]),
            act["deciding_body"],
            act["act_number"],
            act["act_date"],
            act_url=act.get("act_url"),
        )
    plan_stages.move_on(plan, "approved")
    plan_stages.move_on(plan, "outcomes_published")
    logger.info(
        "Approved demo Plan built: %s, %d comments with outcomes, stage %s (%s)",
        plan.absolute_url(1),
        len(comments),
        plan_stages.stage(plan),
        where,
    )
    return plan
