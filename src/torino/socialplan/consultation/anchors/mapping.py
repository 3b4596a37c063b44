"""Re-anchoring through an edit: the stored place of a passage is carried
through a word diff of the old text to the new one, never searched for.

When a text is saved both versions are at hand. An anchor stored as (paragraph
id, start, end) in the old paragraphs is mapped, in this order, through:

1. the paragraph that kept its id (edited in place, moved, or untouched);
2. the whole document (a paragraph split inside or merged with its
   neighbour: the edit replaced a paragraph break or added one);
3. the sentence that carried it, when the edit moved that sentence: found
   elsewhere, once, nearly word for word, the passage follows it; this also
   wins over 1 and 2 when they kept the passage's words but lost the rest of
   its sentence (the words stand again beside another sentence that holds
   them, while their own sentence went elsewhere);
4. a move of the passage's own words (two words or more, MOVE_MIN_LENGTH
   characters, unique in both texts, inserted by the edit).

The diff is of word tokens (words, spaces, single punctuation marks), compared
ignoring case, accents and typographic variants of quotes and dashes:
diff-match-patch's ``diff_main`` on tokens mapped to characters, as its line
mode does, with semantic clean-up so a rewritten phrase is one change rather
than a scatter of shared short words. The start of a passage maps to where
its first surviving token now stands, the end after its last: words inserted
inside the passage widen it, words inserted at its edges or around only move
it, and a word replaced inside it or at its edges is part of the passage as
it now reads. Spans start and end on token boundaries. Edges never swallow
insertions: when the passage's own tokens still stand together, unchanged
and once, inside the span found, the span is those tokens ("di tipo B"
becoming "di tipo A e di tipo B" keeps the comment on "di tipo B", although
the diff may align the repeated words with the insertion). A comment on a
whole paragraph stays on the whole paragraph.

A passage survives when at least KEEP_CONTENT (two thirds) of its content
words (not STOP_WORDS; all its words if it has none) come through the edit
unchanged; otherwise it is orphaned: a frame kept with new content words ("A
dedicated tutor for each participant" → "A shared mentor for every ten
participants") is a replacement, not the passage the citizen commented on.
Words inserted inside never count against it. When in doubt, orphan: an
orphan is shown with its original words; a false anchor misattributes them.

An orphaned passage comes back (``reanchor``) only where its quote stands
word for word again and its context agrees on both sides (REVIVE_CONTEXT of
the prefix and of the suffix, as posted): an edit undone. A quote standing
again in another context is only a ``revival_candidate``, for moderators to
accept or dismiss.
"""

from .paragraphs import normalize
from .paragraphs import Paragraph
from .resolution import _context_similarity
from .resolution import _Document
from .resolution import Anchoring
from .resolution import resolve
from diff_match_patch import diff_match_patch

import bisect
import difflib
import functools
import re
import unicodedata


KEEP_CONTENT = 2 / 3
# Kept for the callers that report it: the share of characters is no longer
# what decides (see KEEP_CONTENT).
KEEP_THRESHOLD = KEEP_CONTENT
# Italian and English function words: they frame a statement, they do not
# make it (articles, prepositions and their contractions, conjunctions,
# pronouns, auxiliaries). Negations are content: they change what is said.
_STOP_WORDS = """
    a ad agli ai al alla alle allo anche che chi ci col come con cui d da dagli
    dai dal dalla dalle dallo degli dei del della delle dello di e ed gli i il
    in l la le lo ma ne negli nei nel nella nelle nello o ogni per più quale
    quali questa queste questi questo quella quelle quelli quello se si sia sono
    su sugli sui sul sulla sulle sullo tra fra un una uno è essere ha hanno sarà
    saranno stato viene vengono all dall dell nell sull quest quell c s m t v
    an and are as at be been but by each every for from has have into is it
    its of on or than that the their these this those to was were which who
    will with within without all any our we they
    """
# A word retouched (typo, plural, gender) is still the word: this alike, as
# difflib's ratio of its letters.
NEAR_WORD = 0.8
# Of the prefix and of the suffix as posted, how much must agree around a
# quote standing again for an orphan to come back by itself.
REVIVE_CONTEXT = 0.5
# How alike (difflib ratio of word tokens) a sentence elsewhere must be to
# the sentence that carried a passage to count as that sentence, moved; and
# by how much it must beat the next best.
MOVE_SIMILARITY = 0.75
MOVE_MARGIN = 0.1
# Of the carrying sentence's other words, the share that must stay in place
# for an in-place mapping to stand when the sentence went elsewhere.
CARRIER_KEPT = 0.5
SEARCHED_EXACTLY = ("exact", "context")
MOVE_MIN_LENGTH = 12
_DIFF_TIMEOUT = 0.5
_EQUAL, _CHANGE = "=", "~"
# Not U+2018 and U+2019: the closing one is also the apostrophe (dell'economia).
_PAIRS = ("\u00ab\u00bb", "\u201c\u201d", "()", "[]")
_TOKENS = re.compile(r"(?:\w|[\u0300-\u036f\u200c\u200d])+|\s+|[^\w\s]")
_SENTENCE_END = re.compile(r"[.;!?…](?=\s|$)")
_FOLDED_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
    }
)


@functools.lru_cache(maxsize=65536)
def _key(token):
    """What a token is compared by: letter case, accents and typographic
    variants aside; any run of spaces is one space."""
    if token.isspace():
        return " "
    folded = unicodedata.normalize("NFKD", token.casefold().translate(_FOLDED_MARKS))
    return "".join(c for c in folded if not unicodedata.combining(c))


STOP_WORDS = frozenset(_key(word) for word in _STOP_WORDS.split())


def content_word(word):
    """Whether a word makes a statement rather than frames it."""
    return word[:1].isalnum() and _key(word) not in STOP_WORDS


def _is_word_token(token):
    return token[:1].isalnum()


class _Tokens:
    """A text as tokens: their (start, end) offsets and comparison keys."""

    __slots__ = ("keys", "spans", "starts", "text")

    def __init__(self, text):
        self.text = text
        self.spans = [m.span() for m in _TOKENS.finditer(text)]
        self.starts = [a for a, _b in self.spans]
        self.keys = [_key(text[a:b]) for a, b in self.spans]

    def covering(self, start, end):
        """Indexes of the tokens overlapping text[start:end]."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        for index in range(first, len(self.spans)):
            a, b = self.spans[index]
            if a >= end:
                break
            if b > start:
                out.append(index)
        return out


def _encode(sequences):
    """Token keys as characters (diff-match-patch's line mode, for words),
    and the key of each character."""
    table = {}
    encoded = []
    for keys in sequences:
        # Plane 15 private use: neither letters nor spaces to the clean-up.
        encoded.append(
            "".join(chr(0xF0000 + table.setdefault(k, len(table))) for k in keys)
        )
    return encoded, {chr(0xF0000 + v): k for k, v in table.items()}


def _cleanup(dmp, diffs, keys):
    """Dissolve the equalities between two changes that hold no content word
    (spaces, punctuation, function words): a rewritten phrase is one change,
    not a scatter of shared "for" and "di". Equalities holding a content word
    stay, however short: they are what the two texts share. In passes, each
    linear, until none is left to dissolve."""

    def dissolvable(index):
        op, chars = diffs[index]
        return (
            op == dmp.DIFF_EQUAL
            and 0 < index < len(diffs) - 1
            and diffs[index - 1][0] != dmp.DIFF_EQUAL
            and diffs[index + 1][0] != dmp.DIFF_EQUAL
            and not any(
                _is_word_token(keys[c]) and keys[c] not in STOP_WORDS for c in chars
            )
        )

    while True:
        marked = [index for index in range(len(diffs)) if dissolvable(index)]
        if not marked:
            return
        for index in reversed(marked):
            chars = diffs[index][1]
            diffs[index : index + 1] = [
                (dmp.DIFF_DELETE, chars),
                (dmp.DIFF_INSERT, chars),
            ]
        dmp.diff_cleanupMerge(diffs)


def _diff(old, new):
    """Runs of ``old`` → ``new`` (texts, or _Tokens): ("=", a, b, c, d) when
    old[a:b] and new[c:d] are the same token (or tokens, identical), ("~", a,
    b, c, d) for old[a:b] replaced by new[c:d] (either may be empty). Offsets
    are characters; every run starts and ends on token boundaries."""
    old = old if isinstance(old, _Tokens) else _Tokens(old)
    new = new if isinstance(new, _Tokens) else _Tokens(new)
    (a_chars, b_chars), keys = _encode([old.keys, new.keys])
    dmp = diff_match_patch()
    dmp.Diff_Timeout = _DIFF_TIMEOUT
    diffs = dmp.diff_main(a_chars, b_chars, False)
    _cleanup(dmp, diffs, keys)
    runs, i, j = [], 0, 0

    def at(tokens, index):
        return tokens.spans[index][0] if index < len(tokens.spans) else len(tokens.text)

    for op, chars in diffs:
        count = len(chars)
        if op == dmp.DIFF_EQUAL:
            for step in range(count):
                a, b = old.spans[i + step]
                c, d = new.spans[j + step]
                same = old.text[a:b] == new.text[c:d]
                last = runs[-1] if runs else None
                if same and last and last[0] == _EQUAL and last[5] and last[2] == a:
                    runs[-1] = (_EQUAL, last[1], b, last[3], d, True)
                else:
                    runs.append((_EQUAL, a, b, c, d, same))
            i, j = i + count, j + count
            continue
        if not runs or runs[-1][0] != _CHANGE:
            here = (at(old, i), at(new, j))
            runs.append((_CHANGE, here[0], here[0], here[1], here[1], False))
        _kind, a, b, c, d, _same = runs[-1]
        if op == dmp.DIFF_DELETE:
            i += count
            b = at(old, i)
        else:
            j += count
            d = at(new, j)
        runs[-1] = (_CHANGE, a, b, c, d, False)
    return [run[:5] for run in runs]


def word_runs(old, new):
    """The word diff of two texts, as re-anchoring computes it: runs ("=", a,
    b, c, d) of tokens kept (compared ignoring case, accents and typographic
    variants) and ("~", a, b, c, d) of old[a:b] replaced by new[c:d]. For the
    comparison of the consulted and approved texts."""
    return _diff(old, new)


def _map_start(runs, new, s):
    for kind, a, b, c, d in runs:
        if a <= s < b:
            if kind == _EQUAL:
                return c + min(s - a, d - c)
            if s == a:
                return c
            # Straddling change: cut in proportion, then take the whole word.
            x = c + round((s - a) * (d - c) / (b - a))
            while 0 < x < len(new) and new[x - 1].isalnum() and new[x].isalnum():
                x -= 1
            return x
    return len(new)


def _map_end(runs, new, e):
    for kind, a, b, c, d in runs:
        if a < e <= b:
            if kind == _EQUAL:
                return c + min(e - a, d - c)
            if e == b:
                return d
            x = c + round((e - a) * (d - c) / (b - a))
            while 0 < x < len(new) and new[x - 1].isalnum() and new[x].isalnum():
                x += 1
            return x
    return 0


def _words_of(tokens, start, end):
    """Indexes of the word tokens of text[start:end]; the content words first
    (not STOP_WORDS), all the words if none is content."""
    words = [
        index
        for index in tokens.covering(start, end)
        if _is_word_token(tokens.keys[index])
    ]
    content = [index for index in words if tokens.keys[index] not in STOP_WORDS]
    return content or words


def _near(old_key, new_tokens, c, d):
    """Whether the change new[c:d] holds the word ``old_key`` retouched: a
    typo fixed, a plural or a gender changed (NEAR_WORD alike, four letters or
    more), not another word."""
    if len(old_key) < 4:
        return False
    for index in new_tokens.covering(c, d):
        key = new_tokens.keys[index]
        if len(key) >= 4 and _is_word_token(key):
            matcher = difflib.SequenceMatcher(None, old_key, key, autojunk=False)
            if matcher.ratio() >= NEAR_WORD:
                return True
    return False


def _kept(runs, old_tokens, s, e, within=None, new_tokens=None):
    """The share of the content words of old[s:e] that come through the edit
    unchanged or only retouched (and land in the new span ``within``, if
    given); of its characters if it holds no word."""
    words = _words_of(old_tokens, s, e)
    units = [(old_tokens.spans[i], old_tokens.keys[i]) for i in words]
    if not units:
        units = [((s, e), None)]
    total = len(words) or (e - s)
    kept = 0
    for (low, high), key in units:
        low, high = max(low, s), min(high, e)
        for kind, a, b, c, d in runs:
            if a >= high or b <= low:
                continue
            if kind == _EQUAL:
                lo = c + min(max(low, a) - a, d - c)
            elif (
                key is not None
                and new_tokens is not None
                and _near(key, new_tokens, c, d)
            ):
                lo = c
            else:
                continue
            if within is not None and not within[0] <= lo < within[1]:
                continue
            kept += 1 if words else min(b, high) - max(a, low)
            break
    return kept / max(1, total)


def _balanced(new, start, end):
    """Take in the closing (opening) mark of a pair the span opens (closes)
    right at its edge: «word» and (word) stay whole when quoted by the edit."""
    span = new[start:end]
    for opening, closing in _PAIRS:
        if span.count(opening) > span.count(closing) and new[end : end + 1] == closing:
            end += 1
        if (
            span.count(closing) > span.count(opening)
            and new[start - 1 : start] == opening
        ):
            start -= 1
    return start, end


def _own_words(old_tokens, s, e, new_tokens, start, end):
    """(start, end) of the passage's own tokens where they stand together,
    unchanged and once, inside the new span; else the span as it is."""
    passage = old_tokens.covering(s, e)
    if not passage or old_tokens.spans[passage[0]][0] != s:
        return start, end
    if old_tokens.spans[passage[-1]][1] != e:
        return start, end
    keys = [old_tokens.keys[i] for i in passage]
    inside = new_tokens.covering(start, end)
    span_keys = [new_tokens.keys[i] for i in inside]
    if len(span_keys) <= len(keys):
        return start, end
    found = [
        at
        for at in range(len(span_keys) - len(keys) + 1)
        if span_keys[at : at + len(keys)] == keys
    ]
    if len(found) != 1:
        return start, end
    first, last = inside[found[0]], inside[found[0] + len(keys) - 1]
    return new_tokens.spans[first][0], new_tokens.spans[last][1]


def _through(runs, old_tokens, new_tokens, s, e):
    """(start, end, kept share) of old[s:e] in the new text, spaces trimmed."""
    new = new_tokens.text
    start, end = _map_start(runs, new, s), _map_end(runs, new, e)
    while start < end and new[start].isspace():
        start += 1
    while end > start and new[end - 1].isspace():
        end -= 1
    if end > start:
        start, end = _own_words(old_tokens, s, e, new_tokens, start, end)
        start, end = _balanced(new, start, end)
    return start, end, _kept(runs, old_tokens, s, e, new_tokens=new_tokens)


def _sentences(text):
    """(start, end) of the sentences of a paragraph text."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def _carrier(text, s, e):
    """(start, end) of the sentences of ``text`` that hold text[s:e]."""
    spans = [(a, b) for a, b in _sentences(text) if a < e and s < b]
    if not spans:
        return 0, len(text)
    return spans[0][0], spans[-1][1]


def _word_keys(tokens, start, end):
    return [
        tokens.keys[i]
        for i in tokens.covering(start, end)
        if _is_word_token(tokens.keys[i])
    ]


class _Text:
    """Paragraphs as one document: text joined with "\\n", offsets."""

    def __init__(self, paragraphs):
        self.paragraphs = [
            p if isinstance(p, Paragraph) else Paragraph(*p) for p in paragraphs
        ]
        self.index = {p.id: i for i, p in enumerate(self.paragraphs)}
        self.starts, offset = [], 0
        for paragraph in self.paragraphs:
            self.starts.append(offset)
            offset += len(paragraph.text) + 1
        self.text = "\n".join(p.text for p in self.paragraphs)
        self._tokens = {}
        self._sentences = None

    def tokens(self, index):
        if index not in self._tokens:
            self._tokens[index] = _Tokens(self.paragraphs[index].text)
        return self._tokens[index]

    def sentences(self):
        """(paragraph index, start, end, word keys, their set) of every
        sentence."""
        if self._sentences is None:
            self._sentences = []
            for index, paragraph in enumerate(self.paragraphs):
                tokens = self.tokens(index)
                for start, end in _sentences(paragraph.text):
                    keys = _word_keys(tokens, start, end)
                    self._sentences.append((index, start, end, keys, set(keys)))
        return self._sentences

    def alike(self, keys):
        """(ratio, sentence) of the sentences at least MOVE_SIMILARITY alike
        to the word ``keys``, most alike first."""
        wanted = set(keys)
        scored = []
        for sentence in self.sentences():
            # A cheap bound first: too few shared words, not worth a matcher.
            shared = len(wanted & sentence[4])
            if 2 * shared < MOVE_SIMILARITY * (len(wanted) + len(sentence[4])):
                continue
            ratio = _similar(keys, sentence[3])
            if ratio >= MOVE_SIMILARITY:
                scored.append((ratio, sentence))
        scored.sort(key=lambda pair: -pair[0])
        return scored

    def locate(self, start, end):
        """(paragraph index, start, end) of the larger part of a document span
        that may cross paragraph breaks."""
        first = bisect.bisect_right(self.starts, start) - 1
        best = None
        for index in range(first, len(self.paragraphs)):
            offset = self.starts[index]
            if offset >= end:
                break
            low = max(start, offset)
            high = min(end, offset + len(self.paragraphs[index].text))
            if high > low and (best is None or high - low > best[2] - best[1]):
                best = (index, low - offset, high - offset)
        return best


def _similar(a, b):
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MOVE_SIMILARITY:
        return 0.0
    if matcher.quick_ratio() < MOVE_SIMILARITY:
        return 0.0
    return matcher.ratio()


class Edit:
    """One save of a text: ``place`` carries a stored passage through it."""

    def __init__(self, before, after):
        self.before = _Text(before)
        self.after = _Text(after)
        self._paragraph_runs = {}
        self._document = None
        self._searched = None

    def searched(self):
        """The new text as a document to search quotes in (revivals)."""
        if self._searched is None:
            self._searched = _Document(self.after.paragraphs)
        return self._searched

    def _runs_in_paragraph(self, paragraph_id):
        if paragraph_id not in self._paragraph_runs:
            old = self.before.tokens(self.before.index[paragraph_id])
            new = self.after.tokens(self.after.index[paragraph_id])
            self._paragraph_runs[paragraph_id] = _diff(old, new)
        return self._paragraph_runs[paragraph_id]

    def _document_diff(self):
        if self._document is None:
            old, new = _Tokens(self.before.text), _Tokens(self.after.text)
            self._document = (old, new, _diff(old, new))
        return self._document

    def place(self, paragraph_id, start, end):  # noqa: C901 (the order above)
        """Where the passage ``[start, end)`` of the old paragraph
        ``paragraph_id`` now lies (method "mapped" or "moved", score the share
        kept), or None: orphaned. KeyError if the paragraph was not in the old
        text."""
        index = self.before.index[paragraph_id]
        old = self.before.paragraphs[index].text
        if not 0 <= start < end <= len(old):
            raise KeyError(paragraph_id)
        whole = start == 0 and end == len(old)
        found, carried = None, 1.0
        if paragraph_id in self.after.index:
            if self.after.paragraphs[self.after.index[paragraph_id]].text == old:
                # Most paragraphs of a save are untouched.
                return Anchoring(paragraph_id, start, end, "mapped", 1.0)
            new_tokens = self.after.tokens(self.after.index[paragraph_id])
            runs = self._runs_in_paragraph(paragraph_id)
            old_tokens = self.before.tokens(index)
            s, e, kept = _through(runs, old_tokens, new_tokens, start, end)
            if whole:
                s, e = 0, len(new_tokens.text)
            if e > s and kept >= KEEP_CONTENT - 1e-9:
                found = Anchoring(paragraph_id, s, e, "mapped", kept)
                carried = self._carrier_kept(runs, old_tokens, index, start, end)
        if found is None:
            found = self._through_document(paragraph_id, start, end)
            if found is not None:
                old_tokens, _new, runs = self._document_diff()
                offset = self.before.starts[index]
                carried = self._carrier_kept(
                    runs, old_tokens, index, offset + start, offset + end, offset
                )
        if whole:
            return found
        if found is None or carried < CARRIER_KEPT:
            moved = self._sentence_moved(index, start, end)
            if moved is not None:
                return moved
        if found is None:
            found = self._moved(paragraph_id, start, end)
        return found

    def _carrier_kept(self, runs, old_tokens, index, s, e, offset=0):
        """The share of the words of the passage's sentence, outside the
        passage, that stayed where they were (``runs`` of the paragraph, or
        of the document with the paragraph at ``offset``)."""
        text = self.before.paragraphs[index].text
        low, high = _carrier(text, s - offset, e - offset)
        around = [
            i
            for i in old_tokens.covering(offset + low, offset + high)
            if _is_word_token(old_tokens.keys[i])
            and not s <= old_tokens.spans[i][0] < e
        ]
        if not around:
            return 1.0
        kept = 0
        for i in around:
            a0, b0 = old_tokens.spans[i]
            for kind, a, b, _c, _d in runs:
                if kind == _EQUAL and a <= a0 and b0 <= b:
                    kept += 1
                    break
        return kept / len(around)

    def _sentence_moved(self, index, start, end):
        """The passage in its sentence, if the edit moved that sentence:
        found once elsewhere, nearly word for word."""
        old_text = self.before.paragraphs[index].text
        low, high = _carrier(old_text, start, end)
        keys = _word_keys(self.before.tokens(index), low, high)
        if len(keys) < 3:
            return None
        # The sentence must have been one of a kind in the old text.
        twins = [
            sentence
            for _ratio, sentence in self.before.alike(keys)
            if (sentence[0], sentence[1]) != (index, low)
        ]
        if twins:
            return None
        scored = self.after.alike(keys)
        if not scored:
            return None
        if len(scored) > 1 and scored[1][0] > scored[0][0] - MOVE_MARGIN:
            return None
        _ratio, (new_index, new_low, new_high, _keys, _set) = scored[0]
        old_sentence = _Tokens(old_text[low:high])
        new_text = self.after.paragraphs[new_index].text
        new_sentence = _Tokens(new_text[new_low:new_high])
        runs = _diff(old_sentence, new_sentence)
        s, e, kept = _through(runs, old_sentence, new_sentence, start - low, end - low)
        if e <= s or kept < KEEP_CONTENT - 1e-9:
            return None
        paragraph = self.after.paragraphs[new_index]
        return Anchoring(paragraph.id, new_low + s, new_low + e, "moved", kept)

    def _through_document(self, paragraph_id, start, end):
        old_tokens, new_tokens, runs = self._document_diff()
        offset = self.before.starts[self.before.index[paragraph_id]]
        s, e = offset + start, offset + end
        new_s, new_e, _kept_share = _through(runs, old_tokens, new_tokens, s, e)
        located = self.after.locate(new_s, new_e) if new_e > new_s else None
        if located is None:
            return None
        # Of a passage now split across paragraphs only the larger part
        # counts, and only what of the passage survives inside it.
        index, low, high = located
        origin = self.after.starts[index]
        kept = _kept(runs, old_tokens, s, e, (origin + low, origin + high), new_tokens)
        if kept < KEEP_CONTENT - 1e-9:
            return None
        return Anchoring(self.after.paragraphs[index].id, low, high, "mapped", kept)

    def _moved(self, paragraph_id, start, end):
        old = self.before.paragraphs[self.before.index[paragraph_id]].text
        words = old[start:end]
        if len(words) < MOVE_MIN_LENGTH or " " not in words:
            return None
        if self.before.text.count(words) != 1 or self.after.text.count(words) != 1:
            return None
        at = self.after.text.find(words)
        _old, _new, runs = self._document_diff()
        # Inserted by this edit: no character of it was there before.
        for kind, _a, _b, c, d in runs:
            if kind == _EQUAL and c < at + len(words) and d > at:
                return None
        located = self.after.locate(at, at + len(words))
        index, s, e = located
        if e - s != len(words):
            return None
        return Anchoring(self.after.paragraphs[index].id, s, e, "moved", 1.0)


def _place_of(location, before):
    """The stored (paragraph, start, end) if it lies in ``before``."""
    if not location:
        return None
    paragraph_id, start, end = location
    for paragraph in before:
        if paragraph[0] == paragraph_id:
            valid = isinstance(start, int) and isinstance(end, int)
            if valid and 0 <= start < end <= len(paragraph[1]):
                return paragraph_id, start, end
            return None
    return None


def _context_agreement(selector, document, found):
    """(prefix, suffix) agreement, each 0..1, of the context posted with the
    quote around where ``found`` stands. No context (a comment on a whole
    paragraph) agrees only with a paragraph's edge."""
    index = document.ids.index(found.paragraph)
    offset = document.starts[index]
    prefix = normalize(selector.get("prefix") or "")
    suffix = normalize(selector.get("suffix") or "")
    if prefix:
        before = document.before(offset + found.start, len(prefix))
        prefix_agreement = _context_similarity(before, prefix)
    else:
        prefix_agreement = 1.0 if found.start == 0 else 0.0
    if suffix:
        following = document.after(offset + found.end, len(suffix))
        suffix_agreement = _context_similarity(following, suffix)
    else:
        suffix_agreement = 1.0 if found.end == len(document.texts[index]) else 0.0
    return min(prefix_agreement, suffix_agreement), prefix_agreement + suffix_agreement


def _context_agrees(selector, document, found):
    """Whether the prefix and the suffix posted with the quote both agree,
    each at least REVIVE_CONTEXT, around where ``found`` stands."""
    return _context_agreement(selector, document, found)[0] >= REVIVE_CONTEXT


def _searched(after, edit=None):
    """``after`` as one searchable document; an edit's, built once for all
    its comments."""
    if edit is not None:
        return edit.searched()
    return _Document([Paragraph(*p) for p in after])


def revival_candidate(selector, after, edit=None):
    """Where an orphaned passage's quote stands again word for word, whatever
    its context (the occurrence whose context agrees most): offered to
    moderators, never placed by itself. None if nowhere."""
    exact = normalize(selector.get("exact") or "")
    if not exact:
        return None
    document = _searched(after, edit)
    best = None
    at = document.text.find(exact)
    while at != -1:
        index = document.index(at)
        offset = document.starts[index]
        if at + len(exact) <= offset + len(document.texts[index]):
            found = Anchoring(
                document.ids[index], at - offset, at - offset + len(exact), "exact", 1.0
            )
            agreement = _context_agreement(selector, document, found)
            if best is None or agreement > best[0]:
                best = (agreement, found)
        at = document.text.find(exact, at + 1)
    return None if best is None else best[1]


def reanchor(selector, location, before, after, edit=None, orphaned=False):
    """Where a comment's passage lies in ``after``, the paragraphs saved by an
    edit of ``before``: mapped from ``location`` (paragraph id, start, end in
    ``before``) when it has one there. Without one (never placed, imported) it
    is searched for by its quote, fuzzily; an ``orphaned`` passage comes back
    only where its quote stands again word for word with its context on both
    sides (an edit undone). None: orphaned. ``edit`` shares the diffs between
    the comments of one save."""
    place = None if orphaned else _place_of(location, before)
    if place is not None:
        return (edit or Edit(before, after)).place(*place)
    if orphaned:
        found = revival_candidate(selector, after, edit)
        if found is not None and _context_agrees(
            selector, _searched(after, edit), found
        ):
            return found
        return None
    return resolve(selector, after)
