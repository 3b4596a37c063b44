"""Editorial areas: which group edits what.

Each Institution names the group of its editors. That group edits the
Institution's page and the Actions the body leads, may add Chapters and
Actions to the Plans the body promotes and reads their drafts; it never
touches the other body's page. ``plan-editors`` edit every Plan. The roles are
computed from the content (borg.localrole adapters), so moving an Action to
another lead body moves its editors with it; nobody has to keep the Sharing
tab in step.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from torino.socialplan.content.action import IAction
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.plan import IPlan
from zope.component import adapter
from zope.interface import implementer


CHAMBER_EDITORS = "chamber-editors"
CITY_EDITORS = "city-editors"
PLAN_EDITORS = "plan-editors"
MODERATORS = "moderators"

# Group id, title, description, site-wide roles.
GROUPS = (
    (
        CHAMBER_EDITORS,
        "Camera di commercio di Torino - redazione",
        "Editors of the Chamber of Commerce of Turin.",
        (),
    ),
    (
        CITY_EDITORS,
        "Città metropolitana di Torino - redazione",
        "Editors of the Metropolitan City of Turin.",
        (),
    ),
    (
        PLAN_EDITORS,
        "Redazione del Piano",
        "Editors of the whole Plan, for both promoting bodies.",
        (),
    ),
    (
        MODERATORS,
        "Moderatori della consultazione",
        "Moderate the comments and pledges of the consultation.",
        ("Moderator",),
    ),
)

INSTITUTION_EDITOR_ROLES = ("Editor", "Contributor", "Reader")
PROMOTER_ROLES = ("Contributor", "Reader")
LEAD_BODY_ROLES = ("Editor",)
PLAN_EDITOR_ROLES = ("Editor", "Contributor", "Reader")


def _related(obj, field_name):
    """The live objects a relation list field points to."""
    for relation in getattr(obj, field_name, None) or ():
        target = getattr(relation, "to_object", None)
        if target is not None:
            yield target


class _GroupRoles:
    """Grants roles to groups; ``grants()`` yields (group_id, roles)."""

    def __init__(self, context):
        self.context = context

    def grants(self):
        raise NotImplementedError

    def getRoles(self, principal_id):
        roles = set()
        for group_id, granted in self.grants():
            if group_id == principal_id:
                roles.update(granted)
        return roles

    def getAllRoles(self):
        merged = {}
        for group_id, granted in self.grants():
            merged.setdefault(group_id, set()).update(granted)
        return list(merged.items())


@implementer(ILocalRoleProvider)
@adapter(IInstitution)
class InstitutionEditors(_GroupRoles):
    def grants(self):
        if self.context.editors_group:
            yield self.context.editors_group, INSTITUTION_EDITOR_ROLES


@implementer(ILocalRoleProvider)
@adapter(IPlan)
class PlanEditors(_GroupRoles):
    def grants(self):
        yield PLAN_EDITORS, PLAN_EDITOR_ROLES
        for institution in _related(self.context, "promoters"):
            if getattr(institution, "editors_group", None):
                yield institution.editors_group, PROMOTER_ROLES


@implementer(ILocalRoleProvider)
@adapter(IAction)
class ActionLeadEditors(_GroupRoles):
    def grants(self):
        for institution in _related(self.context, "lead_institutions"):
            if getattr(institution, "editors_group", None):
                yield institution.editors_group, LEAD_BODY_ROLES
