"""1001 -> 1002: stored data made valid under the input policy
(base/inputs.py).

Before the policy, contributions could hold lone surrogates, control
characters and bidi overrides (in names, organisations, texts, e-mail
addresses, resource rows, quoted passages), and so could the editors' titles,
descriptions and data grids. A lone surrogate cannot be encoded as UTF-8: the
exports failed for everyone once such a contribution was published. Each such
value is cleaned here (``inputs.clean_stored``: the invalid characters
dropped, the rest kept), the comment's stored HTML rendered again, and the
object reindexed. Nothing else is changed.

The moderation audit trail stored each item's URL as the request that wrote
it saw it (http://nohost/... when a script, such as the demo's set-up,
moderated): the entries keep the path from the site root instead.
"""

from plone import api
from plone.dexterity.utils import iterSchemata
from torino.socialplan import logger
from torino.socialplan.base.inputs import clean_stored
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFields
from zope.schema.interfaces import IList
from zope.schema.interfaces import IText


CONTENT_TYPES = ("Plan", "Chapter", "Action", "Institution", "Pledge")

COMMENT_TEXTS = (
    "text",
    "first_name",
    "last_name",
    "organization",
    "author_name",
    "author_email",
    "outcome_motivation",
)


def clean_value(value):
    """``value`` (text, a list of rows, a row, a selector) cleaned; the same
    object when nothing needed cleaning."""
    if isinstance(value, str):
        return clean_stored(value)
    if isinstance(value, dict):
        cleaned = {key: clean_value(item) for key, item in value.items()}
        return cleaned if cleaned != value else value
    if isinstance(value, list | tuple):
        cleaned = type(value)(clean_value(item) for item in value)
        return cleaned if cleaned != value else value
    return value


def _clean_attribute(obj, name):
    value = getattr(obj, name, None)
    cleaned = clean_value(value)
    if cleaned is value or cleaned == value:
        return False
    setattr(obj, name, cleaned)
    return True


def clean_content(obj):
    """Clean the text, list and grid fields of one object; whether any
    changed."""
    changed = False
    for schema in iterSchemata(obj):
        for name, field in getFields(schema).items():
            if IText.providedBy(field) or IList.providedBy(field):
                changed = _clean_attribute(obj, name) or changed
    return changed


def clean_comment(comment):
    from torino.socialplan.consultation.comment_text import render_text

    changed = False
    for name in (*COMMENT_TEXTS, "anchor"):
        changed = _clean_attribute(comment, name) or changed
    if changed and getattr(comment, "rendered_html", None) is not None:
        comment.rendered_html = render_text(comment.text)
    return changed


def clean_stored_data(setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    cleaned = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=CONTENT_TYPES):
        obj = brain._unrestrictedGetObject()
        if clean_content(obj):
            obj.reindexObject()
            cleaned += 1
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        comment = brain._unrestrictedGetObject()
        if clean_comment(comment):
            comment.reindexObject()
            cleaned += 1
    logger.info("Input policy: cleaned the stored values of %s objects.", cleaned)


def audit_paths(setup_tool):
    from torino.socialplan.consultation.moderation import AUDIT_KEY
    from torino.socialplan.consultation.moderation import path_of_url

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        log = IAnnotations(brain._unrestrictedGetObject()).get(AUDIT_KEY)
        for index, entry in enumerate(log or ()):
            stored = entry.get("@id")
            if isinstance(stored, str) and not stored.startswith("/"):
                log[index] = dict(entry, **{"@id": path_of_url(stored)})
