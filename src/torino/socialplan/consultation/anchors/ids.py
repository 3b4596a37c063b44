"""Paragraph ids carried across edits (``carry_ids``).

Identical texts keep their id wherever they moved (each old id once, in
order). The others are aligned in order by a dynamic programme maximising the
sum of difflib ratios (of characters up to 200 characters, of words beyond;
pairs sharing under 20% of their word pairs, or below 0.5, never match), so an
edited paragraph keeps its id, an inserted one gets a new id, and of two
paragraphs that swapped places and were both edited one keeps its id. Ids are
never shared, even by duplicated texts. ``carry_ids`` compares every pair of
remaining paragraphs: tens of milliseconds when all 30 paragraphs of a chapter
changed.
"""

from .paragraphs import Paragraph

import difflib
import re
import secrets


CARRY_THRESHOLD = 0.5
_CHARACTER_RATIO_LENGTH = 200
_TOKEN = re.compile(r"\w+|[^\w\s]")
_MIN_SHARED_PAIRS = 0.2


def random_id():
    return "p-" + secrets.token_hex(4)


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
