"""Pages the add-on creates at the site root on install (privacy notice,
accessibility statement, legal notes): created once, never overwritten."""

from plone import api
from plone.app.textfield.value import RichTextValue


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
