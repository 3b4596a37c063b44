"""The privacy notice that every contribution form links to (GDPR art. 13).

The page is created once; it shows the notice written from the settings
(Site Setup → Personal data and legal pages; browser/legal), in Italian or
English, never a stored text with placeholders.
"""

from torino.socialplan.site_pages import create_site_page
from torino.socialplan.site_pages import GENERATED_TEXT
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID


PRIVACY_NOTICE_TITLE = "Informativa sul trattamento dei dati personali"

PRIVACY_NOTICE_DESCRIPTION = (
    "Come sono trattati i dati di chi commenta il Piano o indica un impegno "
    "durante la consultazione pubblica."
)

# Shown from the settings (browser/legal), never this stored text.
PRIVACY_NOTICE_TEXT = GENERATED_TEXT


def create_privacy_notice(portal):
    """Create the page at the site root unless something has its id."""
    return create_site_page(
        portal,
        PRIVACY_NOTICE_ID,
        PRIVACY_NOTICE_TITLE,
        PRIVACY_NOTICE_DESCRIPTION,
        PRIVACY_NOTICE_TEXT,
    )
