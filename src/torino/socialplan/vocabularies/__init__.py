"""Fixed vocabularies of the Plan: their tokens are stored and exchanged over
REST, their titles are translated."""

from torino.socialplan import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# The names the vocabularies are registered under (configure.zcml).
ORGANIZATION_TYPES_VOCABULARY = "torino.socialplan.OrganizationTypes"
ACTION_STATUSES_VOCABULARY = "torino.socialplan.ActionStatuses"
EU_AREAS_VOCABULARY = "torino.socialplan.EURecommendationAreas"
OUTCOMES_VOCABULARY = "torino.socialplan.Outcomes"


def _vocabulary(items):
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in items]
    )


ORGANIZATION_TYPES = (
    ("citizen", _("Citizen")),
    ("social_enterprise", _("Social enterprise / cooperative")),
    ("third_sector", _("Association / third sector")),
    ("company", _("Company")),
    ("public_body", _("Public body")),
    ("university_research", _("University / research")),
    ("foundation", _("Foundation")),
    ("other", _("Other")),
)

ACTION_STATUSES = (
    ("proposed", _("Proposed")),
    ("planned", _("Planned")),
    ("in_progress", _("In progress")),
    ("completed", _("Completed")),
)

# The areas of the Council Recommendation of 27 November 2023 on developing
# social economy framework conditions (C/2023/1344).
EU_RECOMMENDATION_AREAS = (
    ("labour_market_inclusion", _("Labour market and social inclusion")),
    ("legal_policy_framework", _("Policy and legal frameworks")),
    ("public_funding_state_aid", _("Access to public funding and State aid")),
    ("taxation", _("Taxation")),
    ("public_procurement_markets", _("Public procurement and access to markets")),
    ("private_funding", _("Access to private funding")),
    ("social_innovation", _("Social innovation")),
    ("skills_training", _("Skills, education and training")),
    ("regional_local_development", _("Regional and local development")),
    ("visibility_recognition", _("Visibility and recognition")),
    ("data_statistics", _("Data collection and statistics")),
)

# What the promoters decided about a published contribution when revising the
# Plan (the consultation's answers, public beside each contribution).
OUTCOMES = (
    ("accepted", _("Accepted")),
    ("partly_accepted", _("Partly accepted")),
    ("not_accepted", _("Not accepted")),
    ("out_of_scope", _("Out of scope")),
)


@provider(IVocabularyFactory)
def organization_types(context=None):
    return _vocabulary(ORGANIZATION_TYPES)


@provider(IVocabularyFactory)
def action_statuses(context=None):
    return _vocabulary(ACTION_STATUSES)


@provider(IVocabularyFactory)
def eu_recommendation_areas(context=None):
    return _vocabulary(EU_RECOMMENDATION_AREAS)


@provider(IVocabularyFactory)
def outcomes(context=None):
    return _vocabulary(OUTCOMES)
