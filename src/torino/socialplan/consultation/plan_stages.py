"""The Plan's life: from the consulted draft to the approved Plan.

drafting → consultation (both follow the window's dates) → analysis →
approved → outcomes published (stored, see base/plan_stages.py). Only editors
of the Plan ("Move the Plan on") take a step, one at a time and never back;
each step has its condition:

- to analysis: the window has closed; every Chapter's and Action's text is
  pinned as consulted (consulted_text.py);
- to approved: every promoting body has recorded its approval act;
- to outcomes published: every published contribution has an outcome.

Each promoting body's editors record their own body's approval (the deciding
body, the act's number and date, and the act: a link or a PDF, checked by its
content), while the Plan is in analysis. Every step and every approval is
written to the Plan's log (who, when, from, to).
"""

from AccessControl import Unauthorized
from datetime import date
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.uuid.interfaces import IUUID
from torino.socialplan import _
from torino.socialplan.base import inputs
from torino.socialplan.base import permissions
from torino.socialplan.base.plan_stages import ANALYSIS
from torino.socialplan.base.plan_stages import APPROVED
from torino.socialplan.base.plan_stages import CONSULTATION
from torino.socialplan.base.plan_stages import DRAFTING
from torino.socialplan.base.plan_stages import LIFE_KEY
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.base.plan_stages import STAGE_TITLES
from torino.socialplan.base.plan_stages import STAGES
from torino.socialplan.base.plan_stages import stored_stage
from torino.socialplan.base.window import CLOSED
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.base.window import UPCOMING
from torino.socialplan.base.window import window_status
from torino.socialplan.consultation import consulted_text
from torino.socialplan.consultation import outcome_mail
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import NO_OUTCOME
from torino.socialplan.consultation.outcomes import published_entries
from zope.annotation.interfaces import IAnnotations
from zope.i18nmessageid import Message

import re


TEXT_MAX_LENGTH = 200
PDF_MAX_BYTES = 20 * 1024 * 1024
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Whoever edits an Institution records its approval.
APPROVER_ROLES = ("Editor", "Manager", "Site Administrator")


class PlanStageError(ContributionError):
    """A step refused: the Plan stays where it is."""

    status = 409
    kind = "PlanStageError"


def _life(plan, create=False):
    annotations = IAnnotations(plan)
    life = annotations.get(LIFE_KEY)
    if life is None and create:
        life = annotations[LIFE_KEY] = PersistentMapping(
            {"stage": None, "approvals": PersistentMapping(), "log": PersistentList()}
        )
    return life


def stage(plan, now=None):
    """Where the Plan's life stands (one of base.plan_stages.STAGES)."""
    stored = stored_stage(plan)
    if stored is not None:
        return stored
    status = window_status(plan.consultation_start, plan.consultation_end, now)
    if status.state == UPCOMING or status.start is None or status.end is None:
        return DRAFTING
    return CONSULTATION


def next_stage(plan, now=None):
    index = STAGES.index(stage(plan, now))
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def may_move_on(plan):
    return bool(api.user.has_permission(permissions.MOVE_PLAN_ON, obj=plan))


def _title(stage_id):
    return STAGE_TITLES.get(stage_id, stage_id)


def move_on(plan, to, now=None):
    """Take the Plan to the stage ``to``, the next one; returns it. Raises
    Unauthorized without "Move the Plan on", PlanStageError (nothing
    changed) for a step back, a skip or an unmet condition."""
    if not may_move_on(plan):
        raise Unauthorized("You may not move this Plan on.")
    current = stage(plan, now)
    if to not in STAGES:
        raise PlanStageError.on(
            "stage",
            _(
                "Unknown stage: choose one of ${stages}.",
                mapping={"stages": ", ".join(STAGES)},
            ),
        )
    if STAGES.index(to) <= STAGES.index(current):
        raise PlanStageError.on(
            "stage",
            _(
                "The Plan is at the stage '${current}': it cannot move back "
                "or stay at '${to}'. A Plan's life only moves on.",
                mapping={"current": _title(current), "to": _title(to)},
            ),
        )
    if to != next_stage(plan, now):
        raise PlanStageError.on(
            "stage",
            _(
                "The Plan moves one stage at a time: after '${current}' comes "
                "'${next}'.",
                mapping={
                    "current": _title(current),
                    "next": _title(next_stage(plan, now)),
                },
            ),
        )
    if to == CONSULTATION:
        raise PlanStageError.on(
            "stage",
            _(
                "The consultation opens by itself on the date set in the Plan: "
                "set the window's dates."
            ),
        )
    errors = _conditions(plan, to, now)
    if errors:
        raise PlanStageError(errors)
    if to == ANALYSIS:
        consulted_text.pin_plan(plan)
    life = _life(plan, create=True)
    life["stage"] = to
    _log(plan, "move_on", current, to, now)
    if to == OUTCOMES_PUBLISHED:
        # Told by queued mail; a mail server down does not block this.
        outcome_mail.tell_contributors(plan)
    return to


def _conditions(plan, to, now=None):
    errors = []
    if to == ANALYSIS:
        status = window_status(plan.consultation_start, plan.consultation_end, now)
        if status.state != CLOSED:
            errors.append(
                (
                    "stage",
                    _(
                        "The consultation is still open: the Plan moves on to "
                        "analysis once the window has closed."
                    ),
                )
            )
    elif to == APPROVED:
        missing = [row["title"] for row in approvals(plan) if row["approval"] is None]
        if not plan_promoters(plan):
            errors.append(("approvals", _("The Plan names no promoting body.")))
        if missing:
            errors.append(
                (
                    "approvals",
                    _(
                        "Approval acts still missing for: ${bodies}.",
                        mapping={"bodies": "; ".join(missing)},
                    ),
                )
            )
    elif to == OUTCOMES_PUBLISHED:
        missing = missing_outcomes(plan)
        if missing:
            errors.append(
                (
                    "outcomes",
                    _(
                        "${count} published contributions have no outcome yet: "
                        "give each one an outcome before publishing them.",
                        mapping={"count": len(missing)},
                    ),
                )
            )
    return errors


def missing_outcomes(plan):
    """The published contributions of ``plan`` still without an outcome
    (catalog brains)."""
    return published_entries(plan, outcome=NO_OUTCOME)


def _log(plan, action, before, after, now=None, **extra):
    user = api.user.get_current()
    who = user.getId() or "anonymous"
    entry = {
        "action": action,
        "from": before,
        "to": after,
        "who": who,
        "who_name": user.getProperty("fullname", None) or who,
        "when": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        **extra,
    }
    _life(plan, create=True)["log"].append(entry)
    return entry


def life_log(plan):
    """Every step and approval of the Plan, oldest first (copies)."""
    life = _life(plan)
    return [dict(entry) for entry in (life["log"] if life else ())]


# Approvals


def plan_promoters(plan):
    return [
        relation.to_object
        for relation in getattr(plan, "promoters", None) or ()
        if getattr(relation, "to_object", None) is not None
    ]


def approvals(plan):
    """For each promoting body: {"uid", "title", "institution", "approval"
    (the record or None)}."""
    life = _life(plan)
    stored = life["approvals"] if life else {}
    rows = []
    for institution in plan_promoters(plan):
        uid = IUUID(institution)
        record = stored.get(uid)
        rows.append(
            {
                "uid": uid,
                "title": institution.Title(),
                "institution": institution,
                "approval": dict(record) if record is not None else None,
            }
        )
    return rows


def may_record_approval(institution):
    """The body's own editors (Editor on its page, computed from its editors
    group), and site managers."""
    roles = api.user.get_roles(obj=institution)
    return any(role in roles for role in APPROVER_ROLES)


def is_pdf(data):
    """Whether ``data`` (bytes) is a PDF by its content, not its name: the
    header in its first kilobyte and an end-of-file marker in its last."""
    return (
        isinstance(data, bytes) and b"%PDF-" in data[:1024] and b"%%EOF" in data[-1024:]
    )


def record_approval(
    plan,
    institution_uid,
    deciding_body,
    act_number,
    act_date,
    act_url=None,
    act_pdf=None,
    now=None,
):
    """Record the approval of the promoting body ``institution_uid``: the
    deciding body, the act's number and date (a date or ISO text), the act as a
    link (``act_url``) or a PDF (``act_pdf``: (filename, bytes)). All or
    nothing; returns the record."""
    rows = {row["uid"]: row for row in approvals(plan)}
    row = rows.get(institution_uid)
    if row is None:
        raise ContributionError.on(
            "institution", _("This body does not promote the Plan.")
        )
    if not may_record_approval(row["institution"]):
        raise Unauthorized("Only the body's own editors record its approval.")
    errors = []
    if stage(plan, now) != ANALYSIS:
        errors.append(
            (
                "stage",
                _("Approvals are recorded while the Plan is in analysis."),
            )
        )
    deciding_body = _text(
        deciding_body, "deciding_body", _("the deciding body"), errors
    )
    act_number = _text(act_number, "act_number", _("the act's number"), errors)
    act_date = _date(act_date, errors)
    act_url = (act_url or "").strip() or None
    if act_url is not None and not _URL.match(act_url):
        errors.append(
            ("act_url", _("The link to the act must be a web address (https://…)."))
        )
    pdf = _act_pdf(act_pdf, errors)
    if pdf is None and not (act_pdf and act_pdf[1]):
        act_pdf = None
    if (
        act_url is None
        and act_pdf is None
        and not any(f in ("act_url", "act_pdf") for f, _m in errors)
    ):
        errors.append(("act_url", _("Give the act: a link to it or its PDF.")))
    if errors:
        raise ContributionError(errors)
    user = api.user.get_current()
    record = PersistentMapping(
        {
            "deciding_body": deciding_body,
            "act_number": act_number,
            "act_date": act_date,
            "act_url": act_url,
            "act_pdf": pdf,
            "recorded_by": user.getId(),
            "recorded": now or datetime.now(UTC),
        }
    )
    life = _life(plan, create=True)
    life["approvals"][institution_uid] = record
    _log(
        plan,
        "record_approval",
        None,
        None,
        now,
        institution=institution_uid,
        act_number=act_number,
    )
    return dict(record)


def _act_pdf(act_pdf, errors):
    """The act's PDF as a blob file, or None (none given, or refused: the
    reason in ``errors``)."""
    if act_pdf is None or not act_pdf[1]:
        return None
    filename, data = act_pdf
    if len(data) > PDF_MAX_BYTES:
        errors.append(("act_pdf", _("The act's PDF is too large (at most 20 MB).")))
        return None
    if not is_pdf(data):
        message = _(
            "The act is not a PDF: upload the act as a PDF file, or give a link to it."
        )
        errors.append(("act_pdf", message))
        return None
    return NamedBlobFile(
        data=data,
        filename=(filename or "act.pdf").split("/")[-1].split("\\")[-1],
        contentType="application/pdf",
    )


def _text(value, field, label, errors):
    if not isinstance(value, str) or not value.strip():
        errors.append((field, Message(_("Give ${what}."), mapping={"what": label})))
        return None
    problem = inputs.problem_in(value)
    if problem is not None:
        errors.append((field, problem))
        return None
    value = value.strip()
    if len(value) > TEXT_MAX_LENGTH:
        errors.append(
            (field, _("At most ${max} characters.", mapping={"max": TEXT_MAX_LENGTH}))
        )
        return None
    return value


def _date(value, errors):
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        errors.append(("act_date", _("Give the act's date (YYYY-MM-DD).")))
        return None
    if value > now_in_rome().date():
        errors.append(("act_date", _("The act's date is in the future.")))
        return None
    return value


def approval_json(plan, row):
    """A promoting body's approval for clients (no file bytes: a link)."""
    record = row["approval"]
    if record is None:
        return {"institution": row["title"], "uid": row["uid"], "approval": None}
    pdf = record.get("act_pdf")
    return {
        "institution": row["title"],
        "uid": row["uid"],
        "approval": {
            "deciding_body": record["deciding_body"],
            "act_number": record["act_number"],
            "act_date": record["act_date"].isoformat(),
            "act_url": record["act_url"],
            "act_pdf": (
                f"{plan.absolute_url()}/@@plan-life-act?body={row['uid']}"
                if pdf is not None
                else None
            ),
        },
    }
