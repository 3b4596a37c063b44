"""The mail queue: with the site MailHost queueing (a Maildir on disk, no
delivery thread: the mail server is down), erasure and retention delete the
queued messages that name an erased address, whether the address is in a
header or in an encoded body, and leave the others; zope.sendmail's log
lines name no address."""

from .contributions import comment
from .contributions import OTHER
from .contributions import PERSON
from datetime import timedelta
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from tests.support.plans import open_plan
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.notifications import send
from torino.socialplan.consultation.personal_data import mail_queue
from torino.socialplan.consultation.personal_data import rights
from torino.socialplan.consultation.personal_data.retention import purge

import logging
import pytest
import transaction


THIRD = "third-marker-5e1f@example.org"


@pytest.fixture
def queue(functional_portal, tmp_path, monkeypatch):
    """The site MailHost queueing into a Maildir; no delivery thread."""
    monkeypatch.setenv("MAILHOST_QUEUE_ONLY", "1")
    host = functional_portal.MailHost
    host.smtp_host = "127.0.0.1"
    host.smtp_port = 9
    host.smtp_queue = True
    host.smtp_queue_directory = str(tmp_path / "queue")
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.email_from_address", "piano@example.org")
    transaction.commit()
    yield tmp_path / "queue"
    host._stopQueueProcessorThread()


def naming(queue, address):
    return [
        path
        for path in mail_queue.queued_files(queue)
        if address in mail_queue.addresses_in(path.read_bytes())
    ]


def test_erasure_and_retention_delete_the_mail_queued_for_the_address(
    functional_portal, queue
):
    site = open_plan(functional_portal)
    comment(site, email=PERSON)
    comment(site, email=OTHER)
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    transaction.commit()
    send(PERSON, "Oggetto", "Il tuo contributo è stato pubblicato.")
    # The address only in the text, whose encoding (quoted-printable, lines
    # of 76) cuts it in two.
    send(THIRD, "Oggetto", f"È meglio scrivere {'a' * 50} {PERSON.upper()}.")
    send(OTHER, "Oggetto", "Il tuo contributo è stato pubblicato.")
    transaction.commit()
    assert mail_queue.queue_directory() == queue
    assert len(mail_queue.queued_files()) == 3
    assert len(naming(queue, PERSON)) == 2
    # To THIRD: PERSON only in the encoded body, not in the file's bytes.
    (to_third,) = naming(queue, THIRD)
    assert PERSON.upper().encode() not in to_third.read_bytes().upper()
    assert to_third in naming(queue, PERSON)

    assert rights.erase(PERSON, via="moderator") == {"deleted": 1, "anonymised": 0}
    transaction.commit()
    assert naming(queue, PERSON) == []
    assert len(naming(queue, OTHER)) == 1
    assert len(mail_queue.queued_files()) == 1

    # Retention, past the e-mail period: OTHER's queued mail goes too.
    plan = site["plan"]
    now = now_in_rome()
    plan.consultation_start = now - timedelta(days=200)
    plan.consultation_end = now - timedelta(days=100)
    login(functional_portal.aq_parent, SITE_OWNER_NAME)
    preview = purge(dry_run=True).as_json()
    assert preview["queued_mail_deleted"] == 1
    assert len(mail_queue.queued_files()) == 1  # a dry run deletes nothing
    report = purge(commit=True).as_json()
    assert report["queued_mail_deleted"] == 1
    assert mail_queue.queued_files() == []
    assert purge().as_json()["queued_mail_deleted"] == 0


def test_the_mail_system_logs_no_address(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("QueueProcessorThread").info(
        "Mail from %s to %s sent.", "piano@example.org", PERSON
    )
    try:
        raise OSError(f"recipient refused: {PERSON}")
    except OSError:
        logging.getLogger("QueueProcessorThread").exception(
            "Error while sending mail to %s", PERSON
        )
    text = caplog.text
    assert PERSON not in text
    assert "Mail from <address> to <address> sent." in text
    assert "recipient refused: <address>" in text
