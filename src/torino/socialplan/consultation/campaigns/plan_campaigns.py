"""The campaigns of a Plan's contributions: where they are kept (an
annotation of the Plan), the text a contribution is compared on, and the
subscribers that group a contribution when it is ready for the moderators
and forget it when it is removed (registered in lifecycle.zcml)."""

from Acquisition import aq_base
from plone import api
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.states import PORTAL_TYPES
from torino.socialplan.consultation.campaigns import matching
from torino.socialplan.consultation.campaigns.index import CampaignIndex
from torino.socialplan.consultation.campaigns.index import regroup
from torino.socialplan.consultation.campaigns.index import warm
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.content.plan import containing_plan
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import getSite
from zope.component.hooks import setSite

import logging
import threading
import time
import transaction


logger = logging.getLogger("torino.socialplan")


ANNOTATION_KEY = "torino.socialplan.campaigns"


def campaign_index(plan, create=True):
    """The Plan's ``CampaignIndex`` (None when it has none and ``create`` is
    false)."""
    annotations = IAnnotations(plan)
    index = annotations.get(ANNOTATION_KEY)
    if index is None and create:
        index = annotations[ANNOTATION_KEY] = CampaignIndex()
    return index


def key_of(plan, obj):
    """A contribution's path inside its Plan: its key in the index."""
    plan_path = plan.getPhysicalPath()
    return "/".join(obj.getPhysicalPath()[len(plan_path) :])


def contribution_at(plan, key):
    """The contribution ``key`` names, or None (removed meanwhile)."""
    try:
        return plan.unrestrictedTraverse(key)
    except (AttributeError, KeyError, LookupError, TypeError, ValueError):
        return None


# Where a contribution keeps the text of its position paper, once one is
# attached (consultation/position_papers/documents.read(...).text).
PAPER_TEXT_ATTRIBUTE = "position_paper_text"


def text_of(obj, kind=None):
    """The text a contribution's campaign is found on: its own, then its
    position paper's."""
    kind = kind or kind_of(obj)
    field = kind.text_field if kind is not None else "text"
    own = getattr(obj, field, None) or ""
    paper = getattr(obj, PAPER_TEXT_ATTRIBUTE, None) or ""
    return f"{own}\n\n{paper}" if paper else own


def group(obj, kind=None):
    """Put the contribution ``obj`` in its Plan's campaigns; returns its
    ``Member`` (None when it belongs to no Plan)."""
    kind = kind or kind_of(obj)
    if kind is None:
        return None
    plan = kind.plan_of_contribution(obj)
    if plan is None:
        return None
    index = campaign_index(plan)
    return index.add(key_of(plan, obj), matching.prepare(text_of(obj, kind)))


def regroup_plan(plan, checkpoint=None):
    """Group every contribution of ``plan`` again, oldest first (after a
    change of thresholds; the upgrade step that brought campaigns).
    Contributions still waiting for their author's confirmation wait.

    Memory stays flat: each contribution is let go once its text is read,
    and by default every thousand a savepoint writes what was grouped and
    the ZODB cache is trimmed (``checkpoint`` replaces that)."""
    if checkpoint is None:
        jar = plan._p_jar

        def checkpoint():
            transaction.savepoint(True)
            if jar is not None:
                jar.cacheGC()

    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=sorted(set(PORTAL_TYPES.values())),
        path="/".join(plan.getPhysicalPath()),
        sort_on="created",
    )
    awaiting = confirmation.awaiting_paths()

    def texts():
        for brain in brains:
            if brain.getPath() in awaiting:
                continue
            obj = brain._unrestrictedGetObject()
            key, text = key_of(plan, obj), text_of(obj)
            base = aq_base(obj)
            if getattr(base, "_p_changed", None) is False:
                base._p_deactivate()
            yield key, text

    regroup(campaign_index(plan), texts(), checkpoint=checkpoint)


@on_our_sites
def contribution_ready(obj, event):
    """A contribution waits for the moderators: find its campaign."""
    group(obj, event.kind)


@on_our_sites
def contribution_removed(obj, event):
    """A comment or Pledge is removed: out of its campaign. (A comment's
    removed event comes once it is out of its conversation: its old parent
    and name tell where it was.)"""
    parent = getattr(event, "oldParent", None)
    name = getattr(event, "oldName", None)
    if parent is None or name is None or kind_of(obj) is None:
        return
    plan = containing_plan(parent)
    if plan is None:
        return
    index = campaign_index(plan, create=False)
    if index is not None:
        plan_path = plan.getPhysicalPath()
        path = (*parent.getPhysicalPath(), str(name))
        index.remove("/".join(path[len(plan_path) :]))


def warm_plans(db):
    """Build this process' campaign buckets of every Plan of every site in
    ``db``: in a new process, the first post of a Plan with 50,000
    contributions would otherwise read them all (5.6 s). Each process
    (each instance of a cluster on RelStorage) keeps its own buckets and
    brings them up to date from the shared members at each post; a regroup
    anywhere bumps the index's generation and every process rebuilds."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    started = time.perf_counter()
    previous = getSite()
    members = 0
    try:
        app = connection.root().get("Application")
        for site in app.objectValues() if app is not None else ():
            catalog = getattr(site, "portal_catalog", None)
            if catalog is None or not hasattr(catalog, "unrestrictedSearchResults"):
                continue
            setSite(site)
            try:
                for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
                    plan = brain._unrestrictedGetObject()
                    index = campaign_index(plan, create=False)
                    if index is not None:
                        members += warm(index)
            finally:
                setSite(previous)
    finally:
        manager.abort()
        connection.close()
    logger.info(
        "Campaigns: buckets of %d members ready in %.1f s",
        members,
        time.perf_counter() - started,
    )
    return members


def warm_at_start(event):
    """On IDatabaseOpenedWithRoot: warm the buckets in a thread of their
    own, so that the instance starts serving at once (a post that comes
    first builds what it needs itself, as before)."""
    database = event.database

    def run():
        try:
            warm_plans(database)
        except Exception:
            logger.exception("Campaigns: warming the buckets failed")

    threading.Thread(target=run, name="campaign-warm-up", daemon=True).start()
