"""Contributions: what the public sends to the consultation.

A **kind** (comment, reply, pledge; kinds.py) declares once what a
contribution of that kind holds (its schema, with the privacy allow-list and
the messages as tagged values), how it is stored, and what its mails say.
Every kind goes through the one pipeline (pipeline.py): the consultation
window, the honeypot, validation against the schema with the input policy,
the rate limit, creation as pending, e-mail confirmation, and the moderators'
notice. Adding a kind is one module and one ``<utility>`` registration
(configure.zcml).
"""

from torino.socialplan.consultation.contributions.kinds import ContributionKind
from torino.socialplan.consultation.contributions.kinds import get_kind
from torino.socialplan.consultation.contributions.kinds import IContributionKind
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.contributions.pipeline import submit
from torino.socialplan.consultation.contributions.pipeline import submit_in_turn


__all__ = [
    "ContributionKind",
    "IContributionKind",
    "get_kind",
    "kind_of",
    "submit",
    "submit_in_turn",
]
