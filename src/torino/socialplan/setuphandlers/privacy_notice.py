"""The privacy notice that every contribution form links to (GDPR art. 13).

A starting text for the promoting bodies' data protection officers to
complete: the parts they must decide are marked as such. Created once; an
edited page is never overwritten.
"""

from torino.socialplan.site_pages import create_site_page
from torino.socialplan.site_pages import PRIVACY_NOTICE_ID


PRIVACY_NOTICE_TITLE = "Informativa sul trattamento dei dati personali"

PRIVACY_NOTICE_DESCRIPTION = (
    "Come sono trattati i dati di chi commenta il Piano o indica un impegno "
    "durante la consultazione pubblica."
)

PRIVACY_NOTICE_TEXT = """
<p><strong>Testo da completare a cura dei titolari del trattamento</strong> (le
parti tra parentesi quadre).</p>
<h2>Titolari del trattamento</h2>
<p>La Camera di commercio di Torino e la Città metropolitana di Torino, promotori
del Piano metropolitano dell'economia sociale nell'ambito di Torino Social
Impact, in qualità di contitolari. [Recapiti dei titolari e dei responsabili della
protezione dei dati.]</p>
<h2>Quali dati trattiamo</h2>
<p>Nome, cognome, organizzazione e tipo di organizzazione, indirizzo e-mail, il
testo dei commenti e degli impegni, la data di invio; l'indirizzo di rete da cui
arriva il contributo, solo per limitare gli invii automatici (spam).</p>
<h2>Per quali finalità</h2>
<p>Raccogliere e pubblicare i contributi alla consultazione pubblica sulla bozza
del Piano, tenerne conto nella revisione del Piano e rendere conto degli esiti.
L'indirizzo e-mail serve solo a comunicare con chi ha inviato il contributo
(per esempio l'esito della moderazione).</p>
<h2>Base giuridica</h2>
<p>Il tuo consenso e l'esecuzione di un compito di interesse
pubblico (art. 6, par. 1, lett. a ed e, del Regolamento UE 2016/679).</p>
<h2>Cosa viene pubblicato</h2>
<p>Ogni contributo approvato dai moderatori è pubblicato con nome, cognome e
organizzazione di chi lo ha inviato. <strong>L'indirizzo e-mail non è mai
pubblicato</strong> e non compare nelle ricerche né nei dati esportati per il
pubblico.</p>
<h2>Per quanto tempo</h2>
<p>[Periodo di conservazione, per esempio fino all'approvazione del Piano e per
il tempo previsto dalla normativa sugli archivi delle pubbliche
amministrazioni.]</p>
<h2>I tuoi diritti</h2>
<p>Puoi chiedere di vedere i tuoi dati, di correggerli, di cancellarli o di
limitarne il trattamento, opporti al trattamento e revocare il consenso (artt.
15-22 del Regolamento), scrivendo a [indirizzo]. Puoi anche presentare un
reclamo al Garante per la protezione dei dati personali.</p>
"""


def create_privacy_notice(portal):
    """Create the page at the site root unless something has its id."""
    return create_site_page(
        portal,
        PRIVACY_NOTICE_ID,
        PRIVACY_NOTICE_TITLE,
        PRIVACY_NOTICE_DESCRIPTION,
        PRIVACY_NOTICE_TEXT,
    )
