"""Conflicts under concurrent writes (several instances on one database,
`make cluster`).

- Each ConflictError, retried or not resolved, leaves a line in the event
  log: the figure that tells a hot spot (bench/test_cluster_bench.py counts
  them). Zope retries silently otherwise.
- plone.app.discussion's Conversation is written, unchanged, by every new
  comment: the workflow sets the comment's role mappings, and AccessControl
  (Permission.setRoles) tries ``del comment.__parent__.__roles__``, which
  marks the Conversation changed before it fails. Two comments on one text
  at once then conflicted on the Conversation (554 of 644 conflicts in the
  cluster bench). A write that changed nothing cannot conflict: the
  resolver below keeps the other side's state then, and refuses any real
  concurrent change.
"""

from plone.app.discussion.conversation import Conversation
from ZODB.POSException import ConflictError

import logging


logger = logging.getLogger("torino.socialplan.conflicts")

RETRIED = "ConflictError retried"
UNRESOLVED = "ConflictError not resolved"


def log_conflict(event):
    """On ZPublisher's IPubFailure: one line per conflicted attempt."""
    error = event.exc_info[1]
    if not isinstance(error, ConflictError):
        return
    request = event.request
    path = request.get("PATH_INFO", "")
    # The attempt and the client (behind a trusted proxy, the forwarded one)
    # tell one request's attempts apart in the log.
    number = getattr(request, "retry_count", 0) + 1
    attempt = f"(attempt {number}, client {request.getClientAddr()})"
    if event.retry:
        logger.info("%s: %s %s %s", RETRIED, path, attempt, error)
    else:
        logger.error("%s: %s %s %s", UNRESOLVED, path, attempt, error)


def log_retried_decision(plan_path, item_path, error):
    """A moderation decision retried alone (consultation/moderation)."""
    logger.info("%s: %s/@moderation %s %s", RETRIED, plan_path, item_path, error)


def resolve_unchanged_write(self, old, committed, new):
    """Sound for any persistent object: one side's state is the old one."""
    if new == old:
        return committed
    if committed == old:
        return new
    raise ConflictError


if not hasattr(Conversation, "_p_resolveConflict"):
    Conversation._p_resolveConflict = resolve_unchanged_write
