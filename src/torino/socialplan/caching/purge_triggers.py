"""Queue purges (plone.cachepurging sends them once the request has
committed) when what the public sees changes.

- Comments and pledges: every workflow transition (publication, rejection,
  spam, retraction), and an addition, edit or removal of a published one.
  A pending contribution being posted changes no public page: the bursts of
  anonymous posts purge nothing.
- Texts and Institutions: every edit, transition and removal.
"""

from plone import api
from torino.socialplan.base.site import on_our_sites
from z3c.caching.purge import Purge
from zope.container.interfaces import IContainerModifiedEvent
from zope.event import notify

import logging


logger = logging.getLogger("torino.socialplan.caching")
PUBLISHED = "published"


def queue_purge(obj):
    try:
        notify(Purge(obj))
    except Exception:
        # A purge that cannot be computed must not undo a moderator's
        # decision or an edit: the cache's own lifetime still bounds it.
        logger.exception("No purge queued for %r", obj)


def _published(obj):
    return api.content.get_state(obj=obj, default=None) == PUBLISHED


def on_change(obj, event):
    """A text or an Institution: edited, moved through its workflow, removed."""
    if IContainerModifiedEvent.providedBy(event):
        # Something added to or taken from it (a pending pledge in a Plan, a
        # draft Chapter): what of it is public purges on its own events.
        return
    queue_purge(obj)


@on_our_sites
def on_contribution_transition(obj, event):
    transition = getattr(event, "transition", None)
    new_state = getattr(getattr(event, "new_state", None), "id", None)
    # On creation DCWorkflow reports the initial state with no transition.
    if transition is None and new_state != PUBLISHED:
        return
    queue_purge(obj)


@on_our_sites
def on_published_contribution_change(obj, event):
    """Added (a moderator's own comment is published at once), edited or
    removed: only a published one was on a public page."""
    if _published(obj):
        queue_purge(obj)
