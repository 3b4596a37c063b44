"""1002 → 1003: the institutional theme on existing sites."""

from plone import api
from torino.socialplan.theme.install import install_theme


def install_institutional_theme(context):
    """The promoters' settings in the registry (values already there are
    kept), the theme in place of Barceloneta, the accessibility statement
    and the legal notes (existing pages with their ids are kept)."""
    install_theme(api.portal.get())
