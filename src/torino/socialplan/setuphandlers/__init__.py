"""Install handlers: hidden profiles, and the groups of the editorial areas."""

from plone import api
from plone.base.interfaces.installable import INonInstallable
from torino.socialplan.discussion.versioning import install_modifier
from torino.socialplan.discussion.versioning import uninstall_modifier
from torino.socialplan.discussion.workflow import bind_ours as bind_comment_workflow
from torino.socialplan.discussion.workflow import unbind_ours as unbind_comment_workflow
from torino.socialplan.editorial import GROUPS
from torino.socialplan.setuphandlers.privacy_notice import create_privacy_notice
from torino.socialplan.site_pages import mark_legal_pages
from torino.socialplan.theme.install import install_theme
from torino.socialplan.theme.install import uninstall_theme
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Keep the uninstall and demo profiles out of the add-ons control panel."""
        return ["torino.socialplan:uninstall", "torino.socialplan:demo"]

    def getNonInstallableProducts(self):
        return ["torino.socialplan.upgrades"]


def create_groups():
    """Create the editorial and moderation groups; existing ones are kept as
    they are (an administrator may have renamed them or changed members)."""
    for group_id, title, description, roles in GROUPS:
        if api.group.get(groupname=group_id) is None:
            api.group.create(
                groupname=group_id,
                title=title,
                description=description,
                roles=list(roles),
            )


def post_install(context):
    bind_comment_workflow()
    create_groups()
    create_privacy_notice(api.portal.get())
    install_modifier()
    install_theme(api.portal.get())
    mark_legal_pages(api.portal.get())


# Added to plone.displayed_types by profiles/default/registry/navigation.xml.
NAVIGATION_TYPES = ("Plan", "Chapter", "Institution")


def uninstall(context):
    unbind_comment_workflow()
    uninstall_modifier()
    uninstall_theme(api.portal.get())
    # GenericSetup's registry import can add to a list but not take away.
    displayed = api.portal.get_registry_record("plone.displayed_types")
    api.portal.set_registry_record(
        "plone.displayed_types",
        tuple(name for name in displayed if name not in NAVIGATION_TYPES),
    )
