"""The Plan's outline: the Chapters and Actions the user may view."""

from dataclasses import dataclass
from dataclasses import field
from plone import api


# Moderation counts: what is not published.

PLEDGE_RELATION = "actions"  # the Pledge field naming its Actions

# Kinds of comment in the report's filters and charts.
INLINE = "inline"
WHOLE_PAGE = "whole_page"
REPLY = "reply"
COMMENT_KINDS = (INLINE, WHOLE_PAGE, REPLY)

NO_OUTCOME = "none"


def path_of(obj):
    return "/".join(obj.getPhysicalPath())


def portal_catalog():
    return api.portal.get_tool("portal_catalog")


@dataclass(frozen=True)
class Node:
    kind: str  # "plan", "chapter" or "action"
    uid: str
    path: str
    url: str
    title: str
    code: str | None = None  # Actions
    chapter: str | None = None  # an Action's Chapter path


@dataclass
class Outline:
    plan: Node
    chapters: list  # [Node]
    actions: dict  # chapter path -> [Node]
    nodes: dict = field(default_factory=dict)  # path -> Node

    def all_actions(self):
        return [a for chapter in self.chapters for a in self.actions[chapter.path]]

    def chapter_of(self, path):
        """The Chapter node a content path belongs to, or None (the Plan)."""
        node = self.nodes.get(path)
        if node is None or node.kind == "plan":
            return None
        return node if node.kind == "chapter" else self.nodes[node.chapter]


def outline(plan):
    """The Plan's Chapters and Actions that the current user may View, in
    their order; an Action of a Chapter the user may not view is left out."""
    catalog = portal_catalog()
    plan_path = path_of(plan)
    codes = catalog._catalog.getIndex("action_code")
    plan_node = Node(
        "plan", api.content.get_uuid(plan), plan_path, plan.absolute_url(), plan.Title()
    )
    chapters, actions, nodes = [], {}, {plan_path: plan_node}
    brains = catalog.searchResults(
        portal_type=["Chapter", "Action"],
        path=plan_path,
        sort_on="getObjPositionInParent",
    )
    action_brains = []
    for brain in brains:
        path = brain.getPath()
        parent = path.rsplit("/", 1)[0]
        if brain.portal_type == "Chapter" and parent == plan_path:
            node = Node("chapter", brain.UID, path, brain.getURL(), brain.Title)
            chapters.append(node)
            actions[path] = []
            nodes[path] = node
        elif brain.portal_type == "Action":
            action_brains.append((brain, path, parent))
    for brain, path, parent in action_brains:
        if parent in actions:
            code = codes.getEntryForObject(brain.getRID(), None)
            node = Node(
                "action", brain.UID, path, brain.getURL(), brain.Title, code, parent
            )
            actions[parent].append(node)
            nodes[path] = node
    return Outline(plan_node, chapters, actions, nodes)
