"""The pages the footer links to, besides the privacy notice
(setuphandlers/privacy.py): the accessibility statement, on the model of
AgID's guidelines (Linee guida sull'accessibilità degli strumenti
informatici, dichiarazione di accessibilità), and the legal notes. Starting
texts for the promoters to complete: the parts to decide are marked in
square brackets. Created once; an edited page is never overwritten."""

from torino.socialplan.site_pages import create_site_page


ACCESSIBILITY_ID = "dichiarazione-di-accessibilita"
LEGAL_NOTES_ID = "note-legali"

ACCESSIBILITY_TITLE = "Dichiarazione di accessibilità"
ACCESSIBILITY_DESCRIPTION = (
    "Lo stato di conformità di questo sito ai requisiti di accessibilità, e "
    "come segnalare un problema."
)
ACCESSIBILITY_TEXT = """
<p><strong>Testo da completare a cura dei promotori</strong> (le parti tra
parentesi quadre) e da pubblicare con la procedura di AgID
(form.agid.gov.it) entro il 23 settembre di ogni anno.</p>
<p>La Camera di commercio di Torino e la Città metropolitana di Torino si
impegnano a rendere accessibile questo sito, come chiedono la legge 9 gennaio
2004, n. 4, e le Linee guida sull'accessibilità degli strumenti informatici
di AgID.</p>
<p>Questa dichiarazione riguarda il sito della consultazione pubblica sul
Piano metropolitano dell'economia sociale di Torino, [indirizzo del sito].</p>
<h2>Stato di conformità</h2>
<p>Questo sito è [conforme / parzialmente conforme] ai requisiti previsti
dall'appendice A della norma UNI CEI EN 301549 (WCAG 2.1, livello AA).</p>
<h2>Contenuti non accessibili</h2>
<p>[Elencare i contenuti non accessibili e il motivo: inosservanza della legge
4/2004, onere sproporzionato, contenuti che non rientrano nell'ambito della
normativa. Per esempio i documenti PDF caricati dagli editori non verificati.]</p>
<h2>Redazione della dichiarazione</h2>
<p>La dichiarazione è stata redatta il [data] sulla base di
[un'autovalutazione / una valutazione di terzi]. Le pagine del sito sono
verificate a ogni modifica con lo strumento automatico axe-core (criteri WCAG
2.1 A e AA), in italiano e in inglese, su schermi da computer e da
telefono.</p>
<h2>Meccanismo di feedback e recapiti</h2>
<p>Per segnalare un problema di accessibilità o chiedere un contenuto in un
formato accessibile scrivi a [indirizzo e-mail del responsabile], indicando
la pagina e il problema. Ti risponderemo entro [30] giorni.</p>
<h2>Modalità di attuazione</h2>
<p>Se la risposta non ti soddisfa o non arriva entro 30 giorni, puoi fare una
segnalazione al Difensore civico per il digitale di AgID (art. 3-quinquies,
comma 3, della legge 4/2004).</p>
<h2>Informazioni sul sito</h2>
<ul>
<li>Data di pubblicazione del sito: [data]</li>
<li>Responsabile dell'accessibilità: [nome e ufficio]</li>
<li>Il sito è realizzato con un sistema di gestione dei contenuti open source
e un tema che applica le linee guida di design per i siti della pubblica
amministrazione (Designers Italia).</li>
</ul>
"""

LEGAL_NOTES_TITLE = "Note legali"
LEGAL_NOTES_DESCRIPTION = "Titolarità del sito, diritti sui contenuti e responsabilità."
LEGAL_NOTES_TEXT = """
<p><strong>Testo da completare a cura dei promotori</strong> (le parti tra
parentesi quadre).</p>
<h2>Titolarità del sito</h2>
<p>Il sito è gestito dalla Camera di commercio di Torino e dalla Città
metropolitana di Torino nell'ambito di Torino Social Impact. [Riferimenti
dell'ufficio responsabile.]</p>
<h2>Contenuti del sito</h2>
<p>I testi della bozza del Piano sono pubblicati per la consultazione
pubblica e possono cambiare fino all'approvazione del Piano. [Licenza dei
contenuti, per esempio Creative Commons Attribuzione 4.0.]</p>
<h2>Contributi dei partecipanti</h2>
<p>Chi commenta o indica un impegno è responsabile di ciò che scrive. I
contributi sono pubblicati dopo la moderazione; sono esclusi quelli offensivi,
fuori tema o pubblicitari. Il trattamento dei dati personali è descritto
nell'informativa sulla privacy.</p>
<h2>Collegamenti ad altri siti</h2>
<p>I promotori non rispondono dei contenuti dei siti esterni collegati.</p>
"""

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
