"""What moderators decide: the transitions, and the reasons they give."""

from plone import api
from torino.socialplan import _
from torino.socialplan.base.states import PORTAL_TYPES
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


KINDS = tuple(PORTAL_TYPES)

TRANSITIONS = ("publish", "reject", "mark_as_spam")
# A reason explains why a contribution is not published.
TRANSITIONS_WITH_REASON = ("reject", "mark_as_spam")

REASONS = (
    ("off_topic", _("Off topic")),
    ("offensive", _("Offensive or abusive")),
    ("personal_data", _("Discloses personal data")),
    ("duplicate", _("Duplicate")),
    ("advertising", _("Advertising")),
    ("other", _("Other")),
)
NOTE_MAX_LENGTH = 1000


@provider(IVocabularyFactory)
def reasons_vocabulary(context=None):
    return SimpleVocabulary(
        [SimpleTerm(token, token, title) for token, title in REASONS]
    )


def reason_title(token):
    return dict(REASONS).get(token, token)


def site_language():
    language = api.portal.get_registry_record("plone.default_language", default="en")
    return (language or "en").split("-")[0]
