"""Clients of the functional server: zope.testbrowser (``browser``; a folder may override it),
plone.restapi sessions (``rest``), and plain ``requests`` sessions, each for
a user of tests.support.users, ANONYMOUS, or a (login, password) pair."""

from plone.testing.zope import Browser
from tests.support.contributions import MEMBER
from tests.support.contributions import MODERATOR
from tests.support.users import ANONYMOUS
from tests.support.users import PASSWORD

import pytest
import requests


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
TIMEOUT = 30


def credentials(who):
    """(login, password) of ``who``; None for ANONYMOUS or None."""
    if who is None or who == ANONYMOUS:
        return None
    if isinstance(who, tuple):
        return who
    return (who, PASSWORD)


@pytest.fixture
def browser(functional_app):
    """``browser(who)``: a zope.testbrowser logged in as ``who``, that
    shows error pages rather than raising."""

    def factory(who=ANONYMOUS):
        browser = Browser(functional_app)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        auth = credentials(who)
        if auth is not None:
            browser.addHeader("Authorization", f"Basic {auth[0]}:{auth[1]}")
        return browser

    return factory


@pytest.fixture
def rest(request_factory):
    """``rest(who)``: a plone.restapi session (on ++api++) as ``who``."""

    def factory(who=ANONYMOUS):
        auth = credentials(who)
        if auth is None:
            return request_factory()
        return request_factory(basic_auth=auth)

    return factory


@pytest.fixture
def moderator_request(rest, people):
    return rest(MODERATOR)


@pytest.fixture
def member_request(rest, people):
    return rest(MEMBER)


def session(who):
    """A JSON ``requests`` session as ``who``, by basic authentication."""
    http = requests.Session()
    http.headers.update(JSON)
    auth = credentials(who)
    if auth is not None:
        http.auth = auth
    return http
