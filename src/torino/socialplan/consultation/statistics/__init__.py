"""The figures of a Plan's consultation, for ``@consultation``, the report
(``@@consultation-report``) and the public results (``@@consultation-results``).

Counts come from the catalog: comments and Pledges are found by their brains
(type, path, state, creation date), comments are placed on their Plan,
Chapter or Action by their path, Pledges on their Actions by the relation
catalog, and replies are told apart by the conversation's tree of ids. Only
what the catalog does not hold (inline or not, organisation type, outcome,
resources) is read from the objects, one at a time, each let go at once.

Who sees what: the Chapters and Actions a user may not View are left out with
their comments; callers check the permissions of the Plan and ask for
non-published states only for users who may moderate.
"""

from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.consultation.statistics.catalog_entries import entries
from torino.socialplan.consultation.statistics.catalog_entries import Entry
from torino.socialplan.consultation.statistics.catalog_entries import (
    inline_comment_count,
)
from torino.socialplan.consultation.statistics.catalog_entries import pledge_actions
from torino.socialplan.consultation.statistics.catalog_entries import read_facts
from torino.socialplan.consultation.statistics.chart_figures import figures
from torino.socialplan.consultation.statistics.details import contribution_details
from torino.socialplan.consultation.statistics.details import parent_names
from torino.socialplan.consultation.statistics.state_counts import consultation_status
from torino.socialplan.consultation.statistics.state_counts import moderation_counts
from torino.socialplan.consultation.statistics.structure import COMMENT_KINDS
from torino.socialplan.consultation.statistics.structure import INLINE
from torino.socialplan.consultation.statistics.structure import NO_OUTCOME
from torino.socialplan.consultation.statistics.structure import Node
from torino.socialplan.consultation.statistics.structure import Outline
from torino.socialplan.consultation.statistics.structure import outline
from torino.socialplan.consultation.statistics.structure import REPLY
from torino.socialplan.consultation.statistics.structure import WHOLE_PAGE


__all__ = [
    "COMMENT",
    "COMMENT_KINDS",
    "INLINE",
    "NO_OUTCOME",
    "PLEDGE",
    "REPLY",
    "WHOLE_PAGE",
    "Entry",
    "Node",
    "Outline",
    "consultation_status",
    "contribution_details",
    "entries",
    "figures",
    "inline_comment_count",
    "moderation_counts",
    "outline",
    "parent_names",
    "pledge_actions",
    "read_facts",
]
