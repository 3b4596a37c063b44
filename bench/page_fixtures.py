"""The data of the page bench: a Chapter text of 40 paragraphs and 300
comments (100 inline on 30 paragraphs, 60 replies), built twice over, on our
Chapter and on a stock Plone Document.

Everything is derived from a fixed seed, so every run builds the same pages.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from datetime import datetime
from datetime import timedelta
from lxml import html as lxml_html
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.app.discussion.interfaces import IReplies
from plone.app.textfield.value import RichTextValue
from plone.registry.interfaces import IRegistry
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.demo.reader import read_demo
from zope.component import createObject
from zope.component import getUtility

import html
import logging
import random
import re
import transaction


SEED = 5
PARAGRAPHS = 40
COMMENTS = 300
INLINE = 100
INLINE_PARAGRAPHS = 30
REPLIES = 60
# Of the inline comments, every WHOLE_PARAGRAPH_EVERY-th names a paragraph
# (the marker's form) instead of a selected passage.
WHOLE_PARAGRAPH_EVERY = 5

# The whitespace rule of the inline contract (JS \s).
_SPACES = re.compile(
    r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)


def normalize(text):
    return _SPACES.sub(" ", text).strip()


def element_text(fragment):
    return normalize(lxml_html.fragment_fromstring(fragment).text_content())


# --- the text ----------------------------------------------------------------


def _demo_blocks():
    """The demo's paragraphs and list items, in order, as (tag, inner HTML)."""
    demo = read_demo()
    texts = [demo.plan["text"]]

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "text" and isinstance(item, str):
                    texts.append(item)
                else:
                    walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(demo.chapters)
    blocks = []
    for text in texts:
        for tag, inner in re.findall(r"<(p|li)>(.*?)</\1>", text, re.S):
            # The demo's "this is a draft written for the demo" notices.
            if not inner.startswith("<em>"):
                blocks.append((tag, inner))
    return blocks


def chapter_blocks():
    """40 (tag, inner HTML) blocks: 37 paragraphs and a list of 3 items."""
    blocks = _demo_blocks()
    items = [block for block in blocks if block[0] == "li"][:3]
    paragraphs = [block for block in blocks if block[0] == "p"]
    paragraphs = paragraphs[: PARAGRAPHS - len(items)]
    if len(paragraphs) + len(items) != PARAGRAPHS:
        raise ValueError("the demo data holds too few paragraphs for the bench")
    # The list goes where the demo has it: after the paragraph before it.
    return paragraphs[:9] + items + paragraphs[9:]


def chapter_html(blocks):
    parts = []
    in_list = False
    for tag, inner in blocks:
        if tag == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif tag != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<{tag}>{inner}</{tag}>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def block_texts(blocks):
    return [element_text(f"<{tag}>{inner}</{tag}>") for tag, inner in blocks]


# --- the comments --------------------------------------------------------------

# Whitespace-separated, as one would type them.
_FIRST_NAMES = (
    "Maria Giulia Francesca Chiara Elena Paola Anna Silvia Laura Valentina "
    "Marco Luca Andrea Giorgio Paolo Stefano Davide Matteo Alessandro "
    "Roberto Federica Simona Daniela Martina Lorenzo Giovanni Enrico Fabio "
    "Carla Ilaria"
)
_LAST_NAMES = (
    "Rossi Bianchi Ferrero Russo Colombo Bruno Gallo Costa Giordano Rinaldi "
    "Martini Fontana Ricci Marino Greco Conti Barbero Viale Bertola "
    "Gribaudo Allasia Operti Cravero Fassino Merlo Bosio Olivero Chiesa "
    "Sacco Perotti"
)
FIRST_NAMES = tuple(_FIRST_NAMES.split())
LAST_NAMES = tuple(_LAST_NAMES.split())
ORGANIZATIONS = (
    ("Cooperativa sociale Aurora", "social_enterprise"),
    ("Consorzio Abele Lavoro", "social_enterprise"),
    ("Cooperativa Il Margine", "social_enterprise"),
    ("Associazione Volontari Val Susa", "third_sector"),
    ("ACLI provinciali di Torino", "third_sector"),
    ("Fondazione di comunità del Canavese", "foundation"),
    ("Fondazione Pinerolese per il territorio", "foundation"),
    ("Comune di Chieri", "public_body"),
    ("Unione montana Valli di Lanzo", "public_body"),
    ("Politecnico di Torino", "university_research"),
    ("Università di Torino, Dipartimento di Economia", "university_research"),
    ("Officine Meccaniche Sangone srl", "company"),
    ("Banca di credito cooperativo di Carmagnola", "company"),
    ("Rete dei negozi multiservizio", "other"),
    ("", "citizen"),
    ("", "citizen"),
    ("", "citizen"),
)
OPENINGS = (
    "Condivido l'impostazione generale del capitolo.",
    "Come cooperativa di tipo B lavoriamo da anni su questi temi.",
    "Ringrazio per l'occasione di partecipare alla consultazione.",
    "Il testo coglie un bisogno reale del territorio.",
    "Vorrei segnalare un aspetto che nel testo rimane in ombra.",
    "Propongo una modifica puntuale.",
    "Da cittadina che vive in una valle alpina, faccio un'osservazione.",
    "Nella nostra esperienza di sportello questo passaggio è decisivo.",
    "Il paragrafo è condivisibile ma troppo generico.",
    "Non sono d'accordo con questa formulazione.",
    "Segnalo un'esperienza che potrebbe essere utile.",
    "Chiedo un chiarimento.",
)
MIDDLES = (
    "Servono più percorsi di formazione per gli operatori dei piccoli comuni, "
    "che spesso non hanno personale dedicato agli appalti.",
    "Sarebbe utile indicare tempi certi e un responsabile per ogni misura, "
    "altrimenti il monitoraggio resta sulla carta.",
    "Le imprese sociali delle aree interne hanno costi di trasporto molto più "
    "alti: il Piano dovrebbe tenerne conto nei criteri dei bandi.",
    "Manca un riferimento esplicito alle persone con disabilità psichica, che "
    "sono tra le più lontane dal mercato del lavoro.",
    "Il fondo di garanzia dovrebbe essere accessibile anche alle associazioni "
    "che svolgono attività commerciale in via secondaria.",
    "Proponiamo di coinvolgere le scuole superiori nei laboratori di "
    "innovazione sociale, con progetti di alternanza.",
    "La clausola sociale negli appalti funziona solo se le stazioni appaltanti "
    "verificano davvero gli inserimenti lavorativi promessi.",
    "I dati dell'osservatorio dovrebbero essere pubblicati in formato aperto e "
    "aggiornati almeno una volta all'anno.",
    "Nei comuni sotto i cinquemila abitanti il negozio multiservizio è spesso "
    "l'ultimo presidio: va sostenuto anche con agevolazioni sui canoni.",
    "Il tavolo metropolitano dovrebbe prevedere un posto per le reti informali "
    "di cittadini, non solo per le organizzazioni strutturate.",
    "Chiediamo che lo sportello sia raggiungibile anche fuori dall'orario di "
    "ufficio, per chi lavora e fa volontariato la sera.",
    "La valutazione d'impatto non deve diventare un onere burocratico per le "
    "realtà più piccole: servono strumenti semplici e gratuiti.",
    "Il ricambio generazionale nelle cooperative è un problema urgente, che "
    "merita un'azione specifica e non solo un modulo formativo.",
    "Le filiere tra imprese profit e imprese sociali funzionano quando c'è un "
    "accompagnamento stabile, non un singolo evento di incontro.",
)
CLOSINGS = (
    "Restiamo disponibili a collaborare.",
    "Grazie per l'attenzione.",
    "Possiamo mettere a disposizione la nostra esperienza.",
    "Spero che se ne tenga conto nella versione definitiva.",
    "",
    "",
)
REPLY_OPENINGS = (
    "Concordo con quanto scritto sopra.",
    "Aggiungo un dato alla riflessione di chi mi precede.",
    "Non sono del tutto d'accordo.",
    "Confermo: anche nel nostro comune è così.",
    "Grazie per la segnalazione, è un punto importante.",
)


def _ascii(value):
    return (
        value.lower()
        .replace(" ", "")
        .replace("'", "")
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def _comment_text(rng, reply):
    opening = rng.choice(REPLY_OPENINGS if reply else OPENINGS)
    body = " ".join(rng.sample(MIDDLES, rng.randint(1, 3)))
    closing = rng.choice(CLOSINGS)
    if rng.random() < 0.25:
        # Two paragraphs, as people write longer comments.
        return f"{opening} {body}\n\n{rng.choice(MIDDLES)} {closing}".strip()
    return f"{opening} {body} {closing}".strip()


def _author(rng, index):
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    organization, kind = rng.choice(ORGANIZATIONS)
    return {
        "first_name": first,
        "last_name": last,
        "organization": organization,
        "organization_type": kind,
        "author_email": f"{_ascii(first)}.{_ascii(last)}.{index}@example.org",
        "privacy_consent": True,
    }


def _passage(rng, text, taken):
    """(start, end) of 4 to 14 whole words of ``text``, occurring once in it
    and not chosen before for this paragraph."""
    words = [match.span() for match in re.finditer(r"\S+", text)]
    for _attempt in range(100):
        length = min(rng.randint(4, 14), len(words))
        first = rng.randrange(len(words) - length + 1)
        start, end = words[first][0], words[first + length - 1][1]
        exact = text[start:end]
        if text.count(exact) == 1 and (start, end) not in taken:
            taken.add((start, end))
            return start, end
    raise ValueError(f"no unique passage in {text[:40]!r}")


def comment_specs(texts, seed=SEED):
    """The 300 comments in the order they are posted: dicts with the form
    fields and ``reply_to`` (index of the parent spec), ``paragraph``
    (index of the block, for inline ones), ``span`` ((start, end) in that
    block's text, or None for the whole paragraph)."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    top_level = COMMENTS - REPLIES
    # 30 paragraphs (never list items): 10 with 4 inline comments, 20 with 3.
    candidates = [index for index, text in enumerate(texts) if len(text) > 120]
    chosen = sorted(rng.sample(candidates, INLINE_PARAGRAPHS))
    per_paragraph = [4] * 10 + [3] * (INLINE_PARAGRAPHS - 10)
    rng.shuffle(per_paragraph)
    inline = [
        paragraph
        for paragraph, count in zip(chosen, per_paragraph, strict=True)
        for _ in range(count)
    ]
    rng.shuffle(inline)
    # The first comment is whole-page, in one paragraph: the pages' sanity
    # check looks for its text.
    inline_slots = sorted(rng.sample(range(1, top_level), INLINE))
    specs = []
    taken = {}
    for index in range(top_level):
        spec = {"reply_to": None, "paragraph": None, "span": None}
        spec.update(_author(rng, index))
        spec["text"] = _comment_text(rng, reply=False)
        if index == 0:
            spec["text"] = spec["text"].split("\n")[0]
        if inline_slots and inline_slots[0] == index:
            inline_slots.pop(0)
            paragraph = inline.pop()
            spec["paragraph"] = paragraph
            if len(specs) % WHOLE_PARAGRAPH_EVERY:
                spec["span"] = _passage(
                    rng, texts[paragraph], taken.setdefault(paragraph, set())
                )
        specs.append(spec)
    # Replies: each after its parent (a top-level comment or a reply).
    for number in range(REPLIES):
        parent = rng.choice(specs)
        spec = {"reply_to": parent, "paragraph": None, "span": None}
        spec.update(_author(rng, top_level + number))
        spec["text"] = _comment_text(rng, reply=True)
        position = rng.randint(specs.index(parent) + 1, len(specs))
        specs.insert(position, spec)
    for spec in specs:
        if spec["reply_to"] is not None:
            spec["reply_to"] = specs.index(spec["reply_to"])
    return specs


# --- selectors -------------------------------------------------------------------


def anchor_data(chapter, texts, spec):
    """What a reader's form posts for an inline comment: ``anchor`` (a
    selector on the passage) or ``paragraph`` (an id, the marker's form)."""
    stored = commented_paragraphs.paragraphs(chapter)
    if [item.text for item in stored] != texts:
        raise RuntimeError(
            "consultation.paragraphs sees other paragraphs than the bench: "
            f"{len(stored)} stored, {len(texts)} expected"
        )
    paragraph_id = stored[spec["paragraph"]].id
    if spec["span"] is None:
        return {"paragraph": paragraph_id}
    return {"anchor": anchors.selector_for(stored, paragraph_id, *spec["span"])}


# --- building the site --------------------------------------------------------------


def _publish(obj):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=obj, transition="publish")


def _form_data(spec):
    return {
        name: spec[name]
        for name in (
            "text",
            "first_name",
            "last_name",
            "organization",
            "organization_type",
            "author_email",
            "privacy_consent",
        )
    }


def post_ours(chapter, request, specs, texts):
    """Post through the contribution pipeline as anonymous readers do, then publish
    each one as a moderator (replies need a published parent)."""
    ids = []
    for spec in specs:
        data = _form_data(spec)
        if spec["paragraph"] is not None:
            data.update(anchor_data(chapter, texts, spec))
        parent = spec["reply_to"]
        # One reader would be throttled: these are 300 different people.
        guards.reset_rate_limits()
        comment = submit(
            "comment" if parent is None else "reply",
            chapter,
            data,
            request,
            in_reply_to=None if parent is None else ids[parent],
        )
        if api.content.get_state(obj=comment) != "published":
            _publish(comment)
        ids.append(comment.comment_id)
    guards.reset_rate_limits()
    return ids


def post_stock(document, specs):
    """The same comments the way plone.app.discussion's own form adds them."""
    settings = getUtility(IRegistry).forInterface(IDiscussionSettings, check=False)
    conversation = IConversation(document)
    ids = []
    for spec in specs:
        comment = createObject("plone.Comment")
        comment.mime_type = settings.text_transform
        comment.text = spec["text"]
        comment.author_name = f"{spec['first_name']} {spec['last_name']}"
        comment.author_email = spec["author_email"]
        comment.user_notification = None
        parent = spec["reply_to"]
        if parent is None:
            comment_id = conversation.addComment(comment)
        else:
            comment_id = IReplies(conversation[ids[parent]]).addComment(comment)
        _publish(conversation[comment_id])
        ids.append(comment_id)
    return ids


def build(portal, request):
    """Create the four pages and their comments; commit. Returns a dict of
    the objects, the block texts and the comment specs."""
    blocks = chapter_blocks()
    body = chapter_html(blocks)
    texts = block_texts(blocks)
    specs = comment_specs(texts)

    def rich():
        return RichTextValue(body, "text/html", "text/x-html-safe")

    title = "Lavoro, inclusione e servizi di prossimità"
    description = "Capitolo della bozza del Piano (testo per il bench)."
    now = datetime.now()
    with api.env.adopt_roles(["Manager"]):
        plan = api.content.create(
            container=portal,
            type="Plan",
            id="piano-bench",
            title="Piano metropolitano dell'economia sociale (bench)",
            text=RichTextValue(
                "<p>" + blocks[0][1] + "</p>", "text/html", "text/x-html-safe"
            ),
            consultation_start=now - timedelta(days=1),
            consultation_end=now + timedelta(days=14),
        )
        chapters = {
            name: api.content.create(
                container=plan,
                type="Chapter",
                id=name,
                title=title,
                description=description,
                text=rich(),
            )
            for name in ("con-commenti", "senza-commenti")
        }
        documents = {
            name: api.content.create(
                container=portal,
                type="Document",
                id=name,
                title=title,
                description=description,
                text=rich(),
            )
            for name in ("documento-con-commenti", "documento-senza-commenti")
        }
        for document in documents.values():
            # Object level: stock Documents' FTI has discussion off.
            document.allow_discussion = True
            document.reindexObject()
        for obj in (plan, *chapters.values(), *documents.values()):
            api.content.transition(obj=obj, transition="publish")
    transaction.commit()
    if plan.window().state != "open":
        raise RuntimeError("the bench Plan's consultation window is not open")

    # Each publication tells its author, and the test layer has no MailHost:
    # 300 warnings would bury the figures.
    notifications = logging.getLogger("torino.socialplan")
    level = notifications.level
    notifications.setLevel(logging.ERROR)
    try:
        with anonymous():
            ours = post_ours(chapters["con-commenti"], request, specs, texts)
            stock = post_stock(documents["documento-con-commenti"], specs)
    finally:
        notifications.setLevel(level)
    transaction.commit()
    return {
        "plan": plan,
        "chapters": chapters,
        "documents": documents,
        "texts": texts,
        "specs": specs,
        "ours_ids": ours,
        "stock_ids": stock,
    }


@contextmanager
def anonymous():
    """Act as an anonymous reader: the public posts the comments."""
    saved = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(saved)


def first_comment_text(specs):
    return normalize(html.unescape(specs[0]["text"]))
