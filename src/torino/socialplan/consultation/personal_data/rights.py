"""Rights without an account (GDPR arts. 15 and 17): a person gives an
e-mail address and gets, by mail, a link to see and download what is stored
about it (JSON, CSV), withdraw their pending contributions, or erase.

- The answer to a request is the same whether the address is known or not;
  requests are rate limited per network address.
- A link is an unguessable token (only its sha256 is kept, with the address
  and an expiry, in a site annotation) valid for ``LINK_HOURS``; downloads
  leave it valid, withdrawing or erasing uses it up. Expired links are
  forgotten on every request.
- Erasure: pending, rejected and spam contributions are deleted; published
  ones stay in the public record with name and organisation replaced by
  places.ANONYMISED and the address erased (or are deleted, if the settings
  say so).
- Mail queued for the address and not yet sent is deleted (mail_queue.py).
- Moderators do the same for a request received by post (``for_address``).
- Every request is audited without personal data: what was asked, how, and
  how many contributions it touched.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from limits import RateLimitItemPerHour
from limits import RateLimitItemPerMinute
from persistent.list import PersistentList
from plone import api
from torino.socialplan import _
from torino.socialplan.base.states import PENDING
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.legal import notice
from torino.socialplan.consultation.legal import settings
from torino.socialplan.consultation.notifications import send
from torino.socialplan.consultation.personal_data import address_key
from torino.socialplan.consultation.personal_data import mail_queue
from torino.socialplan.consultation.personal_data import places
from zope.annotation.interfaces import IAnnotations

import csv
import hashlib
import io
import re
import secrets
import time


LINKS_KEY = "torino.socialplan.legal.rights-links"
AUDIT_KEY = "torino.socialplan.legal.rights-audit"
LINK_HOURS = 2
VIEW_NAME = "my-data"
RATE_KEY = "personal-data-request"
LIMITS = (RateLimitItemPerMinute(3), RateLimitItemPerHour(10))
ADDRESS = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,63}$")
ADDRESS_MAX_LENGTH = 254
TOKEN_MIN_LENGTH = 32
TOKEN_MAX_LENGTH = 128

CSV_COLUMNS = (
    "kind",
    "state",
    "url",
    "about",
    "created",
    "first_name",
    "last_name",
    "organization",
    "organization_type",
    "email",
    "text",
    "privacy_notice_version",
    "awaiting_confirmation",
    "user_notification",
)


class InvalidLink(ContributionError):
    status = 404
    kind = "NotFound"


def normalise(address):
    """The address as stored addresses are compared, or a ContributionError."""
    if not isinstance(address, str) or len(address) > ADDRESS_MAX_LENGTH:
        address = ""
    address = address.strip().lower()
    if not ADDRESS.match(address):
        raise ContributionError.on(
            "email", _("Give an e-mail address such as name@example.org.")
        )
    return address


def _digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _annotation(key, factory):
    annotations = IAnnotations(api.portal.get())
    value = annotations.get(key)
    if value is None:
        value = annotations[key] = factory()
    return value


def _links():
    return _annotation(LINKS_KEY, OOBTree)


def audit(action, via, count=0, when=None):
    """One entry, with no personal data: no address, no hash of it."""
    when = when or datetime.now(UTC)
    _annotation(AUDIT_KEY, PersistentList).append(
        {
            "when": when.isoformat(timespec="seconds"),
            "action": action,
            "via": via,
            "contributions": count,
        }
    )


def audit_entries():
    return [dict(entry) for entry in IAnnotations(api.portal.get()).get(AUDIT_KEY, ())]


def cleanup(now=None):
    """Forget the expired links (and the addresses they held)."""
    limit = (now or time.time()) if not isinstance(now, datetime) else now.timestamp()
    links = IAnnotations(api.portal.get()).get(LINKS_KEY)
    if not links:
        return 0
    expired = [digest for digest, (_a, expires) in links.items() if expires <= limit]
    for digest in expired:
        del links[digest]
    return len(expired)


def stored_about(address):
    """(kind, object) of every contribution that holds ``address``: the
    decided ones by their indexed key, the pending ones (not indexed yet,
    indexing.py) by reading each."""
    key = address_key.key_of(address)
    decided = places.contributions(contributor_key=key) if key else ()
    pending = places.contributions(review_state=PENDING)
    found = {}
    for kind, obj in (*decided, *pending):
        if address_key.address_of(kind, obj) == address:
            found["/".join(obj.getPhysicalPath())] = (kind, obj)
    return list(found.values())


def _check_rate(request):
    guards.count_or_refuse(
        request,
        RATE_KEY,
        LIMITS,
        _(
            "Too many requests from your connection: please try "
            "again in ${seconds} seconds."
        ),
    )


def request_link(address, request, now=None):
    """Mail a link to ``address`` if anything is stored about it; the caller
    says the same either way. Raises ContributionError for a malformed
    address and TooManyContributions past the rate limit."""
    _check_rate(request)
    address = normalise(address)
    cleanup(now)
    found = stored_about(address)
    audit("link_requested", "form")
    if not found:
        return None
    token = secrets.token_urlsafe(32)
    expires = (now or time.time()) + LINK_HOURS * 3600
    _links()[_digest(token)] = (address, expires)
    url = f"{api.portal.get().absolute_url()}/@@{VIEW_NAME}?token={token}"
    _send_link(address, url, expires)
    return token


def _send_link(address, url, expires):
    when = as_rome(datetime.fromtimestamp(expires, UTC))
    send(
        address,
        _("Your data in the consultation"),
        [
            _(
                "Someone, hopefully you, asked to see the data the consultation "
                "keeps about this e-mail address."
            ),
            _(
                "Open this link to download them, withdraw your contributions "
                "waiting for moderation, or erase your data: ${url}",
                mapping={"url": url},
            ),
            _(
                "The link works until ${expires}. If you did not ask, ignore this "
                "message: nothing changes.",
                mapping={"expires": when.strftime("%d/%m/%Y %H:%M %Z")},
            ),
        ],
    )


def check_link(token, now=None):
    """The address a link was sent to, or InvalidLink (unknown, used or
    expired: one answer for all)."""
    cleanup(now)
    if not isinstance(token, str) or not (
        TOKEN_MIN_LENGTH <= len(token) <= TOKEN_MAX_LENGTH
    ):
        raise _invalid()
    links = IAnnotations(api.portal.get()).get(LINKS_KEY)
    entry = links.get(_digest(token)) if links else None
    if entry is None:
        raise _invalid()
    return entry[0]


def use_link(token):
    """Forget a link once it has withdrawn or erased."""
    links = IAnnotations(api.portal.get()).get(LINKS_KEY)
    if links and _digest(token) in links:
        del links[_digest(token)]


def _invalid():
    return InvalidLink.on(
        None,
        _(
            "This link is not valid: it may have expired or been used already. "
            "Ask for a new one."
        ),
    )


def export(address, via="link"):
    """Everything stored about ``address``: a dict for JSON."""
    rows = [places.describe(kind, obj) for kind, obj in stored_about(address)]
    audit("export", via, len(rows))
    versions = sorted({row["privacy_notice_version"] for row in rows} - {None})
    return {
        "email": address,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "contributions": rows,
        "privacy_notice_versions_accepted": versions,
        "privacy_notice_current_version": notice.current_version(),
    }


def export_csv(data):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in data["contributions"]:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def withdraw(address, via="link"):
    """Delete the pending contributions of ``address``; return how many."""
    count = 0
    for kind, obj in stored_about(address):
        if kind.state(obj) == PENDING:
            places.delete(kind, obj)
            count += 1
    audit("withdraw", via, count)
    return count


def erase(address, via="link"):
    """Erase ``address``: {"deleted": n, "anonymised": n}."""
    deletes_published = bool(settings.get("erasure_deletes_published"))
    deleted = anonymised = 0
    for kind, obj in stored_about(address):
        if kind.state(obj) == PUBLISHED and not deletes_published:
            places.anonymise(kind, obj)
            anonymised += 1
        else:
            places.delete(kind, obj)
            deleted += 1
    # Links still held for the address go too.
    links = IAnnotations(api.portal.get()).get(LINKS_KEY)
    if links:
        for digest in [d for d, (a, _e) in links.items() if a == address]:
            del links[digest]
    # And the mail queued for it, not yet sent (mail_queue.py).
    mail_queue.drop_queued([address])
    audit("erase", via, deleted + anonymised)
    return {"deleted": deleted, "anonymised": anonymised}


def link_validity():
    return timedelta(hours=LINK_HOURS)
