"""Retention: what the periods set past a consultation's end allow to keep
(settings.py), and erasing the rest. Idempotent: a second run finds nothing.

For each Plan whose consultation has ended:
- ``retention_email_days`` after the end: the e-mail address, confirmation
  token and notification opt-in of every contribution (places.py);
- ``retention_rejected_days`` and ``retention_spam_days`` after the end:
  rejected and spam contributions are deleted;
- ``retention_logs_days`` after the end: the moderation audit keeps what was
  decided and when, not who decided it nor their note.

Run by ``make purge-personal-data`` (scripts/purge_personal_data.py, with
``--dry-run``) or from Site Setup → Personal data and legal pages.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from plone import api
from torino.socialplan.base.states import REJECTED
from torino.socialplan.base.states import SPAM
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.legal import settings
from torino.socialplan.consultation.moderation.audit import _by_item
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data import rights

import transaction


# Audit entry keys that name a moderator or hold their free text.
AUDIT_PERSONAL = ("who", "who_name", "note")
PSEUDONYM = "—"
# Commit every so many changed objects on long runs (memory, conflicts).
BATCH = 500


@dataclass
class Report:
    dry_run: bool = False
    addresses: list = field(default_factory=list)  # paths erased
    rejected: list = field(default_factory=list)  # paths deleted
    spam: list = field(default_factory=list)
    audit_entries: int = 0
    plans: list = field(default_factory=list)  # paths of the Plans looked at

    def as_json(self):
        return {
            "dry_run": self.dry_run,
            "addresses_erased": len(self.addresses),
            "rejected_deleted": len(self.rejected),
            "spam_deleted": len(self.spam),
            "audit_entries_pseudonymised": self.audit_entries,
            "plans": self.plans,
        }

    def lines(self):
        verb = "would" if self.dry_run else "did"
        yield f"Plans past their end: {len(self.plans)}"
        for label, paths in (
            ("erase the address of", self.addresses),
            ("delete rejected", self.rejected),
            ("delete spam", self.spam),
        ):
            yield f"{verb} {label}: {len(paths)}"
            for path in paths:
                yield f"  {path}"
        yield f"{verb} pseudonymise audit entries: {self.audit_entries}"


def _due(end, days, now):
    return days is not None and end is not None and now >= end + timedelta(days=days)


def _plans():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        yield brain._unrestrictedGetObject()


def _path(obj):
    return "/".join(obj.getPhysicalPath())


class _Progress:
    def __init__(self, callback, commit):
        self.callback = callback
        self.commit = commit
        self.changed = 0

    def step(self, what):
        self.changed += 1
        if self.changed % BATCH == 0:
            if self.commit:
                transaction.commit()
            if self.callback is not None:
                self.callback(f"{self.changed} {what}")


def purge(now=None, dry_run=False, progress=None, commit=False):
    """Apply the retention periods; return a Report of what went (or, with
    ``dry_run``, would go). ``progress`` is called with a line every BATCH
    changes; with ``commit`` those batches are committed (console runs)."""
    now = as_rome(now) if now is not None else now_in_rome()
    periods = {
        name: settings.get(name)
        for name in (
            "retention_email_days",
            "retention_rejected_days",
            "retention_spam_days",
            "retention_logs_days",
        )
    }
    report = Report(dry_run=dry_run)
    counter = _Progress(progress, commit and not dry_run)
    if not dry_run:
        rights.cleanup()  # expired links, and the addresses they held
    for plan in list(_plans()):
        end = as_rome(plan.consultation_end)
        if end is None or now < end:
            continue
        report.plans.append(_path(plan))
        delete_rejected = _due(end, periods["retention_rejected_days"], now)
        delete_spam = _due(end, periods["retention_spam_days"], now)
        erase = _due(end, periods["retention_email_days"], now)
        for kind, obj in list(places.contributions(_path(plan))):
            state = kind.state(obj)
            if (state == REJECTED and delete_rejected) or (
                state == SPAM and delete_spam
            ):
                (report.rejected if state == REJECTED else report.spam).append(
                    _path(obj)
                )
                if not dry_run:
                    places.delete(kind, obj)
                counter.step("contributions done")
                continue
            if erase and places.has_identifiers(kind, obj):
                report.addresses.append(_path(obj))
                if not dry_run:
                    places.erase_identifiers(kind, obj)
                counter.step("contributions done")
        if _due(end, periods["retention_logs_days"], now):
            report.audit_entries += pseudonymise_audit(plan, dry_run)
    return report


def pseudonymise_audit(plan, dry_run=False):
    """Take who decided and their note out of the Plan's audit entries;
    return how many entries had them."""
    tree = _by_item(plan)
    if tree is None:
        return 0
    count = 0
    for entries in tree.values():
        for index, entry in enumerate(entries):
            if not any(
                entry.get(key) not in (None, PSEUDONYM) for key in AUDIT_PERSONAL
            ):
                continue
            count += 1
            if not dry_run:
                entries[index] = dict(
                    entry,
                    **{
                        key: PSEUDONYM if entry.get(key) is not None else None
                        for key in AUDIT_PERSONAL
                    },
                )
    return count
