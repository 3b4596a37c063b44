"""Anchors for inline comments: paragraphs of a rich text and passages in them.

Pure functions (lxml, diff-match-patch, difflib; no Zope, no Plone), shared by
storage (discussion/paragraphs.py), submission and REST.

Paragraphs
    The innermost blocks of a rendered body (``p``, ``li``, ``h1``-``h6``,
    ``blockquote``, ``pre``, ``td``, ``th``, ``dd``, ``dt``, ``figcaption``...):
    a block holding other blocks (``li > p``, ``blockquote > p``) is not a
    paragraph, its inner blocks are. Loose text beside inner blocks (``<li>Item
    <ul>...</ul></li>``, text at the top level beside a ``<p>``) would belong to
    no paragraph, so each run of it is one too: ``annotate_html`` marks the
    run's only element, or wraps the run in a ``<span>`` (the only markup the
    module adds). A paragraph's text is the element's ``textContent``
    (entities decoded, ``<br>`` adds nothing), whitespace collapsed and
    stripped exactly as JavaScript's ``.replace(/\\s+/g, " ").trim()`` does;
    empty paragraphs are skipped. The document text is the paragraph texts
    joined with "\\n"; offsets are code points. ``annotate_html`` returns
    lxml's serialisation of the fragment: the same tree, though entities may
    come back as characters (``&egrave;`` as "è") and void tags unclosed.

Ids (``carry_ids``)
    Identical texts keep their id wherever they moved (each old id once, in
    order). The others are aligned in order by a dynamic programme maximising
    the sum of difflib ratios (of characters up to 200 characters, of words
    beyond; pairs sharing under 20% of their word pairs, or below 0.5, never
    match), so an edited paragraph keeps its id, an inserted one gets a new id,
    and of two paragraphs that swapped places and were both edited one keeps
    its id. Ids are never shared, even by duplicated texts.

Resolution (``resolve``), after Hypothesis / the W3C TextQuoteSelector
    A passage lies within one paragraph.

    1. Exact: every occurrence of ``exact`` in the document text. A single
       one that both contexts match is the answer; otherwise the best agrees
       most with ``prefix`` and ``suffix`` (edit distance of each to the text
       before / after, across paragraph boundaries, "\\n" read as a space),
       then matches most context characters contiguously, then lies nearest
       ``position.start``, then comes first. Method "exact" when both contexts
       match fully, else "context" (score: the share of quote and context
       still found).
    2. The same ignoring case (when lowering keeps lengths): method "fuzzy".
    3. Fuzzy: Bitap (``match_main``; patterns of at most 32 characters, so a
       longer quote is searched by its head and by its tail, and the spans they
       give are compared) within 400 characters of the expected places
       (``position.start``, where the prefix ends, where the suffix begins),
       then in the three paragraphs holding most of the quote's words. Each
       span is clipped to one paragraph, its edges aligned on the quote with a
       character diff and kept off the middle of words and of combining
       sequences; candidates are ranked as Hypothesis does (quote 50, prefix
       20, suffix 20, position 2) and accepted when their similarity to
       ``exact`` (1 - Levenshtein / length, ignoring case and Unicode normal
       form) is at least 0.75. Method "fuzzy", score the similarity.
    4. Otherwise None: the comment is orphaned.

Limits
    Exact resolution is a few ``str.find`` calls (tens of microseconds on a
    30-paragraph chapter); fuzzy resolution runs pure-Python Bitap (a few
    milliseconds; about 20 ms to give up on a 20,000-character text), so it
    only runs when the quote is gone. A quote of three characters or fewer
    cannot match fuzzily (one error is already 25%). A quote spanning
    paragraphs resolves at most to its part within one, if that part is 75% of
    it. A passage rewritten beyond 25% of its characters, or whose first and
    last 32 characters both changed heavily, is orphaned. A passage found near
    its expected place wins over a better match far away. When a quote appears
    several times and its context was edited too, ``position`` decides, and it
    grows stale as text is inserted before. A quote in another Unicode normal
    form than the text is found only fuzzily. ``carry_ids`` compares every
    pair of remaining paragraphs: tens of milliseconds when all 30 paragraphs
    of a chapter changed.
"""

from collections import namedtuple
from collections.abc import Mapping
from diff_match_patch import diff_match_patch
from lxml import etree
from torino.socialplan import _

import bisect
import difflib
import lxml.html
import re
import secrets
import unicodedata


Paragraph = namedtuple("Paragraph", "id text")
Anchoring = namedtuple("Anchoring", "paragraph start end method score")

MAX_EXACT = 1000
MAX_CONTEXT = 64
CONTEXT_LENGTH = 32
FUZZY_THRESHOLD = 0.75
CARRY_THRESHOLD = 0.5
SELECTOR_KEYS = frozenset(("exact", "prefix", "suffix", "position"))

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator), not Python's: the
# browser computes the same texts and offsets.
_WHITESPACE = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)

# Elements that break the flow of text. Leaves among them are paragraphs.
_BLOCK_NAMES = (
    "address article aside blockquote caption center dd details dialog dir div "
    "dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hgroup hr li main menu nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul"
)
BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())

_MAX_BITS = 32
_LOCAL_WINDOW = 400
_CHARACTER_RATIO_LENGTH = 200
_TOKEN = re.compile(r"\w+|[^\w\s]")
_MIN_SHARED_PAIRS = 0.2
_WORD = re.compile(r"\w+")
# Hypothesis' weights for ranking fuzzy candidates.
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POSITION = 50, 20, 20, 2


class SelectorError(ValueError):
    """A malformed selector or paragraph reference; ``message`` is for users."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def random_id():
    return "p-" + secrets.token_hex(4)


def normalize(text):
    """Collapse whitespace runs to one space and strip, as the browser does."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", text).strip(" ")


# HTML -----------------------------------------------------------------------


class _Run(namedtuple("_Run", "container lead children")):
    """Loose inline content between blocks: ``lead`` is the block before it
    (None: the run starts with ``container.text``)."""

    def text(self):
        head = self.container.text if self.lead is None else self.lead.tail
        parts = [head or ""]
        for child in self.children:
            if isinstance(child.tag, str):
                parts.append(child.text_content())
            parts.append(child.tail or "")
        return "".join(parts)

    def element(self):
        """The element to mark: the run's only element if it has nothing
        around it but whitespace (also what makes annotating idempotent),
        else a new <span> around the run."""
        head = self.container.text if self.lead is None else self.lead.tail
        if (
            len(self.children) == 1
            and isinstance(self.children[0].tag, str)
            and not normalize(head)
            and not normalize(self.children[0].tail)
        ):
            return self.children[0]
        return self.wrap()

    def wrap(self):
        span = self.container.makeelement("span", {})
        if self.lead is None:
            span.text = self.container.text
            self.container.text = None
            self.container.insert(0, span)
        else:
            span.text = self.lead.tail
            self.lead.tail = None
            self.lead.addnext(span)
        for child in self.children:
            span.append(child)  # moves it, with its tail
        return span


def _parse(html):
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _units(root):
    """(element or _Run, normalised text) of each paragraph, in document order."""
    blockish = set()
    for element in root.iterdescendants(*BLOCK_TAGS):
        node = element
        while node is not None and node is not root and node not in blockish:
            blockish.add(node)
            node = node.getparent()
    units = []

    def add_run(container, lead, children):
        run = _Run(container, lead, children)
        text = normalize(run.text())
        if text:
            units.append((run, text))

    def walk(container):
        children = list(container)
        if container is not root and not any(c in blockish for c in children):
            text = normalize(container.text_content())
            if text:
                units.append((container, text))
            return
        lead, run = None, []
        for child in children:
            if child in blockish:
                add_run(container, lead, run)
                walk(child)
                lead, run = child, []
            else:
                run.append(child)
        add_run(container, lead, run)

    walk(root)
    return units


def extract_paragraph_texts(html):
    root = _parse(html)
    if root is None:
        return []
    return [text for _unit, text in _units(root)]


def document_text(paragraphs):
    return "\n".join(p if isinstance(p, str) else p.text for p in paragraphs)


def annotate_html(html, ids):
    """``html`` with ``data-paragraph`` (and ``id`` if missing) on each paragraph."""
    root = _parse(html)
    units = _units(root) if root is not None else []
    if len(ids) != len(units):
        raise ValueError(f"{len(ids)} ids for {len(units)} paragraphs")
    if not units:
        return html or ""
    for (unit, _text), paragraph_id in zip(units, ids, strict=True):
        element = unit.element() if isinstance(unit, _Run) else unit
        element.set("data-paragraph", paragraph_id)
        if not element.get("id"):
            element.set("id", paragraph_id)
    serialized = lxml.html.tostring(root, encoding="unicode")
    # Drop the <div> that fragment_fromstring wrapped around the fragment.
    return serialized[len("<div>") : -len("</div>")]


# Ids ------------------------------------------------------------------------


class _Compared:
    """A paragraph text as ``_ratio`` compares it."""

    __slots__ = ("pairs", "text", "words")

    def __init__(self, text):
        self.text = text
        self.words = _TOKEN.findall(text)
        self.pairs = set(zip(self.words, self.words[1:], strict=False))


def _ratio(a, b):
    """difflib's ratio: of the characters of short texts (a heading with one
    word changed stays similar), of the words of longer ones (matching
    characters is quadratic)."""
    if max(len(a.text), len(b.text)) <= _CHARACTER_RATIO_LENGTH:
        a, b = a.text, b.text
    else:
        # Edited paragraphs keep most word pairs, unrelated ones share few:
        # skip those without running the matcher.
        shared = 2 * len(a.pairs & b.pairs) / max(1, len(a.pairs) + len(b.pairs))
        if shared < _MIN_SHARED_PAIRS:
            return 0.0
        a, b = a.words, b.words
    # autojunk would ignore frequent elements of longer sequences.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < CARRY_THRESHOLD:
        return 0.0
    if matcher.quick_ratio() < CARRY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _align(old, new):
    """Order-preserving pairs (i, j) of ``old`` and ``new`` texts maximising the
    sum of similarities, pairs below CARRY_THRESHOLD excluded."""
    rows, cols = len(old), len(new)
    if not rows or not cols:
        return []
    old = [_Compared(text) for text in old]
    new = [_Compared(text) for text in new]
    ratios = [[_ratio(a, b) for b in new] for a in old]
    best = [[0.0] * (cols + 1) for _i in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            value = max(best[i + 1][j], best[i][j + 1])
            if ratios[i][j] >= CARRY_THRESHOLD:
                value = max(value, ratios[i][j] + best[i + 1][j + 1])
            best[i][j] = value
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        ratio = ratios[i][j]
        if ratio >= CARRY_THRESHOLD and best[i][j] == ratio + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def carry_ids(old, new_texts, new_id=random_id):
    """Paragraphs for ``new_texts``, keeping the ids of ``old`` across edits."""
    ids = [None] * len(new_texts)
    taken = {p.id for p in old}
    used = set()
    by_text = {}
    for paragraph in old:
        by_text.setdefault(paragraph.text, []).append(paragraph.id)
    for index, text in enumerate(new_texts):
        candidates = by_text.get(text)
        while candidates:
            paragraph_id = candidates.pop(0)
            if paragraph_id not in used:
                ids[index] = paragraph_id
                used.add(paragraph_id)
                break
    rest_old, seen = [], set(used)
    for paragraph in old:
        if paragraph.id not in seen:
            seen.add(paragraph.id)
            rest_old.append(paragraph)
    rest_new = [index for index, value in enumerate(ids) if value is None]
    pairs = _align([p.text for p in rest_old], [new_texts[i] for i in rest_new])
    for i, j in pairs:
        ids[rest_new[j]] = rest_old[i].id
        used.add(rest_old[i].id)
    for index, value in enumerate(ids):
        if value is None:
            ids[index] = _fresh_id(new_id, taken | used)
            used.add(ids[index])
    return [Paragraph(i, t) for i, t in zip(ids, new_texts, strict=True)]


def _fresh_id(new_id, taken):
    for _attempt in range(1000):
        value = new_id()
        if value not in taken:
            return value
    raise RuntimeError("new_id keeps returning ids already in use")


# Selectors ------------------------------------------------------------------


def _context(value, before):
    if value is None:
        return ""
    if not isinstance(value, str):
        if before:
            raise SelectorError(_("The text before the passage must be text."))
        raise SelectorError(_("The text after the passage must be text."))
    value = normalize(value)
    if len(value) > MAX_CONTEXT:
        mapping = {"max": MAX_CONTEXT}
        if before:
            raise SelectorError(
                _(
                    "The text before the passage is too long "
                    "(at most ${max} characters).",
                    mapping=mapping,
                )
            )
        raise SelectorError(
            _(
                "The text after the passage is too long (at most ${max} characters).",
                mapping=mapping,
            )
        )
    return value


def _position(value):
    error = SelectorError(
        _(
            "The position of the passage must give a start and an end offset, "
            "with 0 <= start < end."
        )
    )
    if not isinstance(value, Mapping) or set(value) != {"start", "end"}:
        raise error
    start, end = value["start"], value["end"]
    for offset in (start, end):
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise error
    if start < 0 or end <= start:
        raise error
    return {"start": start, "end": end}


def validate_selector(value):
    """The cleaned selector, or SelectorError with a message for the user."""
    if not isinstance(value, Mapping):
        raise SelectorError(
            _("The passage must be an object with the quoted text (exact).")
        )
    unknown = sorted(str(key) for key in set(value) - SELECTOR_KEYS)
    if unknown:
        raise SelectorError(
            _(
                "Unknown properties of the passage: ${names}.",
                mapping={"names": ", ".join(unknown)},
            )
        )
    if "exact" not in value:
        raise SelectorError(_("The quoted passage is missing."))
    exact = value["exact"]
    if not isinstance(exact, str):
        raise SelectorError(_("The quoted passage must be text."))
    # Measured once normalised, but a huge value is refused unread.
    exact = normalize(exact) if len(exact) <= 20 * MAX_EXACT else exact
    if not exact:
        raise SelectorError(_("The quoted passage is empty."))
    if len(exact) > MAX_EXACT:
        raise SelectorError(
            _(
                "The quoted passage is too long (at most ${max} characters).",
                mapping={"max": MAX_EXACT},
            )
        )
    cleaned = {
        "exact": exact,
        "prefix": _context(value.get("prefix"), before=True),
        "suffix": _context(value.get("suffix"), before=False),
    }
    if value.get("position") is not None:
        cleaned["position"] = _position(value["position"])
    return cleaned


def selector_for(paragraphs, paragraph_id, start=None, end=None):
    """A full selector for a paragraph (whole, or ``[start:end]`` of its text).

    The quote is not limited to MAX_EXACT: store it as is, do not validate it.
    """
    offset = 0
    for paragraph in paragraphs:
        if paragraph.id == paragraph_id:
            break
        offset += len(paragraph.text) + 1
    else:
        raise SelectorError(_("This paragraph is not in the current text."))
    text = paragraph.text
    start = 0 if start is None else start
    end = len(text) if end is None else end
    if not 0 <= start < end <= len(text):
        raise SelectorError(_("The passage must lie within the paragraph."))
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if start == end:
        raise SelectorError(_("The quoted passage is empty."))
    return {
        "exact": text[start:end],
        "prefix": normalize(text[max(0, start - CONTEXT_LENGTH) : start]),
        "suffix": normalize(text[end : end + CONTEXT_LENGTH]),
        "position": {"start": offset + start, "end": offset + end},
    }


# Resolution -----------------------------------------------------------------


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
    snap = _is_word(exact[0]) and not _is_word(query.prefix[-1:])
    while start > 0 and (
        _is_mark(text[start])
        or (snap and _is_word(text[start - 1]) and _is_word(text[start]))
    ):
        start -= 1
    snap = _is_word(exact[-1]) and not _is_word(query.suffix[:1])
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
