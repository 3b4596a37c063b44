"""Install and remove the theme: used by the profiles' handlers and by the
upgrade step to 1003."""

from plone.app.theming.utils import applyTheme
from plone.app.theming.utils import getTheme
from plone.registry.interfaces import IRegistry
from torino.socialplan.theme import BASE_THEME
from torino.socialplan.theme import THEME_NAME
from torino.socialplan.theme.pages import create_pages
from torino.socialplan.theme.settings import ISiteIdentity
from torino.socialplan.theme.settings import PREFIX
from zope.component import getUtility


def apply(name):
    theme = getTheme(name)
    if theme is not None:
        applyTheme(theme)


def install_theme(portal):
    """The registry records (existing values kept), the theme, the pages."""
    getUtility(IRegistry).registerInterface(ISiteIdentity, prefix=PREFIX)
    apply(THEME_NAME)
    create_pages(portal)


def uninstall_theme(portal):
    """Barceloneta back, the records removed; the pages stay (content)."""
    apply(BASE_THEME)
    registry = getUtility(IRegistry)
    for name in ISiteIdentity.names():
        record = f"{PREFIX}.{name}"
        if record in registry:
            del registry.records[record]
