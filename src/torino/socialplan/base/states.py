"""The states of a contribution (comment, reply, pledge), as both workflows
(socialplan_comment_workflow, socialplan_pledge_workflow) name them."""

PENDING = "pending"
PUBLISHED = "published"
REJECTED = "rejected"
SPAM = "spam"

# In the order queues, filters and reports list them.
CONTRIBUTION_STATES = (PENDING, PUBLISHED, REJECTED, SPAM)
UNPUBLISHED = (PENDING, REJECTED, SPAM)
