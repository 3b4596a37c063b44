"""The pages the footer links to, besides the privacy notice
(setuphandlers/privacy.py): the accessibility statement, on the model of
AgID's guidelines (Linee guida sull'accessibilità degli strumenti
informatici, dichiarazione di accessibilità), and the legal notes. The
accessibility statement is written from the settings (browser/legal); the
legal notes are a text with no placeholder. Created once; an edited page is
never overwritten."""

from torino.socialplan.site_pages import ACCESSIBILITY_ID
from torino.socialplan.site_pages import create_site_page
from torino.socialplan.site_pages import GENERATED_TEXT


LEGAL_NOTES_ID = "note-legali"

ACCESSIBILITY_TITLE = "Dichiarazione di accessibilità"
ACCESSIBILITY_DESCRIPTION = (
    "Lo stato di conformità di questo sito ai requisiti di accessibilità, e "
    "come segnalare un problema."
)
# Shown from the settings (browser/legal), never this stored text.
ACCESSIBILITY_TEXT = GENERATED_TEXT

LEGAL_NOTES_TITLE = "Note legali"
LEGAL_NOTES_DESCRIPTION = "Titolarità del sito, diritti sui contenuti e responsabilità."
LEGAL_NOTES_TEXT = """
<h2>Titolarità del sito</h2>
<p>Il sito è gestito dalla Camera di commercio di Torino e dalla Città
metropolitana di Torino nell'ambito di Torino Social Impact. I loro recapiti
sono nell'informativa sul trattamento dei dati personali.</p>
<h2>Contenuti del sito</h2>
<p>I testi della bozza del Piano sono pubblicati per la consultazione
pubblica e possono cambiare fino all'approvazione del Piano. Per riutilizzarli
scrivi ai promotori.</p>
<h2>Contributi dei partecipanti</h2>
<p>Chi commenta o indica un impegno è responsabile di ciò che scrive. I
contributi sono pubblicati dopo la moderazione; sono esclusi quelli offensivi,
fuori tema o pubblicitari. Il trattamento dei dati personali è descritto
nell'informativa sulla privacy.</p>
<h2>Collegamenti ad altri siti</h2>
<p>I promotori non rispondono dei contenuti dei siti esterni collegati.</p>
"""
# What the legal notes said before 1010, bracketed placeholders included:
# a page still starting so is replaced by LEGAL_NOTES_TEXT (upgrades/to_1010.py).
LEGAL_NOTES_STARTER = "Testo da completare a cura dei promotori"

PAGES = (
    (
        ACCESSIBILITY_ID,
        ACCESSIBILITY_TITLE,
        ACCESSIBILITY_DESCRIPTION,
        ACCESSIBILITY_TEXT,
    ),
    (LEGAL_NOTES_ID, LEGAL_NOTES_TITLE, LEGAL_NOTES_DESCRIPTION, LEGAL_NOTES_TEXT),
)


def create_pages(portal):
    """Create each page at the site root unless something has its id."""
    for page_id, title, description, text in PAGES:
        create_site_page(portal, page_id, title, description, text)
