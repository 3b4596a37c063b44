"""Contributors told: when outcomes are published each contributor gets one
e-mail through the site MailHost, queued (a Maildir), delivered to a real
SMTP server on loopback; with the server down nothing is lost and the
publication goes through."""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import FIRST
from tests.plan_life.life import inline_comment
from tests.plan_life.life import walk_to_published
from tests.report.consultation import EMAIL as REPORT_EMAIL
from tests.support.contributions import EMAIL as INLINE_EMAIL
from tests.support.smtp import free_port
from tests.support.smtp import smtp_server_on
from torino.socialplan.consultation import plan_stages

import os
import pytest
import time
import transaction


REVISED = CHAPTER_TEXT.replace("un fondo rotativo", "un fondo di garanzia")
ITALIAN_EMAIL = "lettrice-italiana-5b1@example.org"
SILENT_EMAIL = "no-mail-please-93d@example.org"


@pytest.fixture
def queued_mailhost(functional_portal, tmp_path, monkeypatch):
    """The site MailHost, queued in a Maildir, sending to a loopback port
    where no server listens yet."""
    port = free_port()
    host = functional_portal.MailHost
    host.smtp_host = "127.0.0.1"
    host.smtp_port = port
    host.smtp_queue = True
    host.smtp_queue_directory = str(tmp_path / "queue")
    # Plone's mail settings (the MailHost's mailer reads them).
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", "piano@example.org")
    api.portal.set_registry_record("plone.email_from_name", "Piano")
    # No delivery thread yet: the server is down.
    monkeypatch.setenv("MAILHOST_QUEUE_ONLY", "1")
    transaction.commit()
    yield host, port, tmp_path / "queue"
    host._stopQueueProcessorThread()


def queued_files(queue):
    return (
        [p for sub in ("new", "cur") for p in (queue / sub).glob("*")]
        if queue.exists()
        else []
    )


def test_told_once_each_queued_then_delivered(
    plan_life_http, queued_mailhost, monkeypatch
):
    c = plan_life_http
    host, port, queue = queued_mailhost
    lavoro = c.content["lavoro"]
    # One writes on the Italian page and asks; one does not ask. (The
    # fixture's site is English: the inline comments' author wrote in it.)
    inline_comment(
        lavoro,
        "lavoro sociale",
        FIRST,
        "Più lavoro sociale.",
        ITALIAN_EMAIL,
        language="it",
    )
    inline_comment(
        lavoro,
        "città metropolitana",
        FIRST,
        "Anche la provincia.",
        SILENT_EMAIL,
        opt_in=False,
    )
    transaction.commit()
    walk_to_published(c, REVISED)  # commits: the queue is written then
    transaction.begin()
    assert plan_stages.stage(c.plan) == "outcomes_published"
    files = queued_files(queue)
    # Two contributors asked: the inline comments' author (English) and the
    # Italian one. The report's contributions were stored before the box
    # existed (they did not ask), and one contributor said no.
    assert len(files) == 2

    # The server comes up: the queue is delivered, nothing lost.
    with smtp_server_on(port) as server:
        try:
            monkeypatch.delenv("MAILHOST_QUEUE_ONLY")
            host._startQueueProcessorThread()
            deadline = time.time() + 30
            while len(server.received) < 2 and time.time() < deadline:
                time.sleep(0.2)
        finally:
            host._stopQueueProcessorThread()
    assert sorted(r[0][0] for r in server.received) == sorted(
        [INLINE_EMAIL, ITALIAN_EMAIL]
    )
    assert REPORT_EMAIL not in str(server.received)
    assert SILENT_EMAIL not in str(server.received)
    by_address = {r[0][0]: message_from_bytes(r[1]) for r in server.received}
    italian = by_address[ITALIAN_EMAIL]
    subject = str(make_header(decode_header(italian["Subject"])))
    assert subject.startswith("Esiti della consultazione su")
    text = italian.get_payload(decode=True).decode(
        italian.get_content_charset() or "utf-8"
    )
    assert "Più lavoro sociale." in text
    assert "Il tuo contributo:" in text and "Your contribution" not in text
    assert "Non accolto" in text
    mail = by_address[INLINE_EMAIL]
    subject = str(make_header(decode_header(mail["Subject"])))
    assert subject.startswith("Outcomes of the consultation on")
    assert "Piano per l'economia sociale" in subject
    body = mail.get_payload(decode=True).decode(mail.get_content_charset() or "utf-8")
    assert "Your contribution:" in body
    assert "Il fondo deve essere di garanzia." in body
    assert "Accepted" in body and "Fondo di garanzia." in body
    assert "@@how-the-plan-changed#change-" in body
    # Both inline comments of that author in one message.
    assert "Anche servizi digitali." in body
    assert queued_files(queue) == []
    assert not os.environ.get("MAILHOST_QUEUE_ONLY")
