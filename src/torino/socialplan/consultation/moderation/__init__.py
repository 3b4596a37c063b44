"""The moderation queue of a Plan: its comments and Pledges, and the bulk
transitions moderators apply to them, with an audit trail; one module
per concern (queue, decisions, audit, triage, reasons, paths).

Callers (the REST service and the Classic view) check the permission
"Moderate contributions" on the Plan; the catalog is then searched without
security, so a moderator sees every contribution of the Plan whatever the
state, while each transition is still guarded by the workflow for the user.
"""

from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import PORTAL_TYPES
from torino.socialplan.consultation.moderation.audit import audit_by_item
from torino.socialplan.consultation.moderation.audit import AUDIT_BY_ITEM_KEY
from torino.socialplan.consultation.moderation.audit import AUDIT_KEY
from torino.socialplan.consultation.moderation.audit import audit_key
from torino.socialplan.consultation.moderation.audit import audit_log
from torino.socialplan.consultation.moderation.audit import audit_transition
from torino.socialplan.consultation.moderation.audit import migrate_audit
from torino.socialplan.consultation.moderation.audit import record
from torino.socialplan.consultation.moderation.decisions import moderate
from torino.socialplan.consultation.moderation.decisions import moderate_each
from torino.socialplan.consultation.moderation.decisions import resolve
from torino.socialplan.consultation.moderation.decisions import resolve_selection
from torino.socialplan.consultation.moderation.paths import path_of_url
from torino.socialplan.consultation.moderation.queue import describe
from torino.socialplan.consultation.moderation.queue import queue_entries
from torino.socialplan.consultation.moderation.reasons import KINDS
from torino.socialplan.consultation.moderation.reasons import NOTE_MAX_LENGTH
from torino.socialplan.consultation.moderation.reasons import reason_title
from torino.socialplan.consultation.moderation.reasons import REASONS
from torino.socialplan.consultation.moderation.reasons import reasons_vocabulary
from torino.socialplan.consultation.moderation.reasons import site_language
from torino.socialplan.consultation.moderation.reasons import TRANSITIONS
from torino.socialplan.consultation.moderation.reasons import TRANSITIONS_WITH_REASON
from torino.socialplan.consultation.moderation.triage import acknowledge_anchor_changes
from torino.socialplan.consultation.moderation.triage import anchor_triage
from torino.socialplan.consultation.moderation.triage import version_url


__all__ = [
    "AUDIT_BY_ITEM_KEY",
    "AUDIT_KEY",
    "COMMENT",
    "KINDS",
    "NOTE_MAX_LENGTH",
    "PLEDGE",
    "PORTAL_TYPES",
    "REASONS",
    "TRANSITIONS",
    "TRANSITIONS_WITH_REASON",
    "acknowledge_anchor_changes",
    "anchor_triage",
    "audit_by_item",
    "audit_key",
    "audit_log",
    "audit_transition",
    "describe",
    "migrate_audit",
    "moderate",
    "moderate_each",
    "path_of_url",
    "queue_entries",
    "reason_title",
    "reasons_vocabulary",
    "record",
    "resolve",
    "resolve_selection",
    "site_language",
    "version_url",
]
