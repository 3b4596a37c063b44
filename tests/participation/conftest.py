"""The folder's own fixtures: the moderation tests' consultation
(moderation.py) in the integration and the functional layer, a MailHost that
keeps what it is sent, the pledge tests' consultation (pledges.py), and a
write turn that records its use. The plain open consultation, its people and
the clients are the suite's (tests/support/)."""

from plone import api
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from tests.participation import moderation
from tests.participation import pledges
from tests.support.users import create_users
from torino.socialplan.consultation import write_turn
from zope.component import getSiteManager

import pytest
import threading
import transaction


@pytest.fixture
def mailbox(portal):
    """The site's MailHost replaced by one that keeps what it is given."""
    registry = getSiteManager(portal)
    original = portal.MailHost
    mock = MockMailHost("MailHost")
    portal.MailHost = mock
    registry.unregisterUtility(provided=IMailHost)
    registry.registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record("plone.smtp_host", "localhost")
    api.portal.set_registry_record("plone.email_from_address", moderation.SENDER)
    api.portal.set_registry_record("plone.email_from_name", "Consultazione")
    yield mock
    portal.MailHost = original
    registry.unregisterUtility(provided=IMailHost)
    registry.registerUtility(original, provided=IMailHost)


@pytest.fixture
def moderated(portal):
    """moderation.py's consultation and people, in the integration layer."""
    create_users(portal, moderation.MODERATION_USERS, profiles=True)
    return moderation.build_site(portal)


@pytest.fixture
def moderated_by_mail(mailbox, moderated):
    """``moderated``, its mails sent to ``mailbox``, which starts empty."""
    mailbox.reset()
    return moderated


@pytest.fixture
def moderated_http(functional_portal):
    """moderation.py's consultation and people, committed for HTTP."""
    create_users(functional_portal, moderation.MODERATION_USERS, profiles=True)
    site = moderation.build_site(functional_portal)
    transaction.commit()
    return site


@pytest.fixture
def pledge_site(functional_portal):
    return pledges.build_site(functional_portal)


class RecordingTurn:
    """A process turn that counts, and says whether a write ran in it."""

    def __init__(self, available=True):
        self.available = available
        self.lock = threading.Lock()
        self.taken = 0
        self.held = False

    def acquire(self):
        if not self.available:
            return False
        self.lock.acquire()
        self.taken += 1
        self.held = True
        return True

    def release(self):
        self.held = False
        self.lock.release()


@pytest.fixture
def recording(monkeypatch):
    """The write turn, replaced by a RecordingTurn."""
    turn = RecordingTurn()
    monkeypatch.setattr(write_turn, "_turn", turn)
    return turn
