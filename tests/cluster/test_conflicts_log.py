"""torino.socialplan.conflicts: a conflicted request leaves one line in the
event log (what the cluster bench counts)."""

from torino.socialplan.conflicts import log_conflict
from ZODB.POSException import ConflictError

import logging


class Request(dict):
    retry_count = 1  # Zope's count of retries so far

    def getClientAddr(self):
        return "203.0.113.7"


class Event:
    def __init__(self, error, retry):
        self.exc_info = (type(error), error, None)
        self.retry = retry
        self.request = Request(PATH_INFO="/Plone/plan/@comments")


def test_retried_and_unresolved_conflicts_are_logged(caplog):
    caplog.set_level(logging.INFO, logger="torino.socialplan.conflicts")
    log_conflict(Event(ConflictError("database conflict error"), retry=True))
    log_conflict(Event(ConflictError("database conflict error"), retry=False))
    log_conflict(Event(ValueError("not a conflict"), retry=False))
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert lines[0][0] == "INFO"
    assert lines[0][1].startswith(
        "ConflictError retried: /Plone/plan/@comments (attempt 2, client 203.0.113.7)"
    )
    assert lines[1][0] == "ERROR"
    assert lines[1][1].startswith("ConflictError not resolved")
    assert len(lines) == 2
