"""Pages the add-on creates at the site root on install (privacy notice,
accessibility statement, legal notes): created once, never overwritten."""

from plone import api
from plone.app.textfield.value import RichTextValue
from torino.socialplan.interfaces import IAccessibilityStatementPage
from torino.socialplan.interfaces import IPrivacyNoticePage
from zope.interface import alsoProvides


# Every contribution form links to it (setuphandlers/privacy.py writes it).
PRIVACY_NOTICE_ID = "privacy-notice"


def create_site_page(portal, page_id, title, description, text):
    """The published page ``page_id`` at the site root; an object already
    there under that id is kept as it is (an editor may have rewritten it)."""
    if page_id in portal.objectIds():
        return portal[page_id]
    page = api.content.create(
        container=portal,
        type="Document",
        id=page_id,
        title=title,
        description=description,
        text=RichTextValue(text, "text/html", "text/x-html-safe"),
        exclude_from_nav=True,
    )
    workflow = api.portal.get_tool("portal_workflow")
    if "publish" in {t["id"] for t in workflow.getTransitionsFor(page)}:
        api.content.transition(obj=page, transition="publish")
    return page


# The accessibility statement (theme/pages.py creates it).
ACCESSIBILITY_ID = "dichiarazione-di-accessibilita"

# What the legal pages keep as their stored text: they are shown as written
# from the settings (browser/legal), so no stored placeholder can be public.
GENERATED_TEXT = (
    "<p>Il testo di questa pagina è scritto dalle impostazioni del sito "
    "(Impostazioni del sito → Dati personali e pagine legali).</p>"
)


def mark_legal_pages(portal):
    """Mark the privacy notice and the accessibility statement as written
    from the settings, and replace their stored text (a starting text with
    bracketed placeholders) with a note saying so; return the pages marked."""
    marked = []
    for page_id, marker in (
        (PRIVACY_NOTICE_ID, IPrivacyNoticePage),
        (ACCESSIBILITY_ID, IAccessibilityStatementPage),
    ):
        page = portal.get(page_id)
        if page is None or getattr(page, "portal_type", None) != "Document":
            continue
        if not marker.providedBy(page):
            alsoProvides(page, marker)
        page.text = RichTextValue(GENERATED_TEXT, "text/html", "text/x-html-safe")
        page.reindexObject()
        marked.append(page)
    return marked
