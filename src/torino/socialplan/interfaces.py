"""Interfaces shared by the package's concerns."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer):
    """Marker for requests on a site where torino.socialplan is installed.

    Views, viewlets, static resources and REST serializers of this add-on are
    registered for this layer, so a site without the add-on is untouched.
    """


class ICommentableText(Interface):
    """A text of the Plan that readers comment on, as a whole or inline on a
    paragraph or passage: the Plan, its Chapters and Actions. Paragraph ids,
    anchors, the comments viewlet and the comment routes bind to it."""


# A schema's tagged value: the names of its fields that anyone who may view
# the contribution reads (the privacy allow-list; every other field is
# private: see consultation/privacy.py).
PUBLIC_FIELDS = "torino.socialplan.public_fields"
# A schema's tagged value: {field name: message} said when it is left blank.
REQUIRED_MESSAGES = "torino.socialplan.required_messages"
# A schema's tagged value: {field name: message} said when its value is wrong.
INVALID_MESSAGES = "torino.socialplan.invalid_messages"

# Where plone.app.discussion keeps a text's comments, as a path segment.
CONVERSATION = "++conversation++default"


class IPrivacyNoticePage(Interface):
    """The site's privacy notice page: shown as written from the settings
    (consultation/legal), not from its stored text."""


class IAccessibilityStatementPage(Interface):
    """The site's accessibility statement page: shown as written from the
    settings, not from its stored text."""
