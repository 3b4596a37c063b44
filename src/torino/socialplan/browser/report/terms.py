"""What the report's parts share: filters, titles, labels."""

from torino.socialplan import _
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.consultation.statistics import INLINE
from torino.socialplan.consultation.statistics import REPLY
from torino.socialplan.consultation.statistics import WHOLE_PAGE
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 200


# The report's "Type" filter.
KIND_FILTERS = (
    ("comment", _("All comments")),
    (INLINE, _("Inline comments (on a passage)")),
    (WHOLE_PAGE, _("Comments on a whole page")),
    (REPLY, _("Replies")),
    (PLEDGE, _("Pledges")),
)
KIND_TITLES = {
    INLINE: _("Inline comment"),
    WHOLE_PAGE: _("Comment"),
    REPLY: _("Reply"),
    PLEDGE: _("Pledge"),
}
COMMENT_KIND_LABELS = {
    INLINE: _("Inline, on a passage"),
    WHOLE_PAGE: _("On a whole page"),
    REPLY: _("Replies"),
}
PLAN_FILTER = "plan"  # the chapter filter's value for the Plan's own comments

CHART_DESCRIPTION = _("Bar chart. The table after it gives the same figures.")


def _tokens(name, context):
    factory = getUtility(IVocabularyFactory, name=name)
    return [term.token for term in factory(context)]
