"""Contributions of a known person on the Plan of tests/contributors.py."""

from email import message_from_bytes
from plone import api
from plone.app.testing import logout
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from tests.support.contributions import VALID
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from zope.component import getSiteManager

import pytest


PERSON = "giulia-marker-7b3a@example.org"
OTHER = "other-marker-2c9d@example.org"


def comment(site, email=PERSON, text="Più asili nido vicino al lavoro."):
    """An anonymous comment on the Chapter by ``email``."""
    guards.reset_rate_limits()
    logout()
    data = dict(
        VALID, text=text, author_email=email, first_name="Giulia", last_name="Neri"
    )
    return submit("comment", site["chapter"], data, site["portal"].REQUEST)


def pledge(site, email=PERSON):
    """An anonymous pledge for the Action by ``email``."""
    guards.reset_rate_limits()
    logout()
    data = {
        "first_name": "Giulia",
        "last_name": "Neri",
        "organization": "Cooperativa Sole",
        "organization_type": "social_enterprise",
        "email": email,
        "actions": [api.content.get_uuid(site["action"])],
        "contribution": "Dieci ore di tutoraggio al mese.",
        "privacy_consent": True,
    }
    return submit("pledge", site["plan"], data, site["portal"].REQUEST)


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
    api.portal.set_registry_record("plone.email_from_address", "noreply@example.org")
    yield mock
    portal.MailHost = original
    registry.unregisterUtility(provided=IMailHost)
    registry.registerUtility(original, provided=IMailHost)


def sent(mailbox):
    """[(to, body)] of what the MailHost was given."""
    messages = []
    for message in mailbox.messages:
        if isinstance(message, bytes):
            message = message_from_bytes(message)
        body = message.get_payload(decode=True).decode("utf-8")
        messages.append((message["To"], body))
    return messages
