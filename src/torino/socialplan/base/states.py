"""The states of a contribution (comment, reply, pledge), as both workflows
(socialplan_comment_workflow, socialplan_pledge_workflow) name them."""

from torino.socialplan import _


PENDING = "pending"
PUBLISHED = "published"
REJECTED = "rejected"
SPAM = "spam"

# The families of contributions as the catalog lists them (replies are
# comments) and their portal types.
COMMENT = "comment"
PLEDGE = "pledge"
PORTAL_TYPES = {COMMENT: "Discussion Item", PLEDGE: "Pledge"}

# In the order queues, filters and reports list them.
CONTRIBUTION_STATES = (PENDING, PUBLISHED, REJECTED, SPAM)
UNPUBLISHED = (PENDING, REJECTED, SPAM)

STATE_TITLES = {
    PENDING: _("Pending"),
    PUBLISHED: _("Published"),
    REJECTED: _("Rejected"),
    SPAM: _("Spam"),
}
