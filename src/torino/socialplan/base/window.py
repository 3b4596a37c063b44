"""The consultation window: is it open, and for how long.

Times are kept timezone-aware in Europe/Rome, the consultation's own clock:
naive values (a form without a zone) are read as Rome local time, aware ones
converted. pytz is used because plone.restapi matches the stored zone by its
pytz name when it updates a datetime.
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import UTC

import pytz


ROME = pytz.timezone("Europe/Rome")

UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"


def as_rome(value):
    """``value`` in Europe/Rome; None stays None."""
    if value is None:
        return None
    if value.tzinfo is None:
        return ROME.localize(value)
    return ROME.normalize(value.astimezone(ROME))


def zope_datetime_in_rome(value):
    """A Zope DateTime in Europe/Rome. Not through DateTime.asdatetime(): for
    a DateTime in a named zone ("Europe/Rome", as plone.app.event's DT makes
    for comments) it attaches the pytz zone's first offset (local mean time,
    +0:50), ten minutes off."""
    return as_rome(datetime.fromtimestamp(value.timeTime(), UTC))


def now_in_rome():
    return datetime.now(ROME)


@dataclass(frozen=True)
class WindowStatus:
    state: str  # UPCOMING, OPEN or CLOSED
    start: datetime | None
    end: datetime | None
    time_left: timedelta | None  # until it closes, while open
    time_to_open: timedelta | None  # until it opens, while upcoming

    @property
    def is_open(self):
        return self.state == OPEN

    def as_json(self):
        """The window for clients (``@consultation``, the Plan's JSON): where
        it stands, its dates on the Rome clock, and the seconds left."""
        return {
            "status": self.state,
            "start": rome_iso(self.start),
            "end": rome_iso(self.end),
            "seconds_left": _seconds(self.time_left),
            "seconds_to_open": _seconds(self.time_to_open),
        }


def rome_iso(value):
    """ISO 8601 with the Europe/Rome offset, to the second; None stays None."""
    if value is None:
        return None
    return as_rome(value).replace(microsecond=0).isoformat()


def _seconds(delta):
    return int(delta.total_seconds()) if delta is not None else None


def window_status(start, end, now=None):
    """Where ``now`` stands against the window [start, end).

    A window without a start or an end is closed: the consultation opens only
    when editors have set both dates.
    """
    now = as_rome(now) if now is not None else now_in_rome()
    start, end = as_rome(start), as_rome(end)
    if start is None or end is None:
        return WindowStatus(CLOSED, start, end, None, None)
    if now < start:
        return WindowStatus(UPCOMING, start, end, None, start - now)
    if now < end:
        return WindowStatus(OPEN, start, end, end - now, None)
    return WindowStatus(CLOSED, start, end, None, None)
