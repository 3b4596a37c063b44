"""The words of a contribution that campaigns are compared on.

Letter case and accents do not count ("Città" is "citta"), nor do the
words every text has (Italian and English stop words), nor punctuation,
nor single letters (the "l" of "l'ambiente").
"""

import re
import unicodedata


# Short on purpose: the function words of both languages, not the topic's
# words (those tell contributions apart).
def _listed(words):
    return frozenset(words.split())


ITALIAN_STOP_WORDS = _listed(
    """
    a ad agli ai al alla alle allo anche ancora che chi ci cio coi col come con
    cosi cui da dagli dai dal dalla dalle dallo degli dei del della delle dello
    di dove e ed egli era erano essere gia gli ha hanno ho i il in io la le lei
    lo loro lui ma mi mia mie miei mio ne negli nei nel nella nelle nello noi
    non nostra nostre nostri nostro o per perche piu poi quale quali quando
    quanto quella quelle quelli quello questa queste questi questo se sei si
    sia siamo siete sono sta stato su sua sue sui sul sulla sulle suo suoi te
    ti tra tu tua tue tuo tuoi tutti tutto un una uno vi voi sono fra molto
    essa esso esse essi ogni anzi oppure pero sempre gia dunque quindi inoltre
    """
)

ENGLISH_STOP_WORDS = _listed(
    """
    a about above after again all also am an and any are as at be because been
    before being below between both but by can could did do does doing down
    during each few for from further had has have having he her here hers him
    his how i if in into is it its itself just me more most my no nor not now
    of off on once only or other our ours out over own same she should so some
    such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while
    who whom why will with would you your yours
    """
)

STOP_WORDS = ITALIAN_STOP_WORDS | ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")


_MARKS = re.compile(r"[\u0300-\u036f]+")


def fold(text):
    """``text`` in lower case without accents (NFKD, combining marks dropped)."""
    text = text or ""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return text.casefold()


def words(text):
    """The words of ``text`` that count, in order."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOP_WORDS]


def normalised(text):
    """The words of ``text`` that count, as one string (what the string
    similarity compares)."""
    return " ".join(words(text))


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n|\n")


def sentences(text):
    """``text`` cut into sentences (and paragraphs), stripped, none empty."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]
