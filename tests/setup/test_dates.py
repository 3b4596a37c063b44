"""Dates on the consultation's clock and in the reader's language: Plone's
time zone is Europe/Rome, Plone's own formats are day month year with
24-hour time in every language, and the add-on's pages write English dates
as British English, not American."""

from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from plone import api
from plone.base.i18nl10n import ulocalized_time
from torino.socialplan.browser.presentation import SocialPlanView

import pytest


WHEN = datetime(2026, 12, 4, 5, 32, tzinfo=UTC)  # 06:32 in Rome


def test_plone_on_rome_time(portal):
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Rome"
    assert "Europe/Rome" in api.portal.get_registry_record("plone.available_timezones")


@pytest.mark.parametrize(
    "language, expected",
    [("en", "4 December 2026, 06:32"), ("it", "4 dicembre 2026, 06:32")],
)
def test_our_pages(portal, language, expected):
    request = portal.REQUEST
    request["LANGUAGE"] = language
    assert SocialPlanView(portal, request).format_datetime(WHEN) == expected


@pytest.mark.parametrize("language, month", [("en", "Dec"), ("it", "dic")])
def test_plone_formats(portal, language, month):
    """Plone's history, listings and search results: day month year and
    24 hours (the hour is the Zope process's clock: make start runs it
    with TZ=Europe/Rome)."""
    value = DateTime("2026/12/04 17:32:00 UTC")
    hour = value.strftime("%H")
    text = ulocalized_time(
        value, long_format=True, context=portal, target_language=language
    )
    assert text == f"04 {month} 2026, {hour}:32", text
    assert "PM" not in text
