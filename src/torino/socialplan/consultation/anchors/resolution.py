"""Finding a quoted passage by searching (``resolve``), after Hypothesis and
the W3C TextQuoteSelector. Used when a comment is posted, and for anchors that
have no stored place to map through an edit (see mapping.py). A passage lies
within one paragraph.

1. Exact: every occurrence of ``exact`` in the document text. A single one
   that both contexts match is the answer; otherwise the best agrees most with
   ``prefix`` and ``suffix`` (edit distance of each to the text before /
   after, across paragraph boundaries, "\\n" read as a space), then matches
   most context characters contiguously, then lies nearest
   ``position.start``, then comes first. Method "exact" when both contexts
   match fully, else "context" (score: the share of quote and context still
   found).
2. The same ignoring case (when lowering keeps lengths): method "fuzzy".
3. Fuzzy: Bitap (``match_main``; patterns of at most 32 characters, so a
   longer quote is searched by its head and by its tail, and the spans they
   give are compared) within 400 characters of the expected places
   (``position.start``, where the prefix ends, where the suffix begins), then
   in the three paragraphs holding most of the quote's words. Each span is
   clipped to one paragraph, its edges aligned on the quote with a character
   diff and kept off the middle of words and of combining sequences;
   candidates are ranked as Hypothesis does (quote 50, prefix 20, suffix 20,
   position 2) and accepted only when the quote itself matches: similarity to
   ``exact`` (1 - Levenshtein / length, ignoring case and Unicode normal form)
   of at least 0.75, and most of the quote's words found as words in the
   span. Context only ranks candidates, it never makes one. Method "fuzzy",
   score the similarity.
4. Otherwise None: the comment is orphaned.

Limits: exact resolution is a few ``str.find`` calls (tens of microseconds on
a 30-paragraph chapter); fuzzy resolution runs pure-Python Bitap (a few
milliseconds; about 20 ms to give up on a 20,000-character text). A quote of
three characters or fewer cannot match fuzzily (one error is already 25%). A
quote spanning paragraphs resolves at most to its part within one, if that
part is 75% of it. A quote in another Unicode normal form than the text is
found only fuzzily.
"""

from .paragraphs import collapse
from .paragraphs import normalize
from collections import namedtuple
from collections.abc import Mapping
from diff_match_patch import diff_match_patch

import bisect
import re
import unicodedata


Anchoring = namedtuple("Anchoring", "paragraph start end method score")

FUZZY_THRESHOLD = 0.75
# Of the quote's words, how many a fuzzy match must hold as they are.
MIN_SHARED_WORDS = 0.5
# Of the context, how much must agree to choose among repeated quotes.
MIN_CONTEXT_AGREEMENT = 0.5
# A quote of at least this many words found once stands without its context.
_OWN_CONTEXT_WORDS = 4
_MAX_BITS = 32
_LOCAL_WINDOW = 400
_WORD = re.compile(r"\w+")
# Hypothesis' weights for ranking fuzzy candidates.
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POSITION = 50, 20, 20, 2


class _Document:
    def __init__(self, paragraphs):
        self.ids = [p.id for p in paragraphs]
        self.texts = [p.text for p in paragraphs]
        self.starts = []
        offset = 0
        for text in self.texts:
            self.starts.append(offset)
            offset += len(text) + 1
        self.text = "\n".join(self.texts)

    def index(self, offset):
        """The paragraph holding document ``offset`` (or ending just before)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def overlapping(self, start, end):
        """The paragraph sharing most of the span ``[start, end)``."""
        index = self.index(start)
        if index + 1 < len(self.starts):
            following = self.starts[index + 1]
            if end - following > following - 1 - start:
                return index + 1
        return index

    def before(self, offset, length):
        window = self.text[max(0, offset - length - 2) : offset]
        return window.replace("\n", " ").rstrip(" ")[-length:] if length else ""

    def after(self, offset, length):
        window = self.text[offset : offset + length + 2]
        return window.replace("\n", " ").lstrip(" ")[:length]


def _common_tail(a, b):
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_head(a, b):
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _fold(text):
    return unicodedata.normalize("NFC", text.lower())


def _distance(a, b):
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.1
    return dmp.diff_levenshtein(dmp.diff_main(a, b, False))


def _similarity(a, b):
    """1 - Levenshtein / length, ignoring case and Unicode normal form."""
    a, b = _fold(a), _fold(b)
    longest = max(len(a), len(b))
    if not longest:
        return 1.0
    return max(0.0, 1.0 - _distance(a, b) / longest)


def _agreement(found, expected):
    """How many characters of ``expected`` context survive in ``found``."""
    if not expected:
        return 0
    if found == expected:
        return len(expected)
    return max(0, len(expected) - _distance(found, expected))


class _Query:
    def __init__(self, selector, document):
        self.document = document
        self.exact = normalize(selector.get("exact") or "")
        self.prefix = normalize(selector.get("prefix") or "")
        self.suffix = normalize(selector.get("suffix") or "")
        # Whether the quote began or ended inside a word: the character next
        # to it (older contexts were stripped: then unknown).
        self.before_quote = collapse(selector.get("prefix") or "")[-1:]
        self.after_quote = collapse(selector.get("suffix") or "")[:1]
        position = selector.get("position")
        self.expected = None
        if isinstance(position, Mapping) and isinstance(position.get("start"), int):
            self.expected = position["start"]

    def contiguous(self, start, end):
        document = self.document
        before = document.before(start, len(self.prefix))
        after = document.after(end, len(self.suffix))
        return _common_tail(before, self.prefix), _common_head(after, self.suffix)

    def context(self, start, end):
        """Context characters in agreement, edit distance counted."""
        document = self.document
        before = document.before(start, len(self.prefix))
        after = document.after(end, len(self.suffix))
        return _agreement(before, self.prefix) + _agreement(after, self.suffix)

    def closeness(self, start):
        if self.expected is None:
            return 0.0
        length = max(1, len(self.document.text))
        return 1.0 - min(1.0, abs(start - self.expected) / length)

    def anchoring(self, start, end, method, score):
        index = self.document.index(start)
        offset = self.document.starts[index]
        return Anchoring(
            self.document.ids[index], start - offset, end - offset, method, score
        )


def _occurrences(text, needle):
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _pick(query, starts, length, method=None):
    """The best of several occurrences (document offsets) of the quote."""
    full = len(query.prefix) + len(query.suffix)
    scored = []
    for order, start in enumerate(starts):
        before, after = query.contiguous(start, start + length)
        scored.append([before + after, before, after, order, start])
    complete = [s for s in scored if s[0] == full]
    if len(complete) == 1:
        choice = complete[0]
        agreement = full
    elif len(scored) == 1:
        choice = scored[0]
        agreement = query.context(choice[4], choice[4] + length)
        # A few words, or the words in another case, found once where the
        # context is another: another statement, not the commenter's.
        guess = method == "fuzzy" or len(query.exact.split()) < _OWN_CONTEXT_WORDS
        if guess and agreement < MIN_CONTEXT_AGREEMENT * full:
            return None
    else:
        ranked = []
        for contiguous, _before, _after, order, start in _shortlist(query, scored):
            ranked.append(
                (
                    query.context(start, start + length),
                    contiguous,
                    -abs(start - query.expected) if query.expected is not None else 0,
                    -order,
                    start,
                )
            )
        best = max(ranked)
        agreement, choice = best[0], scored[-best[3]]  # best[3] is -order
        if agreement < MIN_CONTEXT_AGREEMENT * full:
            # The words stand in several places and the context tells none
            # apart: placing the comment on one would be a guess.
            return None
    _contiguous, before, after, _order, start = choice
    if method is None:
        exact = before == len(query.prefix) and after == len(query.suffix)
        method = "exact" if exact else "context"
    if method == "exact":
        score = 1.0
    elif method == "context":
        score = (length + agreement) / (length + full)
    else:
        score = _similarity(query.document.text[start : start + length], query.exact)
    return query.anchoring(start, start + length, method, score)


def _shortlist(query, scored, count=10):
    """The occurrences worth an edit-distance comparison of their context: the
    best by contiguous agreement, the nearest to ``position``, the first."""
    if len(scored) <= 3 * count:
        return scored
    chosen = sorted(scored, key=lambda s: -s[0])[:count] + scored[:count]
    if query.expected is not None:
        chosen += sorted(scored, key=lambda s: abs(s[4] - query.expected))[:count]
    return list({id(s): s for s in chosen}.values())


def _expectations(query, dmp):
    """Document offsets where the passage is expected to start, most trusted
    first: ``position``, then after the prefix, then before the suffix."""
    document, exact = query.document, query.exact
    places = []
    if query.expected is not None:
        places.append(min(query.expected, len(document.text)))
    hint = places[0] if places else 0
    if query.prefix:
        head = query.prefix[-_MAX_BITS:]
        found = _nearest(_occurrences(document.text, head), hint) or [
            dmp.match_main(document.text, head, max(0, hint - len(head)))
        ]
        places.extend(at + len(head) + 1 for at in found if at >= 0)
    if query.suffix:
        tail = query.suffix[:_MAX_BITS]
        found = _nearest(_occurrences(document.text, tail), hint + len(exact)) or [
            dmp.match_main(document.text, tail, hint + len(exact))
        ]
        places.extend(max(0, at - len(exact) - 1) for at in found if at >= 0)
    distinct = []
    for place in places:
        if all(abs(place - other) > _MAX_BITS for other in distinct):
            distinct.append(place)
    return distinct or [0]


def _nearest(offsets, hint, count=2):
    return sorted(offsets, key=lambda at: abs(at - hint))[:count]


def _spans(query, dmp, place, low, high):
    """Candidate (start, end) document spans for the quote near ``place``,
    searched in the document text between ``low`` and ``high``."""
    exact = query.exact
    length = len(exact)
    offset = max(0, low)
    text = query.document.text[offset:high]
    place = max(0, place - offset)
    if length <= _MAX_BITS:
        start = dmp.match_main(text, exact, place)
        return [(offset + start, offset + start + length)] if start >= 0 else []
    spans = []
    head = dmp.match_main(text, exact[:_MAX_BITS], place)
    tail = dmp.match_main(text, exact[-_MAX_BITS:], place + length - _MAX_BITS)
    if head >= 0:
        spans.append((head, head + length))
    if tail >= 0:
        spans.append((tail + _MAX_BITS - length, tail + _MAX_BITS))
    if head >= 0 and tail >= 0 and length / 2 <= tail + _MAX_BITS - head <= 2 * length:
        spans.append((head, tail + _MAX_BITS))
    return [(offset + start, offset + end) for start, end in spans]


def _refine(query, dmp, start, end):
    """Clip a span to one paragraph, align its edges on the quote, snap words."""
    document, exact = query.document, query.exact
    index = document.overlapping(max(0, start), end)
    offset = document.starts[index]
    text = document.texts[index]
    start, end = max(0, start - offset), min(len(text), end - offset)
    if end <= start:
        return None
    margin = 8
    window_start = max(0, start - margin)
    window = text[window_start : min(len(text), end + margin)]
    diffs = dmp.diff_main(exact, window, False)
    start = window_start + dmp.diff_xIndex(diffs, 0)
    end = window_start + dmp.diff_xIndex(diffs, len(exact) - 1) + 1
    end = min(max(end, start + 1), len(text))
    # Never split a character from its combining marks, nor a word unless
    # the quote itself started or ended inside one.
    snap = _is_word(exact[0]) and not _is_word(query.before_quote)
    while start > 0 and (
        _is_mark(text[start])
        or (snap and _is_word(text[start - 1]) and _is_word(text[start]))
    ):
        start -= 1
    snap = _is_word(exact[-1]) and not _is_word(query.after_quote)
    while end < len(text) and (
        _is_mark(text[end])
        or (snap and _is_word(text[end - 1]) and _is_word(text[end]))
    ):
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if end <= start:
        return None
    return offset + start, offset + end


def _is_mark(char):
    # Combining marks, variation selectors, emoji modifiers and joiners.
    return bool(char) and (
        unicodedata.category(char).startswith("M")
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or char == "\u200d"
    )


def _is_word(char):
    return bool(char) and (char.isalnum() or _is_mark(char))


def _fuzzy(query):
    document = query.document
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.1
    # Proximity only breaks ties: errors decide (at most 25% from distance).
    dmp.Match_Distance = max(1000, 4 * len(document.text))
    dmp.Match_Threshold = 0.5
    places = _expectations(query, dmp)
    # Near the expected places first, then in the paragraphs sharing most
    # words with the quote: Bitap's cost grows with the text searched.
    window = max(_LOCAL_WINDOW, 2 * len(query.exact))
    searches = [(p, p - window, p + len(query.exact) + window) for p in places]
    best = _best_span(query, dmp, searches)
    if best is None:
        best = _best_span(query, dmp, _paragraph_searches(query))
    if best is None:
        return None
    start, end, similarity = best
    return query.anchoring(start, end, "fuzzy", similarity)


def _paragraph_searches(query, count=3):
    document = query.document
    words = set(_WORD.findall(_fold(query.exact)))
    if not words:
        return []
    shares = {}
    for index, text in enumerate(document.texts):
        share = len(words & set(_WORD.findall(_fold(text)))) / len(words)
        if share >= 0.5:
            shares[index] = share
    searches = []
    for index in sorted(shares, key=lambda i: (-shares[i], i))[:count]:
        start = document.starts[index]
        end = start + len(document.texts[index])
        place = start
        if query.expected is not None:
            place = min(max(query.expected, start), end)
        searches.append((place, start, end))
    return searches


def _best_span(query, dmp, searches):
    document = query.document
    spans = set()
    for place, low, high in searches:
        for start, end in _spans(query, dmp, place, low, high):
            refined = _refine(query, dmp, start, end)
            if refined:
                spans.add(refined)
    best = None
    for start, end in spans:
        similarity = _similarity(document.text[start:end], query.exact)
        if similarity < FUZZY_THRESHOLD:
            continue
        if _shared_words(document.text[start:end], query.exact) < MIN_SHARED_WORDS:
            continue
        before = document.before(start, len(query.prefix))
        after = document.after(end, len(query.suffix))
        rank = (
            _W_QUOTE * similarity
            + _W_PREFIX * _context_similarity(before, query.prefix)
            + _W_SUFFIX * _context_similarity(after, query.suffix)
            + _W_POSITION * query.closeness(start),
            -start,
        )
        if best is None or rank > best[0]:
            best = (rank, (start, end, similarity))
    return None if best is None else best[1]


def _shared_words(found, quote):
    """The share of the quote's words that stand as words in ``found``."""
    words = _WORD.findall(_fold(quote))
    if not words:
        return 1.0
    present = set(_WORD.findall(_fold(found)))
    return sum(1 for word in words if word in present) / len(words)


def _context_similarity(found, expected):
    if not expected:
        return 1.0
    return _agreement(found, expected) / len(expected)


def resolve(selector, paragraphs):
    """Where the passage of ``selector`` lies in ``paragraphs``, or None."""
    if not paragraphs:
        return None
    document = _Document(paragraphs)
    query = _Query(selector, document)
    exact = query.exact
    if not exact:
        return None
    starts = _occurrences(document.text, exact)
    if starts:
        return _pick(query, starts, len(exact))
    lowered = document.text.lower()
    if len(lowered) == len(document.text) and len(exact.lower()) == len(exact):
        starts = _occurrences(lowered, exact.lower())
        if starts:
            return _pick(query, starts, len(exact), method="fuzzy")
    return _fuzzy(query)
