"""Addresses outside the database: mail queued and not yet sent, and the
mail system's log lines.

- The queue: when the site MailHost queues (``smtp_queue``, Site Setup →
  Mail in the ZMI), each message waits as a file in the Maildir
  ``smtp_queue_directory`` (new/, cur/, tmp/) until zope.sendmail's thread
  delivers it; messages the server refused for good stay there as
  ``.rejected-*`` files. Erasure and retention delete every such file that
  names an erased address (in a header or in the text, encoded or not):
  mail to a person who asked to be forgotten is not sent after the fact.
  Without a queue the MailHost sends at commit and keeps nothing.
- The logs: zope.sendmail logs "Mail from … to … sent." and its failures
  with the addresses, into the event log, which is kept longer than the
  addresses may be. A logging filter writes ``<address>`` instead.
"""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from pathlib import Path
from plone import api
from Products.MailHost.interfaces import IMailHost
from zope.component import queryUtility

import logging
import re


ADDRESS = re.compile(r"[A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
REDACTED = "<address>"
MAILDIR = ("new", "cur", "tmp")
# zope.sendmail's loggers (queue.py, delivery.py) and the MailHost's.
MAIL_LOGGERS = ("QueueProcessorThread", "MailDataManager", "MailHost")


def queue_directory():
    """The site MailHost's Maildir, if it has one on disk."""
    host = queryUtility(IMailHost)
    if host is None:
        try:
            host = api.portal.get_tool("MailHost")
        except Exception:
            return None
    path = getattr(host, "smtp_queue_directory", None)
    # Only a queue in use: the default directory, unused, is /tmp.
    if not getattr(host, "smtp_queue", False) or not path:
        return None
    directory = Path(path)
    if all((directory / sub).is_dir() for sub in MAILDIR):
        return directory
    return None


def queued_files(directory=None):
    """Every message file in the queue, sent-in-progress and rejected ones
    (dot files) included."""
    directory = directory or queue_directory()
    if directory is None:
        return []
    return sorted(
        path
        for sub in MAILDIR
        for path in (directory / sub).iterdir()
        if path.is_file()
    )


def addresses_in(raw):
    """The addresses a queued message names, lower case: in its raw bytes,
    its decoded headers (RFC 2047) and its decoded parts (base64,
    quoted-printable)."""
    texts = [raw.decode("utf-8", "replace")]
    message = message_from_bytes(raw)
    for part in message.walk():
        for value in part.values():
            try:
                texts.append(str(make_header(decode_header(value))))
            except (LookupError, ValueError, UnicodeError):
                continue
        payload = part.get_payload(decode=True)
        if payload:
            charset = part.get_content_charset() or "utf-8"
            try:
                texts.append(payload.decode(charset, "replace"))
            except LookupError:
                texts.append(payload.decode("utf-8", "replace"))
    return {match.lower() for text in texts for match in ADDRESS.findall(text)}


def drop_queued(addresses, dry_run=False, directory=None):
    """Delete the queued messages that name any of ``addresses``; return
    how many (would) go. Not transactional: a file deleted stays deleted."""
    wanted = {address.strip().lower() for address in addresses if address}
    if not wanted:
        return 0
    dropped = 0
    for path in queued_files(directory):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:  # sent meanwhile
            continue
        if addresses_in(raw) & wanted:
            dropped += 1
            if not dry_run:
                path.unlink(missing_ok=True)
    return dropped


class RedactAddresses(logging.Filter):
    """E-mail addresses in a log record's message written as REDACTED."""

    def filter(self, record):
        message = record.getMessage()
        if "@" in message:
            record.msg = ADDRESS.sub(REDACTED, message)
            record.args = None
        if record.exc_info and not record.exc_text:
            # An SMTP error quotes the refused recipients.
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = ADDRESS.sub(REDACTED, text)
        return True


LOG_FILTER = RedactAddresses()


def redact_mail_logs():
    for name in MAIL_LOGGERS:
        logger = logging.getLogger(name)
        if LOG_FILTER not in logger.filters:
            logger.addFilter(LOG_FILTER)


redact_mail_logs()
