"""Re-anchoring through an edit: the stored place of a passage is carried
through a character diff of the old text to the new one, never searched for.

When a text is saved both versions are at hand. An anchor stored as (paragraph
id, start, end) in the old paragraphs is mapped, in this order, through:

1. the paragraph that kept its id (edited in place, moved, or untouched);
2. the whole document (a paragraph split inside or merged with its
   neighbour: the edit replaced a paragraph break or added one);
3. a move: the passage's words, deleted where they were, inserted once
   elsewhere by the same edit (a sentence cut and pasted). Only passages of
   two words or more and at least MOVE_MIN_LENGTH characters, whose words
   were unique in the old text, so that a coincidence cannot pass.

The diff (diff-match-patch ``diff_main`` with semantic clean-up, so edits fall
on word boundaries and a rewritten sentence is one change, not a scatter of
shared letters) is read as equal runs and changes. The start of a passage
maps to where its first surviving character now stands, the end after its
last: text inserted inside the passage widens it, text inserted at its edges
or around it only moves it, and a word replaced inside it or at its edges is
part of the passage as it now reads. A change that straddles an edge (part
inside, part outside) is cut in proportion, at a word boundary. A comment on
a whole paragraph stays on the whole paragraph.

A passage is orphaned when less than KEEP_THRESHOLD (60%) of its characters
come through the edit unchanged: a passage rewritten, mostly deleted, or whose
paragraph is gone. The share is of the old passage's characters, so a long
insertion inside a passage (which keeps all its words) never orphans it,
while replacing the words does. Measured on tests/anchors/corpus (make bench).
"""

from .paragraphs import Paragraph
from .resolution import Anchoring
from .resolution import resolve
from diff_match_patch import diff_match_patch

import bisect


KEEP_THRESHOLD = 0.6
SEARCHED_EXACTLY = ("exact", "context")
MOVE_MIN_LENGTH = 12
_DIFF_TIMEOUT = 0.5
_EQUAL, _CHANGE = "=", "~"
# Not U+2018 and U+2019: the closing one is also the apostrophe (dell'economia).
_PAIRS = ("\u00ab\u00bb", "\u201c\u201d", "()", "[]")


def _diff(old, new):
    """Runs of ``old`` → ``new``: ("=", a, b, c, d) for old[a:b] == new[c:d],
    ("~", a, b, c, d) for old[a:b] replaced by new[c:d] (either may be empty)."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = _DIFF_TIMEOUT
    diffs = dmp.diff_main(old, new, False)
    dmp.diff_cleanupSemantic(diffs)
    runs, o, n = [], 0, 0
    for op, text in diffs:
        length = len(text)
        if op == dmp.DIFF_EQUAL:
            runs.append((_EQUAL, o, o + length, n, n + length))
            o, n = o + length, n + length
            continue
        if not runs or runs[-1][0] != _CHANGE:
            runs.append((_CHANGE, o, o, n, n))
        _kind, a, b, c, d = runs[-1]
        if op == dmp.DIFF_DELETE:
            b, o = b + length, o + length
        else:
            d, n = d + length, n + length
        runs[-1] = (_CHANGE, a, b, c, d)
    return runs


def _is_word(char):
    return char.isalnum()


def _map_start(runs, new, s):
    for kind, a, b, c, d in runs:
        if a <= s < b:
            if kind == _EQUAL or s == a:
                return c + (s - a)
            # Straddling change: cut in proportion, then take the whole word.
            x = c + round((s - a) * (d - c) / (b - a))
            while 0 < x < len(new) and _is_word(new[x - 1]) and _is_word(new[x]):
                x -= 1
            return x
    return len(new)


def _map_end(runs, new, e):
    for kind, a, b, c, d in runs:
        if a < e <= b:
            if kind == _EQUAL:
                return c + (e - a)
            if e == b:
                return d
            x = c + round((e - a) * (d - c) / (b - a))
            while 0 < x < len(new) and _is_word(new[x - 1]) and _is_word(new[x]):
                x += 1
            return x
    return 0


def _kept(runs, s, e, within=None):
    """The share of old[s:e] that comes through the edit unchanged (and lands
    in the new span ``within``, if given)."""
    kept = 0
    for kind, a, b, c, _d in runs:
        if kind != _EQUAL or a >= e or b <= s:
            continue
        low, high = max(a, s), min(b, e)
        if within is not None:
            # The same characters in the new text, clipped to the new span.
            low, high = c + (low - a), c + (high - a)
            low, high = max(low, within[0]), min(high, within[1])
        kept += max(0, high - low)
    return kept / max(1, e - s)


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


def _through(runs, new, s, e):
    """(start, end, kept share) of old[s:e] in ``new``, spaces trimmed."""
    start, end = _map_start(runs, new, s), _map_end(runs, new, e)
    while start < end and new[start].isspace():
        start += 1
    while end > start and new[end - 1].isspace():
        end -= 1
    if end > start:
        start, end = _balanced(new, start, end)
    return start, end, _kept(runs, s, e)


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


class Edit:
    """One save of a text: ``place`` carries a stored passage through it."""

    def __init__(self, before, after):
        self.before = _Text(before)
        self.after = _Text(after)
        self._paragraph_runs = {}
        self._document_runs = None

    def _runs_in_paragraph(self, paragraph_id):
        if paragraph_id not in self._paragraph_runs:
            old = self.before.paragraphs[self.before.index[paragraph_id]].text
            new = self.after.paragraphs[self.after.index[paragraph_id]].text
            self._paragraph_runs[paragraph_id] = _diff(old, new)
        return self._paragraph_runs[paragraph_id]

    def _runs_in_document(self):
        if self._document_runs is None:
            self._document_runs = _diff(self.before.text, self.after.text)
        return self._document_runs

    def place(self, paragraph_id, start, end):
        """Where the passage ``[start, end)`` of the old paragraph
        ``paragraph_id`` now lies (method "mapped", score the share kept), or
        None: orphaned. KeyError if the paragraph was not in the old text."""
        old = self.before.paragraphs[self.before.index[paragraph_id]].text
        if not 0 <= start < end <= len(old):
            raise KeyError(paragraph_id)
        whole = start == 0 and end == len(old)
        found = None
        if paragraph_id in self.after.index:
            new = self.after.paragraphs[self.after.index[paragraph_id]].text
            s, e, kept = _through(
                self._runs_in_paragraph(paragraph_id), new, start, end
            )
            if whole:
                s, e = 0, len(new)
            if e > s and kept >= KEEP_THRESHOLD:
                found = Anchoring(paragraph_id, s, e, "mapped", kept)
        if found is None:
            found = self._through_document(paragraph_id, start, end)
        if found is None:
            found = self._moved(paragraph_id, start, end)
        return found

    def _through_document(self, paragraph_id, start, end):
        offset = self.before.starts[self.before.index[paragraph_id]]
        s, e = offset + start, offset + end
        runs = self._runs_in_document()
        new_s, new_e, _kept_share = _through(runs, self.after.text, s, e)
        located = self.after.locate(new_s, new_e) if new_e > new_s else None
        if located is None:
            return None
        # Of a passage now split across paragraphs only the larger part
        # counts, and only what of the passage survives inside it.
        index, low, high = located
        origin = self.after.starts[index]
        kept = _kept(runs, s, e, within=(origin + low, origin + high))
        if kept < KEEP_THRESHOLD:
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
        runs = self._runs_in_document()
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


def reanchor(selector, location, before, after, edit=None, orphaned=False):
    """Where a comment's passage lies in ``after``, the paragraphs saved by an
    edit of ``before``: mapped from ``location`` (paragraph id, start, end in
    ``before``) when it has one there. Without one (never placed, imported) it
    is searched for by its quote, fuzzily; an ``orphaned`` passage comes back
    only where its quote stands again word for word (an edit undone). None:
    orphaned. ``edit`` shares the diffs between the comments of one save."""
    place = None if orphaned else _place_of(location, before)
    if place is not None:
        return (edit or Edit(before, after)).place(*place)
    found = resolve(selector, after)
    if found is not None and orphaned and found.method not in SEARCHED_EXACTLY:
        return None
    return found
