"""The consultation window, on the consultation's own clock (Europe/Rome)."""

from datetime import datetime
from datetime import timedelta
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import CLOSED
from torino.socialplan.base.window import OPEN
from torino.socialplan.base.window import ROME
from torino.socialplan.base.window import UPCOMING
from torino.socialplan.base.window import window_status

import pytest
import pytz


# The real consultation: 25 February - 11 March 2025, Europe/Rome.
START = ROME.localize(datetime(2025, 2, 25, 0, 0))
END = ROME.localize(datetime(2025, 3, 12, 0, 0))


class TestAsRome:
    def test_naive_is_read_as_rome_local_time(self):
        value = as_rome(datetime(2025, 2, 25, 9, 0))
        assert value.utcoffset() == timedelta(hours=1)
        assert value.hour == 9

    def test_aware_is_converted(self):
        value = as_rome(pytz.utc.localize(datetime(2025, 7, 1, 10, 0)))
        assert (value.hour, value.utcoffset()) == (12, timedelta(hours=2))

    def test_daylight_saving_time_change_inside_the_window(self):
        # Italy moved to summer time on 30 March 2025: offsets differ.
        winter = as_rome(datetime(2025, 3, 29, 12, 0))
        summer = as_rome(datetime(2025, 3, 31, 12, 0))
        assert winter.utcoffset() == timedelta(hours=1)
        assert summer.utcoffset() == timedelta(hours=2)

    def test_none(self):
        assert as_rome(None) is None

    def test_zone_name_kept_for_plone_restapi(self):
        # plone.restapi converts updates into the stored value's pytz zone.
        assert as_rome(datetime(2025, 1, 1)).tzinfo.zone == "Europe/Rome"


class TestWindowStatus:
    @pytest.mark.parametrize(
        "now, state",
        [
            (datetime(2025, 2, 24, 23, 59), UPCOMING),
            (datetime(2025, 2, 25, 0, 0), OPEN),
            (datetime(2025, 3, 11, 23, 59), OPEN),
            (datetime(2025, 3, 12, 0, 0), CLOSED),
            (datetime(2026, 1, 1), CLOSED),
        ],
    )
    def test_state(self, now, state):
        assert window_status(START, END, now).state == state

    def test_time_left_while_open(self):
        status = window_status(START, END, datetime(2025, 3, 11, 22, 0))
        assert status.is_open
        assert status.time_left == timedelta(hours=2)
        assert status.time_to_open is None

    def test_time_to_open_while_upcoming(self):
        status = window_status(START, END, datetime(2025, 2, 24, 12, 0))
        assert status.time_to_open == timedelta(hours=12)
        assert status.time_left is None

    def test_now_in_another_zone(self):
        # 23:30 UTC on 11 March is already 00:30 on 12 March in Rome.
        now = pytz.utc.localize(datetime(2025, 3, 11, 23, 30))
        assert window_status(START, END, now).state == CLOSED

    @pytest.mark.parametrize("start, end", [(None, END), (START, None), (None, None)])
    def test_missing_dates_mean_closed(self, start, end):
        assert window_status(start, end, datetime(2025, 3, 1)).state == CLOSED

    def test_defaults_to_now(self):
        start = datetime.now(ROME) - timedelta(days=1)
        assert window_status(start, start + timedelta(days=15)).is_open
