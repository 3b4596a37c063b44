"""Retention: what the periods set past a consultation's end allow to keep
(settings.py), and erasing the rest. Idempotent: a second run finds nothing.

For each Plan whose consultation has ended:
- ``retention_email_days`` after the end: the e-mail address, confirmation
  token and notification opt-in of every contribution (places.py);
- ``retention_rejected_days`` and ``retention_spam_days`` after the end:
  rejected and spam contributions are deleted;
- ``retention_logs_days`` after the end: the moderation audit keeps what was
  decided and when, not who decided it nor their note;
- mail queued and not yet sent to an address erased or deleted is deleted
  (mail_queue.py).

Long runs go in batches of BATCH contributions (committed by the console
command, savepoints in the control panel's request), the object cache
minimised after each: memory stays bounded. Progress is told on the console
and recorded (run_state(), shown in the control panel). A run that crashed or
stopped at its time limit keeps what its batches did; the next run, finding
only what is left, goes on (idempotent).

Run by ``make purge-personal-data`` (scripts/purge_personal_data.py, with
``--dry-run``) or from Site Setup → Personal data and legal pages.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from torino.socialplan.base.states import REJECTED
from torino.socialplan.base.states import SPAM
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.legal import settings
from torino.socialplan.consultation.moderation.audit import _by_item
from torino.socialplan.consultation.personal_data import address_key
from torino.socialplan.consultation.personal_data import mail_queue
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data import rights
from zope.annotation.interfaces import IAnnotations

import time
import transaction


# Audit entry keys that name a moderator or hold their free text.
AUDIT_PERSONAL = ("who", "who_name", "note")
PSEUDONYM = "—"
# Commit (or savepoint) and minimise the object cache every so many
# contributions looked at: memory stays bounded on long runs.
BATCH = 500
# The last run's progress, a site annotation (run_state()).
RUN_KEY = "torino.socialplan.legal.retention-run"


@dataclass
class Report:
    dry_run: bool = False
    addresses: list = field(default_factory=list)  # paths erased
    rejected: list = field(default_factory=list)  # paths deleted
    spam: list = field(default_factory=list)
    audit_entries: int = 0
    queued_mail: int = 0  # messages not yet sent, to an erased address
    erased: set = field(default_factory=set, repr=False)  # the addresses
    loaded_peak: int = 0  # most objects loaded in the cache at a batch's end
    plans: list = field(default_factory=list)  # paths of the Plans looked at
    complete: bool = True  # False: stopped at its time limit, run it again

    @property
    def changed(self):
        return len(self.addresses) + len(self.rejected) + len(self.spam)

    def as_json(self):
        return {
            "dry_run": self.dry_run,
            "addresses_erased": len(self.addresses),
            "rejected_deleted": len(self.rejected),
            "spam_deleted": len(self.spam),
            "audit_entries_pseudonymised": self.audit_entries,
            "queued_mail_deleted": self.queued_mail,
            "plans": self.plans,
            "complete": self.complete,
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
        yield f"{verb} delete queued mail to erased addresses: {self.queued_mail}"
        if not self.complete:
            yield "stopped at its time limit: run it again to go on"


def _due(end, days, now):
    return days is not None and end is not None and now >= end + timedelta(days=days)


def _plans():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        yield brain._unrestrictedGetObject()


def _path(obj):
    return "/".join(obj.getPhysicalPath())


def run_state():
    """What the last run that changed anything did, for the control panel:
    {"started", "updated", "finished", "looked_at", "total", "changed"}
    (``finished`` None while a run is under way or was interrupted)."""
    state = IAnnotations(api.portal.get()).get(RUN_KEY)
    return dict(state) if state is not None else None


class _Batches:
    """Every BATCH contributions looked at: the changes committed (console
    runs) or put in a savepoint (a run within one request), the object cache
    minimised, so that memory stays bounded; progress told and recorded."""

    def __init__(self, report, callback, commit, deadline):
        self.report = report
        self.callback = callback
        self.commit = commit and not report.dry_run
        self.deadline = deadline
        self.looked_at = 0
        self.total = 0
        self.state = None
        if not report.dry_run:
            annotations = IAnnotations(api.portal.get())
            previous = annotations.get(RUN_KEY)
            if previous is not None and not previous.get("finished"):
                self.tell(
                    f"resuming the run started {previous['started']}, interrupted "
                    f"after {previous['changed']:,} changes (all kept)"
                )
            started = _now_iso()
            self.state = annotations[RUN_KEY] = PersistentMapping(
                started=started,
                updated=started,
                finished=None,
                looked_at=0,
                total=0,
                changed=0,
            )

    def tell(self, line):
        if self.callback is not None:
            self.callback(line)

    def start_plan(self, path, total):
        self.total += total
        self.tell(f"{path}: {total:,} contributions to look at")
        if self.state is not None:
            self.state["total"] = self.total

    def step(self):
        """One contribution looked at; False once the deadline has passed
        (the run stops there; a later run takes it up)."""
        self.looked_at += 1
        if self.looked_at % BATCH:
            return True
        self.flush()
        self.tell(
            f"{self.looked_at:,} of {self.total:,} contributions looked at, "
            f"{self.report.changed:,} changed"
        )
        return self.deadline is None or time.monotonic() < self.deadline

    def flush(self, finished=False):
        connection = getattr(api.portal.get(), "_p_jar", None)
        if connection is not None:
            self.report.loaded_peak = max(
                self.report.loaded_peak, connection._cache.cache_non_ghost_count
            )
        if self.state is not None:
            self.state.update(
                updated=_now_iso(),
                looked_at=self.looked_at,
                changed=self.report.changed,
                finished=_now_iso() if finished else None,
            )
        if self.commit:
            transaction.commit()
        elif not self.report.dry_run:
            transaction.savepoint(optimistic=True)
        if connection is not None:
            connection.cacheMinimize()


def _now_iso():
    return datetime.now(UTC).isoformat(timespec="seconds")


def purge(now=None, dry_run=False, progress=None, commit=False, seconds=None):
    """Apply the retention periods; return a Report of what went (or, with
    ``dry_run``, would go). ``progress`` is called with a line every BATCH
    contributions. With ``commit`` each batch is committed (console runs:
    a crash loses one batch at most, and the next run, idempotent, takes up
    what is left); without, each batch goes into a savepoint. ``seconds``
    bounds the run (the control panel's): past it, the run stops after the
    current batch and the report says ``complete`` False."""
    now = as_rome(now) if now is not None else now_in_rome()
    deadline = time.monotonic() + seconds if seconds is not None else None
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
    batches = _Batches(report, progress, commit, deadline)
    if not dry_run:
        rights.cleanup()  # expired links, and the addresses they held
    site = api.portal.get()
    for plan_path, end in _ended(now, report):
        if not _plan(site, plan_path, end, periods, now, report, batches):
            report.complete = False
            break
    report.queued_mail = mail_queue.drop_queued(report.erased, report.dry_run)
    batches.flush(finished=report.complete)
    return report


def _ended(now, report):
    """(path, end) of the Plans whose consultation has ended."""
    ended = []
    for plan in list(_plans()):
        end = as_rome(plan.consultation_end)
        if end is not None and now >= end:
            report.plans.append(_path(plan))
            ended.append((_path(plan), end))
    return ended


def _plan(site, plan_path, end, periods, now, report, batches):
    """One Plan's run; False if it stopped at the deadline."""
    delete_rejected = _due(end, periods["retention_rejected_days"], now)
    delete_spam = _due(end, periods["retention_spam_days"], now)
    erase = _due(end, periods["retention_email_days"], now)
    paths = []
    if delete_rejected or delete_spam or erase:
        # Paths, not objects: the objects are loaded one batch at a time.
        paths = [brain.getPath() for brain in places.contribution_brains(plan_path)]
    batches.start_plan(plan_path, len(paths))
    for path in paths:
        obj = site.unrestrictedTraverse(path, None)
        kind = kind_of(obj) if obj is not None else None
        if kind is not None:
            _one(kind, obj, report, delete_rejected, delete_spam, erase)
        if not batches.step():
            return False
    if _due(end, periods["retention_logs_days"], now):
        plan = site.unrestrictedTraverse(plan_path)
        report.audit_entries += pseudonymise_audit(plan, report.dry_run)
    return True


def _one(kind, obj, report, delete_rejected, delete_spam, erase):
    # The workflow state only when it decides something: it costs a fifth
    # of a run (bench/test_retention_bench.py, RETENTION_BENCH_PROFILE=1).
    state = kind.state(obj) if delete_rejected or delete_spam else None
    if (state == REJECTED and delete_rejected) or (state == SPAM and delete_spam):
        (report.rejected if state == REJECTED else report.spam).append(_path(obj))
        report.erased.add(address_key.address_of(kind, obj))
        if not report.dry_run:
            places.delete(kind, obj)
    elif erase and places.has_identifiers(kind, obj):
        report.addresses.append(_path(obj))
        report.erased.add(address_key.address_of(kind, obj))
        if not report.dry_run:
            places.erase_identifiers(kind, obj)


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
