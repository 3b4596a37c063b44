"""Write conflicts in the event log: with several instances on one database
(`make cluster`), how often a request is retried after a ConflictError is
the figure that tells a hot spot (bench/test_cluster_bench.py counts these
lines). Zope retries silently otherwise."""

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
    path = event.request.get("PATH_INFO", "")
    if event.retry:
        logger.info("%s: %s %s", RETRIED, path, error)
    else:
        logger.error("%s: %s %s", UNRESOLVED, path, error)
