"""The stages of a Plan's life, in order: drafting, consultation (the
window), analysis (the window closed, the consulted text pinned), approved
(by the governing bodies of every promoting entity), outcomes published.

The first two follow the window's dates; the last three are stored on the
Plan (an annotation, LIFE_KEY, that versions leave out: reverting the Plan
to an old version does not move it back) by consultation/plan_stages.py, and
once a Plan is in
one of them its window stays closed whatever its dates say.
"""

from torino.socialplan import _
from zope.annotation.interfaces import IAnnotations


DRAFTING = "drafting"
CONSULTATION = "consultation"
ANALYSIS = "analysis"
APPROVED = "approved"
OUTCOMES_PUBLISHED = "outcomes_published"

STAGES = (DRAFTING, CONSULTATION, ANALYSIS, APPROVED, OUTCOMES_PUBLISHED)
# The stages stored on the Plan: reached by an editor's step, never by a date.
STORED = (ANALYSIS, APPROVED, OUTCOMES_PUBLISHED)
# {"stage", "approvals": {institution UID: record}, "log": [entries]}.
LIFE_KEY = "torino.socialplan.plan-life"

STAGE_TITLES = {
    DRAFTING: _("Drafting"),
    CONSULTATION: _("Consultation open"),
    ANALYSIS: _("Analysis of the contributions"),
    APPROVED: _("Approved"),
    OUTCOMES_PUBLISHED: _("Outcomes published"),
}


def stored_stage(plan):
    """The stage stored on ``plan`` (one of STORED), or None."""
    life = IAnnotations(plan).get(LIFE_KEY)
    stage = life.get("stage") if life is not None else None
    return stage if stage in STORED else None
