"""Our comment workflow and the stock one it replaces for Discussion Item.

``socialplan_comment_workflow`` has the states and transitions of
plone.app.discussion's ``comment_review_workflow``, so a comment keeps its
state when the chain changes: its history is copied under the new id before
the role mappings are recomputed (a workflow with no history for an object
would put it back in its initial state, or, for the one-state workflow,
publish what was pending). On install our profile binds ours; uninstalling
binds the stock review workflow back, never the one-state one, so nothing a
moderator has not published becomes public.
"""

from plone import api

import logging


logger = logging.getLogger("torino.socialplan")

OURS = "socialplan_comment_workflow"
STOCK = "comment_review_workflow"
COMMENT_TYPE = "Discussion Item"


def _comments():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=COMMENT_TYPE):
        try:
            yield brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            logger.warning("Comment %s not found", brain.getPath())


def move_comments(source, target):
    """Bind Discussion Item to ``target``; every comment keeps the state
    ``source`` gave it. Returns how many comments were moved."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow = workflow_tool[target]
    workflow_tool.setChainForPortalTypes((COMMENT_TYPE,), (target,))
    count = 0
    for comment in _comments():
        history = getattr(comment, "workflow_history", None)
        if history is None or source not in history:
            continue
        history[target] = tuple(history[source])
        workflow.updateRoleMappingsFor(comment)
        comment.reindexObject(idxs=["allowedRolesAndUsers", "review_state"])
        count += 1
    logger.info("%d comments moved from %s to %s", count, source, target)
    return count


def _last_time(entries):
    return entries[-1].get("time") if entries else None


def bind_ours():
    """Bind ours and give every comment the state of the workflow it was last
    under (after plone.app.discussion, which binds its review workflow when
    our registry sets ``moderation_enabled``, on install and on upgrade; or
    a reinstall, after the stock workflow's time)."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow_tool.setChainForPortalTypes((COMMENT_TYPE,), (OURS,))
    workflow = workflow_tool[OURS]
    count = 0
    for comment in _comments():
        history = getattr(comment, "workflow_history", None)
        if not history:
            continue
        latest = max(
            (key for key in history if key != OURS and history[key]),
            key=lambda key: _last_time(history[key]),
            default=None,
        )
        if latest is None:
            continue
        ours = history.get(OURS)
        if ours and _last_time(ours) >= _last_time(history[latest]):
            continue
        history[OURS] = tuple(history[latest])
        workflow.updateRoleMappingsFor(comment)
        comment.reindexObject(idxs=["allowedRolesAndUsers", "review_state"])
        count += 1
    if count:
        logger.info("%d comments now under %s", count, OURS)


def unbind_ours():
    """On uninstall: the stock review workflow back, ours removed."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    if STOCK in workflow_tool.objectIds():
        move_comments(OURS, STOCK)
    if OURS in workflow_tool.objectIds():
        workflow_tool.manage_delObjects([OURS])
